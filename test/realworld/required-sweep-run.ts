/**
 * `npm run test:required-sweep [-- --only NAME[,NAME…] --k8s-version X.Y --kubeconfig F --context C | --release X.Y]`:
 * required.ts' sweep over every corpus of test:realworld, against the local cluster's API server
 * (or the one named, or with --release a throwaway kube-apiserver of that release, built by
 * cluster/build.sh apiserver X.Y); prints each disagreement and exits 1 if there is one.
 */
import { parseArgs } from 'node:util';
import { resolveVersion } from '../../src/validate/engine';
import { K8S_RELEASES } from '../../src/validate/schema/versions';
import { chosenCorpora, Corpus, moduleCorpora, realWorldCorpus, upstreamCorpora } from './corpora';
import { requiredSweep } from './required';
import { ServerJudge, sweepServer } from './server';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, 'k8s-version': { type: 'string', default: '1.34' }, kubeconfig: { type: 'string' }, context: { type: 'string' }, release: { type: 'string' } } });
  const version = resolveVersion(values.release ?? values['k8s-version']);
  const corpora: Corpus[] = chosenCorpora([realWorldCorpus(), ...upstreamCorpora(K8S_RELEASES[version]), ...moduleCorpora()].filter((c): c is Corpus => c !== undefined), values.only);
  const { api, close } = await sweepServer('required-sweep', values.release === undefined ? undefined : version, values.kubeconfig, values.context);
  const judge = new ServerJudge(api, `podsmith-sweep-${process.pid}`);
  try {
    await judge.discover();
    const r = await requiredSweep(judge, corpora, version);
    process.stdout.write(`required-sweep at ${version}: ${r.pairs} (definition, required field) pairs in the seeds, ${r.judged} judged with an accepted seed, ${r.disagreements.length} disagreements\n`);
    for (const d of r.disagreements) process.stdout.write(`  ${d}\n`);
    return r.disagreements.length > 0 ? 1 : 0;
  } finally {
    await judge.cleanup();
    await close();
  }
}

main().then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`required-sweep: ${(e as Error).stack}\n`); process.exitCode = 2; });
