/**
 * DESIGN principle: what the constructs emit by default validates clean (no error, no warning)
 * under the default rule set. A rule that fires on a construct's defaults is wrong, or the
 * default is.
 */
import { Testing } from 'cdk8s';
import {
  CronJob, DaemonSet, Deployment, Job, Pod, PriorityClass, Probe, RegistrySecret, ServiceAccount, StatefulSet, Timezone, Volume,
} from '../../src';
import { validateObjects } from '../../src/validate';
import { chart, task, web } from '../handbook/util';

const cases: [string, (c: any) => void][] = [
  ['Deployment', (c) => new Deployment(c, 'X', { name: 'x', containers: [web()] })],
  ['Deployment with one replica', (c) => new Deployment(c, 'X', { name: 'x', replicas: 1, containers: [web()] })],
  ['StatefulSet', (c) => new StatefulSet(c, 'X', { name: 'x', containers: [web()] })],
  ['DaemonSet', (c) => new DaemonSet(c, 'X', { name: 'x', containers: [web({ probe: Probe.tcpSocket('http') })] })],
  ['Job', (c) => new Job(c, 'X', { name: 'x', containers: [task()] })],
  ['CronJob', (c) => new CronJob(c, 'X', { name: 'x', schedule: '*/5 * * * *', containers: [task()] })],
  ['bare Pod (opted in)', (c) => new Pod(c, 'X', { name: 'x', bareProd: true, containers: [web()] })],
  ['every Pod-level feature', (c) => {
    const pc = new PriorityClass(c, 'P', { name: 'high', value: 1000 });
    const secret = new RegistrySecret(c, 'R', { name: 'reg', server: 'r.example.com', username: 'u', password: 'p' });
    new ServiceAccount(c, 'SA', { name: 'sa', imagePullSecrets: [secret] });
    const data = Volume.emptyDir('data', { sizeLimit: '64Mi' });
    new Deployment(c, 'X', {
      name: 'x',
      replicas: 3,
      priorityClass: pc,
      serviceAccountName: 'sa',
      imagePullSecrets: [secret],
      timezone: Timezone.zone('Asia/Shanghai'),
      hostAliases: [{ ip: '192.0.2.10', hostnames: ['legacy.example.internal'] }],
      sysctls: { 'net.ipv4.ip_local_port_range': '20000 40000' },
      bandwidth: { ingress: '10M', egress: '10M' },
      dns: { options: { ndots: '2' } },
      scheduling: { nodeSelector: { disktype: 'ssd' }, tolerations: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }] },
      volumes: [data],
      initContainers: [task({ name: 'setup', mounts: [{ volume: data, path: '/data' }] })],
      sidecars: [web({ name: 'proxy', ports: [{ number: 15001, name: 'proxy' }] })],
      containers: [web({ mounts: [{ volume: data, path: '/data', readOnly: true }] })],
    });
  }],
];

describe("the constructs' defaults validate clean", () => {
  test.each(cases)('%s', (_name, make) => {
    const c = chart();
    make(c);
    const report = validateObjects(Testing.synth(c).map((object) => ({ object })));
    const noisy = report.findings.filter((f) => !f.suppressed && f.severity !== 'info');
    expect(noisy.map((f) => `${f.severity} ${f.rule} ${f.object.kind}/${f.object.name} ${f.path}: ${f.message}`)).toEqual([]);
  });
});
