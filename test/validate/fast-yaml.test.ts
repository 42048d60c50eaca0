/**
 * The fast block reader must agree with js-yaml wherever it does not decline: differential
 * tests on fixtures, hand-picked edge cases and generated documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseText } from '../../src/validate';
import { BAIL, fastParse } from '../../src/validate/fast-yaml';
import { FIXTURES } from './helpers';

const jsyaml = require('js-yaml');

/** js-yaml with the loader's schema: parseText on a single document goes through it when the reader declines. */
function reference(text: string): unknown {
  const objs = parseText(`${text}\n---\n`, 'ref.yaml');
  return objs.length ? objs[0].object : null;
}

function resolver(): (s: string) => unknown {
  // the same resolution as the loader: js-yaml's own, via a one-key document
  return (s: string) => jsyaml.load(`v: ${s}`, { schema: jsyaml.CORE_SCHEMA }).v;
}

function agree(text: string): 'bail' | 'same' {
  const fast = fastParse(text, resolver());
  if (fast === BAIL) return 'bail';
  let ref: unknown;
  try {
    ref = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch (e) {
    throw new Error(`fast reader accepted what js-yaml rejects: ${(e as Error).message}\n${text}`);
  }
  expect(fast).toEqual(ref);
  return 'same';
}

test('fixtures: every document agrees with js-yaml, and none declines', () => {
  const files: string[] = [];
  const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.yaml') && files.push(path.join(d, e.name)); };
  walk(FIXTURES);
  let same = 0;
  for (const f of files) {
    for (const doc of fs.readFileSync(f, 'utf8').split(/^---$/m)) {
      if (doc.trim() === '') continue;
      if (agree(doc) === 'same') same++;
    }
  }
  expect(same).toBeGreaterThan(45);
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
  'a: b: c\n',
  'a: 1\na: 2\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'a: >\n  folded\n  text\n',
  'a: multi\n  line\n',
  'a: "multi\n  line"\n',
  '- - nested\n',
  '  indented: root\n  second: 2\n',
  'a:\n    b: 1\n  c: 2\n',
  'key: - x\n',
  'a: [1, 2\n',
  'esc: "tab\\tnew\\nline \\u00e9 \\" \\\\"\n',
  'x: 0755\ny: 1e3\nz: +12\nw: 1_000\nv: .5\n',
  'on: off\nY: n\n',
  '<<: {a: 1}\nb: 2\n',
  '__proto__: x\n',
  'a: "x" y\n',
  'a: |\n\n   x\n  y\n',
];

test.each(CASES.map((c, i) => [i, c]))('edge case %i agrees or declines', (_i, text) => {
  agree(text as string);
});

test('generated documents agree with js-yaml', () => {
  const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_.\/-]{0,12}$/);
  const scalar = fc.oneof(
    fc.string({ maxLength: 20 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
    fc.constantFrom('100m', '64Mi', '1.2.3', 'yes', 'no', 'on', '~', 'null', '0755', '0x10', '-1', '+1', '1e3', '.5', 'a: b', '#x', 'a #b', '- x', '"q"', "'q'", '', ' lead', 'trail ', 'multi\nline\n', 'tab\there'),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
  })).node;
  const doc = fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 });
  let same = 0;
  let total = 0;
  fc.assert(fc.property(doc, fc.integer({ min: 0, max: 3 }), (d, style) => {
    const text = style === 0 ? jsyaml.dump(d, { noArrayIndent: true })
      : style === 1 ? jsyaml.dump(d, { flowLevel: 2 })
        : style === 2 ? stringify(d)
          : stringify(d, { indentSeq: false, lineWidth: 0 });
    total++;
    if (agree(text) === 'same') same++;
  }), { numRuns: 600 });
  // the reader is only useful if it reads most of what the common writers produce
  expect(same / total).toBeGreaterThan(0.5);
});

test('the loader returns the same objects with or without the fast reader', () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'good', 'web.yaml'), 'utf8');
  const viaLoader = parseText(text, 'x.yaml').map((o) => o.object);
  const viaJsYaml = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA }).filter((x: unknown) => x != null);
  expect(viaLoader).toEqual(viaJsYaml);
  expect(reference('a: 1')).toEqual({ a: 1 });
});
