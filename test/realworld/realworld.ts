/**
 * The real-world test: every object of a corpus, judged by the API server on its own bytes and by
 * podsmith as a user runs it, and the two verdicts compared. Nothing is shrunk or skipped:
 * admission-only refusals, refusals that depend on the cluster's own ranges, objects the API server
 * accepts that podsmith refuses by a best-practice rule only (they cannot work as written), custom
 * resources and server errors are counted apart and listed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Corpus } from './corpora';
import { OracleList, oracleRead, OracleStream } from '../yaml/oracle';
import { DocumentMeta, isBlank, metaOf, readMeta, splitDocuments, TextDocument } from './documents';
import { ruleById } from '../../src/validate';
import { judgeFile, PodsmithError, refText } from './podsmith';
import { ServerJudge, ServerVerdict } from './server';

/**
 * `duplicate-key`: the server's strict decoder refused a key written twice, where podsmith keeps the
 * last value and warns (yaml.duplicate-key), as kubectl does: kubectl decodes the YAML itself and
 * sends JSON, so a user's `kubectl apply` never shows the server a duplicate.
 * `practice`: the API server accepts the object and podsmith's only errors are best-practice rules
 * for what cannot work as written (contract 2's error: a probe's port name that the kubelet cannot
 * resolve, shown on a real cluster by test/e2e/probe-named-port.test.ts): not a verdict on validity,
 * listed apart with the rule.
 */
export type Outcome = 'agree' | 'false-reject' | 'false-accept' | 'duplicate-key' | 'practice' | 'admission' | 'cluster' | 'custom' | 'error';

export interface Unit {
  file: string;
  line: number;
  object: string;
  server: ServerVerdict;
  /** Error-level findings podsmith gave this object (or the reason it could not read the file). */
  podsmith: PodsmithError[];
  podsmithRejects: boolean;
  /** podsmith warned yaml.duplicate-key for this object. */
  podsmithDuplicateKey?: boolean;
  /** Every error podsmith gave is a best-practice rule (the object cannot work as written; its validity is not in question). */
  podsmithPracticeOnly?: boolean;
  outcome: Outcome;
  /** Where podsmith's reading and the text split disagree on which document is which. */
  note?: string;
}

export interface CorpusResult {
  corpus: string;
  files: number;
  units: Unit[];
  ms: number;
  /** Where the time went: kubectl's reading, podsmith's, the API server's verdicts, the custom resources' (CRDs installed, judged, removed). */
  phases?: { readMs: number; podsmithMs: number; serverMs: number; customMs: number; crdInstallMs?: number; crdRemoveMs?: number };
}

interface Pending { unit: Omit<Unit, 'server' | 'outcome'>; text: string; value: any; server?: ServerVerdict }

/** A document cut from the text, with what the oracle (kubectl's own reader) made of the same chunk. */
interface CutDocument extends TextDocument {
  /** The chunk read alone by sigs.k8s.io/yaml, as kubectl's decoder reads it: its JSON, or why it cannot be read. */
  oracle?: { json?: unknown; error?: string; list?: OracleList | null };
}

/**
 * A file's documents as kubectl reads them. A stream that starts with `{` is JSON values one after
 * another (`kubectl get -o json` output joined): kubectl's own loop (YAMLOrJSONDecoder, run by
 * the yamlref oracle) cuts it, and each value is sent as the JSON kubectl sends; any other file
 * is cut at its `---` lines, each chunk paired with the oracle's reading of the same chunk (its
 * YAMLReader cuts where splitDocuments cuts; where the counts differ no pairing is made).
 */
