/**
 * End-to-end (issue 13): the cluster state is safe to share.
 *
 * - Two `podsmith cluster up` at once (warm binaries): one starts the cluster, the other waits
 *   for it (and says so), then finds it up; both print the same kubeconfig.
 * - A failed `up` (here: a deadline that has passed) stops everything it started: no process,
 *   mount, namespace, link, cgroup or state is left, and the component logs are kept.
 *
 * The test owns its cluster: a cluster of its own name (PODSMITH_E2E_OWN_CLUSTER, default
 * `e2eown`) with its state in a temporary directory, beside any other cluster on the machine
 * (the default one is checked to be untouched). It takes it down at the end.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalCluster } from '../../src/cluster/local';
import { e2eDescribe } from '../support/cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'lib', 'cli.js');
const NAME = process.env.PODSMITH_E2E_OWN_CLUSTER ?? 'e2eown';

interface Ran { code: number | null; stdout: string; stderr: string }

function podsmith(args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What the default cluster has on the machine right now (must not change under this test). */
function defaultClusterFingerprint(): string {
  const st = new LocalCluster({ name: 'podsmith', log: () => undefined }).status();
  return JSON.stringify({ present: st.present, pids: st.components.map((c) => `${c.name}:${c.running ? c.pid : '-'}`) });
}

e2eDescribe('cluster: shared safely', () => {
  const stateRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-e2e-own-'));
  const env = { PODSMITH_CLUSTER_NAME: NAME, PODSMITH_STATE: stateRoot };
  const cluster = new LocalCluster({ name: NAME, stateRoot, log: (l) => process.stderr.write(`[${NAME}] ${l}\n`) });
  let defaultBefore = '';

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--build'], { cwd: ROOT, stdio: 'inherit' });
    defaultBefore = defaultClusterFingerprint();
  }, 10 * 60_000);

  afterAll(async () => {
    const left = await cluster.down();
    fs.rmSync(stateRoot, { recursive: true, force: true });
    expect(left).toEqual([]);
    expect(defaultClusterFingerprint()).toBe(defaultBefore);
  }, 120_000);

  test('two cluster up at once: one starts the cluster, the other waits and finds it up', async () => {
    expect(cluster.status().present).toBe(false);
    const [a, b] = await Promise.all([podsmith(['cluster', 'up', '--json'], env), podsmith(['cluster', 'up', '--json'], env)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const [ja, jb] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect([ja.timings.alreadyUp, jb.timings.alreadyUp].sort()).toEqual([false, true]);
    const waiter = ja.timings.alreadyUp ? a : b;
    expect(waiter.stderr).toMatch(/waiting for another podsmith process \(pid \d+\) working on the cluster/);
    expect(waiter.stderr).toMatch(/already up \(https:\/\/10\.254\.254\.\d+:6443\)/);
    expect(waiter.stderr).not.toMatch(/started (etcd|containerd|kube-apiserver)/);
    expect(ja.kubeconfig).toBe(jb.kubeconfig);
    expect(ja.context).toBe(NAME);
    expect(ja.kubeconfig.startsWith(`${stateRoot}/`)).toBe(true);
    expect(cluster.status().running).toBe(true);
    expect(defaultClusterFingerprint()).toBe(defaultBefore);
  }, 10 * 60_000);

  test('a failed up stops everything it started and keeps the logs', async () => {
    expect((await cluster.down())).toEqual([]);
    await expect(cluster.up({ timeoutMs: 1 })).rejects.toThrow(/timed out waiting for containerd socket; logs in \S+\.failed-up-logs/);
    expect(cluster.leftovers()).toEqual([]);
    expect(cluster.status().present).toBe(false);
    expect(fs.readdirSync(`${cluster.stateDir}.failed-up-logs`)).toEqual(expect.arrayContaining(['etcd.log', 'containerd.log', 'kube-apiserver.log']));
    expect(defaultClusterFingerprint()).toBe(defaultBefore);
  }, 5 * 60_000);
});
