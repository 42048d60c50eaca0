/**
 * What a release says about an object whose apiVersion/kind it has no schema for: a built-in
 * kind in a version it no longer serves (or does not serve yet, or serves only when enabled),
 * named with the version to use; or nothing, for kinds outside the built-in groups (custom
 * resources).
 */
import { SchemaSet } from './index';
import { readRelease } from './store';
import { BUILTIN_GROUPS, SUPPORTED_K8S_VERSIONS } from './versions';
import type { SchemaProblem } from './index';

/** Kinds no release from 1.27 on serves at all, with what replaced them. */
const REMOVED_KINDS: Record<string, string> = {
  PodSecurityPolicy: 'PodSecurityPolicy was removed in Kubernetes 1.25; enforce Pod Security Standards with the pod-security.kubernetes.io/enforce label on the Namespace',
  ClusterCIDR: 'ClusterCIDR (networking.k8s.io/v1alpha1) was removed in Kubernetes 1.29; remove the object',
  PodSchedulingContext: 'PodSchedulingContext (resource.k8s.io/v1alpha2) was removed in Kubernetes 1.31; remove the object',
  ResourceClass: 'ResourceClass (resource.k8s.io/v1alpha2) was replaced by DeviceClass in Kubernetes 1.31',
  PodPreset: 'PodPreset (settings.k8s.io/v1alpha1) was removed in Kubernetes 1.20; remove the object',
  Initializer: 'InitializerConfiguration was removed in Kubernetes 1.14; use admission webhooks',
};

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** The apiVersions a release serves `kind` as, the object's own group first. */
function servedAs(set: SchemaSet, kind: string, group: string): string[] {
  const out: string[] = [];
  for (const gvk of Object.keys(set.kinds)) {
    const i = gvk.lastIndexOf('/');
    if (gvk.slice(i + 1) === kind) out.push(gvk.slice(0, i));
  }
  // same group first, then GA before beta, then the newest version (autoscaling/v2 before v1)
  const num = (av: string) => Number(/v(\d+)/.exec(av.split('/').pop()!)?.[1] ?? 0);
  const rank = (av: string) => (groupOf(av) === group ? 0 : 2) + (/beta|alpha/.test(av) ? 1 : 0);
  return out.sort((a, b) => rank(a) - rank(b) || num(b) - num(a));
}

/** The first release newer than the set's that serves the kind in the group: [minor, apiVersion]. */
function firstServedAfter(set: SchemaSet, apiVersion: string, kind: string): [string, string] | undefined {
  const now = Number(set.minor.split('.')[1]);
  const group = groupOf(apiVersion);
  for (const v of SUPPORTED_K8S_VERSIONS) {
    if (Number(v.split('.')[1]) <= now) continue;
    const kinds = Object.keys(readRelease(v).kinds);
    if (kinds.includes(`${apiVersion}/${kind}`)) return [v, apiVersion];
    const other = kinds.find((k) => k.endsWith(`/${kind}`) && groupOf(k.slice(0, k.lastIndexOf('/'))) === group);
    if (other) return [v, other.slice(0, other.lastIndexOf('/'))];
  }
  return undefined;
}

/**
 * Undefined for kinds outside the built-in API groups (custom resources); otherwise the problem
 * that a release whose schemas have no entry for this apiVersion/kind reports.
 */
export function unservedProblem(set: SchemaSet, apiVersion: string, kind: string): SchemaProblem | undefined {
  const group = groupOf(apiVersion);
  if (!BUILTIN_GROUPS.has(group)) return undefined;
  const gvk = `${apiVersion}/${kind}`;
  const release = `Kubernetes ${set.minor}`;
  const served = servedAs(set, kind, group);
  const use = served[0];
  const fix = use ? `change apiVersion to ${use}` : undefined;
  const value = `Unsupported value: ${JSON.stringify(apiVersion)}`;
  if (set.disabled.has(gvk)) {
    return {
      rule: 'manifest.api-version-unsupported', path: 'apiVersion',
      message: `${value}: ${release} does not serve ${kind} as ${apiVersion} by default (an alpha or beta API that must be enabled with --runtime-config)${use ? `; it serves it as ${use}` : ''}`,
      fix: fix ?? `enable ${apiVersion} on the API server, or remove the object`,
    };
  }
  if (use) {
    return { rule: 'manifest.api-version-unsupported', path: 'apiVersion', message: `${value}: ${release} serves ${kind} as ${served.join(', ')}`, fix };
  }
  const later = firstServedAfter(set, apiVersion, kind);
  if (later) {
    return {
      rule: 'manifest.api-version-unsupported', path: 'apiVersion',
      message: `${value}: ${kind} needs Kubernetes ≥ ${later[0]} (as ${later[1]}); ${release} does not serve it`,
      fix: `validate with --k8s-version ${later[0]} or newer if the cluster runs it, or remove the object`,
    };
  }
  if (REMOVED_KINDS[kind]) {
    return { rule: 'manifest.api-version-unsupported', path: 'apiVersion', message: `${value}: ${REMOVED_KINDS[kind]}`, fix: 'remove the object or replace it as the message says' };
  }
  return {
    rule: 'manifest.api-version-unsupported', path: 'kind',
    message: `${value}: ${release} has no kind ${JSON.stringify(kind)} in the built-in API group ${group === '' ? 'core' : JSON.stringify(group)}`,
    fix: 'check the kind\'s spelling and apiVersion',
  };
}