function documentsOf(text: string, stream: OracleStream): CutDocument[] {
  if (!/^\ufeff?\s*\{/.test(text)) {
    const all: CutDocument[] = splitDocuments(text);
    const stop = all.findIndex((d) => d.separatorError);
    const chunks = stop < 0 ? all : all.slice(0, stop);
    if (chunks.length === stream.docs.length) chunks.forEach((d, i) => { d.oracle = stream.docs[i]; });
    return all.filter((d) => d.separatorError || !isBlank(d.text));
  }
  const lines = text.split('\n').length;
  const docs: CutDocument[] = stream.visit.docs.map((v, i) => ({ text: JSON.stringify(v), startLine: 1, endLine: lines, oracle: { json: v, list: stream.visit.lists[i] } }));
  if (stream.visit.error) docs.push({ text: '', startLine: lines, endLine: lines, separatorError: stream.visit.error });
  return docs;
}

/**
 * The metadata of a document: as the oracle (kubectl's reading) read it, where it did; else read by
 * the harness's own reader (the yaml package), whose YAML is not quite go-yaml's: a quoted scalar
 * whose continuation lines sit at the key's own indentation (as generated CRDs have them) is no
 * YAML to it, and `namespace: 2001-12-14` a date, not kubectl's string.
 */
function metaOfDocument(d: CutDocument): DocumentMeta {
  if (d.oracle && d.oracle.error === undefined && d.oracle.json !== undefined) return { value: d.oracle.json, ...metaOf(d.oracle.json) };
  return readMeta(d.text);
}

/** The units of one file (`stream`: the oracle's reading of it): one per document, or per item of a `*List` (kubectl sends items one by one). */
export function unitsOfFile(root: string, rel: string, k8sVersion: string, stream: OracleStream, crds?: object[]): Pending[] {
  const abs = path.join(root, rel);
  const text = fs.readFileSync(abs, 'utf8');
  const ps = judgeFile(text, rel, k8sVersion, crds);
  const docs = documentsOf(text, stream);
  const out: Pending[] = [];
  // podsmith's objects in file order, matched to the documents by order or, failing that, by name
  const read = docs.map((d) => ({ d, meta: d.separatorError ? undefined : metaOfDocument(d) }))
    .filter((x) => !x.meta || x.meta.unreadable || (x.meta.value !== null && x.meta.value !== undefined));
  // podsmith stops at the document it cannot read: that one and those after it are rejected, as the file's error says
  const from = ps.unreadableFrom;
  // (a line past a document's last one and before the next document's first, a separator line or the end of the stream, is that document's:
  // an unclosed flow collection is refused where the stream ends)
  const nextStart = new Map(docs.map((d, i) => [d, docs[i + 1]?.startLine ?? Infinity]));
  const beyond = (d: TextDocument) => ps.unreadable !== undefined && (from === undefined || d.endLine >= from || (nextStart.get(d as CutDocument) ?? Infinity) > from);
  const sameCount = ps.documents.length === read.filter((x) => !beyond(x.d)).length;
  // kubectl stops at the first chunk its decoder cannot read (cli-runtime's StreamVisitor): the
  // documents after it are never sent, whatever the API server would say of each alone
  const stopAt = docs.find((d) => d.oracle?.error !== undefined);
  const kubectlStop = stopAt ? { line: stopAt.startLine, message: stopAt.oracle!.error! } : undefined;
  const used = new Set<number>();
  read.forEach(({ d, meta }, k) => {
    let mine: { value: unknown; errors: PodsmithError[]; duplicateKey?: boolean } | undefined;
    let note: string | undefined;
    if (beyond(d)) {
      mine = { value: undefined, errors: [{ rule: 'input', path: '', message: ps.unreadable!, object: '' }] };
    } else if (sameCount) {
      mine = ps.documents[k];
    } else if (meta?.value !== undefined) {
      const want = refText(meta.value);
      const j = ps.documents.findIndex((p, i) => !used.has(i) && refText(p.value) === want);
      if (j >= 0) {
        used.add(j);
        mine = ps.documents[j];
      }
      note = `podsmith read ${ps.documents.length} documents where the text has ${read.length}`;
    }
    const errors = mine?.errors ?? [];
    const base = (object: string, ers: PodsmithError[]) => ({ file: rel, line: d.startLine, object, podsmith: ers, podsmithRejects: ers.length > 0, ...(ers.length > 0 && ers.every((e) => ruleById(e.rule)?.layer === 'best-practice') ? { podsmithPracticeOnly: true } : {}), ...(mine?.duplicateKey ? { podsmithDuplicateKey: true } : {}), ...(note ? { note } : {}) });
    if (d.separatorError) {
      out.push({ unit: base('(separator)', errors), text: d.text, value: undefined, server: { class: 'rejected', message: `kubectl: ${d.separatorError}` } });
      return;
    }
    if (kubectlStop && d.startLine > kubectlStop.line) {
      out.push({ unit: base(meta?.value !== undefined ? refText(meta.value) : '(unreadable)', errors), text: d.text, value: undefined, server: { class: 'rejected', message: `kubectl: stops reading the file at line ${kubectlStop.line}: ${kubectlStop.message}` } });
      return;
    }
    const value: any = meta!.value;
    if (meta!.unreadable) {
      out.push({ unit: base('(unreadable)', errors), text: d.text, value: undefined });
      return;
    }
    // a list, as kubectl reads it (the oracle: apimachinery's decoder and cli-runtime's flattening), or where the oracle's
    // reading is not paired with this document, as the harness reads the same rule: any document with an `items` key
    const list = d.oracle?.list !== undefined ? d.oracle.list : listOf(value);
    if (list) {
      const listRef = refText(value);
      // (a list kubectl cannot read at all, `.inf` in an item: its items are never sent, and sent apart as JSON they would lose the value)
      const unread = list.error ?? d.oracle?.error;
      if (unread !== undefined) {
        out.push({ unit: base(listRef, errors), text: d.text, value: undefined, server: { class: 'rejected', message: `kubectl: ${unread}` } });
        return;
      }
      list.items.forEach((item: any) => {
        const ref = refText(item);
        // (podsmith's refusal of the whole file, rule `input`, is each item's)
        const ers = errors.filter((e) => e.object === ref || e.object === listRef || e.rule === 'input');
        out.push({ unit: base(ref, ers), text: JSON.stringify(item), value: item });
      });
      return;
    }
    out.push({ unit: base(refText(value), errors), text: d.text, value });
  });
  return out;
}

/**
 * A document kubectl reads as a list, where the oracle's reading is not at hand: one with an `items`
 * key (a list of mappings; null is no items), each item with neither kind nor apiVersion (as strings
 * that are not empty) given the list's apiVersion and its kind without "List". Undefined when it is not a list.
 */
function listOf(value: any): OracleList | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('items' in value)) return undefined;
  const items = value.items ?? [];
  if (!Array.isArray(items)) return { items: [], error: 'items is not a list' };
  if (items.some((x) => x !== null && (typeof x !== 'object' || Array.isArray(x)))) return { items: [], error: 'an item is not an object' };
  const named = (x: unknown) => typeof x === 'string' && x !== '';
  const kind = named(value.kind) ? String(value.kind).replace(/List$/, '') : '';
  const apiVersion = named(value.apiVersion) ? value.apiVersion : '';
  return {
    items: items.map((item: any) => {
      const o = item !== null && typeof item === 'object' && !Array.isArray(item) ? item : {};
      return named(o.kind) || named(o.apiVersion) ? o : { ...o, kind, apiVersion };
    }),
  };
}

