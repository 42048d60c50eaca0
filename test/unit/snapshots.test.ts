import { Testing } from 'cdk8s';
import { testApp } from '../support/test-app';
import {
  CronJob, DaemonSet, Deployment, HeadlessService, Job, Pod, PodDisruptionBudget, PriorityClass, Probe, RegistrySecret, ServiceAccount, StatefulSet, Timezone,
} from '../../src';
import { ExampleChart } from '../../src/main';
import { chart, task, web } from '../handbook/util';

describe('snapshots', () => {
  test('the example app', () => {
    const app = testApp();
    expect(Testing.synth(new ExampleChart(app, 'podsmith-example'))).toMatchSnapshot();
  });

  test.each([
    ['Deployment', (c: any) => new Deployment(c, 'X', { name: 'x', containers: [web()] })],
    ['StatefulSet', (c: any) => new StatefulSet(c, 'X', { name: 'x', containers: [web()] })],
    ['DaemonSet', (c: any) => new DaemonSet(c, 'X', { name: 'x', containers: [web({ probe: Probe.tcpSocket('http') })] })],
    ['Job', (c: any) => new Job(c, 'X', { name: 'x', containers: [task()] })],
    ['CronJob', (c: any) => new CronJob(c, 'X', { name: 'x', schedule: '*/5 * * * *', containers: [task()] })],
    ['Pod', (c: any) => new Pod(c, 'X', { name: 'x', bareProd: true, timezone: Timezone.node({ allowHostPath: true }), containers: [web()] })],
    ['PriorityClass', (c: any) => new PriorityClass(c, 'X', { name: 'x', value: 10 })],
    ['PodDisruptionBudget', (c: any) => new PodDisruptionBudget(c, 'X', { name: 'x', selector: { app: 'x' }, minAvailable: 1 })],
    ['HeadlessService', (c: any) => new HeadlessService(c, 'X', { name: 'x', selector: { app: 'x' }, ports: [{ port: 80 }] })],
    ['RegistrySecret', (c: any) => new RegistrySecret(c, 'X', { name: 'x', server: 'r.example.com', username: 'u', password: 'p' })],
    ['ServiceAccount', (c: any) => new ServiceAccount(c, 'X', { name: 'x', imagePullSecrets: ['x'] })],
  ])('%s', (_kind, make) => {
    const c = chart();
    make(c);
    expect(Testing.synth(c)).toMatchSnapshot();
  });
});
