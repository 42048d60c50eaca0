/**
 * podsmith reads YAML as kubectl does: every generated stream (generate.ts: every YAML feature
 * real manifests use) is read by podsmith and by the Go oracle (cluster/go/yamlref:
 * sigs.k8s.io/yaml v1.6.0 and apimachinery v0.34.4's YAMLReader, the code kubectl and the API
 * server run) and the values, the documents skipped, the first unreadable document and the lines
 * of duplicate keys must be the same. The oracle is built on first use (cold: about 1 minute).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { generateYaml, mutateYaml, rng } from './generate';
import { oracleBinary, oracleRead } from './oracle';
import { canonical, expected, podsmithBytes, podsmithRead as podsmith, strictLines } from './outcome';

/** kubectl's decoder reads a stream as JSON values first when its first character that Go's unicode.IsSpace does not take is `{` (apimachinery's yaml.IsJSONBuffer). */
const GO_JSON_FIRST = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\{/;

const RUNS = Number(process.env.PODSMITH_YAML_RUNS ?? 2000);
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-yamlref-'));
  oracleBinary();
}, 600_000);
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function compare(texts: string[]): { mismatches: string[]; features: Record<string, number> } {
  const files = texts.map((t, i) => {
    const f = path.join(dir, `${i}.yaml`);
    fs.writeFileSync(f, t);
    return f;
  });
  const answers = oracleRead(files);
  const mismatches: string[] = [];
  const features: Record<string, number> = { errors: 0, docs: 0, duplicates: 0, crlf: 0, anchors: 0, merges: 0, blocks: 0, tags: 0, wrappedFlows: 0, goBreaks: 0, separators: 0, flowKeysOverLines: 0 };
  texts.forEach((text, i) => {
    // a stream that starts with { is JSON values first to kubectl's decoder, not YAMLReader's documents
    const visit = answers[i].visit;
    const jsonFirst = GO_JSON_FIRST.test(text.replace(/^\ufeff/, ''));
    const want = jsonFirst ? { docs: visit.docs, error: visit.error !== undefined, errorText: visit.error } : expected(answers[i]);
    const got = podsmith(text);
    features.docs += want.docs.length;
    if (want.error) features.errors++;
    if (text.includes('\r\n')) features.crlf++;
    if (/\*a\d/.test(text)) features.anchors++;
    if (text.includes('<<:')) features.merges++;
    if (/: [|>]/.test(text)) features.blocks++;
    if (text.includes('!!')) features.tags++;
    if (/[[{][^\]}\n]*,\r?\n/.test(text)) features.wrappedFlows++;
    if (/[\u0085\u2028\u2029]/.test(text)) features.goBreaks++;
    if (/^(?![ \t]*#)[^\n]*[\u2028\u2029]/m.test(text)) features.separators++;
    if (/\n *:|\/\/ note/.test(text)) features.flowKeysOverLines++;
    const same = canonical(got.docs) === canonical(want.docs) && got.error === want.error;
    if (!same) {
      mismatches.push(`stream ${i}:\n${JSON.stringify(text)}\n go:       ${JSON.stringify(want)}\n podsmith: ${JSON.stringify({ docs: got.docs, error: got.error, errorText: got.errorText })}`);
      return;
    }
    // duplicate keys: the lines kubectl's strict reading names, where no merge adds its own (the
    // oracle reads them on YAMLReader's path: not for a stream its decoder reads as JSON first)
    if (!jsonFirst && !want.error && answers[i].docs.length === 1 && !text.includes('<<') && !/^---/m.test(text)) {
      const lines = strictLines(answers[i]);
      features.duplicates += lines.length;
      if (JSON.stringify([...got.dupLines].sort((a, b) => a - b)) !== JSON.stringify([...lines].sort((a, b) => a - b))) {
        mismatches.push(`stream ${i} duplicate lines: go ${JSON.stringify(lines)} podsmith ${JSON.stringify(got.dupLines)}\n${JSON.stringify(text)}`);
      }
    }
  });
  return { mismatches, features };
}

test('generated YAML: podsmith reads the values, skips and refusals kubectl reads', () => {
  const seeds = fc.sample(fc.integer(), RUNS);
  const { mismatches, features } = compare(seeds.map(generateYaml));
  expect(mismatches.slice(0, 5)).toEqual([]);
  // the generator must reach every feature, or the agreement proves little
  for (const [feature, n] of Object.entries(features)) expect([feature, n > RUNS / 50]).toEqual([feature, true]);
}, 600_000);

test('generated YAML with a token put in anywhere: podsmith refuses nothing kubectl reads, and agrees on at least 99.5%', () => {
  const texts = fc.sample(fc.integer(), RUNS).map(mutateYaml);
  const files = texts.map((t, i) => {
    const f = path.join(dir, `m${i}.yaml`);
    fs.writeFileSync(f, t);
    return f;
  });
  const answers = oracleRead(files);
  const rejects: string[] = [];
  const others: string[] = [];
  texts.forEach((text, i) => {
    const visit = answers[i].visit;
    const want = GO_JSON_FIRST.test(text.replace(/^\ufeff/, '')) ? { docs: visit.docs, error: visit.error !== undefined } : expected(answers[i]);
    const got = podsmith(text);
    if (canonical(got.docs) === canonical(want.docs) && got.error === want.error) return;
    const line = `${JSON.stringify(text)}\n go: ${JSON.stringify(want)}\n podsmith: ${JSON.stringify({ docs: got.docs, error: got.errorText })}`;
    // a false reject: kubectl reads every document and podsmith refuses one
    (!want.error && got.error ? rejects : others).push(line);
  });
  expect(rejects).toEqual([]);
  // the rest (podsmith reads what kubectl refuses, or other values): listed when more than 0.5%
  if (others.length > RUNS * 0.005) expect(others).toEqual([]);
  // most of them are refused: the error paths are what this reaches
  expect(answers.filter((a) => expected(a).error).length).toBeGreaterThan(RUNS / 4);
}, 600_000);

/** A stream's text written in one of the encodings files come in, some of them broken. */
function encode(text: string, encoding: string, r: () => number): Buffer {
  const utf16le = (t: string) => Buffer.from(t, 'utf16le');
  // invalid bytes in place of a letter of a key or a value (U+FFFD after a document's root node is another class: see the closing note)
  const at = (b: Buffer, insert: number[]) => { const k = b.indexOf('e'); return k < 0 ? b : Buffer.concat([b.subarray(0, k), Buffer.from(insert), b.subarray(k + 1)]); };
  switch (encoding) {
    case 'utf-16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]);
    case 'utf-16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), utf16le(text).swap16()]);
    // the odd byte reads as U+FFFD at the end: written into a last comment line
    case 'utf-16le, odd last byte': return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(`${text}${text.endsWith('\n') ? '' : '\n'}# end `), Buffer.from([0x41])]);
    case 'utf-16le, a lone surrogate': return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text.replace('e', '\ud800'))]);
    case 'utf-16le without a mark': return utf16le(text);
    case 'utf-8 with a mark': return Buffer.from(`\ufeff${text}`);
    // (a character latin-1 has no byte for is written `?`, as an encoder writes it: Buffer's latin1 would keep its low byte, a NUL for U+3000)
    case 'latin-1': return Buffer.from(text.replace(/a/g, '\u00e9').replace(/[^\u0000-\u00ff]/g, '?'), 'latin1');
    default: return at(Buffer.from(text), [[0xe9], [0xe2, 0x82], [0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80]][Math.floor(r() * 5)]);
  }
}

test('encodings: byte order marks, UTF-16 (LE and BE, broken too) and invalid UTF-8 decode as kubectl decodes them', () => {
  const encodings = ['utf-16le', 'utf-16be', 'utf-16le, odd last byte', 'utf-16le, a lone surrogate', 'utf-16le without a mark', 'utf-8 with a mark', 'latin-1', 'invalid utf-8 bytes'];
  const r = rng(RUNS);
  const cases = fc.sample(fc.integer(), Math.max(400, RUNS / 5)).map((seed, i) => {
    const encoding = encodings[i % encodings.length];
    return { encoding, bytes: encode(generateYaml(seed).replace(/^\ufeff/, ''), encoding, r) };
  });
  const files = cases.map((c, i) => {
    const f = path.join(dir, `enc-${i}.yaml`);
    fs.writeFileSync(f, c.bytes);
    return f;
  });
  const answers = oracleRead(files);
  const mismatches: string[] = [];
  const read: Record<string, number> = {};
  cases.forEach((c, i) => {
    const want = { docs: answers[i].visit.docs, error: answers[i].visit.error !== undefined };
    const got = podsmithBytes(c.bytes);
    if (canonical(got.docs) !== canonical(want.docs) || got.error !== want.error) {
      mismatches.push(`${c.encoding} ${i}: ${c.bytes.toString('base64')}\n go:       ${JSON.stringify(want)}\n podsmith: ${JSON.stringify(got)}`);
    }
    if (want.docs.length > 0) read[c.encoding] = (read[c.encoding] ?? 0) + 1;
  });
  expect(mismatches.slice(0, 5)).toEqual([]);
  // every encoding kubectl reads gave documents (not only refusals)
  for (const e of encodings.filter((x) => x !== 'utf-16le without a mark')) expect([e, (read[e] ?? 0) > 10]).toEqual([e, true]);
  expect(read['utf-16le without a mark'] ?? 0).toBe(0);
}, 600_000);

