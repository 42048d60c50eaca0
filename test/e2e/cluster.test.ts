/**
 * End-to-end: podsmith's local cluster runs real containers.
 *
 * Brings the cluster up (or reuses a running one), runs a busybox Pod with an init container,
 * readiness and liveness probes, hostAliases, sysctls and a timezone hostPath mount, checks
 * each of them from inside the container (kubectl exec), then brings the cluster down and
 * checks that nothing is left: no process, mount, network namespace, cgroup or state.
 *
 * Where the local cluster cannot run (not Linux, not root) the tests are skipped and say why;
 * with PODSMITH_REQUIRE_CLUSTER=1 (CI) that is a failure instead.
 */
import * as fs from 'node:fs';
import { LocalCluster } from '../../src/cluster/local';
import { e2eDescribe } from '../support/cluster';
import { kubectl } from '../support/kubectl';

const ZONE = 'Asia/Tokyo';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

e2eDescribe('local cluster e2e', () => {
  const cluster = new LocalCluster();
  let kubeconfig = '';
  const ns = `podsmith-e2e-${Date.now().toString(36)}`;

  test('cluster up: API healthy, node Ready, CoreDNS answering, a test Pod ran', async () => {
    const access = await cluster.ensureUp();
    kubeconfig = access.kubeconfig;
    expect(fs.statSync(kubeconfig).mode & 0o777).toBe(0o600);
    expect(cluster.status().running).toBe(true);
    const nodes = JSON.parse(await kubectl(kubeconfig, ['get', 'nodes', '-o', 'json']));
    expect(nodes.items).toHaveLength(1);
    expect(nodes.items[0].status.nodeInfo.kubeletVersion).toBe(cluster.versions.KUBERNETES_VERSION);
  }, 45 * 60_000);

  test('a busybox Pod with init container, probes, hostAliases, sysctls and timezone runs and each took effect', async () => {
    expect(kubeconfig).not.toBe('');
    await kubectl(kubeconfig, ['create', 'namespace', ns]);
    // The namespace's default ServiceAccount is created asynchronously.
    for (let i = 0; i < 100; i++) {
      if ((await kubectl(kubeconfig, ['-n', ns, 'get', 'serviceaccount', '-o', 'name'])).includes('serviceaccount/default')) break;
      await sleep(100);
    }
    const image = cluster.busyboxImage;
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: ns },
      spec: {
        terminationGracePeriodSeconds: 1,
        hostAliases: [{ ip: '127.0.0.42', hostnames: ['db.podsmith.test', 'cache.podsmith.test'] }],
        securityContext: {
          sysctls: [
            { name: 'net.ipv4.ip_local_port_range', value: '20000 40000' },
            { name: 'kernel.shm_rmid_forced', value: '1' },
            // unsafe, allowed by the kubelet's allowedUnsafeSysctls (handbook H27)
            { name: 'kernel.msgmax', value: '65536' },
          ],
        },
        volumes: [
          { name: 'www', emptyDir: {} },
          { name: 'tz', hostPath: { path: `/usr/share/zoneinfo/${ZONE}`, type: 'File' } },
        ],
        initContainers: [
          {
            name: 'init',
            image,
            imagePullPolicy: 'IfNotPresent',
            command: ['sh', '-c', 'echo "hello from init" > /www/index.html && echo ok > /www/healthz'],
            volumeMounts: [{ name: 'www', mountPath: '/www' }],
            resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
          },
        ],
        containers: [
          {
            name: 'web',
            image,
            imagePullPolicy: 'IfNotPresent',
            command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
            ports: [{ containerPort: 8080, name: 'http' }],
            readinessProbe: { httpGet: { path: '/index.html', port: 8080 }, periodSeconds: 1, failureThreshold: 3 },
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 2, failureThreshold: 3 },
            volumeMounts: [
              { name: 'www', mountPath: '/www' },
              { name: 'tz', mountPath: '/etc/localtime', readOnly: true },
            ],
            resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
          },
        ],
      },
    };
    await kubectl(kubeconfig, ['apply', '-f', '-'], JSON.stringify(pod));
    await kubectl(kubeconfig, ['-n', ns, 'wait', '--for=condition=Ready', 'pod/web', '--timeout=90s']);

    const got = JSON.parse(await kubectl(kubeconfig, ['-n', ns, 'get', 'pod', 'web', '-o', 'json']));
    expect(got.status.phase).toBe('Running');
    const init = got.status.initContainerStatuses[0];
    expect(init.state.terminated.exitCode).toBe(0);
    const web = got.status.containerStatuses[0];
    expect(web.ready).toBe(true);
    expect(web.restartCount).toBe(0);
    expect(got.status.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const exec = (cmd: string) => kubectl(kubeconfig, ['-n', ns, 'exec', 'web', '-c', 'web', '--', 'sh', '-c', cmd]);
    // init container wrote what the main container serves (the readiness probe path)
    expect((await exec('wget -qO- http://127.0.0.1:8080/index.html')).trim()).toBe('hello from init');
    // hostAliases
    const hosts = await exec('cat /etc/hosts');
    expect(hosts).toMatch(/127\.0\.0\.42\s+db\.podsmith\.test\s+cache\.podsmith\.test/);
    // sysctls in the Pod's own namespaces
    expect((await exec('cat /proc/sys/net/ipv4/ip_local_port_range')).trim().split(/\s+/)).toEqual(['20000', '40000']);
    expect((await exec('cat /proc/sys/kernel/shm_rmid_forced')).trim()).toBe('1');
    expect((await exec('cat /proc/sys/kernel/msgmax')).trim()).toBe('65536');
    // the host keeps its own values
    expect(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)).not.toEqual(['20000', '40000']);
    // timezone from the node's zoneinfo
    expect((await exec('date +%Z')).trim()).toBe('JST');
    // cluster DNS from inside the Pod
    expect(await exec('nslookup kubernetes.default.svc.cluster.local.')).toMatch(/10\.96\.0\.1\b/);

    // The liveness probe keeps passing: still no restart a few probe periods later.
    await sleep(5000);
    const again = JSON.parse(await kubectl(kubeconfig, ['-n', ns, 'get', 'pod', 'web', '-o', 'json']));
    expect(again.status.containerStatuses[0].restartCount).toBe(0);
    expect(again.status.containerStatuses[0].ready).toBe(true);
  }, 5 * 60_000);

  test('a hostNetwork Pod (ClusterFirstWithHostNet) resolves and reaches Services from the node namespace', async () => {
    expect(kubeconfig).not.toBe('');
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hostnet', namespace: ns },
      spec: {
        hostNetwork: true,
        dnsPolicy: 'ClusterFirstWithHostNet',
        terminationGracePeriodSeconds: 0,
        containers: [{
          name: 'c',
          image: cluster.busyboxImage,
          imagePullPolicy: 'IfNotPresent',
          command: ['sleep', '3600'],
          resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
        }],
      },
    };
    await kubectl(kubeconfig, ['apply', '-f', '-'], JSON.stringify(pod));
    await kubectl(kubeconfig, ['-n', ns, 'wait', '--for=condition=Ready', 'pod/hostnet', '--timeout=60s']);
    const exec = (cmd: string) => kubectl(kubeconfig, ['-n', ns, 'exec', 'hostnet', '--', 'sh', '-c', cmd]);
    expect(await exec('nslookup kubernetes.default.svc.cluster.local.')).toMatch(/10\.96\.0\.1\b/);
    // the API server's ClusterIP answers (401/403 without credentials: it is reached)
    expect(await exec('wget -qO- https://10.96.0.1/readyz 2>&1 || true')).toMatch(/401 Unauthorized/);
    // an address without a Service stays in the node namespace (refused), it is routed nowhere
    expect(await exec('nc -w 2 10.96.0.77 80 </dev/null 2>&1; echo rc=$?')).toMatch(/refused[\s\S]*rc=1/);
    // the node namespace is not the host's: the Pod sees the cluster's veth, not the host's interfaces
    expect(await exec('ip -o addr 2>/dev/null || cat /proc/net/dev')).toMatch(/psm-node/);
  }, 3 * 60_000);

  test('cluster down leaves nothing: no process, mount, netns, cgroup or state', async () => {
    const problems = await cluster.down();
    expect(problems).toEqual([]);
    expect(cluster.leftovers()).toEqual([]);
    expect(cluster.status().running).toBe(false);
    expect(fs.existsSync(`/run/netns/${cluster.netns}`)).toBe(false);
    const mounts = fs.readFileSync('/proc/self/mountinfo', 'utf8');
    expect(mounts).not.toContain(cluster.stateDir);
    expect(fs.existsSync(cluster.stateDir)).toBe(false);
  }, 5 * 60_000);
}, { localOnly: true });
