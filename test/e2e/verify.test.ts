/**
 * End-to-end: `podsmith verify` on podsmith's local cluster, through the compiled CLI (the real
 * path: the client library is ESM-only and loads in Node, not in jest's module loader).
 *
 * - the example app (dist/, from `npm run synth`) passes every check, each handbook item named;
 * - `--scenarios handbook` passes the restartPolicy table (H8) and the liveness restart (H17);
 * - a broken manifest fails with the right check named (readiness on a wrong port: probes-ready;
 *   an init container that exits 1: init-containers-completed-in-order);
 * - no cluster / unreachable API: exit 2 within 10 s, one line;
 * - the API server killed mid-run: the run retries, completes and cleans up;
 * - N runs in a row (PODSMITH_VERIFY_RUNS, default 20) leave no namespace or PriorityClass.
 *
 * Skipped with the reason where the local cluster cannot run (not Linux, not root); with
 * PODSMITH_REQUIRE_CLUSTER=1 (CI) that is a failure instead.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { e2eDescribe } from '../support/cluster';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'lib', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'verify');
const RUNS = Number(process.env.PODSMITH_VERIFY_RUNS ?? '20');
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

interface Ran { code: number | null; stdout: string; stderr: string; ms: number }

function podsmith(args: string[], opts: { timeoutMs?: number; onStderr?: (text: string, child: ChildProcess) => void; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; opts.onStderr?.(stderr, child); });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 10 * 60_000);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, ms: Date.now() - t0 }); });
  });
}

function kubectl(kubeconfig: string, args: string[]): string {
  return execFileSync(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', timeout: 60_000 });
}

/** Namespaces and PriorityClasses any verify run created and left. */
function leftovers(kubeconfig: string): string[] {
  const out = kubectl(kubeconfig, ['get', 'namespaces,priorityclasses', '-l', 'podsmith.dev/run', '-o', 'name']);
  return out.split('\n').filter(Boolean);
}

const exampleApp = (): string => (fs.existsSync(path.join(ROOT, 'dist', 'podsmith-example.k8s.yaml')) ? path.join(ROOT, 'dist') : path.join(FIX, 'example-app.yaml'));

/** Every handbook item the example app must prove at runtime. */
const EXAMPLE_ITEMS = ['H3', 'H11', 'H12', 'H13', 'H15', 'H16', 'H17', 'H18', 'H23', 'H25', 'H26', 'H27', 'H28'];

