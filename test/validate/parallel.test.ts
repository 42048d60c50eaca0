/**
 * Worker threads change nothing but the wall-clock: the same findings in the same order, the same
 * summary and exit code as one thread, with cross-object rules across the workers' groups.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exitCodeOf, formatReport, validatePaths, validatePathsJson } from '../../src/validate';
import { plan, startWorkers, validateParallel, validateParallelJson } from '../../src/validate/parallel';
import { FIXTURES } from './helpers';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-parallel-'));
  const web = fs.readFileSync(path.join(FIXTURES, 'good', 'web.yaml'), 'utf8').split(/^---$/m);
  // the Deployment and its PDB in files that land in different workers' groups
  fs.writeFileSync(path.join(dir, '01-deployment.yaml'), web[0]);
  fs.writeFileSync(path.join(dir, '02-bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad\ndata:\n  k: 1\n  k: 2\n');
  fs.writeFileSync(path.join(dir, '03-broken.yaml'), 'a: [\n');
  fs.writeFileSync(path.join(dir, '04-lone.yaml'), web[0].replace(/name: web$/gm, 'name: lone'));
  fs.writeFileSync(path.join(dir, '05-pdb-service.yaml'), `${web[1]}---${web[2]}`);
  // one kind defined twice, a custom resource between: the last definition is the one that counts
  const crd = (props: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {plural: widgets, singular: widget, kind: Widget}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties: ${props}\n`;
  fs.writeFileSync(path.join(dir, '06-crd-first.yaml'), crd('{size: {type: integer}}'));
  fs.writeFileSync(path.join(dir, '07-widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: large\n  colour: red\n');
  fs.writeFileSync(path.join(dir, '08-crd-last.yaml'), crd('{size: {type: string}, shape: {type: string}}'));
}, 30_000);
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

test('2 and 3 workers give the report of one thread, findings in the same order', async () => {
  const old = process.env.PODSMITH_WORKERS;
  process.env.PODSMITH_WORKERS = '1';
  const one = await validatePaths([dir, path.join(dir, 'missing.yaml')]);
  if (old === undefined) delete process.env.PODSMITH_WORKERS; else process.env.PODSMITH_WORKERS = old;
  expect(one.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['pdb.missing', 'yaml.duplicate-key', 'yaml.invalid', 'input.unreadable']));
  for (const n of [2, 3]) {
    const p = plan([dir, path.join(dir, 'missing.yaml')], n);
    expect(p.workers).toBe(n);
    const many = await validateParallel(p.units, p.workers, {});
    expect(many).toEqual(one);
    expect((many as unknown as { objects: unknown[] }).objects).toEqual((one as unknown as { objects: unknown[] }).objects);
    expect(exitCodeOf(many)).toBe(exitCodeOf(one));
  }
}, 120_000);

test('workers started while the input is listed (PODSMITH_WORKERS=2) give one thread\'s report; stdin after them puts the run back on one thread', async () => {
  const old = process.env.PODSMITH_WORKERS;
  const inputs = [dir, path.join(dir, 'missing.yaml')];
  try {
    process.env.PODSMITH_WORKERS = '1';
    const one = await validatePaths(inputs);
    process.env.PODSMITH_WORKERS = '2';
    expect(await validatePaths(inputs)).toEqual(one);
    const joined = (parts: Iterable<string | Uint8Array>) => Buffer.concat([...parts].map((x) => (typeof x === 'string' ? Buffer.from(x) : x))).toString('utf8');
    expect(joined((await validatePathsJson(inputs)).parts)).toBe(formatReport(one, 'json'));
    // the plan is sure of 2 workers after 2 files; a '-' after them makes it one thread
    const told: number[] = [];
    expect(plan([dir], undefined, (n) => told.push(n)).workers).toBe(2);
    expect(told).toEqual([2]);
    told.length = 0;
    expect(plan([dir, '-'], undefined, (n) => told.push(n)).workers).toBe(1);
    expect(told).toEqual([2]);
  } finally {
    if (old === undefined) delete process.env.PODSMITH_WORKERS; else process.env.PODSMITH_WORKERS = old;
  }
}, 120_000);

test('the main thread is one of the workers: n workers start n - 1 threads', async () => {
  const threads = startWorkers(3, {}, false);
  try {
    expect(threads).toHaveLength(2);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
  expect(startWorkers(1, {}, false)).toHaveLength(0);
}, 60_000);

test('small inputs stay on one thread', () => {
  delete process.env.PODSMITH_WORKERS;
  expect(plan([dir]).workers).toBe(1);
});

test('the JSON report written by 2 and 3 workers is the text of one thread\'s report, byte for byte, with its exit code', async () => {
  const old = process.env.PODSMITH_WORKERS;
  process.env.PODSMITH_WORKERS = '1';
  const inputs = [dir, path.join(dir, 'missing.yaml')];
  const one = await validatePaths(inputs);
  const viaJson = await validatePathsJson(inputs);
  if (old === undefined) delete process.env.PODSMITH_WORKERS; else process.env.PODSMITH_WORKERS = old;
  const text = formatReport(one, 'json');
  const joined = (parts: Iterable<string | Uint8Array>) => Buffer.concat([...parts].map((x) => (typeof x === 'string' ? Buffer.from(x) : x))).toString('utf8');
  expect(joined(viaJson.parts)).toBe(text);
  for (const n of [2, 3]) {
    const p = plan(inputs, n);
    const many = await validateParallelJson(p.units, p.workers, {});
    expect(joined(many.parts)).toBe(text);
    expect(many.summary).toEqual(one.summary);
    expect(many.unreadable).toBe(true); // 03-broken.yaml and missing.yaml: exit 2, as on one thread
  }
  // a run without findings: an empty array, as JSON.stringify writes it
  const clean = path.join(dir, '..', `${path.basename(dir)}-clean`);
  fs.mkdirSync(clean, { recursive: true });
  fs.writeFileSync(path.join(clean, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n');
  fs.writeFileSync(path.join(clean, 'b.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n');
  try {
    const empty = await validateParallelJson(plan([clean], 2).units, 2, {});
    expect(joined(empty.parts)).toBe(formatReport(await validatePaths([clean]), 'json'));
    expect(joined(empty.parts)).toContain('"findings": [],');
  } finally {
    fs.rmSync(clean, { recursive: true, force: true });
  }
}, 120_000);

test('parts of one file, two or three handed out as workers ask: the fixtures (CRDs, custom resources, unreadable files) give one thread\'s report', async () => {
  const old = process.env.PODSMITH_WORKERS;
  process.env.PODSMITH_WORKERS = '1';
  const inputs = [FIXTURES, dir, path.join(dir, 'missing.yaml')];
  const one = await validatePaths(inputs);
  if (old === undefined) delete process.env.PODSMITH_WORKERS; else process.env.PODSMITH_WORKERS = old;
  const text = formatReport(one, 'json');
  const joined = (parts: Iterable<string | Uint8Array>) => Buffer.concat([...parts].map((x) => (typeof x === 'string' ? Buffer.from(x) : x))).toString('utf8');
  expect(one.findings.length).toBeGreaterThan(100);
  // checked against the last definition of its kind: size may be a string there, colour is unknown to both
  expect(one.findings.filter((f) => f.object.kind === 'Widget').map((f) => [f.rule, f.path])).toEqual([['schema.unknown-field', 'spec.colour']]);
  for (const [n, per] of [[2, 1], [3, 2], [2, 3]]) {
    const p = plan(inputs, n);
    const many = await validateParallel(p.units, p.workers, {}, { perPart: per });
    expect(many).toEqual(one);
    expect((many as unknown as { objects: unknown[] }).objects).toEqual((one as unknown as { objects: unknown[] }).objects);
    expect(joined((await validateParallelJson(p.units, p.workers, {}, { perPart: per })).parts)).toBe(text);
  }
}, 300_000);

