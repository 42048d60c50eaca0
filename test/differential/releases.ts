/**
 * `npm run test:releases [-- --releases 1.35,1.37 --seeds 1,2,3,4,5 --cases 2000 --no-build]`:
 * podsmith against a real API server of every release from 1.34 on (each minor podsmith has
 * schemas for), or of the releases named (any from 1.27). Per release: its kube-apiserver is built when missing (`cluster/build.sh apiserver
 * 1.X`, progress on stderr; --no-build skips releases that are not built), a throwaway etcd +
 * kube-apiserver is started (src/validate/exact/server.ts: loopback ports, temp dir, no kubelet),
 * the differential runs at that release over each seed, and the real-world comparison runs on the
 * shared corpus and on k8s.io/kubernetes' own test manifests of that patch. Prints a table per
 * release and every disagreement; writes bench/out/releases.json.
 *
 * Exit 1 on any false reject, differential agreement below 99.5% or real-world false accepts
 * above 0.5% of the objects judged (the targets of test:differential and test:realworld).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cachedReleases, startExactServer } from '../../src/validate/exact/server';
import { K8S_RELEASES, SUPPORTED_K8S_VERSIONS } from '../../src/validate/schema/versions';
import { apiFixturesCorpus, Corpus, moduleCorpora, realWorldCorpus, realWorldRoot, upstreamCorpora } from '../realworld/corpora';
import { CorpusResult, figures, formatCorpus, runCorpus } from '../realworld/realworld';
import { ServerJudge } from '../realworld/server';
import { ApiServer } from '../support/apiserver';
import { DifferentialResult, formatResult, runDifferential } from './differential';

const REPO = path.resolve(__dirname, '..', '..');
const minorOf = (v: string) => Number(v.split('.')[1]);

export interface ReleaseResult {
  release: string;
  patch: string;
  startMs: number;
  differential: DifferentialResult[];
  realworld: CorpusResult[];
}

function log(m: string): void {
  process.stderr.write(`releases: ${m}\n`);
}

/** Builds (or finds cached) kube-apiserver of the release and etcd; false when not built and `build` is off. */
function ensureBuilt(release: string, build: boolean): boolean {
  const script = path.join(REPO, 'cluster', 'build.sh');
  const check = spawnSync('bash', [script, '--check', 'etcd', 'apiserver', release], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (check.status === 0) return true;
  // another patch of the minor will do (1.29.6, the patch of the bundled schemas, does not build from the module proxy here)
  if (spawnSync('bash', [script, '--check', 'etcd'], { stdio: 'ignore' }).status === 0 && cachedReleases().includes(release)) return true;
  if (!build) {
    log(`${release}: not built (${check.stderr.trim().split('\n').pop()}); skipped (--no-build)`);
    return false;
  }
  log(`${release}: building kube-apiserver ${K8S_RELEASES[release]} (cluster/build.sh apiserver ${release}; a cold build takes many minutes)`);
  const r = spawnSync('bash', [script, 'etcd', 'apiserver', release], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`cluster/build.sh apiserver ${release} failed (exit ${r.status})`);
  return true;
}

async function runRelease(release: string, seeds: number[], cases: number): Promise<ReleaseResult> {
  const server = await startExactServer(release, log);
  const api = new ApiServer(server.kubeconfig);
  const out: ReleaseResult = { release, patch: server.version, startMs: server.startMs, differential: [], realworld: [] };
  try {
    for (const seed of seeds) {
      const r = await runDifferential(api, { cases, seed, k8sVersion: release, progress: (n) => log(`${release}: differential seed ${seed}: ${n}/${cases}`) });
      process.stdout.write(`${formatResult(r)}\n`);
      out.differential.push(r);
    }
    const corpora: Corpus[] = [];
    const rw = realWorldCorpus();
    if (rw) corpora.push(rw);
    else log(`no real-world corpus at ${realWorldRoot()} (set PODSMITH_CORPUS): only the upstream manifests`);
    corpora.push(...upstreamCorpora(K8S_RELEASES[release]), apiFixturesCorpus(K8S_RELEASES[release]), ...moduleCorpora());
    const judge = new ServerJudge(api, `podsmith-rw-${process.pid}`);
    try {
      await judge.discover();
      for (const c of corpora) {
        const r = await runCorpus(judge, c, { k8sVersion: release, progress: (n, all) => log(`${release}: ${c.name}: ${n}/${all}`) });
        process.stdout.write(`${formatCorpus(r)}\n`);
        out.realworld.push(r);
      }
    } finally {
      await judge.cleanup();
    }
  } finally {
    api.close();
    await server.stop();
  }
  return out;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(2)}%` : '-');

/** The summary table and every disagreement, per release. */
export function formatReleases(results: ReleaseResult[]): string {
  const lines = ['', '| release | patch | apiserver start | differential agreement | false rejects | false accepts | real-world agreement | false rejects | false accepts |', '|---|---|---|---|---|---|---|---|---|'];
  for (const r of results) {
    const d = r.differential.reduce((a, x) => ({ cases: a.cases + x.cases - x.practice, agree: a.agree + x.agreements, fr: a.fr + x.falseRejects.length, fa: a.fa + x.falseAccepts.length }), { cases: 0, agree: 0, fr: 0, fa: 0 });
    const w = r.realworld.map(figures).reduce((a, f) => ({ judged: a.judged + f.judged, agree: a.agree + f.agree, fr: a.fr + f.falseRejects, fa: a.fa + f.falseAccepts }), { judged: 0, agree: 0, fr: 0, fa: 0 });
    lines.push(`| ${r.release} | ${r.patch} | ${(r.startMs / 1000).toFixed(1)} s | ${d.agree}/${d.cases} = ${pct(d.agree, d.cases)} | ${d.fr} | ${d.fa} | ${w.agree}/${w.judged} = ${pct(w.agree, w.judged)} | ${w.fr} | ${w.fa} (${pct(w.fa, w.judged)}) |`);
  }
  for (const r of results) {
    const items: string[] = [];
    for (const d of r.differential) {
      for (const o of [...d.falseRejects, ...d.falseAccepts]) {
        const fr = d.falseRejects.includes(o);
        items.push(`  differential seed ${d.seed}: ${fr ? 'false reject' : 'false accept'} ${o.case.kind} ${o.case.mutation ?? '(valid)'}: ${fr
          ? o.podsmithErrors.slice(0, 2).map((e) => `${e.rule} at ${e.path}`).join('; ')
          : `API: ${(o.api.message ?? '').slice(0, 160)}`}`);
      }
    }
    for (const c of r.realworld) {
      for (const u of c.units.filter((x) => x.outcome === 'false-reject' || x.outcome === 'false-accept')) {
        items.push(`  ${c.corpus}: ${u.outcome} ${u.file}:${u.line} ${u.object}: ${u.outcome === 'false-reject'
          ? u.podsmith.slice(0, 2).map((e) => `${e.rule} at ${e.path || '(object)'}`).join('; ')
          : `API: ${(u.server.message ?? '').replace(/\s+/g, ' ').slice(0, 160)}`}`);
      }
    }
    lines.push('', `${r.release} (${r.patch}): ${items.length ? `${items.length} disagreements` : 'no disagreements'}`, ...items);
  }
  return lines.join('\n');
}

/** False rejects anywhere, differential agreement below 99.5% or real-world false accepts above 0.5%. */
export function failed(r: ReleaseResult): boolean {
  const cases = r.differential.reduce((a, x) => a + x.cases - x.practice, 0);
  const agree = r.differential.reduce((a, x) => a + x.agreements, 0);
  const fr = r.differential.reduce((a, x) => a + x.falseRejects.length, 0) + r.realworld.reduce((a, c) => a + figures(c).falseRejects, 0);
  const judged = r.realworld.reduce((a, c) => a + figures(c).judged, 0);
  const fa = r.realworld.reduce((a, c) => a + figures(c).falseAccepts, 0);
  return fr > 0 || (cases > 0 && agree / cases < 0.995) || fa > 0.005 * judged;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'releases': { type: 'string' }, 'seeds': { type: 'string', default: '1,2,3,4,5' }, 'cases': { type: 'string', default: '2000' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const all = SUPPORTED_K8S_VERSIONS.filter((v) => minorOf(v) >= 34);
  const releases = values.releases ? values.releases.split(',').map((s) => s.trim()) : all;
  // older releases on request (--releases 1.33): built the same way, judged the same way
  const unknown = releases.filter((r) => !SUPPORTED_K8S_VERSIONS.includes(r));
  if (unknown.length) throw new Error(`--releases: ${unknown.join(', ')} not among ${SUPPORTED_K8S_VERSIONS.join(', ')}`);
  const seeds = values.seeds.split(',').map(Number);
  const results: ReleaseResult[] = [];
  for (const release of releases) {
    if (!ensureBuilt(release, !values['no-build'])) continue;
    log(`${release}: starting a throwaway kube-apiserver ${K8S_RELEASES[release]}`);
    results.push(await runRelease(release, seeds, Number(values.cases)));
  }
  if (results.length === 0) throw new Error('no release was built: run without --no-build, or cluster/build.sh apiserver 1.X');
  process.stdout.write(`${formatReleases(results)}\n`);
  const out = path.join(REPO, 'bench', 'out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'releases.json'), JSON.stringify({
    date: new Date().toISOString(), seeds, cases: Number(values.cases),
    releases: results.map((r) => ({
      release: r.release, patch: r.patch, apiserverStartMs: r.startMs,
      differential: r.differential.map((d) => ({ seed: d.seed, cases: d.cases, practice: d.practice, agreements: d.agreements, falseRejects: d.falseRejects.length, falseAccepts: d.falseAccepts.length, seconds: d.ms / 1000 })),
      realworld: r.realworld.map((c) => ({ corpus: c.corpus, ...figures(c), seconds: c.ms / 1000 })),
    })),
  }, null, 2));
  return results.some(failed) ? 1 : 0;
}

if (require.main === module) {
  main().then((c) => { process.exitCode = c; }, (e) => { process.stderr.write(`releases: ${e instanceof Error ? e.message : e}\n`); process.exitCode = 2; });
}
