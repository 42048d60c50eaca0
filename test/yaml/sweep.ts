/**
 * `npm run test:yaml-sweep [-- --only NAME[,NAME…]]`: podsmith's YAML reader against kubectl's own
 * (the yamlref oracle: apimachinery's YAMLOrJSONDecoder and sigs.k8s.io/yaml, the code kubectl
 * runs) on every *.yaml, *.yml and *.json file of real projects, manifests or not: the shared
 * real-world corpus, and the whole of every Go module the real-world test reads
 * (k8s.io/kubernetes and k8s.io/api at the cluster's release, the other projects of
 * MODULE_CORPORA), fetched through the Go module proxy and read in the module cache. Each file's
 * bytes must give the same documents (values as JSON), the same answer to whether it can be read
 * to its end, and the same lines of repeated keys. Exit 1 on any disagreement, listed with its file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { chosenCorpora, clusterKubernetesVersion, Corpus, MODULE_CORPORA, moduleDir, realWorldCorpus, realWorldRoot, walkedCorpus } from '../realworld/corpora';
import { oracleBinary, oracleRead } from './oracle';
import { canonical, expected, Outcome, podsmithBytes, sameReading, strictLines, visited } from './outcome';

/** Files read per oracle run. */
const BATCH = 400;

function corpora(): Corpus[] {
  const out: Corpus[] = [];
  const rw = realWorldCorpus();
  if (rw) out.push(rw);
  else process.stderr.write(`yaml-sweep: no corpus at ${realWorldRoot()} (set PODSMITH_CORPUS): skipped\n`);
  const k8s = clusterKubernetesVersion();
  const modules = [
    { module: 'k8s.io/kubernetes', version: k8s },
    { module: 'k8s.io/api', version: k8s.replace(/^v1\./, 'v0.') },
    ...MODULE_CORPORA.map(({ module, version }) => ({ module, version })),
  ];
  const seen = new Set<string>();
  for (const { module, version } of modules) {
    const name = `${module}@${version}`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(walkedCorpus(name, moduleDir(module, version)));
  }
  return out;
}

/** A short account of an outcome for the disagreement list. */
function brief(o: Outcome): string {
  const docs = canonical(o.docs);
  return `${o.docs.length} document(s)${o.error ? `, then unreadable: ${o.errorText ?? ''}` : ''}; ${docs.length > 300 ? `${docs.slice(0, 300)}…` : docs}`;
}

interface Tally { files: number; documents: number; unreadable: number; duplicates: number; disagreements: string[] }

function sweep(c: Corpus): Tally {
  const t: Tally = { files: 0, documents: 0, unreadable: 0, duplicates: 0, disagreements: [] };
  for (let i = 0; i < c.files.length; i += BATCH) {
    const files = c.files.slice(i, i + BATCH).map((f) => path.join(c.root, f));
    const answers = oracleRead(files);
    files.forEach((file, k) => {
      const bytes = fs.readFileSync(file);
      const want = visited(answers[k]);
      const got = podsmithBytes(bytes);
      t.files++;
      t.documents += want.docs.length;
      if (want.error) t.unreadable++;
      const rel = path.relative(c.root, file);
      if (!sameReading(got, want)) {
        t.disagreements.push(`${c.name}: ${rel}\n    kubectl:  ${brief(want)}\n    podsmith: ${brief(got)}`);
        return;
      }
      // repeated keys: the lines kubectl's strict reading names, in a stream of one document that no merge key or leading --- complicates
      const docs = expected(answers[k]);
      const text = bytes.toString('utf8');
      if (!docs.error && answers[k].docs.length === 1 && !text.includes('<<') && !/^---/m.test(text)) {
        const lines = strictLines(answers[k]).sort((a, b) => a - b);
        t.duplicates += lines.length;
        const mine = [...got.dupLines].sort((a, b) => a - b);
        if (lines.join() !== mine.join()) t.disagreements.push(`${c.name}: ${rel}\n    repeated keys: kubectl at lines ${lines.join(', ') || 'none'}, podsmith at ${mine.join(', ') || 'none'}`);
      }
    });
    process.stderr.write(`yaml-sweep: ${c.name}: ${Math.min(i + BATCH, c.files.length)}/${c.files.length}\n`);
  }
  return t;
}

function main(): number {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  oracleBinary();
  const all = chosenCorpora(corpora(), values.only);
  const total: Tally = { files: 0, documents: 0, unreadable: 0, duplicates: 0, disagreements: [] };
  const started = Date.now();
  for (const c of all) {
    const t = sweep(c);
    process.stdout.write(`${c.name}: ${t.files} files, ${t.documents} documents, ${t.unreadable} unreadable to kubectl, ${t.duplicates} repeated keys: ${t.disagreements.length} disagreement(s)\n`);
    for (const d of t.disagreements) process.stdout.write(`  ${d}\n`);
    total.files += t.files;
    total.documents += t.documents;
    total.unreadable += t.unreadable;
    total.duplicates += t.duplicates;
    total.disagreements.push(...t.disagreements);
  }
  process.stdout.write(`yaml-sweep: ${all.length} corpora, ${total.files} files, ${total.documents} documents, ${total.unreadable} unreadable to kubectl, ${total.duplicates} repeated keys; ${total.disagreements.length} disagreement(s) with kubectl's reading (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  return total.disagreements.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`yaml-sweep: ${e instanceof Error ? e.message : e}\n`);
  process.exitCode = 2;
}
