// podsmith beside cdk8s-plus-27: kplus Service, NetworkPolicy and HPA target podsmith workloads;
// podsmith containers mount kplus ConfigMaps, Secrets and PersistentVolumeClaims.
import { ApiObject, App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Deployment, EnvFrom, EnvValue, Probe, Volume } from 'podsmith';

const app = new App();
const chart = new Chart(app, 'shop');

const config = new kplus.ConfigMap(chart, 'Config', { data: { healthz: 'ok', 'index.html': 'hello from podsmith' } });
const secret = new kplus.Secret(chart, 'Secret', { stringData: { token: 'not-a-real-token' } });
// static storage for the claim, so it binds on a cluster without a provisioner (and no default StorageClass)
new ApiObject(chart, 'Volume', {
  apiVersion: 'v1', kind: 'PersistentVolume',
  metadata: { name: 'shop-consumer-data' },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/podsmith-consumer-data', type: 'DirectoryOrCreate' } },
});
const claim = new kplus.PersistentVolumeClaim(chart, 'Claim', { storage: Size.gibibytes(1), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE] });
const account = new kplus.ServiceAccount(chart, 'Account', { automountToken: false });

const web = new Deployment(chart, 'Web', {
  name: 'web',
  serviceAccount: account,
  volumes: [Volume.configMap('site', config), Volume.secret('token', secret), Volume.persistentVolumeClaim('data', claim)],
  containers: [{
    name: 'httpd',
    image: 'busybox:1.35.0',
    command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
    ports: [{ number: 8080, name: 'http' }],
    probe: Probe.httpGet('/healthz'),
    resources: { cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) }, memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) } },
    env: { TOKEN: EnvValue.fromSecret(secret, 'token') },
    envFrom: [EnvFrom.configMap(config, { prefix: 'SITE_' })],
    mounts: [{ volume: 'site', path: '/www', readOnly: true }, { volume: 'token', path: '/run/token', readOnly: true }, { volume: 'data', path: '/data', readOnly: true }],
  }],
});
const client = new Deployment(chart, 'Client', {
  name: 'client',
  replicas: 1,
  containers: [{ name: 'client', image: 'busybox:1.35.0', command: ['sh', '-c', 'exec sleep 3600'], probe: Probe.exec(['true']) }],
});

new kplus.Service(chart, 'WebService', { selector: web, ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
const policy = new kplus.NetworkPolicy(chart, 'WebPolicy', { selector: web });
policy.addIngressRule(client, [kplus.NetworkPolicyPort.tcp(8080)]);
new kplus.NetworkPolicy(chart, 'ClientPolicy', { selector: client, ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY } });
new kplus.HorizontalPodAutoscaler(chart, 'WebScaler', { target: web, minReplicas: 2, maxReplicas: 4 });
app.synth();
