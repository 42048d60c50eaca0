/**
 * Issue 12: generated names fit their kind, and JavaScript callers' mistakes fail at
 * construction with one line (TypeScript would have refused them; JavaScript did not, and
 * `replica: 5` became 2 replicas, `cpu: { requests }` the default, and no props a TypeError).
 */
import { App, Chart, Testing } from 'cdk8s';
import { testApp } from '../support/test-app';
import { CronJob, Deployment, PodsmithError, StatefulSet } from '../../src';
import { task, web } from '../handbook/util';

const LONG = 'payments-platform-reporting-and-reconciliation-batch';

function oneLineError(f: () => unknown): PodsmithError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PodsmithError);
    expect((e as Error).message).not.toContain('\n');
    return e as PodsmithError;
  }
  throw new Error('expected a PodsmithError');
}

describe('generated names fit each kind', () => {
  test('a CronJob without name under a long chart id gets at most 52 characters, with a hash suffix', () => {
    const c = new Chart(testApp(), LONG);
    const job = new CronJob(c, 'NightlyLedgerExport', { schedule: '0 2 * * *', containers: [task()] });
    expect(job.name.length).toBeLessThanOrEqual(52);
    expect(job.name).toMatch(/-[0-9a-f]{8}$/);
    expect(Testing.synth(c)[0].metadata.labels['app.kubernetes.io/name']).toBe(job.name);
  });

  test.each([['StatefulSet', 52], ['Deployment', 63]] as const)('a generated %s name has at most %i characters', (kind, max) => {
    const c = new Chart(testApp(), `${LONG}-${LONG}`);
    const w = kind === 'StatefulSet'
      ? new StatefulSet(c, 'LedgerDatabaseWithAVeryLongConstructId', { containers: [web()] })
      : new Deployment(c, 'LedgerDatabaseWithAVeryLongConstructId', { containers: [web()] });
    expect(w.name.length).toBeLessThanOrEqual(max);
    expect(w.name.length).toBeGreaterThan(40);
  });

  test('names are stable across syntheses and unique where truncation makes prefixes equal', () => {
    const make = () => {
      const c = new Chart(new App(), LONG);
      return [
        new CronJob(c, 'NightlyLedgerExportForRegionEuropeWest', { schedule: '0 2 * * *', containers: [task()] }).name,
        new CronJob(c, 'NightlyLedgerExportForRegionEuropeEast', { schedule: '0 2 * * *', containers: [task()] }).name,
      ];
    };
    const [a, b] = make();
    expect(make()).toEqual([a, b]);
    expect(a).not.toBe(b);
  });
});

describe('props are checked at run time (JavaScript callers)', () => {
  const c = () => new Chart(testApp(), 'test');
  test('an unknown prop gets a did-you-mean', () => {
    const e = oneLineError(() => new Deployment(c(), 'W', { replica: 5, containers: [web()] } as any));
    expect(e.message).toBe("test/W: replica: is not a prop of a Deployment; fix: did you mean 'replicas'?");
  });

  test('a misspelt nested prop names its full path', () => {
    const e = oneLineError(() => new Deployment(c(), 'W', { containers: [web({ resources: { cpu: { requests: '2' } } as any })] }));
    expect(e.message).toBe("test/W: containers[0].resources.cpu.requests: is not a prop of a { request, limit } object; fix: did you mean 'request'?");
  });

  test('a wrong type names the prop and the type expected', () => {
    const e = oneLineError(() => new Deployment(c(), 'W', { replicas: '5', containers: [web()] } as any));
    expect(e.message).toBe("test/W: replicas: must be a number, got the string '5'; fix: pass a number");
  });

  test('no props is a one-line error, not a TypeError', () => {
    const e = oneLineError(() => new (Deployment as any)(c(), 'W'));
    expect(e.message).toMatch(/^test\/W: props: a Deployment needs props, got none; fix: pass at least \{ containers: /);
    expect(oneLineError(() => new (CronJob as any)(c(), 'J', { containers: [task()] })).message).toMatch(/^test\/J: schedule: is required for a CronJob/);
  });

  test('a container without image is a one-line error', () => {
    expect(oneLineError(() => new Deployment(c(), 'W', { containers: [{ name: 'web' }] } as any)).message)
      .toBe('test/W: containers[0].image: is required for a container object; fix: give the image');
  });

  test("timezone: 'Europe/Berlin' as a string names Timezone.zone()", () => {
    const e = oneLineError(() => new Deployment(c(), 'W', { timezone: 'Europe/Berlin', containers: [web()] } as any));
    expect(e.message).toBe("test/W: timezone: must be a Timezone, got the string 'Europe/Berlin'; fix: use Timezone.zone('Europe/Berlin') (or Timezone.env('Europe/Berlin'))");
  });
});
