/**
 * The shapes real files have (issue 9): each test here failed before podsmith read YAML as
 * kubectl does. Anchors, folded blocks, CRLF and `host: ::1` kept booleans; YAML 1.1 octals;
 * duplicate keys; one unreadable file among many; typed lists; the billion-laughs shape; cdk8s'
 * construct-metadata.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitCodeOf, parseText, validatePaths } from '../../src/validate';
import { BlockLines } from '../../src/validate/yaml/lines';
import { readStream } from '../../src/validate/yaml/read';

const CORPUS = process.env.PODSMITH_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'realworld');

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-real-yaml-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels
    app: web
  annotations:
    description: >-
      a folded
      description
spec:
  replicas: 1
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      hostNetwork: true
      containers:
      - name: web
        image: nginx:1.27
        env:
        - name: HOST
          value: ::1
        securityContext:
          privileged: true
          allowPrivilegeEscalation: yes
`;

describe('files with anchors, folded blocks, CRLF or `::1` keep their booleans', () => {
  test.each([['LF', '\n'], ['CRLF', '\r\n']])('%s: no false type error, and privileged/hostNetwork are seen', async (_n, eol) => {
    const p = file(`deploy-${eol.length}.yaml`, DEPLOYMENT.replace(/\n/g, eol));
    const r = await validatePaths([p], { profile: 'baseline' });
    expect(r.findings.filter((f) => f.rule.startsWith('schema.'))).toEqual([]);
    const rules = r.findings.map((f) => [f.rule, f.path, f.line]);
    expect(rules).toContainEqual(['pss.privileged', 'spec.template.spec.containers[0].securityContext.privileged', 27]);
    expect(rules).toContainEqual(['pss.host-namespaces', 'spec.template.spec.hostNetwork', 19]);
  });

  test("argo-cd's install manifest: no error at all (55 false errors before)", async () => {
    const p = path.join(CORPUS, 'argoproj__argo-cd', 'manifests', 'install.yaml');
    if (!fs.existsSync(p)) throw new Error(`the real-world corpus is not at ${CORPUS}; set PODSMITH_CORPUS`);
    const r = await validatePaths([p]);
    expect(r.summary.objects).toBe(59);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  /** Every document of a stream: its value, its lines for every path, and whether the fast reader read it. */
  function readAll(text: string): Array<{ value: unknown; lines: Array<number | undefined>; fast: boolean }> {
    const out: Array<{ value: unknown; lines: Array<number | undefined>; fast: boolean }> = [];
    const bad = readStream(text, (d) => {
      const paths: Array<Array<string | number>> = [];
      const walk = (v: unknown, at: Array<string | number>): void => {
        paths.push(at);
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
        else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
      };
      walk(d.value, []);
      out.push({ value: d.value, lines: paths.map((segs) => d.lines.deepest(segs)), fast: d.lines instanceof BlockLines });
    });
    expect(bad).toBeUndefined();
    return out;
  }

  test('CRLF files: read by the fast reader, with the values and lines of the same file written with LF', () => {
    // the corpus's CRLF files (written on Windows by their projects) and this Deployment; the exact reader read them all before
    const crlf = fs.readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'))
      .filter((t) => t.includes('\r\n'));
    expect(crlf.length).toBeGreaterThanOrEqual(3);
    let fast = 0;
    for (const text of [...crlf, DEPLOYMENT.replace(/\n/g, '\r\n')]) {
      const lf = readAll(text.replace(/\r\n/g, '\n'));
      const got = readAll(text);
      expect(got).toEqual(lf); // the same values and lines, and each document read by the reader that reads its LF form
      fast += got.filter((d) => d.fast).length;
    }
    expect(fast).toBeGreaterThanOrEqual(3);
  });

  test('a lone CR (classic Mac OS line ends) is a line break, as kubectl reads it; kubectl cuts documents at LF only', () => {
    // go-yaml's values (cluster/go/yamlref), refused or misread before
    expect(readAll('a: 1\rb: 2\r\nc: "x\r\n  y"\r\n')).toEqual([{ value: { a: 1, b: 2, c: 'x y' }, lines: [1, 1, 2, 3], fast: false }]);
    expect(readAll('a: "x\ry"\nb: |\n  l1\r  l2\n').map((d) => d.value)).toEqual([{ a: 'x y', b: 'l1\nl2\n' }]);
    // `---` after a lone CR is no document separator to kubectl: go-yaml reads the first document of the one it cut
    expect(readAll('a: 1\r---\rb: 2\r').map((d) => d.value)).toEqual([{ a: 1 }]);
  });

  test("a control character's line counts the line breaks go-yaml counts (NEL, LINE and PARAGRAPH SEPARATOR, a lone CR), as a syntax error's line does", () => {
    // the same document with a syntax error where the control character stands: both on the same line
    for (const br of ['\n', '\r', '\u0085', '\u2028', '\u2029']) {
      const at = (bad: string) => readStream(`a: 1${br}b: 2${br}c: ${bad}\n`, () => undefined);
      expect([br, at('\x1b[0m')?.line, at('\x1b[0m')?.message]).toEqual([br, at('d: e')?.line, expect.stringContaining('control characters are not allowed: U+001B')]);
      expect(at('\x1b[0m')?.line).toBe(3);
    }
  });

  test('a quoted scalar whose later lines are no deeper than its key is read on to its closing quote, as kubectl reads it', async () => {
    // hand-wrapped descriptions; go-yaml's values (cluster/go/yamlref); refused as "Missing closing quote" before
    expect(readAll('a: "x\ny"\n').map((d) => d.value)).toEqual([{ a: 'x y' }]);
    expect(readAll("a:\n  k: 'x\n  y'\nb: 1\n").map((d) => d.value)).toEqual([{ a: { k: 'x y' }, b: 1 }]);
    expect(readAll('a:\n  k: "x\n\n y"\n').map((d) => d.value)).toEqual([{ a: { k: 'x\ny' } }]);
    expect(readAll("- 'quoted \"2m\",\n>g a:b ?y\n`b yes\n?y [x] it''s'\n- b\n").map((d) => d.value)).toEqual([['quoted "2m", >g a:b ?y `b yes ?y [x] it\'s', 'b']]);
    const p = file('wrapped.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wrapped\n  annotations:\n    description: "a long text wrapped\n    by hand, and again\n  here"\ndata:\n  k: v\n');
    const r = await validatePaths([p]);
    expect(r.findings.filter((f) => f.rule.startsWith('yaml.') || f.rule.startsWith('input.'))).toEqual([]);
    expect(parseText(fs.readFileSync(p, 'utf8'), p)[0].object.metadata.annotations.description).toBe('a long text wrapped by hand, and again here');
    // what go-yaml refuses stays refused: a document marker inside, no closing quote
    for (const text of ['a: "x\n...\n y"\n', 'a: "x\ny\n']) expect(() => parseText(text, 'bad.yaml')).toThrow(/bad\.yaml:\d+: not valid YAML/);
  });
});

