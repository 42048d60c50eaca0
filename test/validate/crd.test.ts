/** Custom resources checked against the CRDs in the input or given with --crds. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validatePaths } from '../../src/validate';
import { PodsmithValidation } from '../../src/validate/cdk8s';
import { run } from './helpers';

const crd = (props: any, extra: any = {}): any => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: props, ...extra } } } } }],
  },
});
const widget = (spec: any, apiVersion = 'example.com/v1') => ({ apiVersion, kind: 'Widget', metadata: { name: 'w' }, spec });
const findings = (objects: any[], options = {}) => run(objects, options).findings.map((f) => [f.rule, f.path]);

describe('custom resources', () => {
  test('strict unknown fields, whether the CRD comes before or after its objects', () => {
    const c = crd({ size: { type: 'integer' } });
    expect(findings([c, widget({ size: 1, colour: 'red' })])).toEqual([['schema.unknown-field', 'spec.colour']]);
    expect(findings([widget({ size: 1, colour: 'red' }), c])).toEqual([['schema.unknown-field', 'spec.colour']]);
    expect(findings([c, widget({ size: 1 })])).toEqual([]);
  });

  test('types, required fields and enums', () => {
    const c = crd({ size: { type: 'integer', minimum: 1 }, mode: { type: 'string', enum: ['a', 'b'] } }, { required: ['size'] });
    expect(findings([c, widget({ size: '3', mode: 'c' })])).toEqual([['schema.type', 'spec.size'], ['schema.type', 'spec.mode']]);
    expect(findings([c, widget({ mode: 'a' })])).toEqual([['schema.required', 'spec.size']]);
    expect(findings([c, widget({ size: 0 })])).toEqual([['schema.type', 'spec.size']]);
  });

  test('objects of one shape share a validator, of another shape get their own: each gets the findings it gets alone', () => {
    const props = {
      size: { type: 'integer' }, mode: { type: 'string', enum: ['a', 'b'] },
      items: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
    };
    const specs = [{ size: 1 }, { size: 'x' }, { mode: 'c' }, { size: 2, mode: 'a' }, { items: [{ n: 1 }] }, { items: [{ n: 'y' }, {}] }, { items: [{ m: 1 }] },
      { size: 3 }, { mode: 'q' }, {}, { labels: { a: 'b' } }, { labels: { a: 1 } }, { labels: { b: 'c', d: 2 } }, { size: 1, colour: 'red' }, { colour: 'red', size: 1 }];
    const named = (spec: any, i: number) => ({ ...widget(spec), metadata: { name: `w${i}` } });
    const alone = specs.map((spec, i) => findings([crd(props), named(spec, i)]));
    const together = run([crd(props), ...specs.map(named)]).findings;
    specs.forEach((_, i) => expect([i, together.filter((f) => f.object.name === `w${i}`).map((f) => [f.rule, f.path])]).toEqual([i, alone[i]]));
    expect(alone.filter((a) => a.length > 0).length).toBeGreaterThan(6);
  });

  test('x-kubernetes-preserve-unknown-fields keeps anything below it', () => {
    const c = crd({ values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } });
    expect(findings([c, widget({ values: { any: { thing: [1, 'x'] } } })])).toEqual([]);
    // a typed object without properties keeps nothing: the server would prune, strict validation refuses
    const closed = crd({ values: { type: 'object' } });
    expect(findings([closed, widget({ values: { any: 1 } })])).toEqual([['schema.unknown-field', 'spec.values.any']]);
  });

  test('x-kubernetes-int-or-string takes integers and strings, not fractions', () => {
    const c = crd({ port: { 'x-kubernetes-int-or-string': true } });
    expect(findings([c, widget({ port: 80 }), widget({ port: 'http' })])).toEqual([]);
    expect(findings([c, widget({ port: 1.5 })])).toEqual([['schema.type', 'spec.port']]);
  });

  test('embedded resources take apiVersion, kind and metadata', () => {
    const c = crd({ template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } });
    expect(findings([c, widget({ template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', labels: { a: 'b' } }, spec: { x: 1 } } })])).toEqual([]);
    expect(findings([c, widget({ template: { kind: 'Pod', status: {} } })])).toEqual([['schema.unknown-field', 'spec.template.status']]);
  });

  test('CEL rules are evaluated per object; those podsmith cannot evaluate are reported as not evaluated', () => {
    const c = crd({ size: { type: 'integer' }, u: { type: 'string' } }, { 'x-kubernetes-validations': [{ rule: 'self.size < 10' }, { rule: 'has(self.size)' }, { rule: "!has(self.u) || semver(self.u).isGreaterThan(semver('1.0.0'))" }] });
    const r = run([c, widget({ size: 1 }), widget({ size: 20 }), widget({ u: 'x' })]);
    const info = '1 x-kubernetes-validations rule of the Widget CRD (input) not evaluated: it uses CEL podsmith does not evaluate (the semver or authorizer library, timestamps, two-variable comprehensions)';
    // `!has(self.u) || …` is decided by its left side where u is absent: evaluated there
    expect(r.findings.map((f) => [f.rule, f.severity, f.path, f.message])).toEqual([
      ['crd.validation-rule-failed', 'error', 'spec', 'Invalid value: "object": failed rule: self.size < 10'],
      ['crd.validation-rule-failed', 'error', 'spec', 'Invalid value: "object": no such key: size evaluating rule: self.size < 10'],
      ['crd.validation-rule-failed', 'error', 'spec', 'Invalid value: "object": failed rule: has(self.size)'],
      ['crd.cel-not-evaluated', 'info', '', info],
    ]);
  });

  test('a version the CRD does not serve is an error, one it does not list is not checked; kinds without a CRD are info, or errors with strictKinds', () => {
    const c = crd({});
    c.spec.versions.push({ name: 'v0', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } });
    expect(findings([c, widget({}, 'example.com/v0')])).toEqual([['crd.version-not-served', 'apiVersion']]);
    expect(findings([widget({}, 'example.com/v2'), c])).toEqual([['schema.kind-not-checked', 'kind']]);
    const r = run([widget({}, 'example.com/v0')], { strictKinds: true });
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['schema.kind-unknown', 'error']]);
  });

  test('--crds from files and directories, in the CLI path and the cdk8s plugin', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-crds-'));
    try {
      fs.mkdirSync(path.join(dir, 'crds'));
      fs.writeFileSync(path.join(dir, 'crds', 'widget.json'), JSON.stringify(crd({ size: { type: 'integer' } })));
      fs.writeFileSync(path.join(dir, 'w.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, colour: red}\n');
      const { loadCrds } = await import('../../src/validate/crd/load');
      const crds = await loadCrds([path.join(dir, 'crds')]);
      expect(crds).toHaveLength(1);
      const report = await validatePaths([path.join(dir, 'w.yaml')], { crds });
      expect(report.findings.map((f) => [f.rule, f.path, f.line])).toEqual([['schema.unknown-field', 'spec.colour', 4]]);
      await expect(loadCrds([path.join(dir, 'w.yaml')])).rejects.toThrow(/no CustomResourceDefinition found/);
      const violations: any[] = [];
      await new PodsmithValidation({ crds: [path.join(dir, 'crds')], strictKinds: true }).validate({
        manifests: [path.join(dir, 'w.yaml')],
        report: { addViolation: (v) => violations.push(v), submit: () => undefined },
      });
      expect(violations.map((v) => v.ruleName)).toEqual(['schema.unknown-field (error)']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('metadata is ObjectMeta even where the CRD declares it as a bare object', () => {
  const c = crd({});
  c.spec.versions[0].schema.openAPIV3Schema.properties.metadata = { type: 'object' };
  expect(findings([c, { ...widget({}), metadata: { name: 'w', namespace: 'n', labels: { a: 'b' } } }])).toEqual([]);
});
