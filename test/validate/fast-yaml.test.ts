/**
 * The fast block reader must give the exact reader's value (yaml/compose.ts, itself proven
 * against kubectl's Go code in test/yaml/reader-vs-go.test.ts) wherever it does not decline:
 * differential tests on fixtures, the real-world corpus, hand-picked edge cases and generated
 * documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { BAIL, fastParse, Refused } from '../../src/validate/fast-yaml';
import { composeDocument, ReadError } from '../../src/validate/yaml/compose';
import { splitDocuments } from '../../src/validate/yaml/documents';
import { resolvePlain } from '../../src/validate/yaml/resolve';
import { generateYaml } from '../yaml/generate';
import { FIXTURES } from './helpers';

const CORPUS = process.env.PODSMITH_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'realworld');

/** One document: 'bail' when the fast reader declines, else it must equal the exact reader (its value, or its refusal and line). */
function agree(text: string): 'bail' | 'same' | 'refused' {
  const fast = fastParse(text, resolvePlain);
  if (fast === BAIL) return 'bail';
  if (fast instanceof Refused) {
    let refusal: { message: string; line?: number } | undefined;
    try {
      composeDocument(text);
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      refusal = { message: e.message, line: e.line };
    }
    expect(refusal).toEqual({ message: fast.message, line: fast.line });
    return 'refused';
  }
  let exact: unknown;
  try {
    exact = composeDocument(text).value;
  } catch (e) {
    if (e instanceof ReadError) throw new Error(`fast reader accepted what kubectl refuses: ${e.message}\n${text}`);
    throw e;
  }
  expect(fast).toEqual(exact);
  // same key order too: findings come in the order of the fields
  expect(JSON.stringify(fast)).toBe(JSON.stringify(exact));
  return 'same';
}

/** Every document of every YAML file under a directory. */
function documentsUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        for (const c of splitDocuments(text).chunks) out.push(text.slice(c.start, c.end));
      }
    }
  };
  walk(dir);
  return out;
}

test('fixtures: every document agrees with the exact reader, and none declines', () => {
  let same = 0;
  for (const doc of documentsUnder(FIXTURES)) if (agree(doc) === 'same') same++;
  expect(same).toBeGreaterThan(45);
});

test('the real-world corpus: every document the fast reader reads agrees with the exact reader', () => {
  if (!fs.existsSync(CORPUS)) throw new Error(`the real-world corpus is not at ${CORPUS}; set PODSMITH_CORPUS`);
  const docs = documentsUnder(CORPUS);
  let same = 0;
  for (const doc of docs) if (agree(doc) === 'same') same++;
  expect(docs.length).toBeGreaterThan(2000);
  // most real documents are plain block YAML; the fast reader pays only if it reads them
  expect(same / docs.length).toBeGreaterThan(0.6);
});

