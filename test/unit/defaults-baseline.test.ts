/**
 * Issue 11, part 3: what each construct emits by default passes the Pod Security baseline level
 * (and restricted, which the handbook's defaults also meet): no error under --profile.
 */
import { Testing } from 'cdk8s';
import { CronJob, DaemonSet, Deployment, Job, Pod, Probe, StatefulSet, Timezone } from '../../src';
import { validateObjects } from '../../src/validate';
import { chart, task, web } from '../handbook/util';

const cases: [string, (c: any) => void][] = [
  ['Deployment', (c) => new Deployment(c, 'X', { name: 'x', containers: [web()] })],
  ['Deployment with a time zone', (c) => new Deployment(c, 'X', { name: 'x', timezone: Timezone.zone('Asia/Shanghai'), containers: [web()] })],
  ['StatefulSet', (c) => new StatefulSet(c, 'X', { name: 'x', containers: [web()] })],
  ['DaemonSet', (c) => new DaemonSet(c, 'X', { name: 'x', containers: [web({ probe: Probe.tcpSocket('http') })] })],
  ['Job', (c) => new Job(c, 'X', { name: 'x', containers: [task()] })],
  ['CronJob', (c) => new CronJob(c, 'X', { name: 'x', schedule: '*/5 * * * *', containers: [task()] })],
  ['bare Pod (bareProd)', (c) => new Pod(c, 'X', { name: 'x', bareProd: true, containers: [web()] })],
];

describe.each(['baseline', 'restricted'] as const)('the constructs\' defaults pass the Pod Security %s level', (profile) => {
  test.each(cases)('%s', (_name, make) => {
    const c = chart();
    make(c);
    const report = validateObjects(Testing.synth(c).map((object) => ({ object })), { profile });
    const problems = report.findings.filter((f) => !f.suppressed && f.severity !== 'info');
    expect(problems.map((f) => `${f.severity} ${f.rule} ${f.object.kind}/${f.object.name} ${f.path}: ${f.message}`)).toEqual([]);
  });
});

test('the profile is not vacuous: the opt-in hostPath time zone fails baseline', () => {
  const c = chart();
  new Deployment(c, 'X', { name: 'x', timezone: Timezone.node({ allowHostPath: true }), containers: [web()] });
  const report = validateObjects(Testing.synth(c).map((object) => ({ object })), { profile: 'baseline' });
  expect(report.summary.errors).toBeGreaterThan(0);
});
