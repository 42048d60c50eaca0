/**
 * End-to-end (issue 13): the cluster state is safe to share.
 *
 * - Two `podsmith cluster up` at once (warm binaries): one starts the cluster, the other waits
 *   for it (and says so), then finds it up; both print the same kubeconfig.
 * - `podsmith cluster load` imports an OCI layout directory and an OCI archive (here: the
 *   cluster's busybox image under new names), and Pods run them with imagePullPolicy Never.
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

/** The default cluster's running components (other sessions may start it meanwhile, never stop it). */
function defaultClusterPids(): string[] {
  const st = new LocalCluster({ name: 'podsmith', log: () => undefined }).status();
  return st.components.filter((c) => c.running).map((c) => `${c.name}:${c.pid}`);
}

/** Those of `before` that no longer run: this test must not touch the default cluster. */
function stopped(before: string[]): string[] {
  const now = new Set(defaultClusterPids());
  return before.filter((p) => !now.has(p));
}

e2eDescribe('cluster: shared safely', () => {
  const stateRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-e2e-own-'));
  const env = { PODSMITH_CLUSTER_NAME: NAME, PODSMITH_STATE: stateRoot };
  const cluster = new LocalCluster({ name: NAME, stateRoot, log: (l) => process.stderr.write(`[${NAME}] ${l}\n`) });
  let defaultBefore: string[] = [];

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--build'], { cwd: ROOT, stdio: 'inherit' });
    defaultBefore = defaultClusterPids();
  }, 10 * 60_000);

  afterAll(async () => {
    const left = await cluster.down();
    fs.rmSync(stateRoot, { recursive: true, force: true });
    expect(left).toEqual([]);
    expect(stopped(defaultBefore)).toEqual([]);
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
    expect(stopped(defaultBefore)).toEqual([]);
  }, 10 * 60_000);

  test('cluster load: an OCI layout directory and an OCI archive, then Pods run them', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-load-'));
    try {
      // the cluster's own busybox archive, renamed: a layout directory and a tar of another name
      const versions = fs.readFileSync(path.join(ROOT, 'cluster', 'versions.env'), 'utf8');
      const cache = process.env.PODSMITH_CACHE ?? path.join(os.homedir(), '.cache', 'podsmith');
      const src = path.join(cache, 'images', `busybox-${/BUSYBOX_VERSION=(\S+)/.exec(versions)![1]}.tar`);
      const layout = (name: string) => {
        const dir = path.join(work, name.replace(/\W/g, '_'));
        fs.mkdirSync(dir);
        execFileSync('tar', ['-C', dir, '-xf', src]);
        const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
        index.manifests[0].annotations = { 'io.containerd.image.name': name, 'org.opencontainers.image.ref.name': name.split(':').pop() };
        fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index));
        return dir;
      };
      const dir = layout('localhost/podsmith-e2e/loaded-dir:1');
      const tar = path.join(work, 'loaded-tar.tar');
      execFileSync('tar', ['-C', layout('localhost/podsmith-e2e/loaded-tar:1'), '-cf', tar, '.']);
      const r = await podsmith(['cluster', 'load', dir, tar, '--json'], env);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).images).toEqual(['localhost/podsmith-e2e/loaded-dir:1', 'localhost/podsmith-e2e/loaded-tar:1']);
      const kc = cluster.kubeconfigPath;
      for (const image of ['localhost/podsmith-e2e/loaded-dir:1', 'localhost/podsmith-e2e/loaded-tar:1']) {
        const name = `loaded-${image.includes('dir') ? 'dir' : 'tar'}`;
        execFileSync('kubectl', ['--kubeconfig', kc, 'run', name, '--image', image, '--image-pull-policy', 'Never', '--restart', 'Never', '--command', '--', 'echo', `ran ${image}`]);
        execFileSync('kubectl', ['--kubeconfig', kc, 'wait', `pod/${name}`, '--for', 'jsonpath={.status.phase}=Succeeded', '--timeout', '90s']);
        expect(execFileSync('kubectl', ['--kubeconfig', kc, 'logs', name], { encoding: 'utf8' }).trim()).toBe(`ran ${image}`);
        execFileSync('kubectl', ['--kubeconfig', kc, 'delete', 'pod', name, '--grace-period', '0', '--force']);
      }
      const bad = await podsmith(['cluster', 'load', path.join(work, 'absent.tar')], env);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/cluster load: \S+absent\.tar: no such file or directory/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 5 * 60_000);

  test('a failed up stops everything it started and keeps the logs', async () => {
    expect((await cluster.down())).toEqual([]);
    await expect(cluster.up({ timeoutMs: 1 })).rejects.toThrow(/timed out waiting for containerd socket; logs in \S+\.failed-up-logs/);
    expect(cluster.leftovers()).toEqual([]);
    expect(cluster.status().present).toBe(false);
    expect(fs.readdirSync(`${cluster.stateDir}.failed-up-logs`)).toEqual(expect.arrayContaining(['etcd.log', 'containerd.log', 'kube-apiserver.log']));
    expect(stopped(defaultBefore)).toEqual([]);
  }, 5 * 60_000);
});
