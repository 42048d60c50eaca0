/**
 * Rows of `npm run bench:validate` for inputs nobody here wrote (issue 9):
 * - hostile inputs (an alias bomb, 10,000-deep nesting, a 50 MB single document) beside a normal
 *   file of the same size: wall time and peak memory of a fresh `podsmith validate` process;
 * - the real-world corpus (../shared/corpus/realworld, or $PODSMITH_CORPUS) repeated to at least
 *   50,000 objects, beside kubeconform on the same files: objects per CPU-second in process and
 *   in a fresh process, and wall-clock with kubeconform's default workers;
 * - what the fast reader buys: reading the corpus with and without it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validatePaths } from '../src/validate';
import { BAIL, fastParseLines } from '../src/validate/fast-yaml';
import { composeDocument } from '../src/validate/yaml/compose';
import { splitDocuments } from '../src/validate/yaml/documents';
import { resolvePlain } from '../src/validate/yaml/resolve';
import { BenchRow, median, OUT_DIR } from './result';

/** A fresh process's wall seconds, CPU seconds and peak resident memory (GNU time). */
export interface ProcessRun {
  wall: number;
  cpu: number;
  peakMb: number;
  out: string;
}

/** The environment child processes get: as this process started (before main() pins its own thread count). */
export const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env };

export function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = CHILD_ENV): ProcessRun {
  const out = path.join(OUT_DIR, 'timed.out');
  const fd = fs.openSync(out, 'w');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
  fs.closeSync(fd);
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [wall, user, sys, kb] = last.split(' ').map(Number);
  if (![wall, user, sys, kb].every(Number.isFinite)) throw new Error(`/usr/bin/time gave '${last}' for ${cmd}`);
  return { wall, cpu: user + sys, peakMb: Math.round(kb / 1024), out: fs.readFileSync(out, 'utf8').slice(-2000) };
}

// ---- hostile inputs -------------------------------------------------------------------------

const NORMAL_DOC = (i: number) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-${i}
  labels:
    app: web
data:
  key: value-${i}
  other: "x"
`;

/** Normal manifests, about `bytes` long. */
function normalOfSize(bytes: number): string {
  const docs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const d = NORMAL_DOC(i);
    docs.push(d);
    size += d.length + 4;
  }
  return docs.join('---\n');
}

function aliasBomb(): string {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    text += `${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
  }
  return text;
}

function deepNesting(levels: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
}

/** One 50 MB document: a ConfigMap whose data has one key per line. */
function hugeDocument(bytes: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: huge', 'data:'];
  let size = 60;
  for (let i = 0; size < bytes; i++) {
    const l = `  key-${i}: value-${i}-${'x'.repeat(64)}`;
    lines.push(l);
    size += l.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A CRD whose `count` field descriptions are single-quoted and wrapped with their later lines no
 * deeper than their keys, as old operator bundles write them (go-yaml reads on to the closing
 * quote; the yaml package cuts each one, and each is mended in turn): OpenTelemetry's 482 KB
 * operator manifest has 256 of them.
 */
function wrappedQuotedCrd(count: number): string {
  const props: string[] = [];
  for (let i = 0; i < count; i++) {
    props.push(`              field${i}:`,
      `                description: 'Field ${i} holds a value the operator reads. The precedence is: \`defaults\``,
      `                > \`spec values\`. Values are documented at https://example.com/docs/${i}.'`,
      '                type: string');
  }
  return ['apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', '  name: wrappeds.example.com', 'spec:',
    '  group: example.com', '  names:', '    kind: Wrapped', '    plural: wrappeds', '  scope: Namespaced', '  versions:', '  - name: v1',
    '    served: true', '    storage: true', '    schema:', '      openAPIV3Schema:', '        type: object', '        properties:', '          spec:',
    '            type: object', '            properties:', ...props, ''].join('\n');
}

export function hostileRows(cli: string, version: string, runs: number): { rows: BenchRow[]; notes: string[] } {
  const dir = path.join(OUT_DIR, 'hostile');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const cases: Array<[string, string]> = [
    ['alias bomb (billion laughs)', aliasBomb()],
    ['10,000-deep nesting', deepNesting(10_000)],
    ['50 MB single document', hugeDocument(50 * 1024 * 1024)],
    ['2,000 wrapped quoted descriptions under-indented', wrappedQuotedCrd(2000)],
  ];
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const [name, text] of cases) {
    const hostile = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    const normal = path.join(dir, `${name.replace(/\W+/g, '-')}-normal.yaml`);
    fs.writeFileSync(hostile, text);
    fs.writeFileSync(normal, normalOfSize(text.length));
    const measure = (file: string) => {
      const rs = Array.from({ length: runs }, () => timed(process.execPath, [cli, 'validate', '--format', 'json', '--k8s-version', version, file]));
      return { wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)), peakMb: median(rs.map((r) => r.peakMb)), out: rs[0].out };
    };
    const h = measure(hostile);
    const n = measure(normal);
    const verdict = (() => {
      try {
        const f = JSON.parse(h.out).findings.find((x: { rule: string; severity: string }) => x.rule === 'yaml.invalid' || x.severity === 'error');
        return f ? `${f.rule}: ${f.message}` : 'no error';
      } catch {
        return h.out.trim().split('\n').pop();
      }
    })();
    const size = text.length >= 1024 * 1024 ? `${(text.length / 1024 / 1024).toFixed(0)} MB` : `${(text.length / 1024).toFixed(1)} KB`;
    // CPU-seconds: on a shared machine wall time measures the neighbours
    rows.push({ metric: `${name}, ${size}: CPU-seconds, fresh process (anchor: normal manifests of the same size)`, podsmith: h.cpu, anchor: n.cpu, unit: 'CPU-s', ratio: Number((h.cpu / Math.max(n.cpu, 0.01)).toFixed(2)), target: '≤ 2× a normal file of its size', met: h.cpu <= 2 * n.cpu });
    rows.push({ metric: `${name}, ${size}: peak MB, fresh process (anchor: normal manifests of the same size)`, podsmith: h.peakMb, anchor: n.peakMb, unit: 'MB', ratio: Number((h.peakMb / n.peakMb).toFixed(2)), target: '≤ 2× a normal file of its size', met: h.peakMb <= 2 * n.peakMb });
    notes.push(`${name}: podsmith answers ${verdict}`);
    process.stderr.write(`${name} (${size}): ${h.cpu.toFixed(2)} CPU-s, ${h.wall} s, ${h.peakMb} MB; normal file: ${n.cpu.toFixed(2)} CPU-s, ${n.wall} s, ${n.peakMb} MB; ${verdict}\n`);
  }
  return { rows, notes };
}

