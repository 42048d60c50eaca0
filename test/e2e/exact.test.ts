/**
 * `podsmith validate --exact`: a throwaway etcd + kube-apiserver from the build cache (no
 * kubelet, no root, own ports and temp dir) judges the inputs. Needs the binaries that
 * cluster/build.sh builds (npm run test:e2e runs cluster/prepare.sh first).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseText, validateObjects } from '../../src/validate';
import { validateExact } from '../../src/validate/exact';
import { cachedReleases } from '../../src/validate/exact/server';
import fc from 'fast-check';
import { CEL_CRD } from '../support/cel-cases';
import { acceptedAt, CASE_CRDS, CRD_CASES } from '../support/crd-cases';
import { FORMAT_SAMPLES, formatInputs, seeded } from '../support/format-samples';
import '../support/fast-check-seed';
import { KIND_CASES } from '../support/kind-cases';

const CLI = path.join(__dirname, '..', '..', 'lib', 'cli.js');
const release = cachedReleases().pop();
const suite = release ? describe : describe.skip;
if (!release && process.env.PODSMITH_REQUIRE_CLUSTER === '1') {
  test('kube-apiserver is built (PODSMITH_REQUIRE_CLUSTER=1)', () => { throw new Error('no kube-apiserver in the build cache: run cluster/build.sh kubernetes etcd'); });
}

suite('validate --exact', () => {
  test('the CLI installs the input\'s CRDs, evaluates their CEL rules and reports the server\'s messages', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-exact-test-'));
    try {
      fs.writeFileSync(path.join(dir, 'all.yaml'), `apiVersion: example.com/v1
kind: Widget
metadata: {name: big, namespace: team-a}
spec: {size: 20}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            x-kubernetes-validations: [{rule: "self.size <= 10", message: "size is at most 10"}]
            properties: {size: {type: integer}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r}
rules: [{apiGroups: [""], resources: [pods], verb: [get]}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ok}
data: {a: b}
`);
      const r = spawnSync(process.execPath, [CLI, 'validate', '--exact', '--format', 'json', path.join(dir, 'all.yaml')], { encoding: 'utf8', timeout: 180_000 });
      // on a failure, the CLI's stderr (the server's start, or why it did not start) is in the message
      expect({ status: r.status, stderr: r.status === 1 ? '' : r.stderr }).toEqual({ status: 1, stderr: '' });
      const report = JSON.parse(r.stdout);
      expect(report.summary.objects).toBe(4);
      expect(report.findings.map((f: any) => [f.object.kind, f.rule, f.path, f.line])).toEqual([
        ['Widget', 'exact.rejected', 'spec', 4],
        ['Role', 'exact.rejected', '', 26],
      ]);
      expect(report.findings[0].message).toContain('size is at most 10');
      expect(report.findings[1].message).toContain('unknown field "rules[0].verb"');
      expect(r.stderr).toMatch(/ready on 127\.0\.0\.1:\d+/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);

  test('the recorded verdicts of the kinds beside workloads are the API server\'s, and podsmith\'s fast layers agree', async () => {
    const inputs = KIND_CASES.map(([name, object]) => ({ object, file: name }));
    const report = await validateExact(inputs, { k8sVersion: release! });
    for (const [name, object, accepted] of KIND_CASES) {
      const server = report.findings.filter((f) => f.file === name);
      const fast = validateObjects([{ object }], { k8sVersion: release! }).findings.filter((f) => f.severity === 'error');
      expect([name, server.length === 0, fast.length === 0]).toEqual([name, accepted, accepted]);
    }
  }, 200_000);

  test('a typed list as the API server returns it: its bare items are judged as the list\'s kind, by the server and by podsmith', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMapList\nmetadata: {resourceVersion: "5"}\nitems:\n- metadata: {name: fine}\n  data: {a: b}\n- metadata: {name: Not_A_Name}\n';
    const refused = (findings: Array<{ severity: string; object: { kind: string; name: string } }>) => findings.filter((f) => f.severity === 'error').map((f) => `${f.object.kind}/${f.object.name}`);
    const server = await validateExact(parseText(text, 'list.yaml'), { k8sVersion: release! });
    expect(refused(server.findings)).toEqual(['ConfigMap/Not_A_Name']);
    expect(refused(validateObjects(parseText(text, 'list.yaml'), { k8sVersion: release! }).findings)).toEqual(['ConfigMap/Not_A_Name']);
  }, 200_000);

  test('custom resources: the recorded verdicts (CRD defaults, Go patterns) are the API server\'s, and podsmith\'s agree', async () => {
    const inputs = [...CASE_CRDS.map((object) => ({ object, file: 'crds' })), ...CRD_CASES.map(([name, object]) => ({ object, file: name }))];
    const report = await validateExact(inputs, { k8sVersion: release! });
    expect(report.findings.filter((f) => f.file === 'crds' && f.severity === 'error')).toEqual([]);
    for (const [name, object, accepted] of CRD_CASES) {
      const server = report.findings.filter((f) => f.file === name && f.severity === 'error');
      const fast = validateObjects([...CASE_CRDS, object].map((o) => ({ object: o })), { k8sVersion: release! }).findings.filter((f) => f.severity === 'error');
      const ok = acceptedAt(accepted, Number(release!.split('.')[1]));
      expect([name, server.length === 0, fast.length === 0]).toEqual([name, ok, ok]);
    }
  }, 200_000);

  test('generated custom resources: podsmith\'s verdicts on CEL rules are the API server\'s', async () => {
    // most fields left out, so that a good share of the objects keep every rule
    const pick = <T>(...xs: T[]) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: fc.constantFrom(...xs), weight: 1 });
    const spec = fc.record({
      type: pick('Plain', 'Factor'), factor: pick(0, 2), externalId: pick('e'), roleArn: pick('r'), a: pick('x'), b: pick('y'), c: pick('z'),
      replicas: pick(0, 3, 9), maxReplicas: pick(1, 3), tags: pick([], ['x-a'], ['x-a', 'b']), name: pick('abc', 'aBc', ''), ratio: pick(0, 0.5, 0.51, -1.5),
      items: pick([], [{ primary: true }], [{ primary: true }, { weight: 0 }], [{ primary: false, weight: 3 }, { primary: true }, { primary: true }]),
      labels: pick({}, { k: 'v' }, { 'a-very-long-key': 'v' }), count: pick(-3, 0, 7, 10), big: pick(3, 3037000500, -3037000500), port: pick(80, 65536), mode: pick('a', 'c'),
    }).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
    const objects = fc.sample(spec, 300).map((s, i) => ({ apiVersion: 'cases.podsmith.dev/v1', kind: 'Ruler', metadata: { name: `gen-${i}`, namespace: 'default' }, spec: s }));
    const { disagreements, refused } = await judgeGenerated(CEL_CRD, objects);
    expect(disagreements).toEqual([]);
    expect(refused).toBeGreaterThan(50); // the sample reaches the rules
    expect(objects.length - refused).toBeGreaterThan(10);
  }, 300_000);

  test('generated custom resources: podsmith\'s verdicts on string formats are the API server\'s', async () => {
    const stamps = CASE_CRDS.find((c) => c.spec.names.kind === 'Stamp')!;
    // each field of the Stamp CRD with its format, normalized as kube-openapi looks it up
    const fields = Object.entries(stamps.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties as Record<string, { type?: string; format: string }>)
      .filter(([, s]) => s.type === 'string' && FORMAT_SAMPLES[s.format.replace(/-/g, '')])
      .map(([field, s]) => ({ field, samples: FORMAT_SAMPLES[s.format.replace(/-/g, '')], values: formatInputs(FORMAT_SAMPLES[s.format.replace(/-/g, '')], seeded(field.length * 31)) }));
    const rand = seeded(20261204);
    const objects = Array.from({ length: 300 }, (_, i) => {
      const spec: Record<string, string> = {};
      // half the samples themselves (many accepted), half their mutations and random strings
      const { field, samples, values } = fields[i % fields.length];
      const from = rand() < 0.5 ? samples : values;
      spec[field] = from[Math.floor(rand() * from.length)];
      return { apiVersion: 'cases.podsmith.dev/v1', kind: 'Stamp', metadata: { name: `fmt-${i}`, namespace: 'default' }, spec };
    });
    const { disagreements, refused } = await judgeGenerated(stamps, objects);
    expect(disagreements).toEqual([]);
    expect(refused).toBeGreaterThan(50);
    expect(objects.length - refused).toBeGreaterThan(50);
  }, 300_000);
});

/** Custom resources of one CRD judged by the API server (the CRD installed) and by podsmith: where they part, and how many the server refuses. */
async function judgeGenerated(crd: any, objects: Array<{ metadata: { name: string }; spec: unknown }>): Promise<{ disagreements: string[]; refused: number }> {
  const report = await validateExact([{ object: crd, file: 'crd' }, ...objects.map((object) => ({ object, file: object.metadata.name }))], { k8sVersion: release! });
  const disagreements: string[] = [];
  let refused = 0;
  for (const object of objects) {
    const server = report.findings.some((f) => f.file === object.metadata.name && f.severity === 'error');
    const fast = validateObjects([{ object: crd }, { object }], { k8sVersion: release! }).findings.some((f) => f.severity === 'error');
    if (server) refused++;
    if (server !== fast) disagreements.push(`${JSON.stringify(object.spec)}: server ${server ? 'refuses' : 'accepts'}, podsmith ${fast ? 'refuses' : 'accepts'}`);
  }
  return { disagreements, refused };
}
