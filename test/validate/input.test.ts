/** Bad input never crashes: one clear line (InputError, exit 2), or a finding where the file parsed. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/errors';
import { exitCodeOf, parseText, validateObjects, validatePaths } from '../../src/validate';
import { FIXTURES, goodBundle, mutationsOf } from './helpers';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-validate-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

/** The one finding an unreadable input gives: rule, its one-line message and its line; exit code 2. */
async function unreadable(p: string): Promise<[string, string, number | undefined]> {
  const r = await validatePaths([p]);
  expect(r.findings).toHaveLength(1);
  const f = r.findings[0];
  expect(f.message).not.toContain('\n');
  expect(f.severity).toBe('error');
  expect(exitCodeOf(r)).toBe(2);
  return [f.rule, f.message, f.line];
}

describe('unparsable input is one finding with its file and line, and exit code 2', () => {
  test('not YAML', async () => { expect(await unreadable(file('a.yaml', 'a: [\n'))).toEqual(['yaml.invalid', expect.stringMatching(/^not valid YAML: /), 2]); });
  test('tabs', async () => { expect(await unreadable(file('t.yaml', 'a:\n\tb: 1\n'))).toEqual(['yaml.invalid', expect.stringMatching(/^not valid YAML: Tabs/), 2]); });
  test('a binary file', async () => { expect(await unreadable(file('b.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])))).toEqual(['input.unreadable', 'binary file, not YAML or JSON', undefined]); });
  test('a missing path', async () => { expect(await unreadable(path.join(dir, 'nope.yaml'))).toEqual(['input.unreadable', 'no such file or directory', undefined]); });
  // kubectl ends a last line with \n before go-yaml reads it; the error is still on the file's last line (kind's own test data: `# …\n"`)
  test('an unclosed quote on a last line without a line break', async () => { expect(await unreadable(file('q.yaml', '# c\n"'))).toEqual(['yaml.invalid', expect.stringMatching(/^not valid YAML: /), 2]); });
  test('broken JSON', async () => { expect(await unreadable(file('j.json', '{"apiVersion": "v1",\n "kind": [1, 2}'))).toEqual(['yaml.invalid', expect.stringMatching(/^not valid YAML: /), 2]); });
  test('parseText, for callers without a report, still throws one line', () => {
    expect(() => parseText('a: [\n', 'x.yaml')).toThrow(InputError);
    expect(() => parseText('a: [\n', 'x.yaml')).toThrow(/^x\.yaml:2: not valid YAML: /);
  });
});

test('a duplicate key is a warning, the last value kept', async () => {
  const r = await validatePaths([file('d.yaml', 'apiVersion: v1\nkind: Pod\nkind: ConfigMap\nmetadata:\n  name: d\n')]);
  expect(r.findings.map((f) => [f.rule, f.severity, f.object.kind, f.line])).toEqual([['yaml.duplicate-key', 'warning', 'ConfigMap', 3]]);
  expect(exitCodeOf(r)).toBe(0);
});

test('a duplicate key in a custom resource is a warning too, with or without its CRD', async () => {
  const crd = JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }] },
  });
  const cr = (kind: string) => `apiVersion: example.com/v1\nkind: ${kind}\nmetadata:\n  name: w\nspec:\n  data:\n    - notes: a\n      x: 1\n      notes: b\n`;
  const r = await validatePaths([file('crd.json', crd), file('w.yaml', cr('Widget')), file('g.yaml', cr('Gadget'))]);
  expect(r.findings.filter((f) => f.rule === 'yaml.duplicate-key').map((f) => [f.severity, f.object.kind, f.path, f.line]))
    .toEqual([['warning', 'Widget', 'spec.data[0].notes', 9], ['warning', 'Gadget', 'spec.data[0].notes', 9]]);
  expect(exitCodeOf(r)).toBe(0);
});

