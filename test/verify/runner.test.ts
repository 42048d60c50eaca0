/** The runner's pure helpers: a hanging check's own timeout, merging verdicts, parsing what was read. */
import { parseText } from '../../src/validate';
import { planRun } from '../../src/verify/plan';
import { applicableChecks, combine, parseCgroup, runWithTimeout, Skip, unhealthyByPod } from '../../src/verify/runner';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('a check that hangs', () => {
  test('is failed by its own timeout, with what it had observed', async () => {
    const t0 = Date.now();
    const v = await runWithTimeout(100, async (note) => {
      note('nslookup db-0.db.ns.svc.cluster.local: resolved to nothing');
      return new Promise(() => undefined);
    });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(v).toEqual({ status: 'failed', detail: 'check timed out after 0s; observed: nslookup db-0.db.ns.svc.cluster.local: resolved to nothing' });
  });
  test('an exception is a failure with the observations; Skip is skipped', async () => {
    expect(await runWithTimeout(1000, async (note) => { note('read x'); throw new Error('exec failed'); })).toEqual({ status: 'failed', detail: 'exec failed; observed: read x' });
    expect(await runWithTimeout(1000, async () => { throw new Skip('no shell'); })).toEqual({ status: 'skipped', detail: 'no shell' });
  });
});

test('combine: any failure fails; passes summarised per Pod', () => {
  expect(combine([{ status: 'passed', detail: 'a' }, { status: 'passed', detail: 'b' }], 2)).toEqual({ status: 'passed', detail: '2 Pods: a' });
  expect(combine([{ status: 'passed', detail: 'a' }, { status: 'failed', detail: 'b' }], 2)).toEqual({ status: 'failed', detail: 'b' });
  expect(combine([{ status: 'passed', detail: 'c1: a' }, { status: 'passed', detail: 'c2: b' }], 1).detail).toBe('c1: a; c2: b');
  expect(combine([], 0).status).toBe('skipped');
});

test('cgroup readings, v1 and v2', () => {
  expect(parseCgroup('v1\n67108864\n50000\n100000\n')).toEqual({ version: 1, memory: '67108864', cpuQuota: '50000', cpuPeriod: '100000' });
  expect(parseCgroup('v2\nmax\nmax 100000\n')).toEqual({ version: 2, memory: 'max', cpuQuota: 'max', cpuPeriod: '100000' });
});

test('Unhealthy readiness events counted per Pod and container', () => {
  const ev = (name: string, count: number, message = 'Readiness probe failed: refused') => ({ reason: 'Unhealthy', message, count, involvedObject: { name, fieldPath: 'spec.containers{httpd}' } });
  expect(unhealthyByPod([ev('p1', 3), ev('p1', 2), ev('p2', 1), ev('p2', 9, 'Liveness probe failed: x'), { reason: 'Pulled', involvedObject: { name: 'p1' } }])).toEqual({
    p1: { httpd: { count: 5, message: 'Readiness probe failed: refused' } },
    p2: { httpd: { count: 1, message: 'Readiness probe failed: refused' } },
  });
});

test('the checks the example app declares', () => {
  const plan = planRun(parseText(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'verify', 'example-app.yaml'), 'utf8'), 'x'), 'r');
  const of = (ref: string) => applicableChecks(plan.objects.find((o) => o.ref === ref)!, plan);
  expect(of('Deployment/web')).toEqual(['applied', 'probes-ready', 'qos-class', 'image-pull-policy', 'cgroup-limits', 'dns-policy', 'init-containers-completed-in-order', 'host-aliases', 'sysctls', 'timezone', 'downward-api', 'priority', 'graceful-termination']);
  expect(of('StatefulSet/db')).toContain('fqdn-resolves');
  expect(of('PodDisruptionBudget/web')).toEqual(['applied', 'eviction-beyond-pdb-refused']);
  expect(of('CronJob/report')).toContain('job-completed');
  expect(of('Service/db')).toEqual(['applied']);
});
