/**
 * Fields by release: a field a release's schema lacks but a newer release has ("needs
 * Kubernetes ≥ 1.29" rather than "unknown field"), and fields a release's schema has but its API
 * server drops because their feature gate is off by default there.
 */
import { derefNode } from './refs';
import type { SchemaSet, SchemaProblem } from './types';
import { SUPPORTED_K8S_VERSIONS } from './versions';

const minorOf = (v: string) => Number(v.split('.')[1]);

/**
 * Fields that are in a release's schema before their feature gate is on by default; the API
 * server drops them (dropDisabledFields) until the release named. Definition → field → minor.
 * Facts from the Kubernetes feature-gate table (alpha → beta on by default).
 */
export const GATED_FIELDS: Record<string, Record<string, { since: number; gate: string }>> = {
  'io.k8s.api.core.v1.Container': {
    restartPolicy: { since: 29, gate: 'SidecarContainers' },
    resizePolicy: { since: 33, gate: 'InPlacePodVerticalScaling' },
  },
  'io.k8s.api.core.v1.LifecycleHandler': { sleep: { since: 30, gate: 'PodLifecycleSleepAction' } },
  'io.k8s.api.core.v1.PodSpec': {
    hostUsers: { since: 33, gate: 'UserNamespacesSupport' },
    resourceClaims: { since: 34, gate: 'DynamicResourceAllocation' },
  },
};

/** The first newer release whose schema has `name` under the instance pointer, if any. */
export function newerReleaseWith(set: SchemaSet, obj: any, pointer: string, name: string,
  schemaAt: (s: SchemaSet, o: any, p: string) => any, loadSchemas: (version: string) => SchemaSet): string | undefined {
  const now = minorOf(set.minor);
  for (const v of SUPPORTED_K8S_VERSIONS) {
    if (minorOf(v) <= now) continue;
    const newer = loadSchemas(v);
    if (!newer.kinds[`${obj.apiVersion}/${obj.kind}`]) continue;
    const node = schemaAt(newer, obj, pointer);
    if (node?.properties?.[name] === undefined) continue;
    // a gated field counts from the release that turns its gate on by default
    for (const [def, fields] of Object.entries(GATED_FIELDS)) {
      const g = fields[name];
      if (g && newer.definition(def) === node && g.since > minorOf(v)) return `1.${g.since}`;
    }
    return v;
  }
  return undefined;
}

const hasGates = new WeakMap<SchemaSet, boolean>();

/** Is any gated field ahead of this release? Only then is an object walked. Found once per release. */
function releaseHasGates(set: SchemaSet): boolean {
  let has = hasGates.get(set);
  if (has === undefined) {
    const now = minorOf(set.minor);
    has = Object.entries(GATED_FIELDS).some(([def, fields]) => set.definition(def) !== undefined
      && Object.entries(fields).some(([f, g]) => g.since > now && set.definition(def)?.properties?.[f] !== undefined));
    hasGates.set(set, has);
  }
  return has;
}

/** Gated fields an object sets that the release's API server would drop. */
export function gatedFieldProblems(set: SchemaSet, obj: any, root: string, toPath: (pointer: string) => string): SchemaProblem[] {
  if (!releaseHasGates(set)) return [];
  const now = minorOf(set.minor);
  const out: SchemaProblem[] = [];
  const walk = (value: any, schemaNode: any, pointer: string, depth: number) => {
    if (value === null || typeof value !== 'object' || depth > 40) return;
    const [node, name] = derefNode(set, schemaNode);
    if (!node) return;
    if (Array.isArray(value)) {
      if (node.items) value.forEach((v, i) => walk(v, node.items, `${pointer}/${i}`, depth + 1));
      return;
    }
    const gates = name ? GATED_FIELDS[name] : undefined;
    for (const [k, v] of Object.entries(value)) {
      const esc = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const g = gates?.[k];
      if (g && g.since > now && v !== null && v !== undefined && node.properties?.[k] !== undefined) {
        const at = toPath(esc);
        out.push({
          rule: 'schema.field-needs-newer-release', path: at,
          message: `field "${at}" needs Kubernetes ≥ 1.${g.since}: in ${set.minor} its feature gate ${g.gate} is off by default and the API server drops the field`,
          fix: `validate with --k8s-version 1.${g.since} or newer if the cluster runs it, or remove the field`,
        });
        continue;
      }
      const child = node.properties?.[k] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      if (child) walk(v, child, esc, depth + 1);
    }
  };
  walk(obj, { $ref: `#/definitions/${root}` }, '', 0);
  return out;
}
