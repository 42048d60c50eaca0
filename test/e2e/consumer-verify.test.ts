/**
 * Issue 12, the cluster part: the examples/ apps (the README's quick start among them), built in
 * a consumer project from `npm pack` on the newest cdk8s with cdk8s-plus-27, are proven on the
 * local cluster by the installed `podsmith verify` (with the optional client installed).
 * test/consumer/consumer.test.ts builds and validates the same apps without a cluster.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { e2eDescribe } from '../support/cluster';
import { compile, createProject, pack, PAIRS, podsmith, REPO, run, synth } from '../consumer/project';

const EXAMPLES = ['quickstart', 'workloads', 'kplus-interop'];

e2eDescribe('the examples on the local cluster, from a consumer project', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-consumer-e2e-'));
  const dir = path.join(tmp, 'project');
  let kubeconfig = '';

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '--build'], { cwd: REPO, stdio: 'inherit' });
    const up = run(process.execPath, [path.join(REPO, 'lib', 'cli.js'), 'cluster', 'up'], REPO, {}, 45 * 60_000);
    if (up.status !== 0) throw new Error(`podsmith cluster up failed: ${up.stderr}`);
    kubeconfig = up.stdout.trim();
    createProject(dir, pack(tmp).tarball, PAIRS.newest);
    const c = compile(dir, EXAMPLES);
    if (c.status !== 0) throw new Error(`the examples do not compile:\n${c.stdout}${c.stderr}`);
  }, 50 * 60_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test.each(EXAMPLES)('%s: podsmith verify passes every check and cleans up', (example) => {
    const s = synth(dir, example);
    expect(s.run.status).toBe(0);
    const v = podsmith(dir, ['verify', s.out, '--cluster', 'current', '--kubeconfig', kubeconfig, '--format', 'json', '--timeout', '5m'], 10 * 60_000);
    if (v.status !== 0) throw new Error(`podsmith verify ${example} exited ${v.status}:\n${v.stdout}\n${v.stderr.slice(-4000)}`);
    const report = JSON.parse(v.stdout);
    expect(report.summary.failed).toBe(0);
    expect(report.summary.passed).toBeGreaterThan(0);
    expect(report.cleanedUp).toBe(true);
  }, 12 * 60_000);
});
