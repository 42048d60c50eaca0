/**
 * Reading manifests: files, directories (recursive *.yaml *.yml *.json) and stdin, multi-document
 * YAML included. Values come from a fast parse; the line of a finding is looked up only when a
 * finding needs it, from the `yaml` package's Document ranges.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, isMap, isSeq, parseAllDocuments, Node as YNode } from 'yaml';
import { InputError } from '../errors';
import { BAIL, fastParseLines, LineTable } from './fast-yaml';
import { splitPath } from './path';
import { InputObject } from './types';

const MAX_BYTES = 64 * 1024 * 1024;
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const PARSE_OPTIONS = { uniqueKeys: true, version: '1.1' as const, keepSourceTokens: false };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) throw new InputError(`-: input is larger than ${MAX_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError(`${dir}: cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(p);
  }
}

/** The files a list of paths names, in a stable order. '-' stands for stdin. */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') { out.push(p); continue; }
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`${p}: ${code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? (e as Error).message})`}`);
    }
    if (st.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function readFile(file: string): string {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.size > MAX_BYTES) throw new InputError(`${file}: file is larger than ${MAX_BYTES / 1024 / 1024} MiB`);
    buf = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (buf.subarray(0, 8192).includes(0)) throw new InputError(`${file}: binary file, not YAML or JSON`);
  return buf.toString('utf8');
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Offset of the node at `path` within a document: the key of the last segment where there is one. */
function offsetOf(doc: Document, path: string): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YNode | null)?.range?.[0];
  for (const seg of splitPath(path)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as any)?.value ?? p.key) === String(seg));
      if (!pair) return undefined;
      offset = (pair.key as YNode | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YNode | undefined;
      if (!item) return undefined;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return undefined;
    }
  }
  return offset;
}

// js-yaml is several times faster than the yaml package at producing plain values; the yaml
// package's Documents are built only when a finding needs a line, or to word a parse error.
let jsyaml: any;
try {
  jsyaml = require('js-yaml');
} catch {
  jsyaml = undefined;
}

/** The core schema plus YAML 1.1 booleans (yes/no/on/off) and merge keys, as kubectl's decoder reads YAML. */
function makeSchema(): unknown {
  if (!jsyaml?.CORE_SCHEMA || !jsyaml.Type) return undefined;
  const bool11 = new jsyaml.Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (d: string | null) => d !== null && /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(d),
    construct: (d: string) => /^(y|Y|yes|Yes|YES|on|On|ON)$/.test(d),
    predicate: (o: unknown) => typeof o === 'boolean',
  });
  try {
    if (typeof jsyaml.CORE_SCHEMA.extend === 'function' && jsyaml.types?.merge) {
      return jsyaml.CORE_SCHEMA.extend({ implicit: [bool11, jsyaml.types.merge] }); // js-yaml 4
    }
    return new jsyaml.Schema({ include: [jsyaml.CORE_SCHEMA], implicit: [bool11, require('js-yaml/lib/js-yaml/type/merge')] }); // js-yaml 3
  } catch {
    return undefined;
  }
}
const JS_SCHEMA = makeSchema();

function isEmptyDoc(doc: Document): boolean {
  const c = doc.contents as any;
  return c === null || (c && c.constructor?.name === 'Scalar' && (c.value === null || c.value === undefined));
}

/** Parses one file's text into objects; throws InputError with the file and line on bad YAML. */
export function parseText(text: string, file: string): InputObject[] {
  const out: InputObject[] = [];
  parseTextEach(text, file, (o) => out.push(o));
  return out;
}

/** Like parseText, one object at a time, so that a caller can let each go before the next is read. */
export function parseTextEach(text: string, file: string, each: (object: InputObject) => void): void {
  if (text.includes('\u0000')) throw new InputError(`${file}: binary file, not YAML or JSON`);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark is not content
  let docs: Document[] | undefined;
  let starts: number[] | undefined;
  const located = () => {
    if (!docs) docs = (parseAllDocuments(text, PARSE_OPTIONS) as Document[]).filter((d) => d.errors.length > 0 || !isEmptyDoc(d));
    if (!starts) starts = lineStarts(text);
    return { docs, starts };
  };
  // Lines for JSON and for the yaml package's path: that package's Documents, built on demand.
  const lineOfDoc = (docIndex: number) => (p: string): number | undefined => {
    const { docs: d, starts: s } = located();
    const doc = d[docIndex];
    if (!doc) return undefined;
    const off = offsetOf(doc, p);
    return off === undefined ? undefined : lineAt(s, off);
  };

  // JSON: one document, parsed natively.
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      each({ object: JSON.parse(text), file, lineOf: lineOfDoc(0) });
      return;
    } catch {
      // not strict JSON: the YAML parsers below say where it fails
    }
  }

  // Tabs in indentation: js-yaml is lenient where kubectl is not; the yaml package decides.
  if (JS_SCHEMA && (text.indexOf('\t') < 0 || !/(^|\n) *\t/.test(text))) {
    try {
      parseFast(text, file, each);
      return;
    } catch (e) {
      if (e instanceof InputError) throw e;
      // fall through: the yaml package words the error with a line
    }
  }

  const all = located().docs;
  all.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const line = err.linePos?.[0]?.line ?? lineAt(located().starts, err.pos[0]);
      const msg = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new InputError(`${file}:${line}: not valid YAML: ${msg}`);
    }
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      throw new InputError(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    if (object !== null && object !== undefined) each({ object, file, lineOf: lineOfDoc(i) });
  });
}

/**
 * Line lookup for one document: text[start, end) of the file, whose first line is line `from`
 * (0-based). The fast reader runs again with line tracking, or the yaml package where it
 * declines. Nothing is split or parsed until a finding asks for a line; only documents with
 * findings keep their lines.
 */
function documentLines(text: string, from: number, start: number, end: number): (p: string) => number | undefined {
  let located: { root: unknown; table: LineTable } | null | undefined;
  let doc: Document | undefined | null;
  let docStarts: number[] | undefined;
  // the document's text and lines, split on the first lookup and reused by the next ones
  let chunk: string | undefined;
  let lines: string[] = [];
  return (p: string) => {
    if (chunk === undefined) {
      chunk = text.slice(start, end);
      lines = chunk.split('\n');
    }
    if (located === undefined) {
      const table: LineTable = new WeakMap();
      const root = chunk.includes('\r') ? BAIL : fastParseLines(lines, 0, lines.length, resolvePlain, table);
      located = root === BAIL ? null : { root, table };
    }
    if (located) {
      let cur: any = located.root;
      let line: number | undefined;
      for (const seg of splitPath(p)) {
        if (cur === null || typeof cur !== 'object') return undefined;
        const l = located.table.get(cur)?.get(seg);
        if (l === undefined) return undefined;
        line = l;
        cur = cur[seg];
      }
      if (line !== undefined) return from + line + 1;
      // the object itself: its first content line
      for (let k = 0; k < lines.length; k++) {
        const l = lines[k];
        if (l.trim() !== '' && !l.trimStart().startsWith('#') && !/^---\s*(#.*)?$/.test(l)) return from + k + 1;
      }
      return undefined;
    }
    if (doc === undefined) doc = (parseAllDocuments(chunk, PARSE_OPTIONS) as Document[]).find((d) => !isEmptyDoc(d)) ?? null;
    if (!doc) return undefined;
    const off = offsetOf(doc, p);
    if (off === undefined) return undefined;
    if (!docStarts) docStarts = lineStarts(chunk);
    return from + lineAt(docStarts, off);
  };
}

const IMPLICIT: Array<{ resolve(s: string): boolean; construct(s: string): unknown }> = (JS_SCHEMA as any)?.compiledImplicit ?? [];

/** Plain words that js-yaml's schema here (core + YAML 1.1 booleans) resolves to null or a boolean. */
const WORDS = new Map<string, null | boolean>([
  ...['~', 'null', 'Null', 'NULL'].map((w) => [w, null] as [string, null]),
  ...['true', 'True', 'TRUE', 'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w) => [w, true] as [string, boolean]),
  ...['false', 'False', 'FALSE', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w) => [w, false] as [string, boolean]),
]);

/** A plain scalar's value as js-yaml resolves it with JS_SCHEMA (null, booleans, numbers, merge key). */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    // plain decimal integers, the common case, need no regular expression
    if (c !== 48 && s.length < 16 && /^[1-9][0-9]*$/.test(s)) return Number(s);
    for (const t of IMPLICIT) if (t.resolve(s)) return t.construct(s);
    return s;
  }
  if (s.length > 5) return s;
  const w = WORDS.get(s);
  if (w !== undefined) return w;
  if (s === '<<') for (const t of IMPLICIT) if (t.resolve(s)) return t.construct(s);
  return s;
}

/**
 * Each document with the fast block reader, or js-yaml where the reader declines. The file is
 * cut at its `---` lines first and only one document at a time is split into lines: a whole
 * file's line strings would live through several young-generation collections and be copied and
 * promoted (at 50,000 objects that copying was a fifth of the CPU time of `podsmith validate`).
 */
function parseFast(text: string, file: string, each: (object: InputObject) => void): void {
  const hasCr = text.includes('\r');
  let start = 0; // offset of the current document's first line
  let from = 0; // its line number
  const flush = (end: number) => {
    const chunk = text.slice(start, end);
    const lines = chunk.split('\n');
    const to = from + lines.length;
    let value: unknown = hasCr ? BAIL : fastParseLines(lines, 0, lines.length, resolvePlain);
    if (value === BAIL) {
      const values: unknown[] = jsyaml.loadAll(chunk, undefined, { schema: JS_SCHEMA, filename: file });
      if (values.length > 1) throw new Error('several documents in one chunk');
      value = values[0];
    }
    if (value !== null && value !== undefined) each({ object: value, file, lineOf: documentLines(text, from, start, end) });
    from = to;
  };
  // a line that starts with `---` and then ends, or goes on after a space, tab or carriage return
  for (let i = text.indexOf('\n---'); i >= 0; i = text.indexOf('\n---', i + 4)) {
    const c = text.charCodeAt(i + 4);
    if (!(i + 4 >= text.length || c === 10 || c === 32 || c === 9 || c === 13)) continue;
    flush(i);
    start = i + 1;
  }
  flush(text.length);
}

/** Reads each file in turn and hands over its objects one by one. */
export async function loadPathsEach(paths: string[], each: (object: InputObject) => void): Promise<void> {
  if (paths.length === 0) throw new InputError('no input: give files, directories or - for stdin');
  for (const file of expandPaths(paths)) {
    const text = file === '-' ? await readStdin() : readFile(file);
    parseTextEach(text, file === '-' ? '<stdin>' : file, each);
  }
}

export async function loadPaths(paths: string[]): Promise<InputObject[]> {
  const out: InputObject[] = [];
  await loadPathsEach(paths, (o) => out.push(o));
  return out;
}

