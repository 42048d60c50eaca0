/**
 * `npm run test:realworld-edited [-- --seed N --copies K --edits values|structure|keys --max-kb N --containing TEXT --keep --kubeconfig F --context C --k8s-version X.Y]`:
 * the shared real-world corpus with careless edits of its values (edited.ts), every object sent to
 * the API server as test:realworld sends it and podsmith's verdict compared. Exit 1 on any false
 * reject or false accepts above 0.5% of the objects judged, as test:realworld. A seed gives the
 * same files every time; the edited copies are written to a temporary directory (--keep keeps it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveVersion } from '../../src/validate/engine';
import { clusterKubernetesVersion, realWorldCorpus, realWorldRoot } from './corpora';
import { editedCorpus } from './edited';
import { figures, formatCorpus, runCorpus } from './realworld';
import { apiServerFor, ServerJudge } from './server';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' }, edits: { type: 'string', default: 'values' }, 'max-kb': { type: 'string', default: '200' }, containing: { type: 'string' }, copies: { type: 'string', default: '2' }, keep: { type: 'boolean' },
      kubeconfig: { type: 'string' }, context: { type: 'string' }, 'k8s-version': { type: 'string' },
    },
  });
  const rw = realWorldCorpus();
  if (!rw) {
    process.stderr.write(`realworld-edited: no corpus at ${realWorldRoot()} (set PODSMITH_CORPUS)\n`);
    return 2;
  }
  // (the local cluster's release unless told: the API server that judges)
  const k8sVersion = resolveVersion(values['k8s-version'] ?? clusterKubernetesVersion().replace(/^v(\d+\.\d+).*$/, '$1'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-edited-'));
  const api = await apiServerFor(values.kubeconfig, values.context);
  const judge = new ServerJudge(api, `podsmith-ed-${process.pid}`);
  try {
    if (values.edits !== 'values' && values.edits !== 'structure' && values.edits !== 'keys') throw new Error(`--edits ${values.edits}: must be values, structure or keys`);
    const corpus = editedCorpus(rw, dir, Number(values.seed), Number(values.copies), values.edits, Number(values['max-kb']) * 1000, values.containing);
    await judge.discover();
    const r = await runCorpus(judge, corpus, { k8sVersion, progress: (n, all) => process.stderr.write(`realworld-edited: ${n}/${all}\n`) });
    process.stdout.write(`${formatCorpus(r)}\n`);
    const f = figures(r);
    return f.falseRejects > 0 || f.falseAccepts > 0.005 * f.objects ? 1 : 0;
  } finally {
    await judge.cleanup();
    api.close();
    if (values.keep) process.stderr.write(`realworld-edited: the edited files are in ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((c) => { process.exitCode = c; }, (e) => { process.stderr.write(`realworld-edited: ${e instanceof Error ? e.message : e}\n`); process.exitCode = 2; });
