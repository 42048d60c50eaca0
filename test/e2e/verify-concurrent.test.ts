/**
 * End-to-end (issue 13): three `podsmith verify` runs of the example app started at once on one
 * cluster all pass and leave nothing. The app's DaemonSet listens on host port 19100 (hostNetwork):
 * only one Pod per node can have it, so the runs take turns for it (a Lease per node-global port,
 * src/verify/node-resources.ts) and say so; everything else runs side by side, each run in its
 * own namespace.
 *
 * A second case: three runs of a Deployment whose Pod needs most of a node's cpu. The scheduler
 * cannot place two at once; a run whose Pod does not fit while other runs exist waits for them
 * (and says so) instead of failing.
 *
 * Runs on the local cluster named by PODSMITH_CLUSTER_NAME (default: the machine's shared one;
 * verify works only in its own namespaces and Leases, so sharing the cluster is safe).
 * Set PODSMITH_KEEP_CLUSTER=1 where other sessions use the cluster (the e2e global teardown
 * otherwise takes it down).
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { e2eDescribe } from '../support/cluster';

/* eslint-disable @typescript-eslint/no-explicit-any */

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'lib', 'cli.js');
const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const exampleApp = (): string => (fs.existsSync(path.join(ROOT, 'dist', 'podsmith-example.k8s.yaml')) ? path.join(ROOT, 'dist') : path.join(ROOT, 'test', 'fixtures', 'verify', 'example-app.yaml'));

interface Ran { code: number | null; stdout: string; stderr: string; ms: number }

function podsmith(args: string[], timeoutMs = 15 * 60_000): Promise<Ran> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, ms: Date.now() - t0 }); });
  });
}

