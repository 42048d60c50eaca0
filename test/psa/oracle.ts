/**
 * The outside oracle for `--profile`: upstream's Pod Security Admission evaluator
 * (k8s.io/pod-security-admission, built by cluster/build-psa.sh into the podsmith cache), and
 * podsmith's own verdict on the same Pods, both as "which checks forbid this Pod".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleById, validateObjects } from '../../src/validate';
import { PSS_UPSTREAM_CHECKS } from '../../src/validate/rules/pod-security';
import { loadSchemas } from '../../src/validate/schema';
import { gatedFieldProblems, withoutDropped } from '../../src/validate/schema/gated';

export type Level = 'baseline' | 'restricted';
export const LEVELS: Level[] = ['baseline', 'restricted'];

export interface OracleBuild {
  /** The k8s.io/pod-security-admission version, e.g. v0.37.2. */
  version: string;
  oracle: string;
  /** The module's test/testdata: `<level>/v1.<minor>/{pass,fail}/*.yaml`. */
  testdata: string;
}

const REPO = path.join(__dirname, '..', '..');
let build: OracleBuild | undefined;

/** Builds the oracle when it is not cached (cold: a few minutes) and says where it is. */
export function oracleBuild(): OracleBuild {
  if (build) return build;
  let out: string;
  try {
    out = execFileSync('bash', [path.join(REPO, 'cluster', 'build-psa.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 20 });
  } catch (e: any) {
    throw new Error(`cluster/build-psa.sh failed (the Pod Security oracle needs Go >= 1.26 and the module proxy): ${String(e.stderr ?? e.message).trim()}`);
  }
  build = JSON.parse(out.trim().split('\n').pop()!) as OracleBuild;
  return build;
}

/** Upstream's forbidding check ids per Pod, for one release and level (sorted). */
export type Verdicts = string[][];

/**
 * Judges every Pod at every release and level in one oracle run.
 * Returns `[release][level][podIndex] → upstream check ids`.
 */
export function upstreamVerdicts(pods: any[], releases: string[]): Record<string, Record<Level, Verdicts>> {
  const { oracle } = oracleBuild();
  const input = pods.map((p) => JSON.stringify(p)).join('\n') + '\n';
  const r = spawnSync(oracle, releases, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`psa-oracle exited ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== pods.length) throw new Error(`psa-oracle answered ${lines.length} lines for ${pods.length} Pods`);
  const out: Record<string, Record<Level, Verdicts>> = {};
  for (const rel of releases) out[rel] = { baseline: [], restricted: [] };
  lines.forEach((line, i) => {
    const res = JSON.parse(line);
    if (res.error) throw new Error(`psa-oracle could not read Pod ${i}: ${res.error}`);
    for (const rel of releases) {
      for (const level of LEVELS) out[rel][level].push(res[`v${rel}`][level].map((v: any) => v.id).sort());
    }
  });
  return out;
}

/** Upstream check id → podsmith rule id. */
const RULE_OF = new Map(Object.entries(PSS_UPSTREAM_CHECKS).map(([rule, check]) => [check, rule]));

/** The podsmith rule ids that upstream's check ids correspond to (sorted; an unmapped check stays `upstream:<id>`). */
/**
 * Pods as a release's API server hands them to admission: without the fields it drops while
 * their feature gate is off by default (a 1.31 server turns procMount Unmasked into Default
 * before Pod Security sees it, and admits the Pod in a baseline namespace). Which fields each
 * release drops is judged by those releases' API servers (test/e2e/release-gates.test.ts).
 */
export function asAdmitted(pods: any[], release: string): any[] {
  const set = loadSchemas(release);
  return pods.map((pod) => {
    const dropped = gatedFieldProblems(set, pod, set.kinds['v1/Pod'], (p) => p).flatMap((p) => p.dropped ?? []);
    return dropped.length ? withoutDropped(pod, dropped) : pod;
  });
}

export function rulesFor(checks: string[]): string[] {
  return [...new Set(checks.map((c) => RULE_OF.get(c) ?? `upstream:${c}`))].sort();
}

/**
 * podsmith's Pod Security findings per Pod (rule ids, sorted), validating all Pods in one run.
 * Each Pod is renamed `psa-<i>` so findings can be attributed.
 */
export function podsmithVerdicts(pods: any[], release: string, level: Level): string[][] {
  const named = pods.map((p, i) => ({ object: { apiVersion: 'v1', kind: 'Pod', ...p, metadata: { ...(p.metadata ?? {}), name: `psa-${i}` } } }));
  const report = validateObjects(named, { k8sVersion: release, profile: level });
  const out: Set<string>[] = pods.map(() => new Set());
  for (const f of report.findings) {
    if (ruleById(f.rule)?.layer !== 'pod-security') continue;
    const i = Number(/^psa-(\d+)$/.exec(f.object.name)?.[1]);
    if (Number.isInteger(i)) out[i].add(f.rule);
  }
  return out.map((s) => [...s].sort());
}

/** The fixture directory (`v1.N`) for a release: the newest one not newer than it, as upstream's own test maps them. */
export function fixtureDir(testdata: string, level: Level, release: string): string | undefined {
  const want = Number(release.split('.')[1]);
  const minors = fs.readdirSync(path.join(testdata, level))
    .map((d) => /^v1\.(\d+)$/.exec(d)?.[1])
    .filter((m): m is string => m !== undefined)
    .map(Number)
    .filter((m) => m <= want)
    .sort((a, b) => a - b);
  return minors.length ? path.join(testdata, level, `v1.${minors[minors.length - 1]}`) : undefined;
}