const CASES = [
  'a: 1\nb: "two"\nc: \'th\'\'ree\'\nd: yes\ne: ~\nf:\ng: 1.5\nh: 0x1F\ni: -3\nj: .inf\nk: 1.2.3\nl: 100m\n',
  'list:\n- a\n- b\nnext: x\n',
  'list:\n  - name: a\n    value: 1\n  - name: b\n    ports:\n    - 80\n    - 81\n  -\n    x: 1\n  - \nz: 0\n',
  'script: |\n  echo a\n\n  echo b\n\nafter: 1\n',
  'script: |-\n    indented\n      more\nafter: 1\n',
  'script: |+\n  keep\n\n\nafter: 1\n',
  'flow: [a, "b", {c: d, e: [1, 2]}, []]\nempty: {}\n',
  '"quoted key": 1\n\'single\': 2\nurl: http://example.com:8080/x\n',
  '# comment\n\napiVersion: v1 # trailing\nkind: Pod\n',
  'a: 1\na: 2\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: >\n  folded\n  text\n',
  'a: multi\n  line\n',
  'a: "multi\n  line"\n',
  '- - nested\n',
  '  indented: root\n  second: 2\n',
  'esc: "tab\\tnew\\nline \\u00e9 \\" \\\\"\n',
  'slash: "\\/"\n',
  'x: 0755\ny: 1e3\nz: +12\nw: 1_000\nv: .5\nu: 0o14\nt: 08\ns: 1.\n',
  'on: off\nY: n\n1: one\n0644: mode\n',
  'flow: {1: a, y: b, ~: c}\n',
  '<<: {a: 1}\nb: 2\n',
  '__proto__: x\n',
  'host: ::1\nport: "::1"\nlist: [::1]\n',
  'a: |\n\n   x\n  y\n',
  // double quotes over several lines (controller-gen's descriptions), with escapes and folds of every kind
  'd: "CreationTimestamp is a timestamp representing the server\n    time when it was created. It is in UTC. \\n\n    Populated by the system. More info: https://git.k8s.io/x.md#metadata"\nnext: 1\n',
  'd: "one  \n    two   \n    three"\n',
  'd: "escaped \\\n    break"\n',
  'd: "escaped\\\n    breaks\\\n    on two lines \\\n    and a fold\n    end"\n',
  'd: "escaped blank\\ \n    x"\n',
  'd: "backslash \\\\\n    x"\n',
  'd: "blank line\n\n    inside"\n',
  'd: "a # not a comment\n    # nor this\n    end"\n',
  'd: "tab\n  \tx"\n',
  'd: "under-indented\nx"\n',
  'list:\n- "item over\n  two lines"\n- "k: v\n  \\u00e9 \\t"\n',
  'd: "unclosed\n    still\n',
  'd: "bad escape \\q\n    x"\n',
  'd: "ok\n    done" # comment\ne: "next\n  ok" tail\n',
  // a no-break space is content to YAML, not a blank to fold away
  "s: 'ends in a no-break space\u00a0\n  next'\n",
  'd: "ends in a no-break space\u00a0\n  next"\n',
  'l: |\n  text\n  \u00a0\n\nnext: 1\n',
  'l: |\n  \u00a0\n  text\n',
  'p: plain\u00a0\n  continued\n',
  'd: "line\u2028separator\n  next"\n',
  'q: "x"\u00a0\nr: [a]\u00a0\n',
  // double-quoted text taken in runs between escapes; plain scalars cut at a comment, refused at ': ', a tab or a colon at the end before it
  'e: "\\\\"\nf: "a\\"b\\u0041c\\\\d" \ng: ""\nh: "\\t"\n',
  'a: b #c: d\nb: x #\nc: y:z # tail:\n',
  'a: b: c\n', 'a: b:\n', 'a: b\t#c\n', 'a: b #c\td\n', 'a: x #y\n  z\n', 'a: http://h:80/#frag\n',
];

test.each(CASES.map((c, i) => [i, c]))('edge case %i agrees or declines', (_i, text) => {
  agree(text as string);
});

test('a key written twice, at any depth or distance, is left to the exact reader (which reports it): never read as the last value alone', () => {
  for (const text of [
    'a: 1\na: 2\n',
    'a: 1\nb: 2\nc: 3\nb: 4\n',
    'm:\n  x: 1\n  y:\n    z: 2\n  x: 3\n',
    'l:\n- k: 1\n  j: 2\n  k: 3\n',
    'a: 1\n"a": 2\n',
  ]) expect(fastParse(text, resolvePlain)).toBe(BAIL);
  // the same keys in different mappings are no repetition
  expect(fastParse('a:\n  x: 1\nb:\n  x: 2\nl:\n- x: 3\n- x: 4\n', resolvePlain)).toEqual({ a: { x: 1 }, b: { x: 2 }, l: [{ x: 3 }, { x: 4 }] });
});

test('generated documents agree with the exact reader', () => {
  const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.\/-]{0,12}$/);
  const scalar = fc.oneof(
    fc.string({ maxLength: 20 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
    fc.constantFrom('100m', '64Mi', '1.2.3', 'yes', 'no', 'on', 'y', 'n', '~', 'null', '0755', '0x10', '0o14', '-1', '+1', '1e3', '.5', '1.', '::1', 'a: b', '#x', 'a #b', '- x', '"q"', "'q'", '', ' lead', 'trail ', 'multi\nline\n', 'tab\there'),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
  })).node;
  const doc = fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 });
  let same = 0;
  let total = 0;
  fc.assert(fc.property(doc, fc.integer({ min: 0, max: 1 }), (d, style) => {
    const text = style === 0 ? stringify(d) : stringify(d, { indentSeq: false, lineWidth: 0 });
    total++;
    if (agree(text) === 'same') same++;
  }), { numRuns: 600 });
  // random strings often need quoting styles the fast reader leaves to the exact one; the corpus
  // test above measures what matters, the share of real documents it reads
  expect(same / total).toBeGreaterThan(0.4);
});