/** A JSON stream as people concatenate them (`kubectl get -o json` one after another), at times with YAML after it or broken. */
function jsonStream(values: unknown[], r: () => number, yamlTail: string): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const objects = values.length > 0 && values[0] !== null && typeof values[0] === 'object' && !Array.isArray(values[0]) ? values : [{ kind: 'First' }, ...values];
  const k = r();
  // (not JSON, so YAML: a flow collection right after another, `{a: 1}{b: 2}`, is a class left alone, see the closing note of stop 18)
  // NEL and the Unicode line separators written as escapes: raw, they are line breaks to go-yaml when the stream falls back to YAML (a class left alone)
  let text = objects.map((v) => JSON.stringify(v, null, pick([0, 2])).replace(/[\u0085\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`))
    .join(k >= 0.4 && k < 0.45 ? '\n' : pick(['', '\n', ' ', '\n\n', '\r\n']));
  if (k < 0.15) text += `\n---\n${yamlTail}`;
  else if (k < 0.3) text += `\n${yamlTail}`;
  else if (k < 0.4) text += pick(['{"a":', '}', ']', ' x: 1', '\n- a', 'null', ' 5 "s" [1]', '\n{"b": 1,}']);
  else if (k < 0.45) text = text.replace('{', '{a: 1, '); // YAML's flow style, not JSON
  return `${pick(['', ' ', '\n', '\t\n'])}${text}`;
}

test("kubectl's own reading loop: JSON streams and YAML streams give the documents and the refusal it gives", () => {
  const seeds = fc.sample(fc.integer(), Math.max(600, RUNS / 2));
  const r = rng(RUNS + 1);
  const yaml = seeds.map((seed) => generateYaml(seed));
  const yamlAnswers = oracleRead(yaml.map((t, i) => { const f = path.join(dir, `y-${i}.yaml`); fs.writeFileSync(f, t); return f; }));
  // JSON streams made of the values the generated YAML holds, as kubectl read them
  // (a byte order mark right after the `---` that starts a stream's YAML is content to go-yaml: a class left alone, see the closing note of stop 18)
  const json = yamlAnswers.map((a, i) => jsonStream(a.docs.filter((d) => !d.error && d.json !== null).map((d) => d.json), r, yaml[(i + 1) % yaml.length].replace(/^\ufeff/, '')));
  const texts = [...yaml, ...json];
  const answers = [...yamlAnswers, ...oracleRead(json.map((t, i) => { const f = path.join(dir, `j-${i}.json`); fs.writeFileSync(f, t); return f; }))];
  const mismatches: string[] = [];
  let jsonDocs = 0;
  let jsonThenYaml = 0;
  texts.forEach((text, i) => {
    const want = answers[i].visit;
    const got = podsmith(text);
    if (canonical(got.docs) !== canonical(want.docs) || got.error !== (want.error !== undefined)) {
      mismatches.push(`stream ${i}:\n${JSON.stringify(text)}\n kubectl:  ${JSON.stringify(want)}\n podsmith: ${JSON.stringify({ docs: got.docs, error: got.errorText })}`);
    }
    if (i >= yaml.length) {
      jsonDocs += want.docs.length;
      if (!want.error && /\n---\n/.test(text)) jsonThenYaml++;
    }
  });
  expect(mismatches.slice(0, 5)).toEqual([]);
  expect(jsonDocs).toBeGreaterThan(json.length);
  expect(jsonThenYaml).toBeGreaterThan(json.length / 50);
}, 600_000);

test('hand-written edge cases agree with the oracle', () => {
  const cases = [
    'a: y\nb: n\nc: 0644\nd: 0o14\ne: 0x1F\nf: 1_000\ng: .inf\n',
    'a: 1e3\nb: 1.\nc: ~\nd: 2001-12-14\ne: =\nf: ::1\n',
    'a: \'\'\nb: ""\nc:\nd: !!str\n',
    'base: &b {j: 0, k: 1}\nm:\n  j: 5\n  <<: *b\n  k: 2\n',
    'n:\n  <<: [{a: 1}, {a: 2, b: 3}]\n',
    'a: 1\n--- x\nb: 2\n',
    'a: 1\n----\nb: 2\n',
    'a: 1\n---\n# only a comment\n---\n\n---\nb: 2\n',
    '\ufeffa: 1\r\nb: |\r\n  x\r\n  y\r\n',
    'a: "\\/"\n',
    'a: *nope\n',
    'a: &x [*x]\n',
    '1.5: a\n1e6: b\n0644: c\ntrue: d\n',
    '~: a\n',
    'a: [1, 2\n',
    'key: value\n  bad: indent\n',
    'a:\n\tb: 1\n',
    'a: !!binary aGVsbG8=\nb: !!float 3\nc: !!int "0x10"\n',
    'a: >+\n  folded\n\n  text\n\nb: |2-\n    two\n   one\n',
    // the billion-laughs shape, and aliasing just under go-yaml's limit
    `a: &a [${Array(9).fill('"lol"').join(',')}]\n${'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`).join('\n')}\n`,
    `a: &a [${Array(9).fill('"lol"').join(',')}]\n${'bcd'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abc'[i]}`).join(',')}]`).join('\n')}\n`,
    `${'['.repeat(10001)}${']'.repeat(10001)}\n`,
    // flow collections wrapped over lines no deeper than their key (go-yaml reads on to the bracket)
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: b,\n  c: d}\n',
    'args: ["--a",\n"--b"]\n',
    // implicit keys of flow collections that do not end on their first line (go-yaml refuses them), JSON with comments
    'a: {x\n  y: 1}\n', 'a: {"b"\n  : 2}\n', 'a: [x\n  y: 1]\n', 'a: {? x\n  y : 1}\n', 'a: {x\n  y}\n', 'a: {a # c\n : 1}\n',
    '{\n  "a": 1,\n  // c\n  "b": 2\n}\n', '{"p": 1,\n  /* c */\n  "q": 2}\n', '{"a": 1}\n---\nb: {c\n d: 1}\n',
    // a key written twice in a JSON document: JSON.parse keeps the last, strict validation names its line
    '{"a": 1,\n "b": {"c": 1,\n  "c": 2}}\n', '{"items": [\n {"x": 1,\n  "x": 2}]}\n',
    'a:\n  b: ["x\n  y", 2]\n',
    'a: {b: [1,\n2], c: {d: 1,\ne: 2}}\nf: 1\n',
    '- a: [1,\n2]\n  b: 3\n',
    'a: [1, # one ]\n2]\n',
    'a: [1,\n2\nb: 3\n',
    // NEL, LINE and PARAGRAPH SEPARATOR: line breaks to go-yaml, in comments and on a leading separator line too
    'a: x\u0085y\nb: 2\n',
    'a: 1\u0085b: 2\n',
    'a: "x\u0085 y"\n',
    'a: |\n  x\u0085  y\nb: 1\n',
    'a: 1 # c\u2028b: 2\n',
    'a: x\u2028y\n',
    'a: "x\u2028y"\n',
    '--- # doc\u0085k5: 1\nk1: 2\n',
    '---\n--- # doc\u0085k5: 1\nk1: 2\n',
    'a: 1\n--- # doc\u0085k5: 1\nk1: 2\n',
    'a: 0\n---\u0085\na: 1\n',
    'a: 0\n---\ufeff\na: 1\n',
    // an indented document that a less indented line ends (go-yaml reads its first node only)
    '  apiVersion: v1\n  kind: ConfigMap\nmetadata:\n  name: x\n',
    '  a: 1\n\tb: 2\n',
    '  a: 1\n  b: : 2\nc: 3\n',
    // tabs where go-yaml's scanner takes none, and where it does; directives without their document
    'a: 1\n\t\nb: 2\n',
    'a: x\n   \t\n  y\n',
    'a: x\n\t\n  y\n',
    'a:\n  - x\n    \t\n    y\n',
    'a: x\n  -\ty\n',
    'a:\n  - x\n    -\ty\n',
    'a:\n  b: 1\n   \t\n  c: 2\n',
    'a: \'x\'\n  \t\nb: 2\n',
    'a:\n  b: 1\n\t# c\n  c: 2\n',
    'a: |\n  x\n\t\n  y\nb: 2\n',
    'a: | # 9\n  x\n    \t\n  y\n',
    'a: "x\n\t\n y"\n',
    '-\ta\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\ndata:\n  Makefile: |\n    all:\n    \techo hi\n',
    '%YAML 1.1\n---\na: 1\n',
    '...\na: 1\n',
    '# c\n...\n',
    'a: 1\n... # c\nb: 2\n',
    // \u escapes of surrogates (JavaScript's JSON.stringify of an emoji in some tools): go-yaml refuses them
    'a: "\\ud83d\\ude00"\n',
    'a: ["\\udc00"]\n',
    'a: "\\U00110000"\n',
    'a: "\\\\ud83d"\n',
    '%YAML 1.2\n---\na: 1\n',
    'a: 1\n---\n%YAML 1.1\n---\nb: 1\n',
    // flow plain scalars: go-yaml ends one at a colon before a blank only, and at a `?` (istio's `addresses: [1.2.3.4, 001:db8::]`)
    'a: [1.2.3.4, 001:db8::]\nb: [a:, x::]\nc: {k: v:, x::}\nd: [1:, true:, ~:, &x a:, *x, !!str a:]\n',
    'a: [a:b\n  c:]\nb: {a:}\nc: [a:#]\nd: [?a]\ne: [a :b]\n',
    'a: [a?b]\n', 'a: [a ?b]\n', 'a: {a?: 1}\n', 'a: [a:[b]]\n', 'a: {a:{b: 1}}\n',
    'a:\n  - k: ["yes", [{y: a:}],\n   1e3]\n    q: \'quoted\n b\'\n',
    // a `-` before a blank is a block sequence entry to go-yaml, wherever it stands
    'a: -\n', 'a:\n  b: -  # none\n', '- a: -\n', 'a: [- ]\n', 'a: {x: - }\n', 'a: [-, -x, --]\nb: {x: -}\nc: - x\n', '- -\n- - -\n',
    // several quoted scalars in one document whose later lines are no deeper than their keys (each
    // mended in turn, the lexer reading on after each): after a key, a dash, an anchor, a block
    // scalar, a comment; followed by a plain scalar under a key, a wrapped plain scalar, a flow
    // collection, a comment line, a less indented key, a sequence, the next document
    'a:\n  d1: \'one\ntwo\'\n  d2: "three\nfour"\n  d3: \'five\n six\n  seven\' # c\n  e:\n    x\n  f: plain\n   wrapped\n  g: {h: 1,\n  i: 2}\nb: 1\n',
    'items:\n- \'x\ny\'\n- &q "z\nw"\n- k: \'u\nv\'\n  l: |\n    block\n  m: \'p\nq\'\n# comment\n- n\n---\nc: \'r\ns\'\n',
    'spec:\n  properties:\n    a:\n      description: \'A: the first.\n      The `x` > `y`.\'\n      type: string\n    b:\n      description: \'B\n      more\'\n      type: string\n    c:\n      description: "C\n    back\n  out"\n      items:\n        description: \'D\n        E\'\n',
    'a: \'x\ny\'\n  b: 1\nc: \'z\nw\'\n',
    'a: \'x\ny\'\n\n\nb: \'z\nw\'\n\tc: 1\n',
    'a: [\'x\ny\', \'z\nw\']\nb: \'u\nv\'\n',
    // kubectl's YAMLReader ends every line with \n, the last one too: a keep-chomped block scalar that ends the stream after a NEL keeps one break more
    'a: |+\n  x\n\u0085', 'a: >+\n  x\n\n\u0085', 'a: |+\n  x\u0085  \u0085', '- |+\n  x\n\u0085\u0085  ', 'a: |+\n  x', 'a: |-\n  x\n\u0085',
    // a key YAMLToJSON cannot write (null) refuses the document only where it is left in the finished value (a later duplicate key replaces it)
    'a:\n  ~: 1\na: 2\n', 'x-y:\n- ~:\n-\n  - a\nx-y: 1e3\n', 'a: {~: 1}\na: 1\n', 'a:\n  ~: 1\n', 'a: &x {~: 1}\nb: *x\nb: 1\n', 'a:\n  ~: *nope\na: 1\n',
    // an indented root whose last line is a tag or an anchor without a colon: go-yaml refuses it (it is not past the root)
    '  k5: a\n  !t\n', '  k5: a\n  &x\n', '  k5: text\n    b\n  !t\n---  \nk0: 1\n',
    // LINE and PARAGRAPH SEPARATORs inside scalars: line breaks that go-yaml keeps as they are, never folded, the blanks around them dropped
    'a: "x\u2028   y"\n', 'a: x\u2028  y\n', 'a: x\n  y\u2028  z\n', 'a: >\n  x\u2028  y\n  z\n', 'a: |\n  x\u2029\u2029  y\n', "a: 'x\n\u2028  y'\n",
    'a: "x\\\u2028  y"\n', '- |2\n   x\u2028   y\n', 'a:\n  - >-\n    p\u2029\n\n    q\n', 'a: |+\n  x\n\u2028b: 1\n', "a: [x\u2028 y, 'p\u2028q']\n",
    "k: 'it''s\u2028 ok'\n", 'a: "a\\tb\u2028 \\x41"\n', 'a: x\n\u2028\n  y\n',
    // a flow collection that starts a document and is no key is its root to go-yaml, whatever the yaml package makes of the lines after it
    "a: 1\n---\n    {a} *y ?y\u2029  on *y\n  &x a:b it''s'\nk0: 26064\u2029---\non: 1\n", "    [a] *y\n  b: 'x\nk: 1\n",
    // flow plain scalars go-yaml cannot scan, past what it reads of the document (after its first node, or in a document after a NEL's `---`)
    '  c: 0o\n<<: {z: a:{b: 1}}\n', '{1: a:#}\u0085---\u0085- [a:[b]]\n', 'a: 1\u0085---\u0085b: [a?b]\n',
    // a byte order mark after a `---` line that kubectl's YAMLReader kept in the document (the stream's first, one right after another) is content; elsewhere go-yaml drops it
    'k0: 1\n--- # doc     ~k: x\n--- # doc\n\ufeff1: |-\n  echo 0\n\nk3: N\n', '---\n{c: 1}\n--- # doc   x\n---\n\ufeff[[.5, true:]]', '---\n\ufeffa: 1\n',
    'a: 1\n---\n\ufeffb: 2\n', 'a: 1\n---\n---\n\ufeffb: 2\n', '---\n---\n\ufeffb: 2\n',
    // lines of blanks with a tab between an indented root and what ends it: the last plain scalar's (a tab no shallower than its lines), else refused
    '---  \n  k0: !foo bar\n     \t\nk3: 1\n', '  k0: bar\n\t\nk3: 1\n', '  k0: bar\n  \t  \nk3: 1\n', '  k0: text :z !t\n      word\n   \t\ny: 1\n', '  - a\n   \t\nk3: 1\n',
    '  - a\n  \t\nk3: 1\n', '  k0: "bar"\n     \t\nk3: 1\n', '  k0: bar\n     \t# c\nk3: 1\n', '  k0: bar\n   # c\n  \t\nk3: 1\n', '  k0: [a]\n     \t\nk3: 1\n',
    '  k0:\n    k1: bar\n    \t\nk3: 1\n', '  k0:\n    k1: bar\n     \t\nk3: 1\n', '  k0: bar\n     \t\n \t\nk3: 1\n', '"a"\n \t\nb: 1\n', '[a]\n \t\nb\n',
    // a quoted scalar that starts a document and is no key is go-yaml's whole root (the yaml package made a mapping of it and an unclosed quote after it)
    '    "2m",\\t  "\u0085- &a0 \'yes\'\nk5:\n  b: yEs\u0085  k4: !!null ~\u0085k5: &a1 !!int "12"\n', '    "2m",\\t  "\nk5: 1\n', '"2m", "\nk5: 1\n', "'a' , \"\nb: 1\n",
    '"a": 1, "\nb: 2\n', '"a" , @\nb: 1\n', '"a" , &x\nb: 1\n', '"a"\n  - "\nb: 1\n', '"a" ]\n"\n', '"a"\n: 1\n', '"a" # c\nb: "\n',
    // `- ` or `? ` on the root's own line: go-yaml's scanner takes no block entry or key there (on a line of its own it ends the root)
    '"a" - "\nb: 1\n', '"a" - b\n', '"a" ? b\n', '"a" ?b\n', '[a] - b\n', '{a: 1} ? b\n', '"a" -\n', '"a" , - b\n', '[a] -\n', '  k: 1\n- a\n', ' - a\n? b\n', '"a"   \n- b\n',
    // a quoted scalar whose closing quote starts its line, followed there by more that is less indented than the root: go-yaml's root ends with the scalar
    "  - 'a\n:z\n'q' {a}\n", "  k0: 'quoted @a -x\n'q' >g >g\n\na:b yes it''s'\n", "  k0: 'quoted word x-y\n  \n  a:b >g %p\n`b\n'q' %p `b''  '\n",
    '  k5: "quoted trailing   !t\n  {a}\n"2m",\\t  "\n---\nk: 1\n', "  - 'quoted 1e3 yes\n  \n  `b ~\n'q'''  '\n---\nk4: 1\n", "  - 'a\n:z\n' - q\n", "  - 'a\n:z\n' ? q\n",
    "  - 'a\n:z\n' @q\n", "  - 'a\n:z\n' \"q\n", '  - "a\\\n"q\n', '  - "a \\\n"q\n', '  - "a\\\\\n"q\n', "  - 'a   \n'q\n", "  k: 'a\n'q: 1\n", "k:\n  - 'a\n'q: 1\n",
    "  - 'a\nb\nc\n' q # c\n",
    // the same after a blank line: the line breaks are the value's ("a\n"); the quote's line is mended into two
    "k1: 0\nx-y: 'yes'\n---  \n\ufeff  k1: 'quoted @a ~ %p ~\n  \n'q' a:b''  '\nk2: '\"dq\"'\n", "  - 'a\n\n'q\n", '  - "a\n\n"q\n', "  k: 'a\n  \n\n'q x\n",
    '  - "a\\\n\n"q\n', "  - 'a\nb\n\n'q\n", "  - 'a\n\t\n'q\n", "  - 'a\n\n'@q\n", "  - 'a\n\n' - q\n", "  - 'a\n\n'q\n    b: 1\n", "  k: 'a\n\n'q: 1\n  j: 2\n",
    // in double quotes a line break escaped before blank lines: each blank line is a line feed (the yaml package folded them into a space)
    '- "a\\\n\n  "\n', 'k:\n  - "a\\\n\n    "\n', '- "a\\\n\n\n  "\n', '- "a\\\n  \n  b"\n', '- "a\\\\\n\n  b"\n', '- "a\\\\\\\n\n  b"\n', '- "a \\\n\n  b \\\n  c"\n',
    '- "a\\\n \t\n  \\tb"\n', '- "\\\n\n"\n', 'k: "x\\\n\n  y\u2028z"\n', 'k: "x\\\n\n  y\u0085z"\n', 'k: {a: "x\\\n\n  y"}\n',
    // an anchor or tag before an alias at the root: go-yaml's root is an empty node with them; it scans the alias and the token after it
    '&x *y\n', '!!str *y\n', '&x !!str *y\n', '&x\n*y\n', '&x *y: 1\n', '&x *y : 1\n', 'k: &x *y\n', '&x *y\nk: 1\n', '&x *y, z\n', '&x *\n', '&x *.z\n',
    'a: 1\n---\n&x *a\n', '!!int *y\n', '!!null *y\n', '!!map *y\n', '&x *y.z\n', '  &x *y\n', '- &x *y\n', '&x *y # c\n\tk: 1\n', '&x *y\n\tk: 1\n', '&x *y @\n',
    '!!binary *y\n', '!!seq *y\n', '!!bool *y\n', '!foo *y\n', '! *y\n', '&x *y\n  k: 1\n', '&a [1]\n---\n&x *a\n', '&x *y - z\n', '&x *y\n- z\n', '&x *y "q\n', '&x *y *z\n', '&x *y &.\n',
    // more lines after it (the yaml package makes the alias a mapping's first key); a colon later on the alias's line makes it a key to go-yaml too, unless a flow entry comes first
    '  &x *y yes\'\nk1: |\n  a: b 0\n\nk2: -7787\n', '&x *y yes\nk: 1\n', '&x *y\n  : 1\n', '&x *y\nk: 1\nk: 2\n', '!!str *y\n  k: 1\n', '&x *y\n- a\nb: 1\n', '&x *y\n  ? a\n',
    '&x *y yes: 1\n', '&x *y "q": 1\n', '&x *y [a]: 1\n', '&x *y [a: b]\n', "&x *y 'a: b'\n", '&x *y # a: b\n', '&x *y a:b\n', '&x *y {a: 1}: 2\n', '&x *y "a\n  b": 1\n',
    '&x *y,: 1\n', '&x *y [a,b]: 1\n', '&x *y a, b: 1\n', "&x *y a 'b: c\n", '&x *y a [b: c\n', '&x *y [a],: 1\n', '&x *y [a] b: 1\n', '&x *y "a" b: 1\n',
    // a block scalar as the token after the root: go-yaml scans it, and refuses a header with more than its indicators and a comment
    'a: 1\n--- # doc\u0085k0: text (see "2m", ?y\n    {a}\n  |p %p >g x-y\n', '{a}\n|p\n', '{a}\n|\n', '{a}\n|-2 # c\n', '{a}\n|2-\n', '{a}\n|0\n', '{a}\n|+-\n', '{a}\n>#c\n',
    '{a}\n|  x\n', '"q"\n>1\n', '"q" |x\n', '  k: 1\n|x\n', '  k: 1\n>\n  a\n', '&x *y |x\n', '[a]\n|\t\n', '{a}\n|10\n',
    // a tab after a line's leading spaces, before its first token: go-yaml's scanner skips none there (but in scalars and flow collections)
    '  \tx\n', '  \tx: 1\n', 'a: 1\n---\n  \tx\n', 'a: 1\n--- # c\n  \tx\n', '  \t\\\n   `b\n', '  \t\\\n   b\n', '  \t\\ b\n', 'k: a\n  \tb\n', 'k: a\n \tb\n',
    'k: |\n  a\n  \tb\n', 'k: |\n  a\n \tb\n', 'k: "a\n  \tb"\n', 'k: [a,\n  \tb]\n', 'k:\n  - a\n  \t- b\n', '- a\n  \tb\n', 'k:\n  \tv\n', 'k:\n    x: 1\n  \tv\n',
    // a quoted scalar or an alias that starts a line after the root may be a simple key: go-yaml scans the token after it too
    "  'q'\n  'q'\n  @a &x\nk1: a\n", "'q'\n'r'\n@a\n", '"q"\n"r" @a\n', "{a}\n'r'\n@a\n", "  k: 1\n'r'\n@a\n", '  k: 1\n*r\n@a\n', '  k: 1\n*r @a\n', "'q'\n'r': 1\n@a\n",
    "'q'\n'r'\n\tb\n", "'q'\n'r'\nb\n", "  k: 1\n'r'\n  x\n", '  - a\n"r"\n`b\n', "  k: 1\n\n# c\n'r' # c\n\n@a\n",
    // a root that starts its line may be a simple key: go-yaml scans on to the first token of the next line (or 1,024
    // characters on), unless a `,` or an unopened bracket removes the key, and a `:` makes it one
    "{a} 'r'\n@a\n", "{a} 'r' @x\n", "{a} b\n@x\n", "\"q\" 'r'\n@a\n", "{a} , @x\n", "{a} 'r': x\n", "&x {a} 'r'\n@a\n", "{a} [b, |] \n",
    "{a} b # c\n@a\n", "{a} {b: c}\n`x\n", "{a} b\n# c\n@x\n", "&x\n{a} 'r'\n@a\n", "{a} 'r'\n\n# c\n  @a\n", "{a} 'r'\n'x\n",
    "[a] \"r\" [c, d]\n%x\n", "{a} 'r\n s' @x\n", "{a} 'r' | \n @x\n", "{a} 'r' |x\n", "{a} 'r' , @x\n", "{a} [b, c] d: e\n", "{a} *x\n@y\n",
    "{a} *x @\n", "{a} 'r' -x\n@y\n", "{a} 'r' - x\n", "{a} 'r' ? x\n", "{a} [?x]\n@y\n", "{a} !t\n@y\n", "{a} !t 'r'\n@y\n", "{a}\t'r'\n@y\n",
    "{a} 'r' #c\n@y\n", "'q' 'r'\n- x\n", "'q' 'r'\n? x\n", "{a,\n b} 'r'\n@a\n", "{a} [b, c, @]\n", "{a} [b\n @]\n", "{a} 'r' {b: 'c', d} [e]\n`\n",
    "\"q\n r\" 's'\n@\n", "{a} b: c\n", "{a} b:c @\n", "{a} b:c\n@\n", "{a} [b:c] \n@\n", "{a} [b: c]\n@\n", "{a} [\"b\", 'c'] # z\n\n@\n",
    "  {a} 'r'\n@\n", "{a} 'r'\n  - x\n", "[a] ]\n@\n", "{a} }\n@\n", "'q' x y z\n@\n", "'q' 'r' 's'\n'\n", "{a} &b\n@\n", "{a} &b 'c'\n@\n",
    "{a} &\n", "*a 'r'\n@\n", "&x *y 'r'\n@\n", "!t {a} 'r'\n@\n", "!t\n{a} 'r'\n@\n", "{a} 'r'\n...\n@\n", "{a} 'r'\n--- \n@\n", "{a} \"r\\q\"\n",
    "{a} 'r' \n\t@\n", "{a} \"r\\x4\"\n", "{a} \"r\\x41\"\n", "{a} \"r\\ud800\"\n", "{a} \"r\\\\q\"\n", "{a}\n\"r\\q\"\n", "{a} \"r\\\n s\"\n@\n",
    "{a} \"r\\/\"\n", "{a} \"r\\\tx\"\n",
    `{a: ${"x".repeat(1030)}} 'r'\n@a\n`, `{a: ${"x".repeat(1010)}} 'r'\n@a\n`, `{a: ${"x".repeat(1010)}} 'r' ${"y".repeat(20)} @\n`,
    // a flow or quoted root over lines is no key (the yaml package's implicit key over lines is not go-yaml's); a `:` right after it is refused
    "{a,\n  b} 'r' :\n@a\n", "{a,\n  b} ,\nk: 1\n", "{a,\n  b} :\n", "[a,\n  b] x: 1\n", "{a}\n: x\n", "\"a\n b\" 'r' :\n@\n", "\"a\n b\" :\n",
    "\"a\" \n: x\n", "{a,\n b} @\n", "{a,\n b}\n: x\n", "[a,\n  b] x: 1\n@\n", "[a,\n  b] x: 1\n y\n", "{a} \n: x\n@\n",
    // a block scalar after the root: go-yaml scans its lines, and refuses a tab where their indentation's spaces go
    "[a, b] |\n\tb\n", "'q' |\n\tb\n---\n- a\n", "[a] |\n  a\n \tb\n", "[a] |\n  a\n  \tb\n", "[a] |2\n  a\n \tb\n", "[a] |1\n  a\n\tb\n", "[a] |\nb\n\tc\n",
    "[a] |\n\n  \t\n", "[a]\n|\n \tx\n", "[a] >\n   a\n  \tb\n", "[a] |\n  x\n\tb\n", "[a] |\r\n\tb\r\n",
    // tags as go-yaml scans them: `!`, `,` and brackets are URI characters of a suffix, also in a flow collection
    "k: !!in[t \"12\"\n", "k: !!!tbinary aGVsbG8=\n", "k: !!t!str 12\n", "k: !:!int 0644\n", "k: !@a!timestamp x\n", "k: !!timestamp, x\n",
    "k: !!%69nt 12\n", "k: !a!b x\n", "k: !<tag:yaml.org,2002:int> 12\n", "k: [!!in[t x]\n", "k: !!in,t x\n", "k: !!str!x 12\n", "k: !x!y 12\n",
    "k: ![x] 12\n", "k: !!int[ 12\n", "k: !%41 12\n", "k: !! 12\n", "k: !!in[t\n  a: 1\n", "k: !!str,\n", "k: !e%C3%A9 x\n", "k: !!in%5Bt 12\n",
    "k: !!int%2 12\n", "k: [!!str, x]\n", "k: {a: !!str, b: c}\n", "k: [!!str,x]\n", "k: [!x]\n", "k: !!str{ x\n", "- !x! y\n", "- !!str!\n",
    "k: !a]b\n", "- !x]\n", "a: !!in[t x\nb: !!in[t y\nc: [!!z], d]\n", "a: \"!x[\"\nb: !x[ 1 # !y[\n",
    // a document end marker ends what go-yaml reads, what follows it on its line too; a document start after a NEL, LS or PS as well
    "- a\n...  b: c\n  d: e\n", "a: 1\n... x\n", "k4: |-\n...  echo\n  line 1\n", "a: \"x\n... y\"\n", "a: [x,\n... ]\n", "a: x\n...\r\nb\r\n",
    "a: x\n... {\n", "a: x\n  y\n... z\n",
    "k1:\n  - 'q'\u2028---\n# see\u2029]\non: 1\n", "k1: 1\u2028---\nx: ]\n", "k1: 1\u2028...\nx: ]\n", "k1: 1\u2028--- x\n",
    "k1: 1\u0085---\nx: ]\n", "k1: 'a\u2028--- b'\n",
    // a block mapping's later key whose `:` is on a line below it is stale there; after `?`, a `:` deeper than the mapping has no key
    "k0\n  : x\n", "a: 1\nk0\n  : x\n", "a:\n  b\n  : x\n", "a:\n  b: 1\n  c\n  : x\n", "- k\n  : x\n", "a:\n  - k\n    : x\n", "\"k\"\n : x\n",
    "a: 1\n\"k\"\n : x\n", "a: 1\n? k\n: x\n", "a: 1\nk0\n: x\n", "a: 1\nk0 # c\n  : x\n", "{k0\n : x}\n", "a: 1\n[k]\n : x\n", "a: 1\nk\n\n  : x\n",
    "a: 1\n? k\n  : x\n", "a: 1\n&x k\n  : x\n", "- a: 1\n  k\n  : x\n", "a: 1\n\"k\n y\": x\n", "a: 1\n? |\n  k\n: x\n", "a: 1\n? k\n# c\n: x\n",
    "a: 1\n? k\n  : x\n  : y\n", "- ? k\n  : x\n", "a:\n  ? k\n  : x\n", "a:\n  ? k\n   : x\n", "? k\n  : x\n", "a: 1\n? k\n: x\n  : y\n",
    // an anchor's or alias's name ends at `:`, `?`, `%`, `@` or a backquote (in a flow collection the `:` is a value indicator)
    "- k2: &a:0 Inf\n", "a: &a:0\n  b: 1\n", "a: &x?y z\n", "a: &x@ z\n", "a: &x% z\n", "a: &x` z\n", "a: &x 1\nb: *x:1\n", "a: &x 1\nb: [*x:1]\n",
    "a: \"&x:y\"\nb: c&x:y\nc: d &x:y\n", "a: &x 1\nb: *x?\n", "a: &x.y 1\n", "&a:b [1]\n", "a: {x: &a:0 1}\n", "a: &x 1\nb: {*x:1}\n",
    "a: [&y:1 2]\n", "a: [&y: 2]\n",
    // a block scalar's header at its key's indentation on the line below is the key's value
    "k5:\n|\n  x\nk3: 1\n", "k5:\n|\n x\n", "k5:\n>\n  x\n  y\nk: 1\n", "a:\n  k5:\n  |\n    x\n  k: 1\n", "- k:\n  |\n    x\n", "k5:\n|\nk3: 1\n",
    "k5:\n|2\n  x\n", "k5:\n  |\n  x\n", "k5: # c\n|\n  x\n", "k5:\n&a |\n  x\n", "a: |\n  k:\n  |\n  x\n", "k:\n|\n  x\nj:\n>-\n  y\n",
    "k: [a,\n|\n  x]\n", "k:\n|\n  x\n  |\n", "- k:\n  # c\n\n  |+\n    x\n\n", "? k:\n  |\n   x\n", "k5:\r\n|\r\n  x\r\n", "\"k\":\n|\n  x\n",
    "k: v:\n|\n x\n",
    // a tag, then anything but a blank or a line break: refused (`!!str#`, `{!!str}`), after the root too
    "k: !!str# x\n", "k: !!str#x\n", "k: {!!str}\n", "k: !# c!str\n", "k: !!int# x\n", "k: [!!str]\n", "k: !!str\n", "k: !!str # c\n",
    "k: !<tag:yaml.org,2002:str>x\n", "k: !a\"b\"\n", "k: !x{\n", "- !!str\n- !!str|\n", "{a} !x#\n", "\"q\"\n!x#\n",
    // a plain scalar that starts a line after the root may be a simple key too; a tab that starts a line before the next token is refused
    "--- # doc\r\n[{c: web}, []]\r\n-[-- # doc\r\n\t \r\nimage: x\r\n", "[a]\nb # c\n@\n", "[a]\nb # c\n\tx\n", "[a]\nb\n@\n", "[a]\nb: c\n@\n",
    "[a]\nb c # d\n`\n", "{a}\n-x # c\n@\n", "\"q\"\nb # c\n%x\n", "[a]\nb\t# c\n@\n", "[a]\n  b # c\n@\n", "[a]\nb # doc\n\t \nimage: x\n",
    "[a]\n-[-- # doc\n\t \nimage: x\n", "{a} 'r'\n\t\n", "{a} 'r'\n  \t\n", "{a} 'r'\n\n\n  # c\n\t# d\n", "'q'\n'r'\n\t\n", "{a} 'r'\n  # c\n  x\n",
    "[a]\nb # c\n\n",
    // a stream's first line `---#…`: kubectl's cutter keeps it in the document, and to go-yaml it is no document start but a plain scalar
    "---#\n: x1\n", "---# c  \n[[]]\n", "---# c # doc\rx:y\ny\r\n", "---#\n---\na: 1\n", "---#\na: 1\n", "a: 1\n---#\nb: 2\n", "---\n---#\nb: 2\n",
    "---# c\n", "--- #c\na: 1\n", "---#\n- a\n",
    // a block scalar at the root ends the document at its first less indented line; a document start right after the kept separator leaves it empty
    "---\n|-\n  - 1e309\n  - x\n- k1: 2\n", "|\n  a\n- b\n", "|\n  a\nb: c\n", ">\n  a\n@\n", "|\n  a\n\tb\n", "|\n  a\n b\n",
    "---\n# see\u2029---\nk5: {c: \"\\/slash\"}", "---\n# see\u2029---\nk5: 1\n", "---\n\n---\n", "|\n  a\n[b\n",
    // in a flow collection: `?a:` is the key "a:", a `-` before a closing bracket a plain scalar; a `#` right after a token starts a comment
    "[[], ~:, ?~:]\n", "[?a:]\n", "{?a:, b}\n", "[?a:b]\n", "[a]:\n", "[a]: b\n", "{a: 1,# c\n b: 2}\n", "[a,#c\n b]\n", "a: 'x'#c\n", "a: \"x\"#c\n",
    "[a]#c\n", "a: [b]#c\n", "{a: [b]#c\n}\n", "{-}\n", "[-]\n", "a: {-}\n", "{-: 1}\n", "a: [-, b]\n", "a: [b, -]\n", "a: [\"-]\"]\n", "a: -]\n",
    "a: [- ]\n", "a: [b,\n-]\n", "{a: -}\n",
    // the root as go-yaml ends it: properties before `,`, `]` or `}` (an empty node), a block scalar whose text starts at column 0
    // (empty: go-yaml indents a root block scalar one column at least), an empty flow collection (never a key: `[]: 1` is `[]`),
    // a lone CR ending the comment of the separator line kubectl's cutter keeps
    "!t ,[a]\n\"r\\q[b, c]\"\n---\nk3: ::1\n", "&x ,\n", "!t ]\nb\n", "&a !t\n  }\n", "!t ,", "!!int ,\n", "!!str ]", "&a &b ,", "!t , &\n",
    "!t\n- ,\n", "!<tag:x> ,\n", "|\nabc\n", "--- # c\n|\nabc\n", "|+\n\nabc\n", "|+\n  \nabc\n", ">-\n\n\nabc: 1\n", "|\nabc\n\tx\n",
    "|\n# c\nabc\n", "|2\n  x\nabc\n", "|\nabc: [1,\n", "!t |\nabc\n", "&a >\nabc\n", "\ufeff--- # doc\r|\nabc\n", "--- # doc\r|\nabc\n",
    "\ufeff--- # doc\r|\n  abc\n", "---\r\n--- # x\rb: 1\n---\nc: 2\n", "--- # x\rb: 1\r\n--- # y\rc: 1\r\n", "---\r\r\r# c\na: 1\n",
    "[]:\n", "[]: 1\n", "[ ]: 1\n", "--- \n[]: 1\n", "[]: {a: 1}\n", "[]: 1\nb: 2\n", "[] :\n", "&a []: 1\n", "!t {}: 1\n", "[ # c\n]: 1\n",
    "[#c\n]: 1\n", "[] \"\\q\"\n", "[] x: \"\\q\"\n", "[]: \"\\q\"\n", "a: 1\n---\n{}: 1\n", "[]\n\t- a\n", "[]: - a\n", "[] - a\n", "[[]]:\n",
    "? []\n: 1\n", "[] &a\n", "[]\n: 1\n", "[] # c\n: 1\n", "[\n]\n: 1\n", "[\n] : 1\n", "[\n]\t: 1\n",
    "|\n1e3\n", "| # 1\n1\n", "|2-\n  a\nb\n", ">+1\n a\nb\n", "--- # doc\r|\n1e3: O#n\r\nk1: ._a: >-\r\n",
    // a flow plain scalar goes on over blanks and line breaks to a colon before `,]}` (`~ :` is one scalar); a tab after the root on its line is a blank
    "a: {z: ~ :}\n", "a: [x :, y]\n", "a: [x\t:]\n", "a: {x\n   :}\n", "a: {x\n\n   :}\n", "{a\n   :} [{}, \"yes\"]\n", "a: [x #c\n :]\n", "a: [x : ]\n",
    "a: {x :y}\n", "- <<: {a: 1, z: ~ :}\n", " {b: c}  \t{b: c}\nk2:\n  k5: []\n", "---\n{b: c}\t{b: c}\n", "---\n{b: c}\t\n\t{b: c}\n", "---\n'a'\t'b'\n",
    "---\n'a'\t:\n", "---\n'a'\t# c\n", "---\n[a]\t- b\n", "---\n[a]\t\t\n", "&x *y\t: 1\n", "&x *y\tz\n",
    // a flow collection that starts the line after the root may be a simple key: go-yaml scans the rest of its line and the next token
    "---\n{a: 1}\n{@a\n", "x: 1\n---\n{a: 1}\n{a\n", "x: 1\n---\n{a: 1}\n[@\n", "x: 1\n---\n{a: 1}\n[a]: b\n", "x: 1\n---\n{a: 1}\n[a] \"\\q\"\n",
    "x: 1\n---\n{a: 1}\n[a]\n@\n", "x: 1\n---\n{a: 1}\n[a] b\n@\n", "{a: 1}\n{@a\n---\n---n\n", "|\n  x\n{@\n", "'a'\n[b, \"\\q\"]\n",
    "'a'\n[b,\n \"\\q\"]\n", "[a]\n{b}: c\n", "[a]\n{b} - c\n",
    "{a: 1} [b, !!strc]\n\tb\n--[-\n---\nk4:\n  # a comment\n", "---\n{a: 1} [b, !!strc]\n\tb\n", "---\n{a: 1} [b,\n\tb]\n", "---\n{a: 1} [b, c]\n\tb\n",
    "---\n{a: 1} [b,\n\t@]\n", "---\n{a: 1} [b, # c\n\t\n\t b]\n",
    // a node takes one anchor and one tag: a second ends the root (the first may be a simple key: its line is scanned on)
    "---  \r\n!!str- !!int \"12\"\r\n--- # doc\r\n{}\r\n---  \r\nn: ?a", "!tdotted.key: !!int x\r\nk2: 'q'\n", "&a !t &b x\n", "!t &a !u x\n", "!t !u x\n",
    "&a &b x\n", "!t\n!u x\n", "!t !u\n\tx\n", "!t !u \"\\q\"\n", "!!int !!str x\n", "!t , \"\\q\"\n", "!t ] \"\\q\"\n", "!t ,\n\tx\n", "!t ]\n\tx\n",
    "!t !u x: 1\n", "!t\n,\n\tx\n",
    // a block mapping's indentation is its first key's first token's column, an anchor's or a tag's before the key
    "k0:\n !t k2: text 0644\n   \t\n      docs) -x x-y\n", "k0:\n &a k2: text\n   \t\n      docs\n", "!t k2: text\n \t\n  docs\n", "!t k2: text\n\t\n  docs\n",
    "- !t k2: text\n  \t\n   docs\n", "- !t k2: text\n   \t\n   docs\n", "k0:\n &a !t k2: text\n  \t\n      docs\n", "k0:\n &a !t k2: text\n \t\n      docs\n",
    // in a flow collection, `-` before a comma is a plain scalar too, and so after a `?` set apart
    "[?-]\n", "{?-}\n", "[?-a]\n", "[?--]\n", "a: [?-, b]\n", "[?- ]\n", "{?-: 1}\n", "[-, b]\n", "{-, b}\n", "[a, -,]\n", "a: [-,]\n", "[- , b]\n", "{-: 1, -,}\n",
    // a block scalar's header at its key's indentation on the next line, the key's line ending in an anchor or a tag
    "--- # doc\na: &a0 -4857\nk1: !!str\n># a comment\nk2: ''", "k1: !!str\n|\n  x\nk2: 1\n", "k1: &a\n|\n  x\nk2: *a\n", "k1: &a !t # c\n>-\n  x\n", "- k1: !!str\n  |\n   x\n",
    "-\n|\n  x\n", "-\n|\n x\n- y\n", "a:\n-\n|\n  x\n", "- a\n-\n>\n  x\n", "-\n  |\n  x\n", "- -\n  |\n   x\n", "-\n|  # a\u0085  k9: 1\n  k1: 2\n", "- !t\n|\n x\n",
    "k:\n|\n  x\nj:\n>\n  y\n", "-\n# c\n\n|\n x\n", "-\n|\nx\n",
    // a flow collection left open in an indented document: go-yaml reads it on to the text's end; a dash quoted after a quote
    "  n: 1\n  x-y: [1\nk5:\n  - 2\n", "  n: 1\n  x-y: [1\nk5: 2\n", "  x-y: [1\nk5: 2\n", "  n: 1\n  x-y: [1,\nk5]\n", "  n: 1\n  x-y: {a: 1\nk5: 2}\n",
    "  x-y: [1\nk5]\n", "  x: {a: [1\nk5]}\n", "  - [1\nk5\n", "  - [1\n- k5]\n", "a: {z: 'a'-}\n", "a: [\"a\"-]\n", "a: ['a'-, b]\n",
    // a `:` with no key and no `?` before it in a block mapping: go-yaml's parser wants a key (also where a later duplicate replaces the mapping)
    "k4:\n  port: text\n    ?y\n    : x\nk4: 1\n", "k4:\n  port: text\n  : x\nk4: 1\n", "k4:\n  port:\n    : x\nk4: 1\n", "a:\n: x\na: 2\n", ": x\n", "? a\n: x\n",
    "?\n: x\n", "? a\n: b\n: c\n", "a: 1\n?\n: x\n", "k4:\n  : x\nk4: 1\n", "- a: 1\n  : x\n- 2\n", "k4:\n  ? a\n  : x\nk4: 1\n", "k4:\n  &a : x\nk4: 1\n",
    "k4:\n  !!str : x\nk4: 1\n", "k4:\n  ? # c\n  : x\nk4: 1\n",
    // after an explicit key that a comment or a quote ends, a deeper line is a node where go-yaml wants a key (the yaml package drops it)
    "? x # see\n  k0: 1.5\n", "k3:\n? x  # see \n  k0: 1.5\n", "? 'x'\n  k0: 1.5\n", "? x # c\n  y\n", "? x\n  y\n", "? x\n? y\n", "? x\nz: 1\n",
    "? x # c\n\n# d\n: 1\n", "- ? 'x'\n    y\n", "? x\n", "a:\n  ? 'x'\n    y\nb: 1\n", "? |\n  x\n  y\n", "? x # c\n  - y\n", "a:\n  ? 'x'\nb: 1\n",
    "? 'x'\n\n  # c\n: 1\n", "? !t\n  x\n", "? &a\n  x\n",
    // tags mended past a quoted scalar whose lines the lexer cuts; an explicit key with a tag over lines in a flow mapping; a directive scanned after the root
    "k5: 'q\n{a}'\nk4:\n  k0: !![b, c]null x\n", "k5: 'q\n{a}'\nk4:\n  k0: &a:0 x\n", "k5: 'q\n{a}'\nk0: !!str x\n", "{?!t // note\n y: 1}\n",
    "{?!t a\n b: 1}\n", "{? &x !t a\n b: 1}\n", "{!t a\n b: 1}\n", "? !t a\n  b\n: 1\n", "a: {?!t x\n y: 1}\nb: 1\n", "{b: c}# c\n%YAML 1.1\n---\n---\n[]",
    "---\n{b: c}\n%YAML 1.1\n", "---\n{b: c}\n%YAML 1.1 # c\n", "---\n{b: c}\n%TAG !x! tag:x,2000:\n", "---\n{b: c}\n%FOO bar\n", "---\n{b: c}\n%YAML 1\n",
    "---\n{b: c}\n %YAML 1.1\n", "---\n'a'\n%YAML 1.1\n", "---\n{b: c} %YAML 1.1\n", "---\n{b: c}\n%YAML  12.34\n", "---\n{b: c}\n%YAML 1.1x\n",
    "---\n{b: c}\n%TAG ! !\n", "---\n{b: c}\n%YAML 1.1\n@\n",
    // past a quoted scalar or flow collection with under-indented lines: tags and comments as go-yaml scans them; a tab line in an explicit key over lines
    "k3: ['%raw\n!tnel']\n", "k3: ['raw\n!x']\n", "k3: ['raw\u0085!x']\n", "k3: 'raw\n!x'\n", "# see \nk3: {}\nk3: ['%raw\u0085!tnel']", "a: 'q' !!in[t \"12\"\n",
    "a: ['q', !!in[t \"12\"]\n", "- \"1e3\"\r\n- k4: &a0 {1: [0644,\r\n {},\r\na:#],#\r\n   y: \"nel}\\N nbsp\\_ esc\\e\"}\r\n  <<: *a0\r\n",
    "- k4: {1: [0,\n {},\na],#\n   y: 2}\n", "- k4: {1: [0,\na],#c\n   y: 2}\n",
    "k5: '\"dq\"'\r\n1e3: text 'q' 1e3 docs)\r? x\n\r\n    x-y 'q'\r\n   null [x]\r\n   ?y\r\n   \t\r\n<<: {a: 1, z: v1}\r\n", "? x\n  y\n  \t\n  z\n: 1\n",
    "? x\n  y\n\t\n  z\n: 1\n", "? x\n  y\n \t\n  z\n", "a:\n  ? x\n    y\n   \t\n    z\n", "a:\n  ? x\n    y\n  \t\n    z\n",
    "y\n*--- # doc\n{}`b\n", "---\n{a: 1}\n{}`b\n", "---\n{a: 1}\n[ ] @\n", "---\n{a: 1}\n{ }: x\n", "---\n{a: 1}\n{}\n\t@\n",
    // a `?` in a flow plain scalar before a colon and a comma; brackets that do not match; an anchor's name that a bracket ends; an unknown alias as a replaced key
    "- [00? x1:db8::, 2001-12-14, \"plain\"]\n", "a: [x? y:b:, c]\n", "[}::1, 2]\n", "{]: 1\n", "a: &a0 [&y[]]\n", "a: [*y[]]\n", "a: &y{b: 1}\n", "a: *y{b}\n",
    "a: &y [b]\n", "k4: {1: {b: [*a0001:db8::]}, 1: x}\n", "k4: {*nope : 1, 1: x}\nk4: 2\n", "a: &x 1\nk4: {*x : 1}\n",
    // a directive at a line's start where a token may start: go-yaml's document ends there (empty after the separator), or the directive is refused
    "---\n%FOO bar\n", "---\n%YAML 1.1\na: 1\n", "---\n# c\n%YAML 1.1\na: 1\n", "---\n\n%TAG ! !\n", "---\n%YAML 1.2\n", "---\n%YAML 1\n", "a: 1\n%YAML 1.1\n",
    "x\n%YAML 1.1\n", "- a\n%FOO\n", "---\n  %YAML 1.1\n", "--- # c\n%YAML 1.1\n", "a: 1\n%YAML 1.1\n\tb\n", "a: [1,\n%YAML 1.1\n]\n",
    "a: 1\n---\n%YAML 1.1\n---\nb: 1\n", "a: 1\n%TAG !x! tag:x\nb: 2\n", "---\n---\n%FOO\n", "%YAML 1.1\n---\n%FOO\n", "---\n%YAML 1.1\n---\nb: 1\n",
    // an indented block root that a later unreadable token took from the yaml package; a block scalar header with more on its line;
    // tabs while a block scalar's indentation is detected, after `?`, in a document of comments; a sequence entry after an explicit key
    "--- # doc\r\n  - 18446744073709551616\r\n- >-: x\r\n  -0644 0\r\n", "  - 1\n- >-: x\n", "  - 1\n- |: x\n", "  a: 1\nb: >-: x\n", "  a: 1\n  b: >-: x\n",
    "  - 1\n\t- >-: x\n", "  - 1\n  - >-: x\n", "|- &a0 2001-12-14\n", "|- \"\\x41\\u00e9\"\n---  \n- 1\n", "|- !!bool \"y\"\t\n", "a: >- x\n", "a: |#c\n  x\n",
    "a: |- \t# c\n  x\n", "- |2- \n   x\n", "a: !t |\n  x\n", "a: |\n  x |- y\n", "---\n- \"plain\"\n--- # doc\n- >+\n  \t# not a comment 0\n  echo \"$HOME\" 1\n",
    "a: |\n  \tx\n", "a: |\n \n  \tx\n", "a: |\n  x\n  \ty\n", "a: |2\n  \tx\n", "a: |\n\tx\n", "a: |\n  x\n \ty\n", "a: |\n   \n  x\n", "?\ta\n", "? \ta\n",
    "?\ta: 1\n", "a:\n  ?\tb\n", "a: b\n  ?\tc\n", "- ?\ta\n", "-\ta\n", "- -\ta\n", "- - a\n", "? - \tb\n", "a: b\n  - -\tc\n", "? x---- web\n- true:\n  - 0x10\n",
    "? x\n- a\n", "? x\n- a\n: b\n", "a:\n  ? x\n  - a\n", "? x\n-\n", "? x\n-a\n", "\t# ca:\n", "# a\n\t\n", "# a\n  \t# b\n", "a: 1\n---\n\t# c\n---\nb: 1\n",
    "# a\n#\tb\n", "---\n\t# c\n",
    // a quoted scalar over lines after the root is a stale key at its end; a plain root's scanner takes the tabs on the lines after it
    "\"q\"\n\"r\\\nq\"\n`b---\n--- # doc\nk0: 'it''s' # trailing\n", "\"q\"\n'r\n q' @\n", "\"q\"\n'r' @\n", "k1\n \t : at@x\n", "k1\n\t: x\n", "k1\n\t- x\n",
    "k1 # c\n\t: x\n", "k1\n# c\n\t: x\n", "k1\n \t # c\n", "k1\n\t@\n", "k1\n\t\n@\n",
    "{c: off\n, y: `b001:db8::, b: x::}\r\n", "---\n[\"rawnel\",@a ~:, 1]\n", "a: [@a:, 1]\n", "a: [x@a:, 1]\n", "a: [`a:]\n", "a: [@a, 1]\n", "a: {y: `b}\n",
    // a block mapping is indented at its first key's tag or anchor: a line at that column ends it, less deep ends the document
    "!t- value: \"1e3\"\n- k0: x\n", "!t value: 1\n- a\n", "&a value: 1\n- a\n", "!t value: 1\n  - a\n", "  !t value: 1\n- a\n", "!t\n  value: 1\n- a\n",
    "&a !t k: 1\nb: 2\n", "!t k: 1\n b: 2\n",
    // a tag with a comma after a quoted scalar that opens a flow entry and runs over an under-indented line (the comma is the tag's to go-yaml)
    "a: [\"raw\n!x\", !!str, x]\n", "a: [\"ra\nw\", !t, x]\n", "a: [\"raw\n\", !!str, x]\n", "a: {b: \"raw\n!x\", c: !!str, d: x}\n", "a: [x,\"raw\n!x\", !!str, x]\n",
    // a byte order mark that starts a line past blank and comment lines only: content to go-yaml, a stream's mark to the yaml package's lexer
    "# c\n\ufeff- x\n", "# c\n\ufeff[a]\n", "\n\ufeff- x\n", "# c\n\ufeff--- x\n", "# c\n\ufeff# d\nb: 1\n", "  # c\n\ufeffb: 1\n  c\n", "# c\n\ufeff\n",
    "# c\n\ufeffb: &a x\n  c\n", "\t# c\n\ufeffb: 1\n  c\n", "# c\n\t\n\ufeffb: 1\n  c\n", "a: 1\n---\n   # doc\n\ufeffb: x\n  c\n", "# c\n\ufeff  b: 1\n  c\n",
    "# c\n\ufeff%YAML 1.1\n---\nb: 1\n", "# c\n\ufeff...\n", "# c\n\ufeff|\n x\n", "# c\n\ufeff\"a\nb\"\n", "a: |\n  x\n\ufeffb: 1\n", "[a,\n\ufeffb]\n",
    // a tag that takes a bracket in a flow collection with an under-indented line (found once mend() has indented it)
    "---\nk0:\n  port:\n    - &a1 [\" lead \",\n  web, !!str2001-12-14]\n  k2: 1\n", "k0:\n  port: [a,\n web, !!str2001-12-14]\n", "k0:\n  port: [a,\n web, !!str x]\n",
    // a tag or an anchor that starts a line after the root may be a simple key: go-yaml scans on past it
    "  k2: &a0 off # trailing\n  k3: &a1\n !!str - k3: []\n- << # trailing\nk4: -15768\n", "  a: 1\n!t - b\n", "  a: 1\n&x - b\n", "  a: 1\n!t b\n", "  a: 1\n!t b: 1\n",
    "  a: 1\n!t\n", "  a: 1\n!t ? b\n", "  a: 1\n!t @\n", "  a: 1\n!t \"q\n", "  - 1\n!t - b\n", "\"q\"\n!t - b\n", "[a]\n!t - b\n", "|\n x\n!t - b\n", "\"q\"\n!t b\n- c\n",
    // go-yaml's binary integers with a sign after the prefix (ParseInt of what follows `0b`, base 2), in and out of int64
    "k2: 0b-101\t\n", "k2: 0b+101\n", "k2: 0b-_1\n", "k2: !!int 0b-11\n", `k2: 0b-1${'0'.repeat(63)}\n`, `k2: 0b-1${'0'.repeat(64)}\n`, `k2: 0b+${'1'.repeat(63)}\n`,
    "0b-1: x\n", "k2: [0b-1]\n", "k2: 0b-\n", "k2: 0B-1\n", "k2: !!float 0b-1\n", "k2: -0b-1\n", "k2: -0b+1\n",
    // a quoted scalar in an indented root that no quote closes: go-yaml scans it to the end, and refuses it
    "  a:\n    b: \"x\nc: 1\n", "  a: \"x\nc: 1\n", "  a: \"x\n  c: 1\n", "  a: 'x\nc: 1\n", "  - \"x\n- 1\n", "  a: 1\nb: \"x\n", "  a: \"x\n---\nb: 1\n",
    // a flow plain scalar that starts with `:` is refused even before a colon and a bracket; a directive line in a flow collection left open is refused
    "k3: [::1:]\n", "[::1:]\n", "k3: [x, :y:]\n", "k3: {:y:, b}\n", "k3: [x, y::]\n", "k2:\r\n  k3: [::1:]\r\nk5: &a0 on\r\n",
    "[# c\n%YAML 1.1\n", "[\n%YAML 1.1\n", "[# c\n%YAML 1.1\n---\nb: 1\n", "- [a,\n%YAML 1.1\n", "[a]\n%YAML 1.1\n", "a: {b: [1]}\n%YAML 1.1\n", "- \"a\n%YAML 1.1\n b\"\n",
    // `\'` in double quotes read where another escape the yaml package refuses comes after the root (go-yaml never reads it)
    "# c\n{y: \"sq \\' x\"}, b: \"pair \\ud83d\\#ude00\"}\n", "{y: \"sq \\' x\"}, b: \"pair \\ud83d\\#ude00\"}\n---  \n'raw\u0085nel'", "a: \"\\' \\#\"\n", "- \"\\'\"\n- \"\\#\"\n",
    // a document start that a lone CR or a NEL puts in a flow collection left open: go-yaml finds it where it wants a node
    "# c\n{\"k\": [{}, 1],\r---\n  1: 2}\n", "# c\n[1,\r---\r]\n", "# c\n[1,\r--- x]\n", "a: [1,\r---\r]\n", "a: [1]\r---\rb: 2\n", "a: {b: 1\r--- \r}\n",
    "a: [1,\u0085---\u0085]\n", "{\"k\": [{}, 0644],\r---\n  1: 'yes'}\r\n",
    // a root block scalar with column-0 text ends before it to go-yaml, which then cannot take the next token
    "|-# c\n%YAML 1.{1\n", "|\n%YAML 1.{1\n", "|\n@x\n", "|\n\"x\n", ">\nx: 1\n", "[ ]:\n@\n", "|-# c\n%YAML 1.{1\n---\n{a: 1} ? x\n@a\n---\n---  \nk5: Yes\n",
    // a byte order mark past the kept separator and a blank line; after spaces at the stream's start (no JSON-first stream: Go's IsSpace does not take it); a tag right after a JSON key's colon
    "{}\n--- # doc\n\n\ufeffx\n", "{}\n--- # doc\n\n\ufeff'\\n\"r\\q\"'\n", "{}\n---\n\ufeffx\n", "{}\n--- # c\n# d\n\ufeff- x\n", " \ufeff{}", " \ufeff{\"a\": 1}\n",
    "\u0085{\"a\": 1}\n{\"b\": 2}\n", "\u00a0{\"a\": 1}\n{\"b\": 2}\n", "\u3000{\"a\": 1}{\"b\": 2}\n", "\u0085{\"a\": 1}\n---\nb: 2\n",
    "{\"k\":!*a0!str '\"dq\"', b: off}\r\n", "# c\n{\"k\":!*a0!str '\"dq\"', b: off}\r\n", "# c\n{\"k\":!a,b x}\n",
    // a `:` where a flow collection wants a node (after its bracket or a comma, no `?`), also where a later duplicate key replaces the collection
    "k0: [:[], ?a]\nk0: 1\n", "k0: [: x]\nk0: 1\n", "k0: {: x}\nk0: 1\n", "k0: [a, : x]\nk0: 1\n", "k0: {? : x}\nk0: 1\n", "k0: {a: 1, : 2}\nk0: 1\n",
    "k0: {a: 1,\n  # c\n  : 2}\nk0: 1\n", "k0: [&a : x]\nk0: 1\n", "k0: [\"a\" : x]\nk0: 1\n", "k0: [a, \"b\": x]\nk0: 1\n", "host: \"[::1]:80\"\nk: [a,: b]\nk: 1\n",
    // an escaped quote that ends a line (the yaml package takes it for the closing one); a tab that ends a quoted scalar's line folds; a plain
    // scalar's colon before a bracket past blanks; a token that starts a line after an empty flow root may be a simple key
    "- a: \"x \\\"\\\"\n  b: 1\n  c: \"d\"\n", "- a: \"x \\\"\n  b: 1\n  c: \"d\"\n", "a: \"x \\\"\n  b\"\n", "a: \"x \\\\\"\nb: 1\n", "- \"x \\\"\n- y\"\n",
    "a: [\"x \\\"\n , b\"]\n", "a: \"x\t\n  y\"\n", "a: \"x \t\n  y\"\n", "a: 'x\t\n  y'\n", "a: \"x\\\t\n  y\"\n", "a: \"\tx\n  y\"\n",
    "k2: {y: 1, 1:&y :[], b: {}}\n", "k2: [a\n  :[b]]\n", "k2: {a :x}\n", "k2: [a :: b]\n", "[]\nx # doc\n   \t\nk1: 1\n", "[]\n\"x\" # doc\n   \t\n",
    "[]\n*x # doc\n   \t\n", "[]\n!t - a\n", "[]\nx\n   \t\nk1: 1\n", "[]\nb: 1\n",
    // a `?` after an anchor or a tag on its line, in block context: no key may start there to go-yaml
    "---\nk1:\n &a0? x YES", "k1:\n &a ? x\n", "k1:\n !t ? x\n", "k1:\n  !t ? x\n  : 1\n", "- k1:\n   &a ? x\n", "k1:\n &a ?x\n", "&a\n? x\n", "k: &a\n  ? x\n", "? &a x\n: 1\n",
    // a quote after a colon inside a flow plain scalar (`z:"`) starts no quoted scalar: the flow's under-indented lines are mended past it
    "a: {a: 1,\nz:\" 1}\n", "a: {a: 1,\nz:' 1}\n", "a: [a,\nz:\" 1]\n", "\ufeff<<: {a: 1, \nz:\" 1}", "a: {\"a\":\n\"b\",\nc: 1}\n", "a: {x: 1,\n\"b\":\"c\"}\n", "a: [x,\n\"b\":\"c\"]\n", "a: {a:\"b\"}\n", "a: {a :\"b\"}\n",
    // a flow plain scalar with a colon right after a closing quote: go-yaml wants a comma there (quoting it would join the two)
    "k1: ['r'a:,\n []]\n", "k1: [\"r\"a:, b]\n", "k1: ['r' a:, b]\n", "k1: {'r'a:, b}\n", "k1: [a:, b]\n",
    // a `:` with no key right after a block sequence's dash, also where a later duplicate key replaces the sequence
    "- : x\n", "a:\n  - : x\na: 1\n", "- k1:\n  - : x\n  k1: 1\n", "- - : x\n", "a: [1]\nb:\n- : x\nb: 2\n", "- ? : x\n",
    // a quote that a flow plain scalar's later line starts is content: the flow's under-indented lines are mended past it
    "- k0: '\"dq\"'\r\n  k3: [['0644', {y: \"0644\", ? // note\r\"\n  b: 'it''s', c: y}]]\r\n- 18446744073709551616\r\n--- # doc\r\n- 'a\"r\\q\": b'\r\n", "a: {b: x\n\" c, d: 1}\n", "a: {b: x\n  \" c, d: 1}\n", "a: [x\n\"y\", z]\n", "a: [x,\n\"y\", z]\n", "a: {\"k\":\n\"v\", z: 1}\n", "a: {\"k\":\"v\",\nz: 1}\n", "a: {&x k: v,\n\"z\": 1}\n", "a: {!t k: v,\n\"z\": 1}\n", "a: [*x , \"y\n\"]\n",
    // a tag's `%` escapes: two hex digits each, in whole UTF-8 sequences (go-yaml refuses the tag otherwise), also right after the root
    "[]!t%\n", "a: !t% x\n", "a: !t%4 x\n", "a: !t%41 x\n", "a: !t%zz x\n", "a: !t%c3%a9 x\n", "a: !t%c3 x\n", "[a] !t%\n", "a: !%t x\n", "a: !!%41 x\n", "a: !t%ff x\n", "a: !t%c3%41 x\n", "a: !t%e2%82%ac x\n", "a: !t%f0%9f%98%80 x\n", "a: !t%80 x\n", "a: [!t%c3 x]\n", "a: !<%c3> x\n",
    // more on an explicit key's own line after a quoted or flow key: go-yaml wants a key (the yaml package drops it: data lost)
    "a: 1\n? 'q' x\n", "? 'q' x\n", "? 'q' x\n  y\n", "\\no: text\n?   'q' (see |p\n   null %p trailing  \n", "? \"q\" x: 1\n", "? 'q' # c\n", "? [a] x\n", "? {a: 1} x\n", "? a b\n", "? 'q'\n: 1\n", "? 'q' x\n: 1\n", "? &a 'q' x\n", "? |\n  x\n", "? 'q': 1\n", "- ? 'q' x\n", "? 'q'\t# c\n",
    // `?` then `:` in a flow sequence; in a flow collection a key's anchor or tag on an earlier line makes a simple key over lines (refused)
    "k0: [? : x]\nk0: 1\n", "k0: [? a : x]\nk0: 1\n", "k0: [? : x]\n", "k0: [?: x]\nk0: 1\n", "k0: [? a]\nk0: 1\n", "k0: [a, ? : x]\nk0: 1\n", "k0: {? : x}\n", "k0: [: x]\nk0: 1\n", "k0: {: x}\nk0: 1\n", "k0: {a: 1, : 2}\nk0: 1\n", "k0: [[? : x]]\nk0: 1\n", "k0: [{? : x}]\nk0: 1\n", "k0: [?\n : x]\nk0: 1\n",
    "a: {b: 1, &y\n  \"k\": 2}\n", "a: {&y\n  k: 2}\n", "a: {!t\n  k: 2}\n", "a: [&y\n  k: 2]\n", "a: {&y k: 2}\n", "a: {&y\n  k, b: 1}\n", "a: {? &y\n  k: 2}\n", "1.5: ['\"dq\"',\r\n'plai\"n',\r\n   {a: {},\r&y\n   \"k\": {y: 001:db8::}}]\r\nk4: 9223372036854775807", "a: {&y\n  [k]: 2}\n", "a: {b: &y\n  k}\n",
    // control characters (C0 but tab, LF and CR; DEL; C1 but NEL; U+FFFE, U+FFFF): go-yaml's reader refuses them anywhere it decodes,
    // comments and text after `...` too, and in whole raw chunks of 512 bytes (past a root that ends the read early, a later chunk is never decoded)
    ...[1, 7, 8, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x80, 0x84, 0x86, 0x9f, 0xfffe, 0xffff].map((c) => String.fromCharCode(c)).flatMap((w) => [
      `a: x${w}\n`, `a: "x${w}"\n`, `# c${w}\na: 1\n`, `a: 1 # c${w}\n`, `{"a": "x${w}"}\n`, `a: 1\n---\nb: x${w}\n`, `a: 1\nb: &r x${w}\n`, `a: [x${w}]\n`]),
    "a: \u0085\n", "a: x\u00a0\n", "a: \ud83d\ude00\n", "a: \"\\x1b[0m\\f\"\n", "a: 1\n...\n# \x01\n", "a: 1\n... # \x01\n", "---\n# only \x01\n", "--- # \x01\na: 1\n", "a: 1\n--- # \x01\nb: 2\n",
    "{\"a\": 1}\n# \x01\n", "{\"a\":1}\x0c{\"b\":2}\n", "{\"a\":1}\r\n# \x01\r\n", "a: 1\u2028b: \x01\n", "a: |\n  \x1b[31mred\n", "\ufeff\x01: 1\n", "a: 1\n---\n\ufeff\x01\n",
    ...[490, 497, 498, 500, 1030].flatMap((n) => [`x # c\n  a: 1\n${'#'.repeat(n)}\n\x01\n`, `x # \u00e9\u00e9\n  a: 1\n${'#'.repeat(n)}\n\x01\n`, `a: 1\n...\n${'#'.repeat(n)}\n\x7f\n`, `{a: 1}\n${'#'.repeat(n)}\n\x0c\n`]),
    // spaces that JavaScript's trim() and \s take and go-yaml does not: content at a flow plain scalar's ends, after `---`, in a block
    // scalar's header (refused), a whole document (a string); a tab-only line is no blank document, nor ends one whose value is still open
    ...['\u00a0', '\u3000', '\ufeff', '\u1680', '\u2003', '\u202f', '\u205f'].flatMap((w) => [`a: [x${w}, y]\n`, `a: [${w}x, y]\n`, `a: {k: x${w}}\n`, `a: {${w}k: 1}\n`,
      `a: [x ${w} ]\n`, `--- ${w}\na: 1\n`, `--- ${w}\n`, `--- ${w} # c\n`, `a: 1\n--- ${w}\nb: 2\n`, `a: |${w}\n  x\n`, `a: |-${w}\n  x\n`, `a: 1\n---\n${w}\n---\nb: 1\n`, `${w}\n---\nb: 1\n`, `---\n${w}\n`]),
    "---\n\ufeff # see\n  a: 1\n", "---\n\ufeff # see\n- b\n", "{}\n--- # doc\r\n\ufeff  # see \r\n  <<: {a: 1}\r\n", "---\n \ufeff # see\n  a: 1\n", "---\n\ufeff\ufeff # see\n  a: 1\n",
    ...['\t', ' \t ', '\r', '\u0085', '\u2028', '\v', '\f', '\u00a0\n\u00a0'].flatMap((w) => [`a: 1\n---\n${w}\n---\nb: 1\n`, `a: 1\n---\n${w}`, `${w}\n---\nb: 1\n`, `---\n${w}\n`]),
    "a:\n\t\n", "- a:\n\t\n", "a: &x\n\t\n", "a: !t\n\t\n", "-\n\t\n", "a:\n \t\n", "a:\n  b:\n\t\n", "a:\n\t\n---\nb: 1\n", "{a: 1}\n\n\t\n---\nb: 1\n", "a:\n\t\n# c\n", "a: x\n\t\n", "a: |\n  x\n\t\n", "a: [1]\n\t\n", "a:\n...\n\t\n",
    // a NEL, LINE or PARAGRAPH SEPARATOR that starts a document go-yaml never reads: a control character past it is in a raw chunk it may never decode
    `k0: -1\u0085---  \nk1: x\n${'#'.repeat(500)}\u0085--- # doc\u0085{a: \x1b[0m~}`, `k0: -1\u0085---  \nk1: x\n${'#'.repeat(400)}\u0085--- # doc\u0085{a: \x1b[0m~}`,
    `k0: -1\u2028---\nk1: x\n${'#'.repeat(500)}\n\x01\n`, `- k1: x\u0085---  \nport: 1\n${'#'.repeat(600)}\n\x0c\n`, `- k1: x\u0085---  \nport: 1\n\x0c\n`,
    // go-yaml's raw chunks are counted from the separator line kubectl kept in the document, not from a stream's byte order mark
    ...[494, 495, 496, 497, 498].flatMap((n) => [`\ufeffx # c\n  a: 1\n${'#'.repeat(n)}\n\x01\n`, `---\nx # c\n  a: 1\n${'#'.repeat(n - 4)}\n\x01\n`, `\ufeff---  \n  k2: 1\n- b\n${'#'.repeat(n - 8)}\n\x1b\n`]),
    // a document end marker right after the kept separator line: nothing after it on its line is scanned (a tab before it is)
    "--- #\n... doc\n\"x\"\n", "---\n... doc\nx\n", "---\n# c\n\n... doc\nx\n", "--- # c\n...\tx\n", "---\n...x\n", "---\n  ...  k1:\n", "---\n \t\n... doc\n", "---\n...\n\t\n",
    "--- # c\u0085\t\n---\na: 1\n", "--- # c\u0085\n\t\n---\na: 1\n", "a: 1\n---\n... doc\nx: 1\n",
    // a tag that a no-break or ideographic space ends: go-yaml wants a blank there
    "[!!str\u3000y]\n", "a: !t\u00a0\n", "a: !!str\u00a0x\n", "- !t\u3000\n",
    // a plain scalar in a flow collection goes on over a line whose leading tab is shallower than the block it is in: refused
    "<<: {a: 1\n\t\n, z: \"plain\"}\n", "a: {a: 1\n\t\n, z: 2}\n", "a: {b: 1,\n\tc: 2}\n", "a: {b: x\n \tc}\n", "a: [x\n\ty]\n", "a: [x\n \ty]\n", "{a: 1\n\t\n}\n", "[x\n\ty]\n",
    "a:\n  b: [x\n \ty]\n", "a:\n  b: [x\n  \ty]\n", "a:\n  b: [x\n   \ty]\n", "a: [\"x\"\n\t]\n", "a: [x # c\n\t]\n", "a: [x,\n\t]\n", "- [x\n\ty]\n", "- [x\n \ty]\n", "a: {x\n\t: 1}\n", "a: [x y\n z\n\tw]\n",
    "a: [[x]\n\t]\n", "a: [x: y\n\t]\n", "a: [x\n\t]\nb: [y\n\t]\n",
    // a `?` that starts a flow plain scalar is a key's indicator to go-yaml: an anchor or a tag after it is the key's
    "k0: [?&y a:, b]\n", "k0: [?&y !t a:, b]\n", "k0: [?!t a:, b]\n", "k0: {?&y a:, b: 1}\n", "k0: [?&y a:]\nk1: *y\n", "k0: [?&y\n  a:, b]\n", "k0: [?&y\n  a, b]\n",
    // a flow collection whose entries all start with `?` saves no simple key: as the root it is never a key (`{? x}: 1` is {x: null})
    "# c\n{a: 1, ? b}: 1\n", "# c\n[? a]: 1\n", "# c\n[a, ? b: c]: 1\n", "# c\n{? x}: 1\n", "# c\n{x}: 1\n", "# c\n{? x, y}: 1\n", "# c\n{y, ? x}: 1\n", "# c\n{?x}: 1\n", "# c\n[?x]: 1\n",
    "# c\n{? x}: 1\nb: 2\n", "---\n{? x}: 1\n", "&a {? x}: 1\n", "{? x}: 1\n", "# c\n{? x: 1}: 1\n", "# c\n{? x: 1}b\n", "{? x}b: ?a, a: ~}\n", "{? xb: c}1:\n  k4: 1\n", "# c\n{? a, ? b}: 1\n",
    "# c\n{? a,}: 1\n", "# c\n[? a\n]: 1\n", "# c\n{? a}\n: 1\n", "[]\n{? a}: 1\n", "[]\n{? a}\n", "# c\n{}: 1\nb: 2\n",
    "{? // note\n y:\n x:y  {}}\n", "# c\n{? x: {}}: 1\n", "# c\n{? x {}}: 1\n", "# c\n[? x: [] y]\n",
    // a plain root that the yaml package loses to a token it cannot read on a later line go-yaml never scans
    "--`b- # doc\n- !!bi|nary aGVsbG8=\n", "x # doc\n- !!bi|nary aGVsbG8=\n", "x # c\n- !!t|x y\n", "x # c\n  - !!bi|nary aGVsbG8=\n", "x # c\n!!bi|nary aGVsbG8=\n", "x # c\n- !!bi|nary aGVsbG8=: 1\n",
    // where go-yaml's reading ends is found in the text as written (the reading's mends indent lines): a control character past that chunk stands
    ...[380, 430, 470].map((n) => `--- # doc\nk1:\n  a: [x,\ny]\n  b: '${'q'.repeat(n)}'\u0085---\u0085value: {}\nk5\x1b[0m: 1\n`),
    // a quoted scalar whose closing quote the yaml package's lexer takes for an opening one (a tab line ended it early): a later `'#x'` is text
    "k2: &a0 \"\"\n---\n- '\n\t\n\"dq\"'\n- Off # trailing\n- off: 0X1f\n  .k: '#x' # trailing\n", "- 'a\nb'#c\n", "  - 'a\n  b'#c\n  - [x]#d\n", "- '\n\t\nx'\n- [a]#c\n- 'y'#d\n",
    // a single-quoted scalar whose line ends with an escaped quote goes on below (the yaml package closed it there)
    "a:\n  k3: 'x''\n  k1: 1\nk0: 'y'\n", "a:\n  k3: 'x''\n  k1: 1\n", "k: 'x''\n", "k: ''\n", "k: ''''\n", "k: 'it''s'\n", "k: 'x'''\n", "k: 'x''\n  y'\n", "- 'x''\n- y'\n",
    "a:\n  k3: 'x''\n  k1: \"b\"\noff: 1\nk0: '\"dq\"'\n", "k: ['x''\n  , y']\n",
    // a `?` after a `?` in a flow collection, and a `?` right before a `:` there (an empty key)
    "{??\"k\": v1}\n", "# c\n{??k: v1}\n", "# c\n[? ?x]\n", "# c\n[??x]\n", "# c\n{? ?x: 1}\n", "# c\n[? # c\n ?x]\n", "# c\n[? a, ?b]\n", "# c\n[a ?? b]\n", "k: [? ? x]\nk: 1\n",
    "# c\n{?: 1}\n", "# c\n[?]\n", "# c\n{?}\n", "# c\n{a: ?}\n", "k: {?: 1}\n", "k: [?: 1]\n", "k: {?:1}\n", "k: [?:]\n", "k: {a: 1, ?: 2}\nk: 1\n", "k: {\"?:\": 1}\n",
    // a document indicator that starts a line of the quoted scalar after a flow root (a NEL or separator before it)
    "[1]' \u2029---\nb'\n", "[1] 'q\u2029---\n'\n", "[1]\n'q\u2029---\n'\n", "[1] \"q\u2028... x\"\n", "[1] 'q\u2028---x'\n", "[1] 'q\n ---\n'\n",
    // a `:` right after a flow collection that is a value on its key's line, where a later duplicate key replaces the mapping
    "k:\n  b: [a]: x\nk: 1\n", "k:\n  b: {a: 1}: x\nk: 1\n", "k:\n  <<: {a: 1, z: v1@a}: x\nk: 1\n", "k:\n  b: &x [a] : x\nk: 1\n", "k:\n  b: !t {a: 1}: x\nk: 1\n", "k:\n  - [a]: x\nk: 1\n",
    "k:\n  b: {a: 1}\n    : x\nk: 1\n", "k:\n  ? b\n  : {a: 1}: x\nk: 1\n", "k: [a] # c\nb: 1\n", "a: {b: [c]: d}\n",
    // a comment right after a JSON-like key's colon in a flow collection (go-yaml: a value indicator, then a comment); in block context not
    "k4: [{\"k\":# c \"bell\", ?y: 'raw\u0085nel', b: \"1e3\"}]\n", "k4: [{\"k\":# c\n x}]\n", "k4: [{\"k\":# c 'q\n x}]\n", "\"k\":# c\n", "k:# c\n", "a: {k:# c\n x}\n", "a: [k:# c\n x]\n",
    "a: {\"k\":#c\n \"v\"}\n", "# c\n{\"k\":# c\n \"v\"}\n", "{\"k\":# c\n \"v\"}\n", "a: [\"k\":#c\n x]\n", "a: \"k\":#c\n",
    // blank lines after a document that a lone CR, a NEL or a separator ends with a `---`: go-yaml scans them (a tab there is refused)
    ".k:\n     \t\r---\n  on: 1\n", ".k:\r\n     \t\r---\n  on: [[],\r\n # c a:]\r\nk4: \"new\\nline\"\r\n", "a:\n \u0085---\n\t\n", "a: 1\n\u0085---\n\t\nb: 2\n", "a:\n  \n\u2028---\nx\n", "a:\n\t\u0085---\nb: 1\n",
    // a plain explicit key's scanner goes on to the lines after it (a tab no shallower than its indentation is taken there)
    "? x\n \t\nb: 1\n", "? x\n   \t\noff: 1\n", "? x\n\t\nb: 1\n", "? x\n\t# c\nb: 1\n", "? x # c\n \t\nb: 1\n", "- ? x\n  \t\n  : 1\n", "- ? x\n \t\n", "? \"x\"\n \t\nb: 1\n", "?\tx\n \t\n", "a: 1\n? x\n \t\n",
    // a no-break or ideographic space after a quoted key's colon, or after an alias's name, is no blank to go-yaml
    "\"k\": \u00a0lead\n", "'k': \u3000x\n", "- \"k\": \u3000v\n  b: 1\n", "\"k\":\tv\n", "{a,\n  b}\n*y\u3000\n", "[a]\n*y\u00a0\n", "[a]\n*y \n", "[a]\n&y\u2003\n",
    // a `}#` inside a quoted scalar that runs over an under-indented line is text, not a comment after a flow indicator
    "  k5: 'q\n  {a}# x'\n", "a:b\n---\n  k5: 'quoted @a ?y\n  {a}# -x -x' # c\n", "  k5: \"q\n  {a}# x\"\n", "  k5: 'q\n  [a]# x'\n", "  k5: 'q\n  {a}'# x\n", "  k5: 'q'\n  k6: [a]#c\n",
    // a key's colon at most 1024 characters (code points) after its start, anchor and tag included
    ...[1024, 1025].flatMap((n) => [`${'k'.repeat(n)}: 1\n`, `"${'k'.repeat(n - 2)}": 1\n`, `x: {${'k'.repeat(n)}: 1}\n`, `x: [${'k'.repeat(n)}: 1]\n`,
      `${'\u00e9'.repeat(n)}: 1\n`, `&a ${'k'.repeat(n - 3)}: 1\n`, `? ${'k'.repeat(n)}\n: 1\n`]),

    // an anchor or a tag after a flow collection whose line the yaml package's lexer ends early (a less indented line): block context to both, the
    // anchor's name ended at a `:` without a value indicator; and a tag after a flow key's `?` that the lexer read into a plain scalar
    "a: {? // note\n b: 1}\n", "{1: x, ? // note\nb: \"0644\"}\n", "- {? // note\n  b: 1}\n", "{? a\n b: 1}\n", "{? a\nb: 1}\n", "- {a: 1,\nb: &x:y}\n", "- {a: 1,\nb: 1}\n- &x:y\n", "- {a: 1,\nb: &x:y, c: 2}\n- &x:y\n", "- [a,\nb]\n- &x:y\n", "a: {b: 1,\nc: 2}\nd: &x:y\n", "a: {b: 1,\nc: 2}\nd: !t,x y\n", "- {a: 1,\nb: 1}\n- !t,x y\n", "- {a: 1,\nb: 1}\n- [!t,x y]\n", "- k1: [{? // note\nb: 1}]\n- &x:ya0 [a]\n", "- k1: [{? n\nb: 1}]\n- &x:y\n", "- {? n\nb: 1}\n- &x:y\n", "- {? n\nb: 1}\n- &x :y\n", "- {? n\nb: 1}\n- &x y\n", "- {? n\n b: 1}\n- &x:y\n", "- {? n}\n- &x:y\n", "- {a: 1,\nb: 1}\n- &x?y\n", "- {a: 1,\nb: 1}\n- [&x:y]\n", "a: [b,\nc]\nd: *x:y\n", "- {a: 1,\n  b: [1,\nc]}\n- &x:y\n",
    "[?!ta, 1e3]\n", "a: [?!ta, 1e3]\n", "{?!ta, 1e3}\n", "[? !ta, 1e3]\n", "{?!t,a: 1}\n", "[?&a, 1]\n", "[?&a x, *a]\n", "- [?!t!, 1]\n", "[?!!str, 1]\n", "[?!t]\n", "[?!t,]\n", "{a: [?!t,\n b]}\n",
    // a double-quoted flow key after `?` with go-yaml v2's `\\'` escape (the escape is mended once the `?` is set apart)
    "[[\"plain\", ?\"sq \\' x\"]]\n", "[?\"sq \\' x\"]\n", "{?\"it\\'s\": 1}\n", "a: [?\"x\\'\", ?'y']\n", "[?\"a\\q\"]\n", "[? \"sq \\' x\"]\n", "k1: 37746\nk2:\n  port: [?]\n  port: !!str yes\n", "a: [?]\n", "- [?]\n", "a: [?]\nb: 1\n", "a: [? ]\n", "a: {?}\n", "[?]\n", "a:\n  b: [?]\n",
    // go-yaml v2 skips the token after an empty key's `?` in a flow sequence: `[? :]` and `[?, : x]` are pairs, `[?]`, `[?, b]` and `[? : x]` refused
    // (a later duplicate key drops the pair's empty key: only then is the difference a verdict)
    "a: {?}\na: 1\n", "a: [?]\na: 1\n", "a: [?, b]\na: 1\n", "a: [b, ?]\na: 1\n", "a: [?\n ]\na: 1\n", "a: [? # c\n ]\na: 1\n", "a: [? ,]\na: 1\n", "a: [[?]]\na: 1\n", "a: [{?}]\na: 1\n", "a: [? x]\na: 1\n", "a: [?x]\na: 1\n", "a: [? &x]\na: 1\n", "a: [? !t]\na: 1\n", "a: [? !t ]\na: 1\n", "a: [? &x , b]\na: 1\n", "a: {? , b}\na: 1\n", "a: [\n?\n]\na: 1\n", "a: [? :]\na: 1\n", "a: [? : ,]\na: 1\n", "a: [? : , b]\na: 1\n", "a: [?, : x]\na: 1\n", "a: [?,,]\na: 1\n", "a: [?, ]\na: 1\n", "a: [b, ?,]\na: 1\n", "a: [?\n,\n]\na: 1\n", "a: [? : : x]\na: 1\n", "a: [? :: x]\na: 1\n", "a: [?: x]\na: 1\n", "a: [?:]\na: 1\n", "a: [? ::]\na: 1\n",
    // an anchor's name that go-yaml ends at a `:` makes the quote after it plain text, no quoted scalar over lines to mend
    "k: &a:0 'q\n:z'\n", "k: &a :0 'q\n:z'\n", "k: :0 'q\n:z'\n", "k: x\n:z'\n", "k: &a x\n:z'\n", "k: &a:0 q\n:z\n", "k: &a:0 q\n z\n", "k: &a:0\n:z\n", "k: :0\n:z\n", "k: &a:0 q\n:\n", "k4:\n  - \"quoted 0644\n (see 0644\n\n(see 1e3 on !t\\t  \"\n.k: -0b-1\n \t\nk5: !!str\nkey with space: &a:0 'quoted word on %p `b\n:z'", "k4:\n  - \"quoted 0644\n (see 0644\n\n(see 1e3 on !t\\t  \"\n.k: -0b-1\n \t\nk5: !!str\nkey with space: &a:0 'quoted word on %p `b\n:z'\n", "k5: !!str\nkey with space: &a:0 'quoted word on %p `b\n:z'", "k5: !!str\nk: &a:0 'q\n:z'\n", "k5: !!str\nk: :0 'q\n:z'\n", "k5: !t\nk: :0 'q\n:z'\n", "k5: !!str\nk: x\n:z'\n", "k5: !!str\nk: x\n:z\n", "k5: !!str\n:z\n", "a:\n  - \"q\n x\"\nk: &a:0 'q w\n:z'\n", "a:\n  - \"q\n x\"\nk: &a:0 'q w\n z'\n", "a:\n  - \"q\n x\"\nk: &a: 'q w\n z'\n", "a:\n  - \"q\n x\"\nk: &a 'q w\n z'\n", "a:\n  - \"q\n x\"\nk: *a:0 'q w\n z'\n", "a:\n  - \"q\n x\"\nk: &a%0 'q w\n z'\n", "a:\n  - \"q\n x\"\nk: &a? 'q w\n z'\n", "a:\n  - \"q\n x\"\n- &a:0 'q w\n z'\n", "a:\n  - \"q\n x\"\nk: [&a:0 'q w\n z']\n", "a:\n  - \"q\n x\"\nk: &a.b 'q w\n z'\n",
    // a quoted scalar over lines that closes at the start of a line, then `: `: no key to go-yaml, refused (`:x` is no value)
    "  - \"q\n\": x\n", "  - \"q\n\": {1: 2}\n", "  - \"q\n\" x\n", "  - \"q\n\":x\n", "  - \"q\n\"\nb: 1\n", "  - \"q\n\" : x\n", "  k: \"q\n\": x\n", "  - 'q\n': x\n", "  - \"quoted\n\": {1: ?a, y: null, y: 0644}\n    # see \n  value:\n    k5: x\n", "  - \"q\n\": x\n---\na: 1\n", "  - [a,\n  b]: x\n", "  - {a: 1,\n  b: 2}: x\n", "  - [a,\n  b]:x\n", "  k: [a,\n  b]: x\n", "  - [a, b]: x\n", "  - \"q\"\n  - 'x\n  ': y\n", "  - \"q\n  \"  : x\n", "  - a\n  - \"q\n\":\n",
    // a quoted scalar or an alias that starts a line after a root read alone stays a possible key to the line's end: go-yaml scans every token there (`'a' "b" 'c` refused)
    "-&y-- # doc''\"dq\"'\n", "-&y-- # doc\n", "-&y # c'\n", "-x # c'\n", "-&y\n", "x # c'\n", "-&y -- # doc'\n", "a: -&y-- # c'\n", "- -&y # c'\n", "-*y # c'\n", "-!y # c'\n", "-&y # c\"\n", "-&y # c\n# d'\n", "-&y-- # doc\u0085''\"dq\"'\n", "-&y-- # doc\n''\"dq\"'\n", "x # doc\n''\"dq\"'\n", "x\n''\"dq\"'\n", "x\n'a'\"dq\"'\n", "x\n'a' \"dq\"'\n", "x\n'a' 'b\n", "x\n\"a\" 'b\n", "x\n'a''b' 'c\n", "x\n''\n", "x\n'' b\n", "x # c\n'a' 'b\n", "x # c\n'a'\n", "x # c\n'a' b\n", "x # c\n'a''b\n", "x # c\n'a'\"b\n", "x # c\n'a'\"b\"\n", "x # c\n'a'\"b\" 'c\n", "x # c\n'a' \"b\" 'c\n", "x # c\n\"a\"'b' \"c\n", "x # c\n'a'x 'c\n", "x # c\n\"a\"\"b\" 'c\n", "[x]\n'a'\"b\" 'c\n", "\"x\"\n'a'\"b\" 'c\n", "x # c\n*a \"b\" 'c\n", "x # c\n*a 'b\n", "x # c\n*a b 'c\n", "x # c\n'a' b: 'c\n", "x # c\n'a': 'c\n", "x # c\n'a' # 'c\n", "x # c\n'a' [b] 'c\n", "x # c\n'a' &b 'c\n", "x # c\n'a' 'b'\n- 'c\n",
    // a flow plain scalar the lexer names otherwise (`---`, `...`, `-`) before a colon that a bracket follows: one scalar to go-yaml (`[---:]` is ["---:"])
    "[---:]\n", "[--:]\n", "[-a:]\n", "[x, ---:]\n", "a: [---:]\n", "[a:]\n", "[---]\n", "[--- :]\n", "{---:}\n", "[...:]\n", "[-:]\n", "[---a:]\n", "[x,\n---:]\n", "- [---:]\n",
    // a control character on a separator line kubectl's YAMLReader drops, before a document whose chunk holds its own separator line (a NEL or a LINE SEPARATOR after the dashes)
    "- |1-\n x  y 0\n a: b 1\n- 2001-12-14t21:59:43.10-05:0]0\n- NULL\n--- # do\fc\u2028\" lead\"\n--- # doc\u20281", "- a\n--- # \fc\n--- # doc\u20281", "- a\n--- # \fc\n---#x\n1\n", "- a\n--- # \fc\n--- # doc\u0085 1\n", "---\n--- # \fc\u2028x\n", "--- # \fc\u2028x\n", "- a\n--- # c\n--- # \u2028\f1\n", "- a\n--- # \u2028\fc\n--- # doc\u20281",
    // ... but not a block scalar's indicator, which no plain scalar starts with (`{a: >a:}` is refused)
    "{a: >a:}\n", "k5: |-\r\n  a: b 0\r\n  a: b 1\r\n  a: b 2\r\n  line 3\r\n~k: [[{}], {\"k\":% x::,\r\n c: {}},\r\n  true:]\r\n# a comment\r\noff: 1.5", "-\r\n  k5: [' lead ', |x::, \"new\\nline\"]\r\n-\r\n  # a comment\r\n  <<: {a: 1, z: '0644'}\r\n- !!map x\r\n---\r\n[[\"new\\nline\", [y]]]\r\n--- # doc\r\n# see\u2029\r\nk4: '\"dq\"'\r\n# a\u2028k9: 1\r\nk0:\r\n  -\r\n    k3:\r\n      k0: \"0644\"\r\n      <<: {a: 1, z: 0x10}\r\n    k4:\r\n      k0: 0\r\n      x-y:\r\n [b, c]       k4: 47214\r\n      x-y: n\r\n    k0: text (see\r\n       ~ 0644 'q' |p\r\n      @a\r\n      x-y *y :z\r\n    k3: tRUE\r\nk0: nbsp\u00a0\r\n", "--- # doc%\n[[{c: 1e3}],|- true:]\n", "<<: {a: 1, z: |-a:}\n", "k1:\r\n  k0: a b c\r\n---  \r\nk4: 'quoted :z\r\n \r[b, c]\n    null &x on' # c\r\nk2:\r\n-\r\n  k0:\r\n  - [[~:,\r\n   {b: |-x::, y: 1_000,\r\n1: a:b}]]\r\n  - 'a: b'\r\n  - -14810\r\n  k3:\r\n    - 0b-101\r\nk3: NO\r\nk3: text |p\r\n   1e3 null\r\n---  \r\n<<: {a: 1, z: 2001-12-14}\r\nk2: \"quoted [x] a:b 1e3\r\n`b docs) {a} x-y\r\n-x [x] 1e3\\t  \"\r\n", "[|true:, ~:]", "\ufeff--- # doc\u0085k1: !!int 0644\n--- # doc\nk1: 0644\n---\n<<: {a: 1, >z:x:y ~:}\n", "0x10\n---\nk2: [|x::]\n", "[[{y: \"new\\nline\"}, 1e3,> x::]]\r\n---  \r\nport: 1 # trailing\r\n---  \r\n# a\u2028k9: 1\r\nk0: !!str\"plain\"\r\nk3: 1.\r\n", "- k5: {\"k\": 'a: b', \"k\": [1_000, [y, ' lead ', 1e3],\n   001:db8::], \"k\": {b: {c: \"ye*a0s\",\n  b: .5}, \"k\":> true:}}\n  k5: Inf\n  k4: say \"hi\"\n- off\n- &a0 \u00a0lead\n", "1e3:\n  - \"quoted 0644 [x]\n \n trailing   x-y a:b\\\\\n[x] -x yes\n a:b ~\\t  \"\n  - k0:\n      k0:\n        - 11971 # trailing\n      1: -47228\n      k0: 'plain'\n      k1: TRUE\n    k0: << # trailing\n    k1: -15346\n---  \nk1: ~\nport: '\"dq\"'\nk2: [[[?a,\n  x::], \u3000y,\n ['0644', '0644', >x::]], a:,\n   ~]", "[>a:]\n", "[|a:]\n", "{a: |:}\n", "[!a:]\n", "[&a:]\n", "[*a:]\n", "[%a:]\n", "[@a:]\n",
  ];
  const { mismatches } = compare(cases);
  expect(mismatches).toEqual([]);
}, 600_000);