/** The API server's verdict on one unit. */
async function serverVerdict(judge: ServerJudge, p: Pending): Promise<ServerVerdict> {
  if (p.server) return p.server;
  const v = p.value;
  if (v === undefined) {
    // the text split's reader could not read it: let the API server's decoder say why
    const r = await judge.judgeRawOnly(p.text);
    return r;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string' || !v.apiVersion || !v.kind) {
    return { class: 'rejected', message: "kubectl: Object 'Kind' or 'apiVersion' is missing" };
  }
  return judge.judge(p.text, v);
}

export function outcomeOf(server: ServerVerdict, podsmithRejects: boolean, podsmithDuplicateKey = false, podsmithPracticeOnly = false): Outcome {
  switch (server.class) {
    case 'accepted': return !podsmithRejects ? 'agree' : podsmithPracticeOnly ? 'practice' : 'false-reject';
    case 'rejected':
      if (podsmithRejects) return 'agree';
      return podsmithDuplicateKey && /strict decoding error: [\s\S]*already set in map/.test(server.message ?? '') ? 'duplicate-key' : 'false-accept';
    default: return server.class;
  }
}

/** Runs task(0), task(1), … task(n - 1), four at a time (the API server answers several at once). */
async function fourAtATime(n: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

const judged = (p: Pending, server: ServerVerdict): Unit => ({ ...p.unit, server, outcome: outcomeOf(server, p.unit.podsmithRejects, p.unit.podsmithDuplicateKey, p.unit.podsmithPracticeOnly) });

export async function runCorpus(judge: ServerJudge, corpus: Corpus, opts: { k8sVersion: string; files?: string[]; progress?: (done: number, all: number) => void; customResources?: boolean }): Promise<CorpusResult> {
  const t0 = Date.now();
  const files = opts.files ?? corpus.files;
  // kubectl's reading of every file, in batches (one oracle run per 200 files)
  const streams = oracleRead(files.map((f) => path.join(corpus.root, f)));
  const t1 = Date.now();
  const pending = files.flatMap((f, i) => unitsOfFile(corpus.root, f, opts.k8sVersion, streams[i]));
  const t2 = Date.now();
  const units: Unit[] = new Array(pending.length);
  let done = 0;
  await fourAtATime(pending.length, async (i) => {
    units[i] = judged(pending[i], await serverVerdict(judge, pending[i]));
    if (++done % 200 === 0) opts.progress?.(done, pending.length);
  });
  const t3 = Date.now();
  const crd = { installMs: 0, removeMs: 0 };
  if (opts.customResources !== false) await judgeCustomResources(judge, corpus, files, streams, pending, units, opts.k8sVersion, crd);
  const t4 = Date.now();
  return { corpus: corpus.name, files: files.length, units, ms: t4 - t0, phases: { readMs: t1 - t0, podsmithMs: t2 - t1, serverMs: t3 - t2, customMs: t4 - t3, crdInstallMs: crd.installMs, crdRemoveMs: crd.removeMs } };
}

/**
 * The custom resources of a corpus, judged with its own CRDs: those the API server accepted (the
 * last definition of each name) are installed for real, the objects of their kinds are sent
 * again, and podsmith reads their files again with the same CRDs (`--crds`). The CRDs are removed
 * afterwards. Objects of kinds no installed CRD defines stay apart as custom kinds.
 */
async function judgeCustomResources(judge: ServerJudge, corpus: Corpus, files: string[], streams: OracleStream[], pending: Pending[], units: Unit[], k8sVersion: string, took: { installMs: number; removeMs: number }): Promise<void> {
  if (!units.some((u) => u.outcome === 'custom')) return;
  const byName = new Map<string, any>();
  pending.forEach((p, i) => {
    const v = p.value;
    if (units[i].server.class === 'accepted' && v?.apiVersion === 'apiextensions.k8s.io/v1' && v?.kind === 'CustomResourceDefinition' && typeof v.metadata?.name === 'string') byName.set(v.metadata.name, v);
  });
  if (byName.size === 0) return;
  let t = Date.now();
  const installed = await judge.installCrds([...byName.values()]);
  took.installMs = Date.now() - t;
  try {
    if (installed.length === 0) return;
    // each file's units are a block of `pending`, in file order
    const again: Array<[number, Pending]> = [];
    let at = 0;
    for (let f = 0; f < files.length; f++) {
      const count = pending.slice(at).findIndex((p) => p.unit.file !== files[f]);
      const n = count < 0 ? pending.length - at : count;
      const block = Array.from({ length: n }, (_, k) => at + k);
      at += n;
      if (!block.some((i) => units[i].outcome === 'custom')) continue;
      const read = unitsOfFile(corpus.root, files[f], k8sVersion, streams[f], installed);
      if (read.length !== block.length) continue;
      for (const [k, i] of block.entries()) if (units[i].outcome === 'custom') again.push([i, read[k]]);
    }
    await fourAtATime(again.length, async (k) => {
      const [i, p] = again[k];
      units[i] = judged(p, await serverVerdict(judge, p));
    });
  } finally {
    t = Date.now();
    await judge.removeCrds(installed);
    took.removeMs = Date.now() - t;
  }
}

export interface Figures { objects: number; judged: number; agree: number; falseRejects: number; falseAccepts: number; practice: number; admission: number; cluster: number; custom: number; errors: number; agreement: number }

export function figures(r: CorpusResult): Figures {
  const n = (o: Outcome) => r.units.filter((u) => u.outcome === o).length;
  const judged = n('agree') + n('false-reject') + n('false-accept');
  return {
    objects: r.units.length, judged, agree: n('agree'), falseRejects: n('false-reject'), falseAccepts: n('false-accept'), practice: n('practice'),
    admission: n('admission'), cluster: n('cluster'), custom: n('custom'), errors: n('error'), agreement: judged ? n('agree') / judged : 1,
  };
}

const phaseText = (p: NonNullable<CorpusResult['phases']>) => {
  const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(1)} s`;
  return `kubectl reading ${s(p.readMs)}, podsmith ${s(p.podsmithMs)}, API server ${s(p.serverMs)}, custom resources ${s(p.customMs)}${p.customMs > 0 ? ` of which CRDs installed ${s(p.crdInstallMs)}, removed ${s(p.crdRemoveMs)}` : ''}`;
};

const oneLine = (s: string | undefined, max = 240) => (s ?? '').replace(/\s+/g, ' ').slice(0, max);

export function formatCorpus(r: CorpusResult): string {
  const f = figures(r);
  const lines = [
    `realworld: ${r.corpus}: ${r.files} files, ${f.objects} objects, ${(r.ms / 1000).toFixed(1)} s${r.phases ? ` (${phaseText(r.phases)})` : ''}`,
    `  judged by the API server: ${f.judged} (apart: ${f.practice} cannot work as written, ${f.admission} admission-only, ${f.cluster} cluster-dependent, ${f.custom} custom kinds, ${f.errors} server errors)`,
    `  agreement: ${f.agree}/${f.judged} = ${(100 * f.agreement).toFixed(2)}%`,
    `  false rejects (API accepts, podsmith errors): ${f.falseRejects}`,
  ];
  for (const u of r.units.filter((x) => x.outcome === 'false-reject')) {
    lines.push(`    ${u.file}:${u.line} ${u.object}${u.note ? ` [${u.note}]` : ''}`);
    for (const e of u.podsmith.slice(0, 3)) lines.push(`      ${e.rule} at ${e.path || '(object)'}: ${oneLine(e.message)}`);
  }
  lines.push(`  false accepts (API rejects, podsmith lets through): ${f.falseAccepts}`);
  for (const u of r.units.filter((x) => x.outcome === 'false-accept')) {
    lines.push(`    ${u.file}:${u.line} ${u.object}${u.note ? ` [${u.note}]` : ''}`, `      API server (${u.server.status ?? 'client'}): ${oneLine(u.server.message)}`);
  }
  const dups = r.units.filter((x) => x.outcome === 'duplicate-key');
  lines.push(`  duplicate keys (strict decoding refuses; podsmith keeps the last value and warns, as kubectl reads them): ${dups.length}`);
  for (const u of dups) lines.push(`    ${u.file}:${u.line} ${u.object}: ${oneLine(u.server.message, 160)}`);
  lines.push(`  cannot work as written (API accepts; podsmith errors by a best-practice rule only): ${f.practice}`);
  for (const u of r.units.filter((x) => x.outcome === 'practice')) {
    lines.push(`    ${u.file}:${u.line} ${u.object}`);
    for (const e of u.podsmith.slice(0, 3)) lines.push(`      ${e.rule} at ${e.path || '(object)'}: ${oneLine(e.message)}`);
  }
  lines.push(`  admission-only refusals: ${f.admission}`);
  for (const u of r.units.filter((x) => x.outcome === 'admission')) lines.push(`    ${u.file}:${u.line} ${u.object}: ${oneLine(u.server.message, 160)}`);
  lines.push(`  refused for this cluster's own ranges or objects (a fixed clusterIP or nodePort outside them or taken, an IP family it lacks, a field of its own object that cannot change; another cluster accepts it): ${f.cluster}`);
  for (const u of r.units.filter((x) => x.outcome === 'cluster')) lines.push(`    ${u.file}:${u.line} ${u.object}: ${oneLine(u.server.message, 160)}`);
  const kinds = new Map<string, number>();
  for (const u of r.units.filter((x) => x.outcome === 'custom')) {
    const k = u.object.split(' ').slice(0, 2).join(' ');
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  lines.push(`  custom kinds (no CRD here): ${f.custom}${kinds.size ? ` — ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`).join(', ')}` : ''}`);
  if (f.errors) {
    lines.push(`  server errors: ${f.errors}`);
    for (const u of r.units.filter((x) => x.outcome === 'error')) lines.push(`    ${u.file}:${u.line} ${u.object}: ${oneLine(u.server.message, 160)}`);
  }
  return lines.join('\n');
}