e2eDescribe('verify e2e', () => {
  let kubeconfig = '';
  let before: string[] = [];

  beforeAll(async () => {
    // the CLI under test is the compiled one
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--build'], { cwd: ROOT, stdio: 'inherit' });
    const up = await podsmith(['cluster', 'up'], { timeoutMs: 45 * 60_000 });
    if (up.code !== 0) throw new Error(`podsmith cluster up failed: ${up.stderr}`);
    kubeconfig = up.stdout.trim();
    before = leftovers(kubeconfig);
  }, 50 * 60_000);

  test('the example app passes every check, each tied to its handbook item (json report, contract 3)', async () => {
    const r = await podsmith(['verify', exampleApp(), '--cluster', 'local', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const failed = report.checks.filter((c: { status: string }) => c.status === 'failed');
    expect({ code: r.code, failed }).toEqual({ code: 0, failed: [] });
    expect(Object.keys(report)).toEqual(['cluster', 'namespace', 'checks', 'summary', 'cleanedUp']);
    expect(report.cluster).toEqual({ kind: 'local', version: 'v1.34.4' });
    expect(report.cleanedUp).toBe(true);
    const items = new Set(report.checks.filter((c: { status: string }) => c.status === 'passed').flatMap((c: { handbook: string[] }) => c.handbook));
    for (const h of EXAMPLE_ITEMS) expect([h, items.has(h)]).toEqual([h, true]);
    const byCheck = (object: string, check: string) => report.checks.find((c: { object: string; check: string }) => c.object === object && c.check === check);
    expect(byCheck('Deployment/web', 'init-containers-completed-in-order').status).toBe('passed');
    expect(byCheck('Deployment/web', 'downward-api').detail).toMatch(/POD_NAMESPACE=podsmith-verify-/);
    expect(byCheck('StatefulSet/db', 'fqdn-resolves').detail).toMatch(/db-0\.db\.podsmith-verify-\w+\.svc\.cluster\.local → /);
    expect(byCheck('PodDisruptionBudget/web', 'eviction-beyond-pdb-refused').detail).toMatch(/429/);
    // progress went to stderr, the report alone to stdout
    expect(r.stderr).toMatch(/Deployment\/web ready after/);
    expect(leftovers(kubeconfig)).toEqual(before);
    process.stderr.write(`verify e2e: example app verified in ${(r.ms / 1000).toFixed(1)}s\n`);
  }, 5 * 60_000);

  test('--scenarios handbook: the restartPolicy table (H8) and the liveness restart (H17) pass; node checks skipped on one node', async () => {
    const r = await podsmith(['verify', '--scenarios', 'handbook', '--cluster', 'local']);
    expect({ code: r.code, failed: r.stdout.split('\n').filter((l) => l.startsWith('FAILED')) }).toEqual({ code: 0, failed: [] });
    expect(r.stdout).toMatch(/one container, OOM-killed +passed +passed +passed/);
    expect((r.stdout.match(/^PASSED +Pod\/h8-/gm) ?? []).length).toBe(15);
    expect(r.stdout).toMatch(/^PASSED +Pod\/h17-liveness-fails +liveness-restarts-container/m);
    expect(r.stdout).toMatch(/16 passed, 0 failed, 14 skipped; cleaned up/);
    // one node: the node checks (H2, H8 node rows, H21, H22, H24, H25, H26) say why they did not run
    expect(r.stdout).toMatch(/^SKIPPED +Deployment\/h2-controller +node-lost .*needs 2 or more schedulable nodes; the cluster has 1 \(podsmith cluster up --nodes 3\)/m);
    expect(leftovers(kubeconfig)).toEqual(before);
    process.stderr.write(`verify e2e: scenario suite in ${(r.ms / 1000).toFixed(1)}s\n`);
  }, 5 * 60_000);

  test('a broken manifest fails with the right checks named, with events and logs on stderr (junit)', async () => {
    // readiness may fail while an app starts: the runner waits a minute before giving up on
    // it; a shorter --timeout ends the wait sooner, naming the probe failure all the same
    const r = await podsmith(['verify', path.join(FIX, 'broken'), '--cluster', 'local', '--format', 'junit', '--timeout', '25s']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/<testcase classname="Deployment\/bad-probe" name="probes-ready \[H17\]"[^>]*><failure message="[^"]*Readiness probe failed[^"]*9999/);
    expect(r.stdout).toMatch(/<testcase classname="Deployment\/bad-init" name="init-containers-completed-in-order \[H18\]"[^>]*><failure message="[^"]*init container setup exited 1/);
    expect(r.stdout).toMatch(/<testcase classname="ConfigMap\/bad-field" name="applied \[H30\]"[^>]*><failure message="rejected: [^"]*bogusField: field not declared in schema/);
    expect(r.stdout).toMatch(/<testcase classname="Pod\/bad-subdomain" name="fqdn-resolves \[H13,H15\]"[^>]*><failure message="no Service named no-such-service/);
    expect(r.stderr).toMatch(/Warning Unhealthy/);
    expect(r.stderr).toMatch(/setup: precondition missing/);
    expect(leftovers(kubeconfig)).toEqual(before);
  }, 5 * 60_000);

  test('no cluster or an unreachable API server: exit 2 within 10 s, one line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-verify-'));
    const cfg = path.join(dir, 'kubeconfig');
    // a closed port on the loopback address: nothing answers
    fs.writeFileSync(cfg, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: x}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`);
    const unreachable = await podsmith(['verify', path.join(FIX, 'small'), '--cluster', 'current', '--kubeconfig', cfg]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.ms).toBeLessThan(10_000);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/cannot reach the API server at https:\/\/127\.0\.0\.1:1/);
    const none = await podsmith(['verify', path.join(FIX, 'small'), '--cluster', 'current'], { env: { KUBECONFIG: path.join(dir, 'absent') } });
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^podsmith verify: no kubeconfig/)]);
    const badInput = await podsmith(['verify', path.join(dir, 'nope.yaml'), '--cluster', 'local']);
    expect(badInput.code).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  test('Ctrl-C mid-run: cleans up, exit 2', async () => {
    let sent = false;
    const r = await podsmith(['verify', path.join(FIX, 'small'), '--cluster', 'local'], {
      onStderr: (text, child) => {
        if (!sent && /verify: waiting for/.test(text)) { sent = true; child.kill('SIGINT'); }
      },
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SIGINT: stopping; cleaning up/);
    expect(r.stdout).toMatch(/; cleaned up\n/);
    expect(leftovers(kubeconfig)).toEqual(before);
  }, 2 * 60_000);

  test('--keep keeps everything and prints the commands that delete it', async () => {
    const r = await podsmith(['verify', path.join(FIX, 'small'), '--cluster', 'local', '--format', 'json']
      .concat(['--keep']));
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.cleanedUp).toBe(false);
    expect(leftovers(kubeconfig)).toEqual(expect.arrayContaining([`namespace/${report.namespace}`]));
    const cmd = /delete with:\n {2}(.+)/.exec(r.stderr)?.[1] ?? '';
    expect(cmd).toContain(`delete namespace ${report.namespace}`);
    for (const part of cmd.split(' && ')) execFileSync('sh', ['-c', part], { stdio: 'ignore', timeout: 120_000 });
    for (let i = 0; i < 60 && leftovers(kubeconfig).length > before.length; i++) await new Promise((res) => setTimeout(res, 1000));
    expect(leftovers(kubeconfig)).toEqual(before);
  }, 3 * 60_000);

  test('--timeout bounds the wait: a workload that never gets ready fails by then, named', async () => {
    const r = await podsmith(['verify', path.join(FIX, 'broken'), '--cluster', 'local', '--timeout', '4s', '--format', 'json']);
    expect(r.code).toBe(1);
    const probe = JSON.parse(r.stdout).checks.find((c: { object: string; check: string }) => c.object === 'Deployment/bad-probe' && c.check === 'probes-ready');
    expect(probe.status).toBe('failed');
    expect(probe.detail).toMatch(/not ready within --timeout|never became ready/);
    expect(leftovers(kubeconfig)).toEqual(before);
  }, 3 * 60_000);

  test('--cluster kind without kind or a container engine: exit 2 naming what is missing', async () => {
    const r = await podsmith(['verify', path.join(FIX, 'small'), '--cluster', 'kind'], { env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("podsmith verify: --cluster kind: the 'kind' CLI is not on PATH (install kind and Docker or Podman, or use --cluster local)");
  }, 60_000);

  test('the API server killed mid-run: the run retries with backoff, completes and leaves nothing', async () => {
    let killed = false;
    const r = await podsmith(['verify', exampleApp(), '--cluster', 'local', '--format', 'json'], {
      onStderr: (text) => {
        if (killed || !/verify: waiting for/.test(text)) return;
        killed = true;
        const st = JSON.parse(execFileSync(process.execPath, [CLI, 'cluster', 'status', '--json'], { encoding: 'utf8' }));
        const api = st.components.find((c: { name: string }) => c.name === 'kube-apiserver');
        process.kill(api.pid, 'SIGKILL');
        // bring it back after a few seconds, as a supervisor would
        setTimeout(() => { void podsmith(['cluster', 'up'], { timeoutMs: 5 * 60_000 }); }, 3000);
      },
    });
    expect(killed).toBe(true);
    expect(r.stderr).toMatch(/retrying \(backoff/);
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout);
    expect(report.cleanedUp).toBe(true);
    const failed = report.checks.filter((c: { status: string }) => c.status === 'failed').map((c: { object: string; check: string; detail: string }) => `${c.object} ${c.check}: ${c.detail}`);
    process.stderr.write(`verify e2e: API server killed mid-run: exit ${r.code}, ${report.summary.passed} passed, ${report.summary.failed} failed, ${(r.ms / 1000).toFixed(1)}s${failed.length ? `\n  failed: ${failed.join('\n  failed: ')}` : ''}\n`);
    // the cluster is whole again, and nothing of the run is left
    const up = await podsmith(['cluster', 'up'], { timeoutMs: 5 * 60_000 });
    expect(up.code).toBe(0);
    expect(leftovers(kubeconfig)).toEqual(before);
  }, 8 * 60_000);

  test(`${RUNS} runs in a row leave no namespace or cluster-scoped object behind`, async () => {
    const t0 = Date.now();
    const codes: Array<number | null> = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await podsmith(['verify', path.join(FIX, 'small'), '--cluster', 'local', '--format', 'json']);
      codes.push(r.code);
      expect(JSON.parse(r.stdout).cleanedUp).toBe(true);
    }
    expect(codes).toEqual(Array(RUNS).fill(0));
    expect(leftovers(kubeconfig)).toEqual(before);
    process.stderr.write(`verify e2e: ${RUNS} runs in ${((Date.now() - t0) / 1000).toFixed(1)}s, nothing left\n`);
  }, 15 * 60_000);
}, { localOnly: true });
