/**
 * `podsmith validate --exact`: a throwaway etcd + kube-apiserver from the build cache (no
 * kubelet, no root, own ports and temp dir) judges the inputs. Needs the binaries that
 * cluster/build.sh builds (npm run test:e2e runs cluster/prepare.sh first).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateObjects } from '../../src/validate';
import { validateExact } from '../../src/validate/exact';
import { cachedReleases } from '../../src/validate/exact/server';
import { CASE_CRDS, CRD_CASES } from '../support/crd-cases';
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
      expect(r.status).toBe(1);
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

  test('custom resources: the recorded verdicts (CRD defaults, Go patterns) are the API server\'s, and podsmith\'s agree', async () => {
    const inputs = [...CASE_CRDS.map((object) => ({ object, file: 'crds' })), ...CRD_CASES.map(([name, object]) => ({ object, file: name }))];
    const report = await validateExact(inputs, { k8sVersion: release! });
    expect(report.findings.filter((f) => f.file === 'crds' && f.severity === 'error')).toEqual([]);
    for (const [name, object, accepted] of CRD_CASES) {
      const server = report.findings.filter((f) => f.file === name && f.severity === 'error');
      const fast = validateObjects([...CASE_CRDS, object].map((o) => ({ object: o })), { k8sVersion: release! }).findings.filter((f) => f.severity === 'error');
      expect([name, server.length === 0, fast.length === 0]).toEqual([name, accepted, accepted]);
    }
  }, 200_000);
});