describe('parsable but odd input gives findings', () => {
  test('a scalar document and an object without kind', async () => {
    const r = await validatePaths([file('s.yaml', 'hello\n---\napiVersion: v1\nmetadata: {name: x}\n---\n')]);
    expect(r.findings.map((f) => [f.rule, f.line])).toEqual([['manifest.not-an-object', 1], ['manifest.missing-type', 3]]);
    expect(r.summary.objects).toBe(2);
  });

  test('directories are walked recursively for *.yaml, *.yml and *.json only', async () => {
    const base = path.join(dir, 'tree');
    const pod = (n: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n }, data: {} });
    file('tree/a.yaml', pod('a'));
    file('tree/sub/b.yml', pod('b'));
    file('tree/sub/deeper/c.json', pod('c'));
    file('tree/notes.txt', 'not a manifest');
    const r = await validatePaths([base]);
    expect(r.summary.objects).toBe(3);
  });

  test('JSON files get line numbers too', async () => {
    const p = file('x.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, dataa: {} }, null, 2));
    const r = await validatePaths([p]);
    expect(r.findings[0]).toMatchObject({ rule: 'schema.unknown-field', path: 'dataa', line: 7 });
  });

  test('findings in later documents of a file carry their own line, whichever reader parsed them', async () => {
    const cm = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}dataa: {}\n`;
    const docs = [
      cm('plain'),
      '# a comment first\n' + cm('commented'),
      cm('anchored', '  labels: &l {a: b}\n  annotations: *l\n'), // anchors: the fast reader declines, the exact reader reads it
      cm('last'),
    ];
    for (const eol of ['\n', '\r\n']) {
      const text = `---\n${docs.join('---\n')}`.replace(/\n/g, eol);
      const r = await validatePaths([file(`multi${eol.length}.yaml`, text)]);
      const lines = text.split(eol);
      const expected = lines.flatMap((l, i) => (l.startsWith('dataa:') ? [i + 1] : []));
      expect(expected).toHaveLength(4);
      expect(r.findings.filter((f) => f.rule === 'schema.unknown-field').map((f) => f.line)).toEqual(expected);
    }
  });

  test('kind: List is expanded', () => {
    const r = validateObjects([{ object: { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'B' } }] } }]);
    expect(r.summary.objects).toBe(2);
    expect(r.findings.map((f) => f.rule)).toEqual(['metadata.name-invalid']);
  });

  test('a 10 MB file validates without trouble', async () => {
    const doc = fs.readFileSync(path.join(FIXTURES, 'good', 'web.yaml'), 'utf8');
    const n = Math.ceil((10 * 1024 * 1024) / doc.length);
    const p = file('big.yaml', Array.from({ length: n }, (_, i) => doc.replace(/name: web$/gm, `name: web-${i}`)).join('\n---\n'));
    const r = await validatePaths([p]);
    expect(r.summary.objects).toBe(n * 3);
    expect(r.summary.errors).toBe(0);
  }, 120_000);
});

test('any JSON value as an object never throws and yields a report', () => {
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
    const r = validateObjects([{ object: v }]);
    expect(r.summary).toBeDefined();
  }), { numRuns: 300 });
});

test('random mutations of a real Deployment never throw', () => {
  fc.assert(fc.property(mutationsOf(goodBundle()[0]), (o) => {
    const r = validateObjects([{ object: o }]);
    expect(r.findings.filter((f) => f.rule === 'manifest.check-failed')).toEqual([]);
  }), { numRuns: 500 });
});

test('files are validated one by one, yet cross-object rules see the whole bundle', async () => {
  const docs = fs.readFileSync(path.join(FIXTURES, 'good', 'web.yaml'), 'utf8').split(/^---$/m);
  file('split/1-deployment.yaml', docs[0]);
  file('split/2-pdb-and-service.yaml', `${docs[1]}---${docs[2]}`);
  const together = await validatePaths([path.join(dir, 'split')]);
  expect(together.findings).toEqual([]);
  const alone = await validatePaths([path.join(dir, 'split', '1-deployment.yaml')]);
  expect(alone.findings.map((f) => [f.rule, f.file, f.line])).toEqual([['pdb.missing', path.join(dir, 'split', '1-deployment.yaml'), 10]]);
});

test('YAML is read as kubectl reads it: 1.1 booleans, merge keys, anchors', () => {
  const objs = parseText('a: yes\nb: off\nc: "yes"\nbase: &b {k: 1}\nm:\n  <<: *b\n  z: 2\n---\n# only a comment\n---\nlist: [on, 1, x]\n', 'x.yaml');
  expect(objs.map((o: any) => o.object)).toEqual([
    { a: true, b: false, c: 'yes', base: { k: 1 }, m: { k: 1, z: 2 } },
    { list: [true, 1, 'x'] },
  ]);
  // a label value written yes is a boolean, which the API server rejects as a label value
  const r = validateObjects(parseText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    enabled: yes\n', 'c.yaml'));
  expect(r.findings.map((f) => [f.rule, f.path, f.line])).toEqual([['schema.type', 'metadata.labels.enabled', 6]]);
});

test('the yaml package path (tabs inside a block scalar) finds lines too', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  script: |\n    echo a\n    \techo b\nbinaryDataa: {}\n';
  const objs = parseText(text, 'c.yaml');
  expect(objs[0].object.data.script).toBe('echo a\n\techo b\n');
  const r = validateObjects(objs);
  expect(r.findings.map((f) => [f.rule, f.path, f.line])).toEqual([['schema.unknown-field', 'binaryDataa', 9]]);
});

test('a check that fails on odd input reports manifest.check-failed (info) and the other checks still run', () => {
  const spec = { template: { spec: {} } };
  Object.defineProperty(spec.template.spec, 'containers', { get() { throw new Error('boom'); }, enumerable: true });
  const r = validateObjects([{ object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'Bad_Name' }, spec } }]);
  const rules = r.findings.map((f) => f.rule);
  expect(rules).toContain('manifest.check-failed');
  expect(rules).toContain('metadata.name-invalid');
  expect(r.findings.find((f) => f.rule === 'manifest.check-failed')!.severity).toBe('info');
});

test('a byte order mark and Windows line ends are read like plain text', () => {
  const text = '\ufeffapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: c\r\ndataa: {}\r\n';
  const r = validateObjects(parseText(text, 'c.yaml'));
  expect(r.findings.map((f) => [f.rule, f.path, f.line])).toEqual([['schema.unknown-field', 'dataa', 5]]);
});

test('a label named __proto__ (JSON) is a label like any other to the cross-object rules', () => {
  const deployment = (labels: string) => JSON.parse(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"a"},
    "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":${labels}},
    "spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}}}`);
  const pdb = (matchLabels: string) => JSON.parse(`{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web","namespace":"a"},
    "spec":{"minAvailable":1,"selector":{"matchLabels":${matchLabels}}}}`);
  const pdbMissing = (objects: unknown[]) => validateObjects(objects.map((object) => ({ object }))).findings.filter((f) => f.rule === 'pdb.missing').length;
  // the Pods carry the label the budget selects: covered
  expect(pdbMissing([deployment('{"__proto__":"x","app":"web"}'), pdb('{"__proto__":"x"}')])).toBe(0);
  // the budget asks for a label the Pods do not have: not covered
  expect(pdbMissing([deployment('{"app":"web"}'), pdb('{"__proto__":"x","app":"web"}')])).toBe(1);
});
