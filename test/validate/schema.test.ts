/** The schema layer: upstream OpenAPI v3 schemas, strict about unknown fields. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../src/errors';
import { availableVersions, parseText, resolveVersion, validateObjects } from '../../src/validate';
import { goodBundle, podOf, run, rulesOf } from './helpers';

const ctr = (o: any[]) => podOf(o[0]).containers[0];

function fromYaml(text: string, file = 'web.yaml', k8sVersion?: string) {
  return validateObjects(parseText(text, file), { k8sVersion });
}

describe('schema layer', () => {
  test('bundles every minor from 1.27 on and the local cluster\'s release, newest by default', () => {
    const env = fs.readFileSync(path.join(__dirname, '..', '..', 'cluster', 'versions.env'), 'utf8');
    const cluster = /^KUBERNETES_VERSION=v(\d+\.\d+)/m.exec(env)![1];
    expect(availableVersions()).toEqual(expect.arrayContaining(['1.27', cluster]));
    const minors = availableVersions().map((v) => Number(v.split('.')[1]));
    expect(minors).toEqual(Array.from({ length: minors.length }, (_, i) => 27 + i));
    expect(minors[minors.length - 1]).toBeGreaterThanOrEqual(37);
    expect(resolveVersion('1.30.2')).toBe('1.30');
    expect(() => resolveVersion('1.26')).toThrow(/must be one of 1\.27, 1\.28, .*got '1\.26'/);
    expect(resolveVersion(undefined)).toBe(availableVersions()[availableVersions().length - 1]);
    expect(resolveVersion('v1.27.3')).toBe('1.27');
    expect(() => resolveVersion('1.99')).toThrow(UsageError);
  });

  test('a misspelt livenessprobe is an unknown field, with its path, line and a suggestion', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'validate', 'good', 'web.yaml'), 'utf8')
      .replace('          livenessProbe:', '          livenessprobe:');
    const r = fromYaml(text);
    const f = r.findings.find((x) => x.rule === 'schema.unknown-field')!;
    expect(f.severity).toBe('error');
    expect(f.path).toBe('spec.template.spec.containers[0].livenessprobe');
    expect(text.split('\n')[f.line! - 1]).toContain('livenessprobe:');
    expect(f.fix).toContain('livenessProbe');
  });

  test('int-or-string ports accept names and numbers, not fractions', () => {
    const o = goodBundle();
    ctr(o).livenessProbe.httpGet.port = 8080;
    expect(rulesOf(run(o))).toEqual([]);
    ctr(o).livenessProbe.httpGet.port = 80.5;
    expect(run(o).findings.map((f) => [f.rule, f.path])).toContainEqual(['schema.type', 'spec.template.spec.containers[0].livenessProbe.httpGet.port']);
  });

  test('quantities are checked', () => {
    const o = goodBundle();
    ctr(o).resources.requests.cpu = 'half a core';
    const f = run(o).findings.find((x) => x.rule === 'schema.format')!;
    expect(f.path).toBe('spec.template.spec.containers[0].resources.requests.cpu');
    expect(f.message).toContain('quantities must match');
  });

  test('numbers are typed: int32 range, strings are not integers', () => {
    const o = goodBundle();
    ctr(o).ports[0].containerPort = 2 ** 31;
    o[0].spec.replicas = '3';
    const found = run(o).findings.map((f) => [f.rule, f.path]);
    expect(found).toContainEqual(['schema.format', 'spec.template.spec.containers[0].ports[0].containerPort']);
    expect(found).toContainEqual(['schema.type', 'spec.replicas']);
  });

  test('required fields: a container needs a name (said once, by the semantic check that names it)', () => {
    const o = goodBundle();
    delete ctr(o).name;
    const at = run(o).findings.filter((f) => f.path === 'spec.template.spec.containers[0].name');
    expect(at.map((f) => [f.rule, f.message])).toEqual([['containers.name-invalid', 'Required value']]);
  });

  test('nulls are absent values, as for the API server (kubectl output has creationTimestamp: null)', () => {
    const o = goodBundle();
    o[0].metadata.creationTimestamp = null;
    o[0].status = {};
    ctr(o).env = null;
    expect(rulesOf(run(o))).toEqual([]);
  });

  test('versions differ: a sidecar needs Kubernetes ≥ 1.29 (unknown in 1.27, dropped in 1.28: a plain init container), valid in 1.29 and 1.34', () => {
    const o = goodBundle();
    podOf(o[0]).initContainers = [{ ...ctr(o), name: 'side', restartPolicy: 'Always' }];
    const f = run(o, { k8sVersion: '1.27' }).findings.filter((x) => x.severity === 'error');
    expect(f.map((x) => [x.rule, x.path])).toEqual([['schema.field-needs-newer-release', 'spec.template.spec.initContainers[0].restartPolicy']]);
    expect(f[0].message).toContain('needs Kubernetes ≥ 1.29');
    // 1.28 drops the restartPolicy: what is left is a plain init container, whose probes the API server refuses
    const w = run(o, { k8sVersion: '1.28' }).findings.filter((x) => x.severity !== 'info');
    expect(w.map((x) => [x.rule, x.severity, x.path])).toEqual([
      ['schema.field-dropped', 'warning', 'spec.template.spec.initContainers[0].restartPolicy'],
      ['init-containers.forbidden-fields', 'error', 'spec.template.spec.initContainers[0].livenessProbe'],
      ['init-containers.forbidden-fields', 'error', 'spec.template.spec.initContainers[0].readinessProbe'],
    ]);
    expect(w[0].message).toContain('feature gate SidecarContainers is off by default (it is on by default from 1.29)');
    expect(rulesOf(run(o, { k8sVersion: '1.29' }))).toEqual([]);
    expect(rulesOf(run(o, { k8sVersion: '1.34' }))).toEqual([]);
  });

  test('a required field left out that a semantic check names too is one finding, as the API server says it once', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ image: 'busybox:1.36' }] } };
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } };
    for (const v of ['1.33', '1.37']) {
      const errors = (o: any) => run([o], { k8sVersion: v }).findings.filter((x) => x.severity === 'error' && x.rule !== 'pdb.missing').map((x) => [x.rule, x.path]);
      expect(errors(pod)).toEqual([['containers.name-invalid', 'spec.containers[0].name']]);
      expect(errors(deployment)).toEqual([['workload.selector-invalid', 'spec.selector'], ['workload.selector-invalid', 'spec.template.metadata.labels']]);
    }
  });

  test('sleep hooks need Kubernetes ≥ 1.30: unknown in 1.28; 1.29 drops the handler and refuses the hook left empty', () => {
    const o = goodBundle();
    ctr(o).lifecycle = { preStop: { sleep: { seconds: 5 } } };
    const f = run(o, { k8sVersion: '1.28' }).findings.filter((x) => x.severity === 'error');
    expect(f.map((x) => [x.rule, x.path, x.message.includes('needs Kubernetes ≥ 1.30')])).toEqual([['schema.field-needs-newer-release', 'spec.template.spec.containers[0].lifecycle.preStop.sleep', true]]);
    const g = run(o, { k8sVersion: '1.29' }).findings.filter((x) => x.severity !== 'info');
    expect(g.map((x) => [x.rule, x.severity, x.path])).toEqual([
      ['schema.field-dropped', 'warning', 'spec.template.spec.containers[0].lifecycle.preStop.sleep'],
      ['probes.handler-count', 'error', 'spec.template.spec.containers[0].lifecycle.preStop'],
    ]);
    expect(rulesOf(run(o, { k8sVersion: '1.30' }))).toEqual([]);
  });

  test('custom resources are reported as not checked (info), removed apiVersions as errors', () => {
    const r = run([
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { anything: true } },
      { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'd' }, spec: {} },
    ]);
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['schema.kind-not-checked', 'info'],
      ['manifest.api-version-unsupported', 'error'],
    ]);
    expect(r.summary).toEqual({ objects: 2, errors: 1, warnings: 0, infos: 1 });
  });

  test('the committed schemas keep every kind podsmith validates', () => {
    for (const v of availableVersions()) {
      const doc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', `v${v}.json`), 'utf8'));
      for (const k of ['v1/Pod', 'v1/Service', 'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'apps/v1/ReplicaSet', 'batch/v1/Job', 'batch/v1/CronJob', 'policy/v1/PodDisruptionBudget', 'scheduling.k8s.io/v1/PriorityClass']) {
        expect(doc.kinds[k]).toBeDefined();
      }
    }
  });
});