test('UTF-16 files with a byte order mark (what Windows PowerShell writes with `>`) are read as kubectl reads them', async () => {
  // k8s.io/cli-runtime's FileVisitor decodes them; podsmith refused them as binary files before
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Caf\u00e9\ndata:\n  k: v\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le).swap16();
  for (const [name, bytes] of [['le.yaml', le], ['be.yaml', be]] as const) {
    const p = file(`utf16/${name}`, '');
    fs.writeFileSync(p, bytes);
    const r = await validatePaths([p]);
    expect(r.findings.map((f) => [f.rule, f.line, f.path])).toEqual([['metadata.name-invalid', 4, 'metadata.name']]);
  }
  // without a mark it is no text kubectl reads either
  const bare = file('utf16/bare.yaml', '');
  fs.writeFileSync(bare, Buffer.from(text, 'utf16le'));
  expect((await validatePaths([bare])).findings.map((f) => f.rule)).toEqual(['input.unreadable']);
});

test('an anchor or alias name go-yaml refuses (a dot, a slash, a letter outside ASCII) is refused as kubectl refuses it', () => {
  for (const text of ['a: &app.labels {x: 1}\nb: *app.labels\n', 'a: &x/y 1\n', 'a: &caf\u00e9 1\n', 'a: *x.y\n']) {
    expect(() => parseText(text, 'anchors.yaml')).toThrow('anchors.yaml:1: not valid YAML: did not find expected alphabetic or numeric character');
  }
  expect(parseText('a: &x_y-1 {k: v}\nb: *x_y-1\n', 'ok.yaml')[0].object).toEqual({ a: { k: 'v' }, b: { k: 'v' } });
});

