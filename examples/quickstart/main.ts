// The README's quick start, as written there.
import { App, Chart } from 'cdk8s';
import { Deployment, Probe, Volume } from 'podsmith';

const app = new App();
const chart = new Chart(app, 'shop');
const www = Volume.emptyDir('www', { sizeLimit: '1Mi' });
const web = new Deployment(chart, 'Web', {
  name: 'web',                                   // replicas: 2, a PodDisruptionBudget and spreading by default
  volumes: [www],
  initContainers: [{                             // H18: runs to completion before the app starts
    name: 'content',
    image: 'busybox:1.35.0',
    command: ['sh', '-c', 'echo ok > /www/healthz && echo hello > /www/index.html'],
    mounts: [{ volume: www, path: '/www' }],
  }],
  containers: [{
    name: 'web',
    image: 'busybox:1.35.0',                     // pinned: `:latest` needs allowLatestTag (H12)
    command: ['httpd', '-f', '-p', '8080', '-h', '/www'],  // unprivileged port: runs as UID 65534, read-only root
    ports: [{ number: 8080, name: 'http' }],
    probe: Probe.httpGet('/healthz'),            // readiness + a slower liveness probe (H17)
    resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '16Mi', limit: '64Mi' } },
    mounts: [{ volume: www, path: '/www', readOnly: true }],
  }],
});
web.exposeViaService();                          // a Service on the named port, selecting exactly these Pods
app.synth();