test('streams in every style people write: each document agrees or declines', () => {
  for (const seed of fc.sample(fc.integer(), 1000)) {
    const text = generateYaml(seed).replace(/^\ufeff/, '');
    if (text.includes('\r')) continue;
    for (const c of splitDocuments(text).chunks) {
      const doc = text.slice(c.start, c.end);
      try {
        composeDocument(doc);
      } catch {
        expect(fastParse(doc, resolvePlain)).toBe(BAIL); // kubectl refuses it: the fast reader must not read it
        continue;
      }
      agree(doc);
    }
  }
});

/** A flow collection `levels` deep, with a scalar, a mapping or nothing at its heart. */
function deepFlow(levels: number, heart: string, mapsEvery = 0): string {
  let open = '';
  let close = '';
  for (let k = 0; k < levels; k++) {
    const map = mapsEvery > 0 && k % mapsEvery === 0;
    open += map ? `{k${k}: ` : '[';
    close = (map ? '}' : ']') + close;
  }
  return `${open}${heart}${close}`;
}

test('flow nesting past the limit: refused by the fast reader on the line and with the words of the exact reader, at every depth of block around it', () => {
  let refused = 0;
  let read = 0;
  for (const outer of [0, 1, 3, 40]) {
    // `outer` block mappings around the flow (the document's own mapping is one more)
    let head = 'apiVersion: v1\nkind: ConfigMap\n';
    let indent = '';
    for (let k = 0; k < outer; k++) { head += `${indent}m${k}:\n`; indent += '  '; }
    for (const levels of [498 - outer, 499 - outer, 500 - outer, 501 - outer, 2_000, 10_000]) {
      for (const [heart, every] of [['x', 0], ['', 0], ['"q"', 7], ['{a: 1, b: [2, 3]}', 3]] as Array<[string, number]>) {
        const flow = deepFlow(levels, heart, every);
        for (const doc of [
          `${head}${indent}data: ${flow}\n`,
          `${head}${indent}items:\n${indent}- one\n${indent}- ${flow}\n${indent}- ${flow}\n`,
          `# a comment first\n\n${head}${indent}data: ${flow} # and a comment after\nmore: 1\n`,
        ]) {
          const verdict = agree(doc);
          if (verdict === 'refused') refused++;
          if (verdict === 'same') read++;
          // the fast reader answers every one of them itself (agree() compares with the exact reader)
          expect(verdict).not.toBe('bail');
        }
      }
    }
  }
  // the limit is where the exact reader puts it: the document's mapping, `outer` mappings and 498 levels are read, 499 not
  const at = (outer: number, levels: number) => {
    let head = '';
    for (let k = 0; k < outer; k++) head += `${'  '.repeat(k)}m${k}:\n`;
    return agree(`${head}${'  '.repeat(outer)}data: ${deepFlow(levels, 'x')}\n`);
  };
  expect([at(0, 499), at(0, 500), at(3, 496), at(3, 497)]).toEqual(['same', 'refused', 'same', 'refused']);
  expect(refused).toBeGreaterThan(100);
  expect(read).toBeGreaterThan(20);
});

test('flow nesting past the limit in a document the fast reader cannot finish: the exact reader decides', () => {
  const flow = deepFlow(600, 'x');
  // a duplicate key after the deep flow, an anchor before it, a flow over two lines
  for (const doc of [`a: ${flow}\na: 1\n`, `x: &a 1\na: ${flow}\n`, `a: [\n${flow}]\n`]) {
    expect(fastParse(doc, resolvePlain)).toBe(BAIL);
  }
});

test('double-quoted text folded over lines, as YAML writers fold it: the exact reader\'s value, and much of it read fast', () => {
  // words, blanks, escapes and backslashes, in strings long enough to be folded
  const word = fc.oneof(fc.stringMatching(/^[a-z]{1,9}$/), fc.constantFrom('\\', '\\\\', '\n', '\t', ' ', '  ', 'é', '"', '#', 'a: b', ' #c', '\u2028', '$x'));
  const text = fc.array(word, { minLength: 4, maxLength: 40 }).map((ws) => ws.join(' '));
  let same = 0;
  let total = 0;
  fc.assert(fc.property(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), text, { minKeys: 1, maxKeys: 4 }), fc.integer({ min: 20, max: 60 }), fc.integer({ min: 0, max: 2 }), (d, width, nest) => {
    let doc: unknown = d;
    for (let k = 0; k < nest; k++) doc = { spec: [doc] };
    const yaml = stringify(doc, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: width, minContentWidth: 10 });
    total++;
    if (agree(yaml) === 'same') same++;
  }), { numRuns: 500, seed: 11 });
  // the rest holds what is the exact reader's: escaped blanks at a fold, tabs, line separators
  expect(same / total).toBeGreaterThan(0.25);
});
