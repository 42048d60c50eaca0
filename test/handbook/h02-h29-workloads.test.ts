import { CronJob, DaemonSet, Deployment, Job, NAME_LABEL, Pod, StatefulSet } from '../../src';
import { chart, find, podSpec, synth, task, web } from './util';

describe('H2/H29 controllers, not bare Pods', () => {
  test('every controller kind renders with the selector label on itself, its selector and its Pods', () => {
    const c = chart();
    new Deployment(c, 'D', { name: 'd', containers: [web()] });
    new StatefulSet(c, 'S', { name: 's', containers: [web()] });
    new DaemonSet(c, 'DS', { name: 'ds', containers: [web()] });
    new Job(c, 'J', { name: 'j', containers: [task()] });
    new CronJob(c, 'CJ', { name: 'cj', schedule: '0 * * * *', containers: [task()] });
    for (const [kind, name] of [['Deployment', 'd'], ['StatefulSet', 's'], ['DaemonSet', 'ds'], ['Job', 'j'], ['CronJob', 'cj']]) {
      const o = find(c, kind, name);
      expect(o.metadata.labels[NAME_LABEL]).toBe(name);
      const template = kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template;
      expect(template.metadata.labels[NAME_LABEL]).toBe(name);
      if (o.spec.selector) expect(o.spec.selector.matchLabels).toEqual({ [NAME_LABEL]: name });
    }
  });

  test('a bare Pod is refused without bareProd, naming the prop and the fix', () => {
    const c = chart();
    expect(() => new Pod(c, 'P', { containers: [web()] } as any))
      .toThrow("test/P: bareProd: a bare Pod is not recreated when its node dies (H2); fix: use a Deployment, StatefulSet, DaemonSet, Job or CronJob, or set bareProd: true");
  });

  test('a bare Pod with bareProd is annotated as an explicit opt-in', () => {
    const c = chart();
    new Pod(c, 'P', { name: 'p', bareProd: true, containers: [web()] });
    const o = find(c, 'Pod', 'p');
    expect(o.metadata.annotations['podsmith.dev/ignore']).toBe('pod.bare');
    expect(o.metadata.annotations['podsmith.dev/opt-in']).toBe('bareProd');
    expect(o.metadata.labels[NAME_LABEL]).toBe('p');
    expect(o.spec.restartPolicy).toBe('Always');
  });

  test('controllers that keep Pods running refuse a restartPolicy other than Always', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], restartPolicy: 'OnFailure' }))
      .toThrow(/restartPolicy: a Deployment keeps its Pods running: restartPolicy must be Always/);
    expect(() => new Job(chart(), 'J', { containers: [task()], restartPolicy: 'Always' }))
      .toThrow(/restartPolicy: a Job runs to completion: restartPolicy must be OnFailure or Never/);
  });

  test('Jobs default to OnFailure and an explicit backoffLimit; CronJobs to Forbid', () => {
    const c = chart();
    new Job(c, 'J', { name: 'j', containers: [task()] });
    new CronJob(c, 'CJ', { name: 'cj', schedule: '@hourly', containers: [task()] });
    const j = find(c, 'Job', 'j');
    expect(podSpec(j).restartPolicy).toBe('OnFailure');
    expect(j.spec.backoffLimit).toBe(6);
    expect(j.metadata.annotations['podsmith.dev/defaults']).toContain('backoffLimit');
    const cj = find(c, 'CronJob', 'cj');
    expect(cj.spec.concurrencyPolicy).toBe('Forbid');
    expect(podSpec(cj).restartPolicy).toBe('OnFailure');
  });

  test('a bad cron schedule and a bad name fail at construction', () => {
    expect(() => new CronJob(chart(), 'CJ', { schedule: 'every minute', containers: [task()] }))
      .toThrow("test/CJ: schedule: 'every minute' is not a valid cron schedule: expected exactly 5 fields, found 2: [every minute]; fix: use five fields such as '*/5 * * * *', or '@hourly'");
    // field ranges, as the API server checks them
    expect(() => new CronJob(chart(), 'CJ', { schedule: '61 * * * *', containers: [task()] }))
      .toThrow("test/CJ: schedule: '61 * * * *' is not a valid cron schedule: end of range (61) above maximum (59): 61; fix: use five fields such as '*/5 * * * *', or '@hourly'");
    expect(() => new CronJob(chart(), 'CJ', { schedule: 'TZ=UTC 0 3 * * *', containers: [task()] }))
      .toThrow(/schedule: .* refused by the API server; fix: drop the TZ= prefix and set scheduleTimeZone/);
    expect(() => new CronJob(chart(), 'CJ', { schedule: '@daily', scheduleTimeZone: 'Mars/Olympus', containers: [task()] }))
      .toThrow("test/CJ: scheduleTimeZone: 'Mars/Olympus': unknown time zone Mars/Olympus; fix: use an IANA zone such as 'Europe/Berlin'");
    expect(() => new CronJob(chart(), 'CJ', { schedule: '@daily', scheduleTimeZone: 'Europe/Berlin', containers: [task()] })).not.toThrow();
    expect(() => new Deployment(chart(), 'D', { name: 'Web_1', containers: [web()] })).toThrow(/name: 'Web_1' must be a DNS-1123 subdomain/);
    expect(() => new Deployment(chart(), 'D', { replicas: -1, containers: [web()] })).toThrow(/replicas: must be a whole number ≥ 0/);
    // the name is also a label value (≤ 63); StatefulSets and CronJobs append 11 characters
    expect(() => new Deployment(chart(), 'D', { name: 'a'.repeat(64), containers: [web()] }))
      .toThrow(`test/D: name: '${'a'.repeat(64)}' is 64 characters; a Deployment name may have at most 63; fix: shorten it (it is also the app.kubernetes.io/name label value)`);
    expect(() => new Deployment(chart(), 'D', { name: 'a'.repeat(63), containers: [web()] })).not.toThrow();
    expect(() => new StatefulSet(chart(), 'S', { name: 'a'.repeat(53), containers: [web()] })).toThrow(/a StatefulSet name may have at most 52; fix: .*controller-revision-hash label add 11 characters/);
  });

  test('the default name is a DNS label made from the construct path', () => {
    const c = chart();
    const d = new Deployment(c, 'Web', { containers: [web()] });
    expect(d.name).toMatch(/^test-web-c8[0-9a-f]+$/);
    expect(synth(c).filter((o) => o.kind === 'Deployment')).toHaveLength(1);
  });
});
