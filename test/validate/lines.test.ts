/**
 * The line walker (src/validate/yaml/lines.ts) must give, for every field path, the line the fast
 * reader's own line table gives when it reads the document again with tracking on (what findings
 * used before the walker): on the fixtures, the real-world corpus, generated documents and edge
 * cases; for paths that exist, for paths that do not (a missing key or item at each level), and
 * after detach().
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { BAIL, fastParseLines, lineIndents, LineTable } from '../../src/validate/fast-yaml';
import { splitDocuments } from '../../src/validate/yaml/documents';
import { BlockLines } from '../../src/validate/yaml/lines';
import { resolvePlain } from '../../src/validate/yaml/resolve';
import { generateYaml } from '../yaml/generate';
import { FIXTURES } from './helpers';

const CORPUS = process.env.PODSMITH_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'realworld');

type Seg = string | number;

/** The table's answer for exactly `segs` (1-based), as the reader's lookup gave it before the walker. */
function tableLine(root: unknown, table: LineTable, from: number, segs: Seg[]): number | undefined {
  let cur: any = root;
  let line: number | undefined;
  for (const seg of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const l = table.get(cur)?.get(seg);
    if (l === undefined) return undefined;
    line = l;
    cur = cur[seg];
  }
  return line === undefined ? undefined : from + line + 1;
}

/** Every path of a value, and for each container a key and an index it does not have. */
function pathsOf(v: unknown, at: Seg[] = [], out: Seg[][] = []): Seg[][] {
  out.push(at);
  if (Array.isArray(v)) {
    v.forEach((x, i) => pathsOf(x, [...at, i], out));
    out.push([...at, v.length], [...at, 'missing']);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
    out.push([...at, 'no-such-key'], [...at, 0]);
  } else {
    out.push([...at, 'below-a-scalar']);
  }
  return out;
}

/** Checks every document of a text the fast reader reads; returns how many it checked. */
function check(text: string): number {
  const wrong: unknown[] = [];
  const n = checkInto(text, wrong);
  expect(wrong.slice(0, 5)).toEqual([]);
  return n;
}

function checkInto(text: string, wrong: unknown[]): number {
  if (text.includes('\r')) return 0;
  const lines = text.split('\n');
  const ind = lineIndents(lines);
  let checked = 0;
  for (const c of splitDocuments(text).chunks) {
    const to = c.endLine ?? lines.length;
    const table: LineTable = new WeakMap();
    const root = fastParseLines(lines, c.line, to, resolvePlain, table, ind);
    if (root === BAIL || root === null) continue;
    const walker = new BlockLines(lines, ind, c.line, to);
    const detached = walker.detach();
    // the walkers keep what they found: a second pair is asked in the reverse order (later fields first)
    const back = new BlockLines(lines, ind, c.line, to);
    const backDetached = back.detach();
    const first = walker.exact([]);
    const asked: Array<{ segs: Array<string | number>; want: number | undefined; deep: number | undefined }> = [];
    for (const segs of pathsOf(root)) {
      const want = segs.length === 0 ? first : tableLine(root, table, c.line, segs);
      if (walker.exact(segs) !== want) wrong.push({ segs, exact: walker.exact(segs), want });
      // deepest: the longest prefix that has a line, else the first content line
      let deep: number | undefined;
      for (let n = segs.length; n > 0 && deep === undefined; n--) deep = tableLine(root, table, c.line, segs.slice(0, n));
      if (walker.deepest(segs) !== (deep ?? first)) wrong.push({ segs, deepest: walker.deepest(segs), want: deep ?? first });
      if (detached.deepest(segs) !== (deep ?? first)) wrong.push({ segs, detached: detached.deepest(segs), want: deep ?? first });
      asked.push({ segs, want, deep: deep ?? first });
    }
    for (const { segs, want, deep } of asked.reverse()) {
      if (back.deepest(segs) !== deep) wrong.push({ segs, backDeepest: back.deepest(segs), want: deep });
      if (back.exact(segs) !== want) wrong.push({ segs, backExact: back.exact(segs), want });
      if (backDetached.deepest(segs) !== deep) wrong.push({ segs, backDetached: backDetached.deepest(segs), want: deep });
    }
    checked++;
  }
  return checked;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

test('fixtures: every field has the line the reader gives', () => {
  let n = 0;
  for (const f of filesUnder(FIXTURES)) n += check(fs.readFileSync(f, 'utf8'));
  expect(n).toBeGreaterThan(45);
});

test('the real-world corpus: every field of every document the fast reader reads', () => {
  if (!fs.existsSync(CORPUS)) throw new Error(`the real-world corpus is not at ${CORPUS}; set PODSMITH_CORPUS`);
  let n = 0;
  // the large CRDs alone would take minutes path by path; their shapes are in the rest many times over
  for (const f of filesUnder(CORPUS)) if (fs.statSync(f).size < 200_000) n += check(fs.readFileSync(f, 'utf8').replace(/^\ufeff/, ''));
  expect(n).toBeGreaterThan(1500);
});

test.each([
  'list:\n- a\n- b\nnext: x\n',
  'a:\n- 1\n-x: 2\n',
  'list:\n  - name: a\n    value: 1\n  - name: b\n    ports:\n    - 80\n    - 81\n  -\n    x: 1\n  - \nz: 0\n',
  'script: |\n  echo a\n\n  # not a comment\n  echo b\n\nafter: 1\n',
  'a:\n  b:\n  - c: 1\n    d:\n    - e\n  f: 2\n# c\n---\ng:\n    - - x\n',
  '- a: 1\n  b: [1, 2]\n- {c: 3}\n-\n  - 4\n',
  'a: wrapped text\n  goes on\nb: \'quoted\n  too\'\nc: 1\n',
  '"quoted key": 1\n\'single\': {x: 1}\nurl: http://example.com:8080/x\n',
  '# comment\n\napiVersion: v1 # trailing\nkind: Pod\n',
])('edge case %#', (text) => {
  expect(check(text)).toBeGreaterThan(0);
});

test('generated documents', () => {
  const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.\/-]{0,12}$/);
  const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('multi\nline\n', 'a: b', '- x'));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
  })).node;
  let n = 0;
  fc.assert(fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), fc.integer({ min: 0, max: 1 }), (d, style) => {
    n += check(style === 0 ? stringify(d) : stringify(d, { indentSeq: false, lineWidth: 0 }));
  }), { numRuns: 400 });
  for (const seed of fc.sample(fc.integer(), 300)) n += check(generateYaml(seed).replace(/^\ufeff/, ''));
  expect(n).toBeGreaterThan(150);
});
