/**
 * podsmith reads real files with careless edits in them as kubectl does. Each case is a file of the
 * shared real-world corpus (or, without it, of the Kubernetes module's testing manifests, fetched
 * through the Go module proxy) with one to three edits (mutate-real.ts: tokens, deletions,
 * indentation, swapped and repeated lines, tricky values, anchors, merge keys). The Go oracle
 * (cluster/go/yamlref, kubectl's reading code) reads the same bytes; the documents and the answer to
 * "could it be read to its end" must be the same. PODSMITH_YAML_RUNS sets the number of cases.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Corpus, realWorldCorpus, upstreamCorpora } from '../realworld/corpora';
import { mutateReal } from './mutate-real';
import { oracleBinary, oracleRead } from './oracle';
import { canonical, podsmithBytes, sameReading, visited } from './outcome';

const RUNS = Number(process.env.PODSMITH_YAML_RUNS ?? 2000);
/** Files up to this size (most manifests; the large CRD bundles make a case slow and are read whole by the sweep). */
const MAX_BYTES = 64 * 1024;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-mutated-'));
  oracleBinary();
}, 600_000);
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function sources(): string[] {
  const rw = realWorldCorpus();
  const corpora: Corpus[] = rw ? [rw] : upstreamCorpora();
  return corpora.flatMap((c) => c.files.map((f) => path.join(c.root, f))).filter((f) => fs.statSync(f).size <= MAX_BYTES);
}

test('real files with careless edits: podsmith reads the documents kubectl reads and refuses what it refuses', () => {
  const files = sources();
  expect(files.length).toBeGreaterThan(200);
  const seeds = fc.sample(fc.integer({ min: 0, max: 2 ** 31 - 1 }), RUNS);
  const cases = seeds.map((seed, i) => {
    const from = files[seed % files.length];
    const bytes = Buffer.from(mutateReal(fs.readFileSync(from, 'utf8'), seed));
    const file = path.join(dir, `${i}${path.extname(from)}`);
    fs.writeFileSync(file, bytes);
    return { from, seed, file, bytes };
  });
  const answers = oracleRead(cases.map((c) => c.file));
  const differences: string[] = [];
  let refused = 0;
  let read = 0;
  cases.forEach((c, i) => {
    const want = visited(answers[i]);
    if (want.error) refused++; else read++;
    const got = podsmithBytes(c.bytes);
    if (sameReading(got, want)) return;
    const what = want.error && !got.error ? 'podsmith reads what kubectl refuses' : !want.error && got.error ? 'podsmith refuses what kubectl reads' : 'other values';
    differences.push(`${what}: ${c.from}, seed ${c.seed}\n  kubectl:  ${want.docs.length} document(s) ${want.errorText ?? ''}; ${canonical(want.docs).slice(0, 300)}\n  podsmith: ${got.docs.length} document(s) ${got.errorText ?? ''}; ${canonical(got.docs).slice(0, 300)}`);
  });
  expect(differences).toEqual([]);
  // the edits reach both kinds of path: streams kubectl reads (the fast reader's) and streams it refuses
  expect(refused).toBeGreaterThan(RUNS / 5);
  expect(read).toBeGreaterThan(RUNS / 5);
}, 600_000);
