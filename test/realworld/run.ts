/**
 * `npm run test:realworld [-- --kubeconfig F --context C --only NAME[,NAME…] --out FILE --k8s-version X.Y]`:
 * every object of each corpus (the shared real-world corpus, k8s.io/kubernetes' own manifests at
 * the release's patch version, and other projects' from the Go module proxy) sent as its own YAML bytes to the API server as a
 * server-side dry-run, and podsmith's verdict (at --k8s-version, default 1.34: give the release the
 * server runs) compared. Exit 1 on any false reject or false accepts above 0.5% of objects.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveVersion } from '../../src/validate/engine';
import { K8S_RELEASES } from '../../src/validate/schema/versions';
import { apiFixturesCorpus, chosenCorpora, Corpus, moduleCorpora, realWorldCorpus, realWorldRoot, upstreamCorpora } from './corpora';
import { figures, formatCorpus, runCorpus } from './realworld';
import { apiServerFor, ServerJudge } from './server';

export const K8S_VERSION = '1.34';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { kubeconfig: { type: 'string' }, context: { type: 'string' }, only: { type: 'string' }, out: { type: 'string' }, 'k8s-version': { type: 'string', default: K8S_VERSION } } });
  const k8sVersion = resolveVersion(values['k8s-version']);
  const corpora: Corpus[] = [];
  const rw = realWorldCorpus();
  if (rw) corpora.push(rw);
  else process.stderr.write(`realworld: no corpus at ${realWorldRoot()} (set PODSMITH_CORPUS): skipped\n`);
  corpora.push(...upstreamCorpora(K8S_RELEASES[k8sVersion]), apiFixturesCorpus(K8S_RELEASES[k8sVersion]), ...moduleCorpora());
  const chosen = chosenCorpora(corpora, values.only);

  const api = await apiServerFor(values.kubeconfig, values.context);
  const judge = new ServerJudge(api, `podsmith-rw-${process.pid}`);
  let failed = false;
  const summary: any[] = [];
  try {
    await judge.discover();
    for (const c of chosen) {
      const r = await runCorpus(judge, c, { k8sVersion, progress: (n, all) => process.stderr.write(`realworld: ${c.name}: ${n}/${all}\n`) });
      process.stdout.write(`${formatCorpus(r)}\n`);
      const f = figures(r);
      summary.push({ corpus: c.name, files: r.files, ...f, seconds: r.ms / 1000, ...(r.phases ? { phases: r.phases } : {}), units: r.units });
      if (f.falseRejects > 0 || f.falseAccepts > 0.005 * f.objects) failed = true;
    }
  } finally {
    await judge.cleanup();
    api.close();
  }
  const out = values.out ?? path.resolve(__dirname, '../../bench/out/realworld.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), k8sVersion, corpora: summary }, null, 2));
  return failed ? 1 : 0;
}

main().then((c) => { process.exitCode = c; }, (e) => { process.stderr.write(`realworld: ${e instanceof Error ? e.message : e}\n`); process.exitCode = 2; });
