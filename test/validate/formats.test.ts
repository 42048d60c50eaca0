/** Output formats: text, json (contract 2), SARIF 2.1.0 (checked against its schema), JUnit. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { formatReport, parseText, Report, validateObjects } from '../../src/validate';
import { FIXTURES } from './helpers';

function report(): Report {
  const text = fs.readFileSync(path.join(FIXTURES, 'good', 'web.yaml'), 'utf8')
    .replace('              cpu: 100m', '              cpu: "2"')
    .replace('  replicas: 3', '  replicas: 3\n  template_: {}')
    .replace('          image: nginx:1.27.3', '          image: nginx');
  const objs = parseText(text, 'dist/web.k8s.yaml');
  // a suppressed warning: the Service opts out of nothing, the PDB has none; add an ignore on the Deployment
  (objs[0].object as any).metadata.annotations = { 'podsmith.dev/ignore': 'image.latest-tag' };
  objs.push({ object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w<&>' } } } as any);
  return validateObjects(objs);
}

test('json is contract 2: findings and summary, fields in order, suppressed marked', () => {
  const r = JSON.parse(formatReport(report(), 'json'));
  expect(Object.keys(r)).toEqual(['findings', 'summary']);
  const f = r.findings.find((x: any) => x.rule === 'resources.limit-below-request');
  expect(Object.keys(f)).toEqual(['rule', 'severity', 'message', 'object', 'path', 'file', 'line', 'handbook', 'fix']);
  expect(f).toMatchObject({
    severity: 'error',
    object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
    path: 'spec.template.spec.containers[0].resources.requests.cpu',
    file: 'dist/web.k8s.yaml',
    handbook: ['H16'],
    fix: 'lower the request or raise the limit',
  });
  expect(f.line).toBeGreaterThan(0);
  expect(r.findings.find((x: any) => x.rule === 'image.latest-tag').suppressed).toBe(true);
  expect(r.summary).toEqual({ objects: 4, errors: 2, warnings: 0, infos: 1 });
});

test('text: file:line, object, rule, path, message and fix, then a summary', () => {
  const t = formatReport(report(), 'text');
  expect(t).toMatch(/^dist\/web\.k8s\.yaml:\d+: Deployment\/default\/web: error resources\.limit-below-request: spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu: Invalid value: "2": must be less than or equal to cpu limit of 500m$/m);
  expect(t).toContain('    fix: lower the request or raise the limit');
  expect(t).not.toContain('image.latest-tag');
  expect(t.trimEnd().split('\n').pop()).toBe('4 objects: 2 errors, 0 warnings, 1 info, 1 suppressed');
});

test('SARIF 2.1.0 validates against the SARIF schema', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif-2.1.0-subset.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const log = JSON.parse(formatReport(report(), 'sarif'));
  expect(validate.errors ?? []).toEqual([]);
  expect(validate(log)).toBe(true);
  const results = log.runs[0].results;
  const rules = log.runs[0].tool.driver.rules;
  for (const r of results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
  const err = results.find((r: any) => r.ruleId === 'resources.limit-below-request');
  expect(err.level).toBe('error');
  expect(err.locations[0].physicalLocation.artifactLocation.uri).toBe('dist/web.k8s.yaml');
  expect(err.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
  expect(results.find((r: any) => r.ruleId === 'image.latest-tag').suppressions[0].kind).toBe('inSource');
  expect(results.find((r: any) => r.ruleId === 'schema.kind-not-checked').level).toBe('note');
});

test('SARIF of a clean run has no results and is still valid', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif-2.1.0-subset.schema.json'), 'utf8'));
  const log = JSON.parse(formatReport({ findings: [], summary: { objects: 0, errors: 0, warnings: 0, infos: 0 } }, 'sarif'));
  expect(new Ajv({ strict: false }).validate(schema, log)).toBe(true);
});

test('JUnit: one test case per object, failures for errors and warnings, escaped, well-formed', () => {
  const xml = formatReport(report(), 'junit');
  wellFormed(xml);
  expect(xml).toMatch(/<testsuites name="podsmith validate" tests="4" failures="1" errors="0">/);
  const cases = [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"(\/?)>/g)];
  expect(cases.map((c) => c[2])).toEqual(['Deployment/default/web', 'PodDisruptionBudget/default/web', 'Service/default/web', 'Widget/w&lt;&amp;&gt;']);
  const failures = [...xml.matchAll(/<failure message="[^"]*" type="(\w+)">/g)];
  expect(failures.map((f) => f[1])).toEqual(['error']);
  expect(xml).toContain('Widget/w&lt;&amp;&gt;');
});

/** A small XML 1.0 well-formedness check: one root, balanced tags, quoted attributes, known entities. */
function wellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(body)) !== null) {
    if (m.index !== consumed) throw new Error(`not well-formed at ${consumed}: ${body.slice(consumed, consumed + 40)}`);
    consumed = re.lastIndex;
    const text = m[5] ?? m[3] ?? '';
    for (const ent of text.matchAll(/&([^;\s]*);?/g)) {
      if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(ent[1]) || !ent[0].endsWith(';')) throw new Error(`bad entity ${ent[0]}`);
    }
    if (m[5] !== undefined) {
      if (stack.length === 0 && m[5].trim() !== '') throw new Error('text outside the root');
      continue;
    }
    if (m[1]) {
      if (stack.pop() !== m[2]) throw new Error(`unbalanced </${m[2]}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!m[4]) stack.push(m[2]);
    }
  }
  if (consumed !== body.length) throw new Error(`not well-formed at ${consumed}`);
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}
