/**
 * The example app: every podsmith construct in one chart. `npm run synth` (or `cdk8s synth`)
 * builds it into dist/; `podsmith verify dist/` proves it on a cluster. Images are pinned tags
 * that podsmith's local cluster provides without a registry, so it runs on kind too.
 */
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CronJob, DaemonSet, Deployment, EnvValue, Handler, Job, PodField, PriorityClass, Probe, StatefulSet, Timezone, Volume,
} from './index';

export const BUSYBOX = 'busybox:1.35.0';

export class ExampleChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // H25: scheduled first, may preempt lower classes
    const priority = new PriorityClass(this, 'Priority', { name: 'podsmith-web', value: 1000, description: 'podsmith example web tier' });

    // A web tier: busybox httpd serving what an init container wrote (H18)
    const www = Volume.emptyDir('www', { sizeLimit: '10Mi' });
    new Deployment(this, 'Web', {
      name: 'web',
      replicas: 2,
      priorityClass: priority,
      // busybox carries no tzdata, so TZ alone (Timezone.zone) would stay UTC: mount the node's zone file (privileged level)
      timezone: Timezone.hostZone('Asia/Shanghai', { allowHostPath: true }),
      hostAliases: [{ ip: '192.0.2.10', hostnames: ['legacy.example.internal'] }],
      sysctls: { 'net.ipv4.ip_local_port_range': '20000 40000' },
      volumes: [www],
      initContainers: [{
        name: 'content',
        image: BUSYBOX,
        command: ['sh', '-c', 'echo ok > /www/healthz && echo "hello from $POD_NAME" > /www/index.html'],
        env: { POD_NAME: EnvValue.fromField(PodField.NAME) },
        mounts: [{ volume: www, path: '/www' }],
      }],
      containers: [{
        name: 'httpd',
        image: BUSYBOX,
        command: ['httpd', '-f', '-v', '-p', '8080', '-h', '/www'],
        ports: [{ number: 8080, name: 'http' }],
        probe: Probe.httpGet('/healthz'),
        resources: { cpu: { request: '100m', limit: '500m' }, memory: { request: '32Mi', limit: '64Mi' } },
        env: {
          POD_NAME: EnvValue.fromField(PodField.NAME),
          POD_NAMESPACE: EnvValue.fromField(PodField.NAMESPACE),
          POD_IP: EnvValue.fromField(PodField.POD_IP),
          CPU_LIMIT_MILLIS: EnvValue.fromResource('limits.cpu', { divisor: '1m' }),
          MEMORY_LIMIT_MIB: EnvValue.fromResource('limits.memory', { divisor: '1Mi' }),
        },
        preStop: Handler.exec(['sh', '-c', 'sleep 2']),
        mounts: [{ volume: www, path: '/www', readOnly: true }],
      }],
      terminationGracePeriodSeconds: 15,
    });

    // A StatefulSet: each Pod gets <pod>.db.<ns>.svc through the headless Service (H15)
    new StatefulSet(this, 'Db', {
      name: 'db',
      replicas: 2,
      podManagementPolicy: 'Parallel',
      containers: [{
        name: 'db',
        image: BUSYBOX,
        command: ['sh', '-c', 'mkdir -p /tmp/www && hostname -f > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www'],
        ports: [{ number: 8080, name: 'http' }],
        probe: Probe.tcpSocket('http'),
        mounts: [{ volume: 'tmp', path: '/tmp' }],
      }],
      volumes: [Volume.emptyDir('tmp', { sizeLimit: '10Mi' })],
    });

    // A DaemonSet on the host network (H14), DNS policy picked for it (H13)
    new DaemonSet(this, 'NodeAgent', {
      name: 'node-agent',
      hostNetwork: true,
      allowHostNamespaces: true,
      containers: [{
        name: 'agent',
        image: BUSYBOX,
        command: ['sh', '-c', 'mkdir -p /tmp/www && echo ok > /tmp/www/healthz && exec httpd -f -p 19100 -h /tmp/www'],
        ports: [{ number: 19100, name: 'metrics' }],
        probe: Probe.httpGet('/healthz', { port: 'metrics' }),
        resources: { cpu: { request: '50m', limit: '100m' }, memory: { request: '16Mi', limit: '32Mi' } },
        mounts: [{ volume: 'tmp', path: '/tmp' }],
      }],
      volumes: [Volume.emptyDir('tmp', { sizeLimit: '10Mi' })],
    });

    // A Job: runs to completion, retried in place on failure (H8)
    new Job(this, 'Migrate', {
      name: 'migrate',
      restartPolicy: 'OnFailure',
      backoffLimit: 3,
      ttlSecondsAfterFinished: 600,
      containers: [{ name: 'migrate', image: BUSYBOX, command: ['sh', '-c', 'echo migrating; sleep 1; echo done'] }],
    });

    // A CronJob
    new CronJob(this, 'Report', {
      name: 'report',
      schedule: '*/10 * * * *',
      containers: [{ name: 'report', image: BUSYBOX, command: ['sh', '-c', 'date; echo report'] }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ExampleChart(app, 'podsmith-example');
  app.synth();
}
