/**
 * `npm run test:value-sweep [-- --only NAME --max-pairs N --collections --wide --k8s-version X.Y --kubeconfig F --context C | --release X.Y]`:
 * values.ts' sweep over every corpus of test:realworld, against the local cluster's API server
 * (or the one named, or with --release a throwaway kube-apiserver of that release, built by
 * cluster/build.sh apiserver X.Y); prints each disagreement and exits 1 if there is one.
 */
import { parseArgs } from 'node:util';
import { resolveVersion } from '../../src/validate/engine';
import { K8S_RELEASES } from '../../src/validate/schema/versions';
import { Corpus, moduleCorpora, realWorldCorpus, upstreamCorpora } from './corpora';
import { ServerJudge, sweepServer } from './server';
import { valueSweep } from './values';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' }, 'max-pairs': { type: 'string' }, collections: { type: 'boolean' }, wide: { type: 'boolean' }, 'k8s-version': { type: 'string', default: '1.34' },
      kubeconfig: { type: 'string' }, context: { type: 'string' }, release: { type: 'string' },
    },
  });
  const version = resolveVersion(values.release ?? values['k8s-version']);
  const corpora: Corpus[] = [realWorldCorpus(), ...upstreamCorpora(K8S_RELEASES[version]), ...moduleCorpora()].filter((c): c is Corpus => c !== undefined);
  const { api, close } = await sweepServer('value-sweep', values.release === undefined ? undefined : version, values.kubeconfig, values.context);
  const judge = new ServerJudge(api, `podsmith-values-${process.pid}`);
  try {
    await judge.discover();
    const maxPairs = values['max-pairs'] !== undefined ? Number(values['max-pairs']) : undefined;
    const r = await valueSweep(judge, corpora, version, { only: values.only, maxPairs, collections: values.collections, wide: values.wide });
    process.stdout.write(`value-sweep at ${version}: ${r.pairs} (definition, field) pairs, ${r.judged} objects judged by both, ${r.disagreements.length} disagreements\n`);
    for (const d of r.disagreements) process.stdout.write(`  ${d.text}\n`);
    return r.disagreements.length > 0 ? 1 : 0;
  } finally {
    await judge.cleanup();
    await close();
  }
}

main().then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`value-sweep: ${(e as Error).stack}\n`); process.exitCode = 2; });
