/** Planning a run: fresh namespace, run-unique cluster-scoped names, dependency order. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, UsageError } from '../../src/errors';
import { parseText } from '../../src/validate';
import { pickClusterKind, defaultKubeconfigs } from '../../src/verify/clusters';
import { applyRank, parseDuration, planRun, podSpecOf, RUN_LABEL } from '../../src/verify/plan';

const FIX = path.join(__dirname, '..', 'fixtures', 'verify');
const example = () => parseText(fs.readFileSync(path.join(FIX, 'example-app.yaml'), 'utf8'), 'example-app.yaml');

describe('planRun on the example app', () => {
  const plan = planRun(example(), 'ab12cd');

  test('a fresh namespace named for the run', () => {
    expect(plan.namespace).toBe('podsmith-verify-ab12cd');
    for (const o of plan.objects) {
      if (o.manifest.kind === 'PriorityClass') expect(o.manifest.metadata.namespace).toBeUndefined();
      else expect(o.manifest.metadata.namespace).toBe('podsmith-verify-ab12cd');
      expect(o.manifest.metadata.labels?.[RUN_LABEL]).toBe('ab12cd');
    }
  });

  test('dependency order: PriorityClass, Service, PDBs, then workloads', () => {
    const kinds = plan.objects.map((o) => o.manifest.kind);
    expect(kinds[0]).toBe('PriorityClass');
    expect(kinds.indexOf('Service')).toBeLessThan(kinds.indexOf('StatefulSet'));
    expect(kinds.lastIndexOf('PodDisruptionBudget')).toBeLessThan(kinds.indexOf('Deployment'));
    const ranks = plan.objects.map((o) => applyRank(o.manifest.kind));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  test('the PriorityClass gets a run-unique name and the Deployment refers to it', () => {
    expect(plan.renamed).toEqual({ PriorityClass: { 'podsmith-web': 'podsmith-web-ab12cd' } });
    const pc = plan.objects.find((o) => o.manifest.kind === 'PriorityClass')!;
    expect(pc.ref).toBe('PriorityClass/podsmith-web');
    expect(pc.manifest.metadata.name).toBe('podsmith-web-ab12cd');
    const web = plan.objects.find((o) => o.ref === 'Deployment/web')!;
    expect(podSpecOf(web.manifest).priorityClassName).toBe('podsmith-web-ab12cd');
  });

  test('the input objects are not modified', () => {
    const input = example();
    planRun(input, 'x');
    expect(input[0].object.metadata.name).toBe('podsmith-web');
  });
});

describe('planRun edge cases', () => {
  const pod = (name: string, extra: object = {}) => ({ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'prod', resourceVersion: '7', uid: 'u' }, spec: { containers: [] }, status: { phase: 'Running' }, ...extra } });
  test('own namespace dropped, server fields stripped, Namespace objects left out, Lists flattened', () => {
    const plan = planRun([{ object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } } }, { object: { apiVersion: 'v1', kind: 'List', items: [pod('a').object] } }], 'r1');
    expect(plan.skipped).toEqual([{ ref: 'Namespace/prod', reason: 'the run creates its own namespace' }]);
    expect(plan.objects).toHaveLength(1);
    const m = plan.objects[0].manifest;
    expect(m.metadata.namespace).toBe('podsmith-verify-r1');
    expect(m.metadata.resourceVersion).toBeUndefined();
    expect(m.status).toBeUndefined();
  });
  test('a typed list as the API server returns it: items without kind or apiVersion take the list\'s, as kubectl reads them', () => {
    const { apiVersion, kind, ...bare } = pod('b').object;
    const plan = planRun([{ object: { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '9' }, items: [bare] } }], 'r2');
    expect(plan.objects.map((o) => `${o.manifest.apiVersion} ${o.manifest.kind}/${o.manifest.metadata.name}`)).toEqual([`${apiVersion} ${kind}/b`]);
  });
  test('bad input is an InputError (exit 2)', () => {
    expect(() => planRun([])).toThrow(InputError);
    expect(() => planRun([{ object: 'text', file: 'f.yaml' }])).toThrow(/f\.yaml: not a Kubernetes object/);
    expect(() => planRun([{ object: { kind: 'Pod', metadata: { name: 'a' } } }])).toThrow(/apiVersion and kind/);
    expect(() => planRun([{ object: { apiVersion: 'v1', kind: 'Pod', metadata: {} } }])).toThrow(/no metadata.name/);
    expect(() => planRun([pod('a'), pod('a')])).toThrow(/Pod\/a appears twice/);
  });
  test('run ids differ', () => {
    expect(planRun([pod('a')]).runId).not.toBe(planRun([pod('a')]).runId);
  });
});

test('parseDuration', () => {
  expect(parseDuration('5m')).toBe(300_000);
  expect(parseDuration('90s')).toBe(90_000);
  expect(parseDuration('1m30s')).toBe(90_000);
  expect(parseDuration('500ms')).toBe(500);
  expect(parseDuration('1h')).toBe(3_600_000);
  expect(parseDuration('45')).toBe(45_000);
  for (const bad of ['', '5x', 'm', '-1s', '0s', '5m junk']) expect(() => parseDuration(bad)).toThrow(UsageError);
});

describe('which cluster', () => {
  const none = () => false;
  const all = () => true;
  test('default: current when a kubeconfig exists, else local', () => {
    expect(pickClusterKind(undefined, undefined, { HOME: '/h' }, all)).toBe('current');
    expect(pickClusterKind(undefined, undefined, { HOME: '/h' }, none)).toBe('local');
    expect(pickClusterKind(undefined, '/some/file', { HOME: '/h' }, none)).toBe('current');
  });
  test('explicit choice, checked', () => {
    expect(pickClusterKind('kind', undefined, {}, none)).toBe('kind');
    expect(() => pickClusterKind('minikube', undefined, {}, none)).toThrow(/--cluster must be one of local, kind, current/);
  });
  test('KUBECONFIG lists files as kubectl reads them', () => {
    expect(defaultKubeconfigs({ KUBECONFIG: `/a${path.delimiter}${path.delimiter}/b`, HOME: '/h' })).toEqual(['/a', '/b']);
    expect(defaultKubeconfigs({ HOME: '/h' })).toEqual([path.join('/h', '.kube', 'config')]);
  });
});
