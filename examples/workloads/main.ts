// A podsmith-only cdk8s app, as a consumer writes it: runs on the oldest supported cdk8s and constructs.
import { App, Chart, Duration } from 'cdk8s';
import { CronJob, Deployment, DeploymentStrategy, Probe, StatefulSet, Volume } from 'podsmith';

const app = new App();
const chart = new Chart(app, 'base');
const www = Volume.emptyDir('www', { sizeLimit: '1Mi' });
const web = new Deployment(chart, 'Web', {
  name: 'base-web',
  strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }),
  minReadySeconds: Duration.seconds(2),
  volumes: [www],
  initContainers: [{ name: 'content', image: 'busybox:1.35.0', command: ['sh', '-c', 'echo ok > /www/healthz'], mounts: [{ volume: www, path: '/www' }] }],
  containers: [{
    name: 'httpd',
    image: 'busybox:1.35.0',
    command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
    ports: [{ number: 8080, name: 'http' }],
    probe: Probe.httpGet('/healthz'),
    mounts: [{ volume: www, path: '/www', readOnly: true }],
  }],
});
web.exposeViaService();
new StatefulSet(chart, 'Db', {
  name: 'base-db',
  replicas: 1,
  containers: [{ name: 'db', image: 'busybox:1.35.0', command: ['sh', '-c', 'exec sleep 3600'], ports: [{ number: 5432, name: 'pg' }], probe: Probe.exec(['true']) }],
});
new CronJob(chart, 'Report', {
  schedule: '0 3 * * *',
  containers: [{ name: 'report', image: 'busybox:1.35.0', command: ['true'] }],
});
app.synth();
