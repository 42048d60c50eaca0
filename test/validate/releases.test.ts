/**
 * Every built-in kind of every release: served kinds have a strict schema, kinds in versions a
 * release does not serve get an error naming the version to use.
 */
import { checkSchema, loadSchemas } from '../../src/validate/schema';
import { DEFAULT_K8S_VERSION, K8S_RELEASES, SUPPORTED_K8S_VERSIONS } from '../../src/validate/schema/versions';
import { run } from './helpers';

const errorsOf = (objects: any[], k8sVersion: string) => run(objects, { k8sVersion }).findings.filter((f) => f.severity === 'error');

describe('releases', () => {
  test('one place lists the releases: every minor 1.27 … newest, each from its newest patch, the newest by default', () => {
    expect(SUPPORTED_K8S_VERSIONS[0]).toBe('1.27');
    expect(DEFAULT_K8S_VERSION).toBe(SUPPORTED_K8S_VERSIONS[SUPPORTED_K8S_VERSIONS.length - 1]);
    for (const v of SUPPORTED_K8S_VERSIONS) expect(K8S_RELEASES[v]).toMatch(new RegExp(`^v${v.replace('.', '\\.')}\\.\\d+$`));
  });

  test.each(SUPPORTED_K8S_VERSIONS)('%s: every served kind has a schema that refuses an unknown field', (v) => {
    const set = loadSchemas(v);
    const kinds = Object.keys(set.kinds);
    // the kinds people write beside workloads are all there
    for (const k of ['rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding', 'v1/Namespace',
      'networking.k8s.io/v1/IngressClass', 'storage.k8s.io/v1/StorageClass', 'v1/PersistentVolume',
      'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration', 'apiextensions.k8s.io/v1/CustomResourceDefinition',
      'autoscaling/v1/HorizontalPodAutoscaler', 'autoscaling/v2/HorizontalPodAutoscaler']) {
      expect(kinds).toContain(k);
    }
    expect(kinds.length).toBeGreaterThanOrEqual(55);
    for (const gvk of kinds) {
      const i = gvk.lastIndexOf('/');
      const obj = { apiVersion: gvk.slice(0, i), kind: gvk.slice(i + 1), metadata: { name: 'x' }, bogusField: 1 };
      expect([gvk, checkSchema(set, obj)!.map((p) => p.rule)]).toEqual([gvk, expect.arrayContaining(['schema.unknown-field'])]);
    }
  });

  test('no List, watch event or subresource type is taken for a kind', () => {
    for (const v of SUPPORTED_K8S_VERSIONS) {
      for (const gvk of Object.keys(loadSchemas(v).kinds)) expect(gvk).not.toMatch(/List$|\/WatchEvent$|\/Scale$|\/Eviction$|\/DeleteOptions$|\/Status$/);
    }
  });

  test('alpha versions are never served, beta versions only where the release enables them', () => {
    expect(Object.keys(loadSchemas('1.34').kinds).filter((k) => /alpha|beta/.test(k))).toEqual([]);
    // flowcontrol v1beta3 was served by default until 1.31 (KEP-3136 legacy list)
    expect(loadSchemas('1.28').kinds['flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema']).toBeDefined();
    expect(loadSchemas('1.32').kinds['flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema']).toBeUndefined();
  });

  test('versions still served are checked by their own schema: autoscaling/v1 HPA', () => {
    const hpa = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 } };
    for (const v of SUPPORTED_K8S_VERSIONS) expect(errorsOf([hpa], v)).toEqual([]);
    // v1 has no metrics; v2 has no targetCPUUtilizationPercentage
    expect(errorsOf([{ ...hpa, apiVersion: 'autoscaling/v2' }], '1.34').map((f) => [f.rule, f.path])).toEqual([['schema.unknown-field', 'spec.targetCPUUtilizationPercentage']]);
  });

  test.each([
    ['extensions/v1beta1', 'Deployment', 'apps/v1'],
    ['apps/v1beta2', 'StatefulSet', 'apps/v1'],
    ['extensions/v1beta1', 'Ingress', 'networking.k8s.io/v1'],
    ['networking.k8s.io/v1beta1', 'Ingress', 'networking.k8s.io/v1'],
    ['batch/v1beta1', 'CronJob', 'batch/v1'],
    ['policy/v1beta1', 'PodDisruptionBudget', 'policy/v1'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'autoscaling/v2'],
    ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole', 'rbac.authorization.k8s.io/v1'],
    ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1'],
    ['admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
  ])('%s %s is refused with the version to use (%s)', (apiVersion, kind, use) => {
    for (const v of ['1.27', '1.34', SUPPORTED_K8S_VERSIONS[SUPPORTED_K8S_VERSIONS.length - 1]]) {
      const [f, ...rest] = errorsOf([{ apiVersion, kind, metadata: { name: 'x' } }], v);
      expect(rest).toEqual([]);
      expect(f.rule).toBe('manifest.api-version-unsupported');
      expect(f.fix).toBe(`change apiVersion to ${use}`);
      expect(f.message).toContain(`Kubernetes ${v} serves ${kind} as ${use}`);
    }
  });

  test('PodSecurityPolicy is named as removed, with what replaced it', () => {
    const [f] = errorsOf([{ apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', metadata: { name: 'p' }, spec: {} }], '1.34');
    expect(f.message).toContain('removed in Kubernetes 1.25');
    expect(f.message).toContain('pod-security.kubernetes.io/enforce');
  });

  test('a kind a later release brings says which release; an off-by-default beta says so', () => {
    const dc = { apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', metadata: { name: 'd' }, spec: {} };
    expect(errorsOf([dc], '1.30')[0].message).toContain('DeviceClass needs Kubernetes ≥ 1.34 (as resource.k8s.io/v1)');
    expect(errorsOf([dc], '1.34')).toEqual([]);
    const [beta] = errorsOf([{ ...dc, apiVersion: 'resource.k8s.io/v1beta1' }], '1.34');
    expect(beta.message).toContain('does not serve DeviceClass as resource.k8s.io/v1beta1 by default');
    expect(beta.fix).toBe('change apiVersion to resource.k8s.io/v1');
  });

  test('an unknown kind in a built-in group is an error; other groups stay "not checked"', () => {
    expect(errorsOf([{ apiVersion: 'v1', kind: 'Pods', metadata: { name: 'x' } }], '1.34').map((f) => f.rule)).toEqual(['manifest.api-version-unsupported']);
    const r = run([{ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' } }], { k8sVersion: '1.34' });
    expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['schema.kind-not-checked', 'info']]);
  });
});
