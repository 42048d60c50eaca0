/**
 * Issue 12: the workload features users reach for first, each rendered as the API expects and
 * validated clean by podsmith's own three layers.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import { testApp } from '../support/test-app';
import { DaemonSet, Deployment, DeploymentStrategy, EnvFrom, Service, StatefulSet, Volume } from '../../src';
import { validateObjects } from '../../src/validate';
import { web } from '../handbook/util';

const chart = () => new Chart(testApp(), 'test');
/** Synthesizes and requires no finding (mounts of volumeClaimTemplates included: the API server adds them as volumes). */
function clean(c: Chart): any[] {
  const out = Testing.synth(c);
  const report = validateObjects(out.map((object) => ({ object })));
  expect(report.findings.filter((f) => !f.suppressed && f.severity !== 'info').map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  return out;
}

describe('workload features', () => {
  test('StatefulSet volumeClaimTemplates: per-replica storage, mounted by name', () => {
    const c = chart();
    new StatefulSet(c, 'Db', {
      name: 'db',
      volumeClaimTemplates: [{ name: 'data', storage: '1Gi' }],
      containers: [web({ name: 'db', mounts: [{ volume: 'data', path: '/data' }] })],
    });
    const sts = clean(c).find((o) => o.kind === 'StatefulSet');
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data', readOnly: false });
    expect(() => new StatefulSet(chart(), 'Db', { volumeClaimTemplates: [{ name: 'data', storage: 'lots' }], containers: [web()] }))
      .toThrow(/^test\/Db: volumeClaimTemplates\[0\].storage: /);
  });

  test('rollout strategy, minReadySeconds and revisionHistoryLimit', () => {
    const c = chart();
    new Deployment(c, 'W', {
      name: 'w', strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }),
      minReadySeconds: Duration.seconds(10), revisionHistoryLimit: 3, containers: [web()],
    });
    new Deployment(c, 'R', { name: 'r', strategy: DeploymentStrategy.recreate(), containers: [web()] });
    new DaemonSet(c, 'D', { name: 'd', updateStrategy: 'OnDelete', minReadySeconds: 5, containers: [web()] });
    const out = clean(c);
    const w = out.find((o) => o.metadata.name === 'w');
    expect(w.spec).toMatchObject({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, minReadySeconds: 10, revisionHistoryLimit: 3 });
    expect(out.find((o) => o.metadata.name === 'r').spec.strategy).toEqual({ type: 'Recreate' });
    expect(out.find((o) => o.kind === 'DaemonSet').spec).toMatchObject({ updateStrategy: { type: 'OnDelete' }, minReadySeconds: 5 });
    expect(() => DeploymentStrategy.rollingUpdate({ maxSurge: 0, maxUnavailable: '0%' })).toThrow(/maxUnavailable: may not be 0 when maxSurge is 0/);
  });

  test('topology spread over zones, selecting the workload\'s own Pods', () => {
    const c = chart();
    const d = new Deployment(c, 'W', { name: 'w', scheduling: { topologySpread: [{}] }, containers: [web()] });
    clean(c);
    expect(d.podSpec.topologySpreadConstraints).toEqual([{
      maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'w' } },
    }]);
    expect(() => new Deployment(chart(), 'W', { scheduling: { topologySpread: [{ minDomains: 2 }] }, containers: [web()] }))
      .toThrow(/topologySpread\[0\].minDomains: can only be used when whenUnsatisfiable is 'DoNotSchedule'/);
  });

  test('mutators in the kplus style: addContainer, addVolume, mount', () => {
    const c = chart();
    const d = new Deployment(c, 'W', { name: 'w', containers: [web()] });
    d.addContainer(web({ name: 'metrics', ports: [{ number: 9090, name: 'metrics' }] }));
    d.addVolume(Volume.emptyDir('cache'));
    d.mount('/cache', Volume.emptyDir('cache'), { container: 'web' });
    d.mount('/tmp', Volume.emptyDir('tmp'));
    const pod = clean(c).find((o) => o.kind === 'Deployment').spec.template.spec;
    expect(pod.containers.map((x: any) => x.name)).toEqual(['web', 'metrics']);
    expect(pod.volumes).toEqual([{ name: 'cache', emptyDir: {} }, { name: 'tmp', emptyDir: {} }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'cache', mountPath: '/cache', readOnly: false }, { name: 'tmp', mountPath: '/tmp', readOnly: false }]);
    expect(pod.containers[1].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp', readOnly: false }]);
    // a bad mutation is refused and leaves the workload as it was
    expect(() => d.addContainer(web())).toThrow(/^test\/W: containers\[2\].name: duplicate container name 'web'/);
    expect(d.podSpec.containers).toHaveLength(2);
  });

  test('a StatefulSet\'s headless Service follows containers added later', () => {
    const c = chart();
    const s = new StatefulSet(c, 'Db', { name: 'db', containers: [web({ name: 'db' })] });
    s.addContainer(web({ name: 'admin', ports: [{ number: 9000, name: 'admin' }] }));
    const svc = clean(c).find((o) => o.kind === 'Service');
    expect(svc.spec.ports.map((p: any) => p.name)).toEqual(['http', 'admin']);
  });

  test('envFrom ConfigMaps and Secrets', () => {
    const c = chart();
    const d = new Deployment(c, 'W', { name: 'w', containers: [web({ envFrom: [EnvFrom.configMap('cfg'), EnvFrom.secret('creds', { optional: true })] })] });
    clean(c);
    expect(d.podSpec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'cfg' } }, { secretRef: { name: 'creds', optional: true } }]);
    expect(() => EnvFrom.secret('Creds')).toThrow(/^EnvFrom.secret: name: 'Creds'/);
  });

  test('Service and exposeViaService: ports by name, selector = the workload\'s labels', () => {
    const c = chart();
    const d = new Deployment(c, 'W', { name: 'w', containers: [web()] });
    const svc = d.exposeViaService();
    new Service(c, 'Public', { name: 'public', selector: d, type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] });
    const out = clean(c).filter((o) => o.kind === 'Service');
    expect(svc.name).toBe('w');
    expect(out[0].spec).toEqual({ type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'w' }, ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }] });
    expect(out[1].spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    const unnamed = new Deployment(chart(), 'U', { name: 'u', containers: [web({ ports: [{ number: 8080 }], probe: undefined, allowNoProbes: true })] });
    expect(() => unnamed.exposeViaService()).toThrow(/^test\/U\/ExposedService: ports: container port 8080 of test\/U has no name, and a Service targets ports by name; fix: name it/);
    expect(() => new Service(chart(), 'S', { selector: d, ports: [{ port: 80, targetPort: 'htpp' }] })).toThrow(/ports\[0\].targetPort: 'htpp' is not a named container port of test\/W; fix: use one of: 'http'/);
  });

  test('a StatefulSet exposed through a Service keeps its headless Service', () => {
    const c = chart();
    new StatefulSet(c, 'Db', { name: 'db', containers: [web({ name: 'db' })] }).exposeViaService();
    expect(clean(c).filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['db', 'db-client']);
  });
});
