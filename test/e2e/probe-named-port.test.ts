/**
 * probes.port-not-exposed is an error although the API server accepts the object: a probe's named
 * port is resolved by the kubelet against its own container's ports only, so a name another
 * container of the Pod declares (frr-k8s' DaemonSet, judged by test:realworld) never resolves and
 * the container never becomes Ready. Shown on the local cluster: the same Pod with the port
 * declared on the probed container becomes Ready; declared on the sidecar only, it does not,
 * though the sidecar's port 8080 is the one the probed container serves (one network namespace).
 */
import { LocalCluster } from '../../src/cluster/local';
import { validateObjects } from '../../src/validate';
import { e2eDescribe } from '../support/cluster';
import { kubectl } from '../support/kubectl';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

e2eDescribe('a probe that names a port of another container never passes', () => {
  const ns = `podsmith-probe-${Date.now().toString(36)}`;
  let kubeconfig = '';
  afterAll(async () => {
    if (kubeconfig) await kubectl(kubeconfig, ['delete', 'namespace', ns, '--wait=false']).catch(() => undefined);
  });

  const resources = { requests: { cpu: '10m', memory: '8Mi' }, limits: { cpu: '100m', memory: '32Mi' } };
  const web = { containerPort: 8080, name: 'web' };
  const pod = (name: string, onProbed: boolean) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [
        {
          name: 'server', image: 'busybox:1.35.0', imagePullPolicy: 'IfNotPresent', resources,
          command: ['sh', '-c', 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www'],
          ...(onProbed ? { ports: [web] } : {}),
          readinessProbe: { httpGet: { path: '/index.html', port: 'web' }, periodSeconds: 1, failureThreshold: 1 },
        },
        { name: 'sidecar', image: 'busybox:1.35.0', imagePullPolicy: 'IfNotPresent', resources, command: ['sleep', '3600'], ...(onProbed ? {} : { ports: [web] }) },
      ],
    },
  });

  test('declared on the probed container: Ready; on the sidecar only: never Ready, and podsmith says so', async () => {
    kubeconfig = (await new LocalCluster().ensureUp()).kubeconfig;
    const good = pod('declared', true);
    const bad = pod('sidecar-declares', false);
    const errors = (o: unknown) => validateObjects([{ object: o }]).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.path}`);
    expect(errors(good)).toEqual([]);
    expect(errors(bad)).toEqual(['probes.port-not-exposed spec.containers[0].readinessProbe.httpGet.port']);

    await kubectl(kubeconfig, ['create', 'namespace', ns]);
    // the API server accepts both
    await kubectl(kubeconfig, ['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [good, bad] }));
    await kubectl(kubeconfig, ['-n', ns, 'wait', '--for=condition=Ready', 'pod/declared', '--timeout=120s'], undefined, 150_000);
    // both containers of the other Pod run, and its probe has had 20 periods to pass
    await sleep(20_000);
    const got = JSON.parse(await kubectl(kubeconfig, ['-n', ns, 'get', 'pod', 'sidecar-declares', '-o', 'json']));
    const server = got.status.containerStatuses.find((c: any) => c.name === 'server');
    expect(server.state.running).toBeDefined();
    expect(server.ready).toBe(false);
    const served = await kubectl(kubeconfig, ['-n', ns, 'exec', 'sidecar-declares', '-c', 'sidecar', '--', 'wget', '-qO-', 'http://127.0.0.1:8080/index.html']);
    expect(served.trim()).toBe('ok'); // the port answers: only the name does not resolve
  }, 6 * 60_000);
});
