import { CronJob, Deployment, isZoneFilePath, Timezone } from '../../src';
import { chart, find, podSpec, task, web } from './util';

describe('H28 timezone', () => {
  test("a zone mounts the node's zone file read-only at /etc/localtime in every container, and sets TZ", () => {
    const c = chart();
    new Deployment(c, 'D', { timezone: Timezone.zone('Asia/Shanghai'), initContainers: [{ ...task({ name: 'init' }) }], containers: [web()] });
    const spec = podSpec(find(c, 'Deployment'));
    expect(spec.volumes).toContainEqual({ name: 'podsmith-timezone', hostPath: { path: '/usr/share/zoneinfo/Asia/Shanghai', type: 'File' } });
    for (const ctr of [...spec.initContainers, ...spec.containers]) {
      expect(ctr.volumeMounts).toContainEqual({ name: 'podsmith-timezone', mountPath: '/etc/localtime', readOnly: true });
      expect(ctr.env).toContainEqual({ name: 'TZ', value: 'Asia/Shanghai' });
    }
    // the zone file is not a risky hostPath: no opt-in needed, nothing ignored
    expect(find(c, 'Deployment').metadata.annotations['podsmith.dev/ignore']).toBeUndefined();
    expect(isZoneFilePath('/usr/share/zoneinfo/Asia/Shanghai')).toBe(true);
    expect(isZoneFilePath('/usr/share/zoneinfo/../../etc/shadow')).toBe(false);
  });

  test("node() mounts the node's /etc/localtime; env() only sets TZ", () => {
    const c = chart();
    new Deployment(c, 'A', { name: 'a', timezone: Timezone.node(), containers: [web()] });
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
  });
});