// ---- the real-world corpus ------------------------------------------------------------------

export function realWorldCorpus(): string | undefined {
  const dir = process.env.PODSMITH_CORPUS ?? path.join(__dirname, '..', '..', 'shared', 'corpus', 'realworld');
  return fs.existsSync(dir) ? dir : undefined;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.(ya?ml|json)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Copies of every corpus file, repeated until the copies hold at least `min` objects. */
export async function repeatCorpus(src: string, min: number, version: string): Promise<{ dir: string; objects: number; copies: number; perCopy: { objects: number; errors: number; warnings: number } }> {
  const once = await validatePaths([src], { k8sVersion: version });
  const copies = Math.ceil(min / once.summary.objects);
  const dir = path.join(OUT_DIR, 'realworld-repeated');
  fs.rmSync(dir, { recursive: true, force: true });
  const files = yamlFiles(src);
  for (let k = 0; k < copies; k++) {
    for (const f of files) {
      const to = path.join(dir, `copy-${String(k).padStart(3, '0')}`, path.relative(src, f));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(f, to);
    }
  }
  return { dir, objects: once.summary.objects * copies, copies, perCopy: { objects: once.summary.objects, errors: once.summary.errors, warnings: once.summary.warnings } };
}

/** Reading alone: every document of the corpus with the fast reader where it reads, and with the exact reader alone. */
export function readerRows(src: string, runs: number): { rows: BenchRow[]; notes: string[] } {
  const chunks: string[] = [];
  for (const f of yamlFiles(src)) {
    const text = fs.readFileSync(f, 'utf8');
    for (const c of splitDocuments(text).chunks) chunks.push(text.slice(c.start, c.end));
  }
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  const cpuOf = (f: () => void) => {
    const t0 = process.cpuUsage();
    f();
    const u = process.cpuUsage(t0);
    return (u.user + u.system) / 1e6;
  };
  let fastShare = 0;
  const withFast = () => {
    fastShare = 0;
    for (const c of chunks) {
      const v = c.includes('\r') ? BAIL : fastParseLines(c.split('\n'), 0, c.split('\n').length, resolvePlain);
      if (v !== BAIL) { fastShare++; continue; }
      try { composeDocument(c); } catch { /* refused: counted all the same */ }
    }
  };
  const exactOnly = () => {
    for (const c of chunks) {
      try { composeDocument(c); } catch { /* refused */ }
    }
  };
  withFast();
  exactOnly(); // warm-up
  const fast = median(Array.from({ length: runs }, () => cpuOf(withFast)));
  const exact = median(Array.from({ length: runs }, () => cpuOf(exactOnly)));
  const mb = bytes / 1024 / 1024;
  return {
    rows: [{ metric: 'reading the real-world corpus: MB per CPU-second, fast reader where it reads (anchor: exact reader alone)', podsmith: Number((mb / fast).toFixed(1)), anchor: Number((mb / exact).toFixed(1)), unit: 'MB/CPU-s', ratio: Number((exact / fast).toFixed(2)) }],
    notes: [`the fast reader reads ${fastShare} of ${chunks.length} real-world documents; the exact reader (the yaml package's parse plus go-yaml's semantics) reads the rest`],
  };
}
