import { CronJob, Deployment, isZoneFilePath, Timezone } from '../../src';
import { validateObjects } from '../../src/validate';
import { Testing } from 'cdk8s';
import { chart, find, podSpec, task, web } from './util';

describe('H28 timezone', () => {
  test('a zone sets TZ in every container and mounts nothing, so the Pod Security baseline admits it', () => {
    const c = chart();
    new Deployment(c, 'D', { timezone: Timezone.zone('Asia/Shanghai'), initContainers: [{ ...task({ name: 'init' }) }], containers: [web()] });
    const spec = podSpec(find(c, 'Deployment'));
    expect(spec.volumes ?? []).not.toContainEqual(expect.objectContaining({ name: 'podsmith-timezone' }));
    for (const ctr of [...spec.initContainers, ...spec.containers]) {
      expect(ctr.env).toContainEqual({ name: 'TZ', value: 'Asia/Shanghai' });
      expect(ctr.volumeMounts ?? []).not.toContainEqual(expect.objectContaining({ mountPath: '/etc/localtime' }));
    }
    const report = validateObjects(Testing.synth(c).map((object) => ({ object })), { profile: 'baseline' });
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([]);
  });

  test("hostZone() mounts the node's zone file read-only at /etc/localtime in every container, and sets TZ", () => {
    const c = chart();
    new Deployment(c, 'D', { timezone: Timezone.hostZone('Asia/Shanghai', { allowHostPath: true }), initContainers: [{ ...task({ name: 'init' }) }], containers: [web()] });
    const spec = podSpec(find(c, 'Deployment'));
    expect(spec.volumes).toContainEqual({ name: 'podsmith-timezone', hostPath: { path: '/usr/share/zoneinfo/Asia/Shanghai', type: 'File' } });
    for (const ctr of [...spec.initContainers, ...spec.containers]) {
      expect(ctr.volumeMounts).toContainEqual({ name: 'podsmith-timezone', mountPath: '/etc/localtime', readOnly: true });
      expect(ctr.env).toContainEqual({ name: 'TZ', value: 'Asia/Shanghai' });
    }
    // the zone file is not a risky hostPath for the default rules: nothing ignored
    expect(find(c, 'Deployment').metadata.annotations['podsmith.dev/ignore']).toBeUndefined();
    expect(isZoneFilePath('/usr/share/zoneinfo/Asia/Shanghai')).toBe(true);
    expect(isZoneFilePath('/usr/share/zoneinfo/../../etc/shadow')).toBe(false);
    // but the baseline profile refuses it, as a namespace enforcing baseline would
    const report = validateObjects(Testing.synth(c).map((object) => ({ object })), { profile: 'baseline' });
    expect(report.findings.some((f) => f.severity === 'error' && /hostPath/i.test(`${f.path} ${f.message}`))).toBe(true);
  });

  test('a hostPath time zone is an explicit opt-in whose error names the Pod Security level', () => {
    expect(() => Timezone.node({} as any)).toThrow(/Timezone\.node.*allowHostPath.*Pod Security level privileged/);
    expect(() => Timezone.hostZone('Europe/Berlin', { allowHostPath: false })).toThrow(/allowHostPath.*privileged.*Timezone\.zone/);
  });

  test("node() mounts the node's /etc/localtime; env() only sets TZ", () => {
    const c = chart();
    new Deployment(c, 'A', { name: 'a', timezone: Timezone.node({ allowHostPath: true }), containers: [web()] });
    new Deployment(c, 'B', { name: 'b', timezone: Timezone.env('Europe/Berlin'), containers: [web()] });
    expect(podSpec(find(c, 'Deployment', 'a')).volumes[0].hostPath.path).toBe('/etc/localtime');
    const b = podSpec(find(c, 'Deployment', 'b'));
    expect(b.volumes).toBeUndefined();
    expect(b.containers[0].env).toEqual([{ name: 'TZ', value: 'Europe/Berlin' }]);
  });

  test('a CronJob schedule can be read in a zone; bad zone names fail', () => {
    const c = chart();
    new CronJob(c, 'C', { schedule: '0 3 * * *', scheduleTimeZone: 'Asia/Shanghai', containers: [task()] });
    expect(find(c, 'CronJob').spec.timeZone).toBe('Asia/Shanghai');
    expect(() => Timezone.zone('../etc/shadow')).toThrow(/is not a zone name/);
    expect(() => Timezone.hostZone('../etc/shadow', { allowHostPath: true })).toThrow(/Timezone\.hostZone.*is not a zone name/);
  });
});
