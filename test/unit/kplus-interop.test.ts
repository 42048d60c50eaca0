/**
 * Issue 12: podsmith beside cdk8s-plus-27, both ways. kplus objects are accepted wherever
 * podsmith takes a reference, kplus Cpu/Size/Duration where it takes quantities and durations;
 * podsmith workloads are what kplus Services, NetworkPolicies and HPAs select and scale.
 */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { testApp } from '../support/test-app';
import * as kplus from 'cdk8s-plus-27';
import { Deployment, EnvFrom, EnvValue, Handler, Probe, ServiceAccount, StatefulSet, Volume } from '../../src';
import { validateObjects } from '../../src/validate';
import { web } from '../handbook/util';

function app() {
  const chart = new Chart(testApp(), 'shop');
  const config = new kplus.ConfigMap(chart, 'Config', { data: { 'app.conf': 'x=1' } });
  const secret = new kplus.Secret(chart, 'Secret', { stringData: { token: 't' } });
  // accessModes: kplus leaves them out by default, and the API server refuses a claim without one
  const claim = new kplus.PersistentVolumeClaim(chart, 'Claim', { storage: Size.gibibytes(1), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] });
  const account = new kplus.ServiceAccount(chart, 'Account', { automountToken: false });
  const webDeploy = new Deployment(chart, 'Web', {
    name: 'web',
    serviceAccount: account,
    terminationGracePeriodSeconds: Duration.seconds(20),
    volumes: [Volume.configMap('config', config), Volume.secret('secret', secret), Volume.persistentVolumeClaim('data', claim)],
    containers: [web({
      resources: { cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) } },
      env: { TOKEN: EnvValue.fromSecret(secret, 'token') },
      envFrom: [EnvFrom.configMap(config, { prefix: 'CFG_' })],
      mounts: [{ volume: 'config', path: '/etc/app', readOnly: true }, { volume: 'secret', path: '/run/secret', readOnly: true }, { volume: 'data', path: '/data' }],
    })],
  });
  const db = new StatefulSet(chart, 'Db', { name: 'db', containers: [web({ name: 'db' })] });
  const svc = new kplus.Service(chart, 'WebService', { selector: webDeploy, ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
  const policy = new kplus.NetworkPolicy(chart, 'DbPolicy', { selector: db });
  policy.addIngressRule(webDeploy, [kplus.NetworkPolicyPort.tcp(8080)]);
  new kplus.NetworkPolicy(chart, 'WebPolicy', { selector: webDeploy, ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY } });
  const hpa = new kplus.HorizontalPodAutoscaler(chart, 'WebScaler', { target: webDeploy, maxReplicas: 5 });
  return { chart, webDeploy, db, svc, policy, hpa, config, secret, claim, account };
}

describe('cdk8s-plus-27 interop', () => {
  const { chart, webDeploy, svc } = app();
  const out = Testing.synth(chart);
  const find = (kind: string, name?: string) => out.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  const deploy = find('Deployment', 'web');
  const pod = deploy.spec.template.spec;

  test('kplus ConfigMap, Secret, PVC and ServiceAccount are accepted as references', () => {
    const cm = find('ConfigMap').metadata.name;
    const secret = find('Secret').metadata.name;
    expect(pod.volumes).toEqual([
      { name: 'config', configMap: { name: cm } },
      { name: 'secret', secret: { secretName: secret } },
      { name: 'data', persistentVolumeClaim: { claimName: find('PersistentVolumeClaim').metadata.name } },
    ]);
    expect(pod.serviceAccountName).toBe(find('ServiceAccount').metadata.name);
    expect(pod.containers[0].envFrom).toEqual([{ prefix: 'CFG_', configMapRef: { name: cm } }]);
    expect(pod.containers[0].env).toContainEqual({ name: 'TOKEN', valueFrom: { secretKeyRef: { name: secret, key: 'token' } } });
  });

  test('kplus Cpu, cdk8s Size and Duration are accepted as quantities and durations', () => {
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } });
    expect(pod.terminationGracePeriodSeconds).toBe(20);
  });

  test('a kplus Service selects exactly the workload\'s Pods', () => {
    expect(find('Service', svc.name).spec.selector).toEqual(webDeploy.selectorLabels);
  });

  test('a kplus NetworkPolicy selects the StatefulSet and admits the Deployment\'s Pods', () => {
    const np = out.find((o) => o.kind === 'NetworkPolicy' && o.spec.podSelector.matchLabels['app.kubernetes.io/name'] === 'db');
    expect(np.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'db' } });
    expect(np.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }]);
  });

  test('a kplus HPA targets the Deployment, which then leaves replicas to it', () => {
    const hpa = find('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
    expect(deploy.spec.replicas).toBeUndefined();
    expect(deploy.metadata.annotations['podsmith.dev/defaults'].split(',')).not.toContain('replicas');
  });

  test('the HPA refuses a workload whose replicas were fixed, as it does for kplus workloads', () => {
    const chart2 = new Chart(testApp(), 'x');
    const d = new Deployment(chart2, 'W', { name: 'w', replicas: 3, containers: [web()] });
    new kplus.HorizontalPodAutoscaler(chart2, 'S', { target: d, maxReplicas: 5 });
    expect(() => Testing.synth(chart2)).toThrow(/cannot have a fixed number of replicas \(3\)/);
  });

  test('the whole app has no error-level finding, and podsmith\'s own objects not even a warning', () => {
    const report = validateObjects(out.map((object) => ({ object })));
    const bad = report.findings.filter((f) => !f.suppressed && (f.severity === 'error' || (f.severity === 'warning' && ['Deployment', 'StatefulSet'].includes(f.object.kind))));
    expect(bad).toEqual([]);
  });

  test('cdk8s Durations time probes and sleep hooks; a fractional second is refused in one line', () => {
    const c = new Chart(testApp(), 'd');
    const d = new Deployment(c, 'W', {
      name: 'w', containers: [web({ probe: Probe.httpGet('/healthz', { periodSeconds: Duration.seconds(7), timeoutSeconds: Duration.seconds(2) }), preStop: Handler.sleep(Duration.seconds(3)) })],
    });
    expect(d.podSpec.containers[0].readinessProbe).toMatchObject({ periodSeconds: 7, timeoutSeconds: 2 });
    expect(d.podSpec.containers[0].lifecycle.preStop).toEqual({ sleep: { seconds: 3 } });
    expect(() => new Deployment(new Chart(testApp(), 'e'), 'W', { containers: [web({ probe: Probe.httpGet('/healthz', { periodSeconds: Duration.millis(1500) }) })] }))
      .toThrow(/^e\/W: containers\[0\]\.probe\.periodSeconds: must be a whole number ≥ 1, got 1\.5/);
  });

  test('podsmith ServiceAccount and RegistrySecret stand where kplus objects do (names)', () => {
    const c = new Chart(testApp(), 'y');
    const sa = new ServiceAccount(c, 'Sa', { name: 'runner' });
    const d = new Deployment(c, 'W', { name: 'w', serviceAccount: sa, containers: [web()] });
    expect(d.podSpec.serviceAccountName).toBe('runner');
  });
});
