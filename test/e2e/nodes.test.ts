/**
 * End-to-end (issue 13): a local cluster of three nodes.
 *
 * - `podsmith cluster up --nodes 3 --node-label … --node-taint …`: three Ready nodes, each with its
 *   own namespace, kubelet, containerd and kube-proxy; the labels and taints are on the nodes;
 *   a second `up` asking for another node count is refused with the way out.
 * - Pods on different nodes reach each other, a Service and the cluster DNS.
 * - `cluster load` of a docker-archive (`docker save` layout) imports into every node: a Pod runs
 *   it on each node with imagePullPolicy Never.
 * - `cluster node partition NAME` takes a node off the network (status says so, the node goes
 *   NotReady); `cluster node start NAME` brings it back Ready.
 * - `podsmith verify --scenarios handbook` proves the node items with real Pods: placement (H22),
 *   preemption (H25), drain (H26), bandwidth (H21), a lost node (H2, H8) and a partitioned one
 *   (H8); HugePages (H24) run where the kernel has them, else are skipped with the reason.
 * - `cluster down` leaves nothing; the default cluster is untouched throughout.
 *
 * The test owns its cluster (PODSMITH_E2E_NODES_CLUSTER, default `e2enodes`), state in a
 * temporary directory.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalCluster } from '../../src/cluster/local';
import { e2eDescribe } from '../support/cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'lib', 'cli.js');
const NAME = process.env.PODSMITH_E2E_NODES_CLUSTER ?? 'e2enodes';

interface Ran { code: number | null; stdout: string; stderr: string; ms: number }

function podsmith(args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
  });
}

function defaultClusterPids(): string[] {
  const st = new LocalCluster({ name: 'podsmith', log: () => undefined }).status();
  return st.components.filter((c) => c.running).map((c) => `${c.name}:${c.pid}`);
}

e2eDescribe('cluster: several nodes', () => {
  const stateRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-e2e-nodes-'));
  const env = { PODSMITH_CLUSTER_NAME: NAME, PODSMITH_STATE: stateRoot };
  const cluster = () => new LocalCluster({ name: NAME, stateRoot, log: () => undefined });
  const n2 = `${NAME}-n2`;
  const n3 = `${NAME}-n3`;
  let kc = '';
  let defaultBefore: string[] = [];
  const kubectl = (...args: string[]) => execFileSync('kubectl', ['--kubeconfig', kc, ...args], { encoding: 'utf8' });

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--build'], { cwd: ROOT, stdio: 'inherit' });
    defaultBefore = defaultClusterPids();
  }, 10 * 60_000);

  afterAll(async () => {
    await cluster().down();
    fs.rmSync(stateRoot, { recursive: true, force: true });
  }, 5 * 60_000);

  test('up --nodes 3: three Ready nodes, with the labels and taints asked for', async () => {
    const r = await podsmith(['cluster', 'up', '--nodes', '3', '--node-label', `${n2}:disktype=ssd`, '--node-taint', `${n3}:dedicated=e2e:PreferNoSchedule`, '--json'], env);
    expect({ code: r.code, err: r.code ? r.stderr.slice(-2000) : '' }).toEqual({ code: 0, err: '' });
    kc = JSON.parse(r.stdout).kubeconfig;
    process.stderr.write(`nodes e2e: 3 nodes Ready ${JSON.parse(r.stdout).timings.nodeReadyMs} ms after up started\n`);
    const nodes = JSON.parse(kubectl('get', 'nodes', '-o', 'json')).items;
    expect(nodes.map((n: any) => [n.metadata.name, n.status.conditions.find((c: any) => c.type === 'Ready').status])).toEqual([[NAME, 'True'], [n2, 'True'], [n3, 'True']]);
    expect(nodes[1].metadata.labels.disktype).toBe('ssd');
    expect(nodes[2].spec.taints).toEqual([{ key: 'dedicated', value: 'e2e', effect: 'PreferNoSchedule' }]);
    expect(cluster().status().nodes.map((n) => [n.name, n.running, n.linked])).toEqual([[NAME, true, true], [n2, true, true], [n3, true, true]]);
    const other = await podsmith(['cluster', 'up', '--nodes', '2'], env);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(new RegExp(`cluster '${NAME}' runs with 3 nodes, not 2: run podsmith cluster down first`));
  }, 10 * 60_000);

  test('Pods on different nodes reach each other, a Service and the cluster DNS', () => {
    const pod = (name: string, node: string) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'net' } },
      spec: { nodeName: node, terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'docker.io/library/busybox:1.35.0', imagePullPolicy: 'Never', command: ['sh', '-c', 'echo $HOSTNAME > /tmp/name; httpd -f -p 8080 -h /tmp'] }] },
    });
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'net' }, spec: { selector: { app: 'net' }, ports: [{ port: 80, targetPort: 8080 }] } };
    execFileSync('kubectl', ['--kubeconfig', kc, 'apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod('net-a', NAME), pod('net-b', n2), pod('net-c', n3), svc] }) });
    kubectl('wait', '--for=condition=Ready', 'pod/net-a', 'pod/net-b', 'pod/net-c', '--timeout=90s');
    const ip = (p: string) => kubectl('get', 'pod', p, '-o', 'jsonpath={.status.podIP}');
    const get = (from: string, host: string, port: number) => kubectl('exec', from, '--', 'sh', '-c', `printf 'GET /name HTTP/1.0\\r\\n\\r\\n' | nc -w 5 ${host} ${port} | tail -1`).trim();
    expect(get('net-b', ip('net-c'), 8080)).toBe('net-c');
    expect(get('net-c', ip('net-a'), 8080)).toBe('net-a');
    expect(get('net-a', ip('net-b'), 8080)).toBe('net-b');
    // the Service's address, found through CoreDNS (on node 0) from a Pod on node 3
    const dns = kubectl('exec', 'net-c', '--', 'nslookup', `net.default.svc.cluster.local`);
    const svcIp = kubectl('get', 'svc', 'net', '-o', 'jsonpath={.spec.clusterIP}');
    expect(dns).toContain(svcIp);
    expect(['net-a', 'net-b', 'net-c']).toContain(get('net-b', svcIp, 80));
    kubectl('delete', 'pod', 'net-a', 'net-b', 'net-c', '--grace-period=0', '--force');
    kubectl('delete', 'svc', 'net');
  }, 3 * 60_000);

  test('cluster load: a docker-archive is imported into every node', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-load-'));
    try {
      // `docker save` layout made from the cluster's busybox OCI archive: manifest.json, config, layer tar
      const versions = fs.readFileSync(path.join(ROOT, 'cluster', 'versions.env'), 'utf8');
      const cache = process.env.PODSMITH_CACHE ?? path.join(os.homedir(), '.cache', 'podsmith');
      const oci = path.join(work, 'oci');
      fs.mkdirSync(oci);
      execFileSync('tar', ['-C', oci, '-xf', path.join(cache, 'images', `busybox-${/BUSYBOX_VERSION=(\S+)/.exec(versions)![1]}.tar`)]);
      const blob = (d: string) => path.join(oci, 'blobs', ...d.split(':'));
      const index = JSON.parse(fs.readFileSync(path.join(oci, 'index.json'), 'utf8'));
      const manifest = JSON.parse(fs.readFileSync(blob(index.manifests[0].digest), 'utf8'));
      const docker = path.join(work, 'docker');
      fs.mkdirSync(docker);
      const configName = `${manifest.config.digest.split(':')[1]}.json`;
      fs.copyFileSync(blob(manifest.config.digest), path.join(docker, configName));
      const layers = manifest.layers.map((l: any) => {
        const name = `${l.digest.split(':')[1]}/layer.tar`;
        fs.mkdirSync(path.join(docker, path.dirname(name)));
        fs.copyFileSync(blob(l.digest), path.join(docker, name));
        return name;
      });
      const tag = 'podsmith-e2e/docker-archive:1';
      fs.writeFileSync(path.join(docker, 'manifest.json'), JSON.stringify([{ Config: configName, RepoTags: [tag], Layers: layers }]));
      const archive = path.join(work, 'saved.tar');
      execFileSync('tar', ['-C', docker, '-cf', archive, '.']);
      const r = await podsmith(['cluster', 'load', archive, '--json'], env);
      expect({ code: r.code, err: r.code ? r.stderr : '' }).toEqual({ code: 0, err: '' });
      const image = `docker.io/${tag}`;
      expect(JSON.parse(r.stdout).images).toEqual([image]);
      for (const node of [NAME, n2, n3]) {
        const name = `loaded-${node}`;
        kubectl('run', name, '--image', image, '--image-pull-policy', 'Never', '--restart', 'Never', '--overrides', JSON.stringify({ spec: { nodeName: node } }), '--command', '--', 'echo', `ran on ${node}`);
        kubectl('wait', `pod/${name}`, '--for', 'jsonpath={.status.phase}=Succeeded', '--timeout', '90s');
        expect(kubectl('logs', name).trim()).toBe(`ran on ${node}`);
        kubectl('delete', 'pod', name, '--grace-period', '0', '--force');
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 5 * 60_000);

  test('cluster node partition takes a node off the network; node start brings it back Ready', async () => {
    const p = await podsmith(['cluster', 'node', 'partition', n2], env);
    expect({ code: p.code, out: p.stdout.trim() }).toEqual({ code: 0, out: `${n2}: partitioned` });
    expect(cluster().status().nodes.find((n) => n.name === n2)).toMatchObject({ running: true, linked: false });
    // a node held down on purpose stays down: `up` (which every verify run starts with) leaves it partitioned
    const again = await podsmith(['cluster', 'up'], env);
    expect({ code: again.code, err: again.code ? again.stderr.slice(-1000) : '' }).toEqual({ code: 0, err: '' });
    const st = await podsmith(['cluster', 'status'], env);
    expect(st.stdout).toMatch(new RegExp(`${n2} .* running, partitioned`));
    // the node controller notices within its grace period (10 s on a cluster of several nodes)
    kubectl('wait', `node/${n2}`, '--for', 'condition=Ready=Unknown', '--timeout', '60s');
    const s = await podsmith(['cluster', 'node', 'start', n2], env);
    expect({ code: s.code, out: s.stdout.trim() }).toEqual({ code: 0, out: `${n2}: Ready` });
    expect(cluster().status().nodes.find((n) => n.name === n2)).toMatchObject({ running: true, linked: true });
    const bad = await podsmith(['cluster', 'node', 'stop', NAME], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/runs the control plane and cannot be stopped or partitioned alone/);
  }, 3 * 60_000);

  test('verify --scenarios handbook proves the node items with real Pods', async () => {
    const r = await podsmith(['verify', '--scenarios', 'handbook', '--cluster', 'local', '--format', 'json'], env);
    expect({ stdout: r.stdout.startsWith('{') ? '' : r.stderr.slice(-3000) }).toEqual({ stdout: '' });
    const report = JSON.parse(r.stdout);
    expect({ code: r.code, failed: report.checks.filter((c: any) => c.status === 'failed').map((c: any) => `${c.object} ${c.check}: ${c.detail}`) }).toEqual({ code: 0, failed: [] });
    const of = (object: string, check: string) => report.checks.find((c: any) => c.object === object && c.check === check);
    for (const [object, check] of [
      ['Pod/h22-node-selector', 'placement'], ['Pod/h22-node-affinity', 'placement'], ['Pod/h22-pod-affinity', 'placement'],
      ['Deployment/h22-anti-affinity', 'placement'], ['Deployment/h22-spread', 'placement'], ['Deployment/h22-taint', 'placement'], ['Pod/h22-toleration', 'placement'],
      ['Pod/h25-high', 'preemption'], ['Deployment/h26-drain', 'drain-stops-at-pdb'], ['Pod/h21-limited', 'bandwidth-limited'],
      ['Pod/h2-bare', 'node-lost'], ['Deployment/h2-controller', 'node-lost'], ['Deployment/h8-partition', 'node-partitioned'],
    ]) {
      expect({ object, check, status: of(object, check)?.status, detail: of(object, check)?.status === 'passed' ? '' : of(object, check)?.detail }).toEqual({ object, check, status: 'passed', detail: '' });
    }
    const hp = of('Pod/h24-hugepages', 'hugepages');
    expect(hp.status === 'passed' || (hp.status === 'skipped' && /HugePages/.test(hp.detail))).toBe(true);
    expect(of('Deployment/h2-controller', 'node-lost').handbook).toEqual(['H2', 'H8']);
    expect(of('Deployment/h2-controller', 'node-lost').detail).toMatch(/NotReady after \d+ s \(node controller grace 10 s, Pods evicted 10 s later\); replacement on \S+ after \d+ s; lost Pods ended \w+ Failed/);
    expect(report.summary.failed).toBe(0);
    expect(report.cleanedUp).toBe(true);
    process.stderr.write(`nodes e2e: node scenarios in ${(r.ms / 1000).toFixed(1)}s:\n${report.checks.filter((c: any) => /^(placement|preemption|drain|bandwidth|hugepages|node-)/.test(c.check)).map((c: any) => `  ${c.status} ${c.object} ${c.check}: ${c.detail}`).join('\n')}\n`);
  }, 10 * 60_000);

  test('down leaves nothing; the default cluster was untouched', async () => {
    expect(await cluster().down()).toEqual([]);
    expect(cluster().leftovers()).toEqual([]);
    for (const ns of [NAME, n2, n3].map((n) => (n === NAME ? `psm-${NAME}` : `psm-${NAME}-${n.split('-').pop()}`))) expect(fs.existsSync(`/run/netns/${ns}`)).toBe(false);
    const now = new Set(defaultClusterPids());
    expect(defaultBefore.filter((p) => !now.has(p))).toEqual([]);
  }, 3 * 60_000);
});