test('JSON objects one after another (concatenated `kubectl get -o json`) are each read, as kubectl reads them', async () => {
  // kubectl's YAMLOrJSONDecoder (cluster/go/yamlref's visit); podsmith refused the file as invalid YAML before
  const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } }, null, 2);
  const p = file('stream.json', `${cm('one')}\n${cm('Two')}${cm('three')}\n`);
  const r = await validatePaths([p]);
  expect(r.summary.objects).toBe(3);
  expect(r.findings.map((f) => [f.rule, f.object.name, f.line])).toEqual([['metadata.name-invalid', 'Two', 15]]);
  // one JSON object and YAML after it: the YAML goes on from the next line, its lines where they are
  const mixed = file('mixed.yaml', `${cm('one')}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Four\n`);
  expect((await validatePaths([mixed])).findings.map((f) => [f.rule, f.object.name, f.line])).toEqual([['metadata.name-invalid', 'Four', 15]]);
  // a third value that is not JSON stops the stream, as kubectl stops
  expect(() => parseText(`${cm('a')}${cm('b')}\nkind: x\n`, 'stop.json')).toThrow(/stop\.json:\d+: not valid YAML: json: /);
});

test('files joined with `cat`: a byte order mark that starts a later document is dropped, as go-yaml drops it', () => {
  // cluster/go/yamlref: {"a":1} then {"kind":"ConfigMap",…}; the fast reader read the mark into the first key before
  const objects = parseText('a: 1\n---\n\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n\ufeff- item\n', 'joined.yaml').map((o) => o.object);
  expect(objects).toEqual([{ a: 1 }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, ['item']]);
});

test('defaultMode: 0644 is read as kubectl reads it (420)', async () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n  volumes:\n  - name: v\n    configMap:\n      name: cm\n      defaultMode: 0644\n';
  expect(parseText(text, 'p.yaml')[0].object.spec.volumes[0].configMap.defaultMode).toBe(420);
  const r = await validatePaths([file('mode.yaml', text)]);
  expect(r.findings.filter((f) => f.path.includes('defaultMode'))).toEqual([]);
});

test("a flow list with a colon before its comma or bracket (istio's `addresses: [1.2.3.4, 001:db8::]`) holds strings, as kubectl reads it", async () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    args: [--listen=:8080, 001:db8::, "x", a:]\n';
  expect(parseText(text, 'p.yaml')[0].object.spec.containers[0].args).toEqual(['--listen=:8080', '001:db8::', 'x', 'a:']);
  const r = await validatePaths([file('flow-colons.yaml', text)]);
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  // and a `?` inside a flow plain scalar is refused, as kubectl refuses it
  expect(() => parseText('a: [x?y]\n', 'q.yaml')).toThrow(/q\.yaml:1: .*did not find expected ',' or '\]'/);
});

