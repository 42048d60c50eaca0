/**
 * The lines of a JSON document's fields (src/validate/yaml/json-lines.ts) must be the lines the
 * exact reader (yaml/compose.ts, itself proven against kubectl's Go code) records when it reads
 * the same text: for every path of every JSON document of the fixtures and the real-world corpus,
 * and of generated documents in several layouts, duplicate keys included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { composeDocument, LineTable } from '../../src/validate/yaml/compose';
import { jsonLineTable } from '../../src/validate/yaml/json-lines';
import { FIXTURES } from './helpers';

const CORPUS = process.env.PODSMITH_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'realworld');

type Seg = string | number;

function lineOf(root: unknown, table: LineTable, segs: Seg[]): number | undefined {
  let cur: any = root;
  let line: number | undefined;
  for (const seg of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const l = table.get(cur)?.get(seg);
    if (l === undefined) return undefined;
    line = l;
    cur = cur[seg];
  }
  return line;
}

function pathsOf(v: unknown, at: Seg[] = [], out: Seg[][] = []): Seg[][] {
  out.push(at);
  if (Array.isArray(v)) {
    v.forEach((x, i) => pathsOf(x, [...at, i], out));
    out.push([...at, v.length]);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
    out.push([...at, 'no-such-key']);
  }
  return out;
}

/** Compares the two tables on every path; returns how many paths had a line. */
function agree(text: string): number {
  const root = JSON.parse(text);
  const mine = jsonLineTable(text, root);
  expect(mine).toBeDefined();
  const exactTable: LineTable = new WeakMap();
  const exact = composeDocument(text, exactTable).value;
  const wrong: unknown[] = [];
  let lines = 0;
  for (const segs of pathsOf(exact)) {
    const want = lineOf(exact, exactTable, segs);
    const got = lineOf(root, mine!, segs);
    if (want !== undefined) lines++;
    if (got !== want) wrong.push({ segs, got, want });
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  return lines;
}

function jsonFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) jsonFiles(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

test('every JSON document of the fixtures and the real-world corpus: the exact reader\'s lines for every path', () => {
  let docs = 0;
  let lines = 0;
  for (const f of [...jsonFiles(FIXTURES), ...jsonFiles(CORPUS)]) {
    const text = fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
    if (text.trimStart()[0] !== '{') continue;
    try { JSON.parse(text); } catch { continue; }
    try { composeDocument(text); } catch { continue; } // refused as YAML: no lines to compare
    lines += agree(text);
    docs++;
  }
  expect(docs).toBeGreaterThan(10);
  expect(lines).toBeGreaterThan(1_000);
});

test('generated JSON in several layouts, duplicate keys included: the exact reader\'s lines', () => {
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('list'), tie('map')),
    leaf: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant('a\nb "q" \\ \u00e9')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(fc.oneof(fc.constantFrom('a', 'b', 'kind', '__proto__', 'x y', 'é'), fc.string({ maxLength: 4 })), tie('node'), { maxKeys: 4 }),
  })).map;
  fc.assert(fc.property(value, fc.constantFrom(0, 1, 2, '\t'), fc.boolean(), fc.boolean(), (v, indent, crlf, dup) => {
    let text = JSON.stringify(v, null, indent);
    // a key written twice: the last one counts, in JSON.parse and in the exact reader
    if (dup && text.startsWith('{') && Object.keys(v).length > 0) text = `{"dup": [1,\n2], ${text.slice(1, -1)}${Object.keys(v).length ? ',' : ''}\n"dup": {"z":\n 1}}`;
    if (crlf) text = text.replace(/\n/g, '\r\n');
    agree(text);
  }), { numRuns: 400, seed: 9 });
});

test('a text that is not the JSON given: no table (the exact reader\'s then)', () => {
  expect(jsonLineTable('{"a": [1, 2', { a: [1, 2] })).toBeUndefined();
});