function kubectl(kubeconfig: string, args: string[]): string {
  return execFileSync(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', timeout: 60_000 });
}

e2eDescribe('verify: concurrent runs', () => {
  let kubeconfig = '';
  const afterTemp: string[] = [];
  afterAll(() => afterTemp.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--build'], { cwd: ROOT, stdio: 'inherit' });
    const up = await podsmith(['cluster', 'up'], 45 * 60_000);
    if (up.code !== 0) throw new Error(`podsmith cluster up failed: ${up.stderr}`);
    kubeconfig = up.stdout.trim();
  }, 50 * 60_000);

  test('three verify runs of the example app at once all pass, take turns for the host port, and leave nothing', async () => {
    const runs = await Promise.all([0, 1, 2].map(() => podsmith(['verify', exampleApp(), '--cluster', 'local', '--format', 'json'])));
    const reports = runs.map((r) => JSON.parse(r.stdout || '{}'));
    const outcome = runs.map((r, i) => ({ code: r.code, failed: (reports[i].checks ?? []).filter((c: { status: string }) => c.status === 'failed'), cleanedUp: reports[i].cleanedUp }));
    expect(outcome).toEqual([0, 1, 2].map(() => ({ code: 0, failed: [], cleanedUp: true })));
    const namespaces = reports.map((r) => r.namespace as string);
    expect(new Set(namespaces).size).toBe(3);
    // the DaemonSet's host port: one run had it at a time, the others waited and said why
    const waited = runs.filter((r) => /waiting for host port 19100\/TCP: another verify run \(namespace podsmith-verify-\w+\) uses it/.test(r.stderr));
    expect(waited.length).toBeGreaterThanOrEqual(2);
    for (const r of waited) expect(r.stderr).toMatch(/took host port 19100\/TCP after waiting \d+s/);
    // nothing of the three runs is left: namespaces, PriorityClasses, Leases
    const runIds = namespaces.map((ns) => ns.replace('podsmith-verify-', ''));
    const left = kubectl(kubeconfig, ['get', 'namespaces,priorityclasses,leases', '-A', '-l', `podsmith.dev/run in (${runIds.join(',')})`, '-o', 'name']).split('\n').filter(Boolean);
    expect(left).toEqual([]);
    for (const ns of namespaces) expect(kubectl(kubeconfig, ['get', 'namespace', ns, '--ignore-not-found', '-o', 'name']).trim()).toBe('');
    process.stderr.write(`verify concurrent e2e: three runs in ${runs.map((r) => `${(r.ms / 1000).toFixed(0)}s`).join(', ')}\n`);
  }, 20 * 60_000);

  test('a run kept with --keep holds its host port; once its Lease is stale, a run that needs the port stops at once, naming what to delete', async () => {
    const kept = await podsmith(['verify', exampleApp(), '--cluster', 'local', '--keep', '--format', 'json']);
    expect(kept.code).toBe(0);
    const ns = JSON.parse(kept.stdout).namespace as string;
    const runId = ns.replace('podsmith-verify-', '');
    try {
      expect(kept.stderr).toMatch(/other runs that need host port 19100\/TCP stop, naming it/);
      await new Promise((r) => setTimeout(r, 70_000)); // the Lease is renewed by a live run only
      const next = await podsmith(['verify', exampleApp(), '--cluster', 'local', '--format', 'json']);
      expect(next.code).toBe(1);
      expect(next.stderr).toMatch(new RegExp(`host port 19100/TCP is held by namespace ${ns}, which a verify run left behind \\(not renewed for \\d+s\\); delete it: kubectl .*delete namespace ${ns}`));
      expect(next.ms).toBeLessThan(60_000);
      expect(JSON.parse(next.stdout).cleanedUp).toBe(true);
    } finally {
      kubectl(kubeconfig, ['delete', 'namespace', ns, '--wait=true']);
      kubectl(kubeconfig, ['delete', 'priorityclasses,leases', '-A', '-l', `podsmith.dev/run=${runId}`]);
    }
  }, 10 * 60_000);

  test("three runs whose Pods each need most of the node's cpu wait for each other instead of failing", async () => {
    const nodes = JSON.parse(kubectl(kubeconfig, ['get', 'nodes', '-o', 'json'])).items;
    // a request above half of the largest node: no two such Pods fit on one node at once
    const millis = Math.max(...nodes.map((n: any) => { const c = String(n.status.allocatable.cpu); return c.endsWith('m') ? Number(c.slice(0, -1)) : Number(c) * 1000; }));
    const request = `${Math.floor(millis * 0.6)}m`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-cpu-'));
    afterTemp.push(dir);
    const file = path.join(dir, 'big.yaml');
    fs.writeFileSync(file, JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big' },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'big' } },
        template: {
          metadata: { labels: { app: 'big' } },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [{
              name: 'app', image: `docker.io/library/busybox:${/BUSYBOX_VERSION=(\S+)/.exec(fs.readFileSync(path.join(ROOT, 'cluster', 'versions.env'), 'utf8'))![1]}`, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'sleep 3600'],
              // Ready only after 15 s: each run holds the cpu long enough that the others'
              // Pods stay unschedulable past the runner's 10 s fail-fast point
              readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 15, periodSeconds: 2 },
              resources: { requests: { cpu: request, memory: '16Mi' }, limits: { cpu: request, memory: '16Mi' } },
            }],
          },
        },
      },
    }));
    const runs = await Promise.all([0, 1, 2].map(() => podsmith(['verify', file, '--cluster', 'local', '--format', 'json'])));
    const reports = runs.map((r) => JSON.parse(r.stdout || '{}'));
    expect(runs.map((r, i) => ({ code: r.code, failed: (reports[i].checks ?? []).filter((c: { status: string }) => c.status === 'failed') }))).toEqual([0, 1, 2].map(() => ({ code: 0, failed: [] })));
    // at least one waited for the others, and said why
    expect(runs.filter((r) => /Deployment\/big: big-\S+ waits for the node: Pod unschedulable: .*Insufficient cpu.*; other verify runs hold it \(namespaces podsmith-verify-/.test(r.stderr)).length).toBeGreaterThanOrEqual(1);
    const runIds = reports.map((r) => String(r.namespace).replace('podsmith-verify-', ''));
    expect(kubectl(kubeconfig, ['get', 'namespaces,priorityclasses,leases', '-A', '-l', `podsmith.dev/run in (${runIds.join(',')})`, '-o', 'name']).trim()).toBe('');
  }, 15 * 60_000);
});