describe('one bad file is one finding; the other files are still reported', () => {
  test('a duplicate key: the last value kept, a warning with its line, other files still checked', async () => {
    const a = file('dup/a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: first\n  k: second\n');
    file('dup/b.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: B\n');
    const r = await validatePaths([path.join(dir, 'dup')]);
    expect(parseText(fs.readFileSync(a, 'utf8'), a)[0].object.data.k).toBe('second');
    expect(r.findings.map((f) => [f.rule, f.severity, path.basename(f.file!), f.line, f.path])).toEqual([
      ['yaml.duplicate-key', 'warning', 'a.yaml', 7, 'data.k'],
      ['metadata.name-invalid', 'error', 'b.yaml', 4, 'metadata.name'],
    ]);
    expect(exitCodeOf(r)).toBe(1);
  });

  test('an unreadable file among many: an error finding with file and line, exit 2, the others reported', async () => {
    file('many/1.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: One\n');
    file('many/2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata: [\n');
    fs.writeFileSync(path.join(dir, 'many', '3.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]));
    file('many/4.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Four\n');
    const r = await validatePaths([path.join(dir, 'many'), path.join(dir, 'missing.yaml')]);
    expect(r.findings.map((f) => [f.rule, path.basename(f.file!), f.line])).toEqual([
      ['metadata.name-invalid', '1.yaml', 4],
      ['yaml.invalid', '2.yaml', 6],
      ['input.unreadable', '3.yaml', undefined],
      ['metadata.name-invalid', '4.yaml', 4],
      ['input.unreadable', 'missing.yaml', undefined],
    ]);
    for (const f of r.findings) expect(f.message).not.toContain('\n');
    expect(exitCodeOf(r)).toBe(2);
  });

  test('a bad document stops the file where kubectl stops; the documents before it are checked', async () => {
    const p = file('multi.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Before\n---\na: [\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: After\n');
    const r = await validatePaths([p]);
    expect(r.findings.map((f) => [f.rule, f.line])).toEqual([['metadata.name-invalid', 4], ['yaml.invalid', 7]]);
  });
});

test('kind: DeploymentList is expanded like List, and its invalid item is found', async () => {
  const p = file('list.yaml', 'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- metadata:\n    name: Bad_Name\n  spec:\n    selector: {matchLabels: {app: x}}\n    template:\n      metadata: {labels: {app: x}}\n      spec:\n        containers: [{name: c, image: "nginx:1.27"}]\n');
  const r = await validatePaths([p]);
  expect(r.summary.objects).toBe(1);
  const bad = r.findings.find((f) => f.rule === 'metadata.name-invalid');
  expect(bad).toMatchObject({ object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'Bad_Name' }, path: 'metadata.name', line: 5 });
});

test('the billion-laughs shape is refused with one line (excessive aliasing)', async () => {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    text += `${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
  }
  const r = await validatePaths([file('laughs.yaml', text)]);
  expect(r.findings.map((f) => [f.rule, f.message, f.line])).toEqual([['yaml.invalid', 'not valid YAML: document contains excessive aliasing', 1]]);
  expect(exitCodeOf(r)).toBe(2);
});

test("cdk8s' construct-metadata.json is skipped with an info", async () => {
  file('dist/construct-metadata.json', JSON.stringify({ version: '1.0.0', resources: { 'chart/web': { path: 'chart/web' } } }));
  file('dist/web.k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n');
  const r = await validatePaths([path.join(dir, 'dist')]);
  expect(r.findings.map((f) => [f.rule, f.severity, path.basename(f.file!)])).toEqual([['input.skipped', 'info', 'construct-metadata.json']]);
  expect(r.summary.objects).toBe(1);
  expect(exitCodeOf(r)).toBe(0);
});

test('10,000-deep nesting is refused with one line; 400 levels are read', async () => {
  const deep = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  k: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  const r = await validatePaths([file('deep.yaml', deep(10_000))]);
  expect(r.findings.map((f) => [f.rule, f.message, f.line])).toEqual([['yaml.invalid', "not valid YAML: nesting is deeper than 500 levels: podsmith refuses it (kubectl's own limit is 10000)", 6]]);
  const ok = await validatePaths([file('ok.yaml', deep(400))]);
  expect(ok.findings.map((f) => f.rule)).toEqual(['schema.type']); // data.k must be a string: read, then judged
});
