/**
 * Verify benchmark (issue 5): wall time of `podsmith verify dist/` on the example app and of
 * `podsmith verify --scenarios handbook`, on a warm local cluster (brought up first, not timed).
 *
 *   npx ts-node --transpile-only --project test/tsconfig.json bench/verify.ts
 *   BENCH_RUNS=1 npx ts-node --transpile-only --project test/tsconfig.json bench/verify.ts
 *
 * Anchor, in the same run: what a script does without podsmith: `kubectl apply` of the same
 * manifests into a fresh namespace, `kubectl rollout status` / `kubectl wait` for every
 * workload, `kubectl delete namespace --wait` (no runtime checks at all). The difference is
 * the price of the checks. Targets: example app ≤ 30 s, scenario suite ≤ 3 min.
 * Needs Linux and root (the local cluster); elsewhere it says why and exits 0.
 * Uses the compiled CLI (lib/cli.js): run `npx tsc --build` first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localClusterUnsupportedReason } from '../src/cluster/local';
import { median, writeResult } from './result';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'lib', 'cli.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_APP_S = 30;
const TARGET_SCENARIOS_S = 180;

function timed(args: string[]): { ms: number; code: number | null; report: { summary: { passed: number; failed: number; skipped: number }; cleanedUp: boolean } } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Date.now() - t0;
  if (r.status === 2) throw new Error(`podsmith ${args.join(' ')}: could not run: ${r.stderr.trim().split('\n').pop()}`);
  return { ms, code: r.status, report: JSON.parse(r.stdout) };
}

function kubectlAnchor(kubeconfig: string, manifests: string): number {
  const k = (args: string[], input?: string) => execFileSync('kubectl', ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 300_000 });
  const id = Math.random().toString(16).slice(2, 8);
  const ns = `bench-anchor-${id}`;
  // the same run-unique PriorityClass name a careful script would need
  const text = fs.readFileSync(manifests, 'utf8').replace(/podsmith-web\b/g, `podsmith-web-${id}`);
  const t0 = Date.now();
  k(['create', 'namespace', ns]);
  k(['-n', ns, 'apply', '-f', '-'], text);
  k(['-n', ns, 'rollout', 'status', 'deployment/web', 'statefulset/db', 'daemonset/node-agent', '--timeout=5m']);
  k(['-n', ns, 'wait', '--for=condition=complete', 'job/migrate', '--timeout=5m']);
  k(['delete', 'namespace', ns, '--wait=true']);
  k(['delete', 'priorityclass', `podsmith-web-${id}`]);
  return Date.now() - t0;
}

function main(): void {
  const reason = localClusterUnsupportedReason();
  if (reason) {
    process.stdout.write(`bench verify: skipped: ${reason}\n`);
    return;
  }
  const app = path.join(ROOT, 'dist', 'podsmith-example.k8s.yaml');
  if (!fs.existsSync(app)) throw new Error('dist/podsmith-example.k8s.yaml is missing: run `npm run synth` first');
  const up = spawnSync(process.execPath, [CLI, 'cluster', 'up'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (up.status !== 0) throw new Error('podsmith cluster up failed');
  const kubeconfig = up.stdout.trim();

  // warm-up: images in the page cache, the API server's discovery cached
  timed(['verify', path.join(ROOT, 'dist'), '--cluster', 'local']);

  const appMs: number[] = [];
  const scenarioMs: number[] = [];
  const anchorMs: number[] = [];
  const notes: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = timed(['verify', path.join(ROOT, 'dist'), '--cluster', 'local']);
    appMs.push(a.ms);
    notes.push(`example app run ${i + 1}: exit ${a.code}, ${a.report.summary.passed} passed, ${a.report.summary.failed} failed, ${a.report.summary.skipped} skipped, cleanedUp ${a.report.cleanedUp}`);
    const s = timed(['verify', '--scenarios', 'handbook', '--cluster', 'local']);
    scenarioMs.push(s.ms);
    notes.push(`scenario suite run ${i + 1}: exit ${s.code}, ${s.report.summary.passed} passed, ${s.report.summary.failed} failed`);
    anchorMs.push(kubectlAnchor(kubeconfig, app));
    process.stderr.write(`bench verify: run ${i + 1}/${RUNS}: app ${(a.ms / 1000).toFixed(1)} s, scenarios ${(s.ms / 1000).toFixed(1)} s, kubectl apply+wait+delete ${(anchorMs[i] / 1000).toFixed(1)} s\n`);
  }
  const appS = median(appMs) / 1000;
  const scenS = median(scenarioMs) / 1000;
  const anchorS = median(anchorMs) / 1000;
  const result = writeResult({
    benchmark: 'verify',
    anchor: 'kubectl apply + rollout status/wait + delete namespace of the same manifests, same run (no runtime checks)',
    runs: RUNS,
    rows: [
      { metric: 'podsmith verify dist/ (example app), wall time', podsmith: round(appS), anchor: round(anchorS), unit: 's', ratio: round(appS / anchorS), target: `≤ ${TARGET_APP_S} s`, met: appS <= TARGET_APP_S },
      { metric: 'podsmith verify --scenarios handbook, wall time', podsmith: round(scenS), unit: 's', target: `≤ ${TARGET_SCENARIOS_S} s`, met: scenS <= TARGET_SCENARIOS_S },
    ],
    notes: [...notes, `machine: ${os.cpus().length} cores; warm local cluster; median of ${RUNS} after one warm-up run`],
  });
  for (const r of result.rows) {
    process.stdout.write(`${r.metric}: ${r.podsmith} ${r.unit}${r.anchor !== undefined ? ` (anchor ${r.anchor} ${r.unit}, ×${r.ratio})` : ''}; target ${r.target}: ${r.met ? 'met' : 'NOT met'}\n`);
  }
  process.stdout.write(`written to ${path.join('bench', 'out', 'verify.json')}\n`);
}

const round = (x: number) => Math.round(x * 100) / 100;

main();
