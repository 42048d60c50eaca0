/**
 * Fields by release: a field a release's schema lacks but a newer release has ("needs
 * Kubernetes ≥ 1.29" rather than "unknown field"), and fields a release's schema has but its API
 * server drops because their feature gate is off by default there.
 */
import { pointerChild, pointerKeys, valueAt } from '../pointer';
import { derefNode } from './refs';
import type { SchemaSet, SchemaProblem } from './types';
import { SUPPORTED_K8S_VERSIONS } from './versions';

const minorOf = (v: string) => Number(v.split('.')[1]);

/** A field the API server drops (its strategy's dropDisabledFields) while its feature gate is off by default. */
export interface GatedField {
  /** The definition holding the field. */
  def: string;
  field: string;
  gate: string;
  /** The first release whose gate is on by default; absent: off in every bundled release. */
  since?: number;
  /** Only where the object holding the field is at a JSON pointer like this. */
  parent?: RegExp;
  /** The server removes the whole list item holding the field (an image volume) and the containers' mounts of it, not only the field. */
  dropsItem?: true;
  /** A value the server keeps as it is (procMount's own default). */
  keeps?: unknown;
  /** The first release that drops it, where an older one kept it although its gate was off (its strategy did not drop it yet, or failed to). */
  from?: number;
}

/**
 * Facts from the Kubernetes feature-gate table (alpha → beta on by default). The API servers of
 * 1.27–1.37 judge them: test/support/release-cases.ts' DROPPED lists, for 21 of these rows, the
 * releases whose server accepts the field and leaves it out of its answer (a dry-run create),
 * and its verdicts cover restartPolicyRules; test/e2e/release-gates.test.ts checks both against
 * every built server. hostnameOverride, workloadRef, mismatchLabelKeys and maxFailedIndexes have
 * no case there and follow the table (the last two share their gate with matchLabelKeys and
 * backoffLimitPerIndex, which have one).
 */
export const GATED_FIELDS: readonly GatedField[] = [
  { def: 'io.k8s.api.core.v1.Container', field: 'restartPolicy', since: 29, gate: 'SidecarContainers', parent: /\/initContainers\/\d+$/ },
  // 1.29-1.33 refuse it on app containers (semantic/restart-rules.ts); what 1.34 drops depends on the value: the
  // best-practice rule containers.restart-policy-ignored says so
  { def: 'io.k8s.api.core.v1.Container', field: 'restartPolicyRules', since: 35, gate: 'ContainerRestartRules' },
  { def: 'io.k8s.api.core.v1.Container', field: 'resizePolicy', since: 33, gate: 'InPlacePodVerticalScaling' },
  { def: 'io.k8s.api.core.v1.LifecycleHandler', field: 'sleep', since: 30, gate: 'PodLifecycleSleepAction' },
  { def: 'io.k8s.api.core.v1.Lifecycle', field: 'stopSignal', gate: 'ContainerStopSignals' },
  { def: 'io.k8s.api.core.v1.SecurityContext', field: 'procMount', since: 33, gate: 'ProcMountType', keeps: 'Default' },
  { def: 'io.k8s.api.core.v1.VolumeMount', field: 'recursiveReadOnly', since: 31, gate: 'RecursiveReadOnlyMounts' },
  { def: 'io.k8s.api.core.v1.EnvVarSource', field: 'fileKeyRef', since: 35, gate: 'EnvFiles' },
  { def: 'io.k8s.api.core.v1.ResourceRequirements', field: 'claims', since: 34, gate: 'DynamicResourceAllocation', parent: /\/(initContainers|containers|ephemeralContainers)\/\d+\/resources$/ },
  { def: 'io.k8s.api.core.v1.PodSpec', field: 'hostUsers', since: 33, gate: 'UserNamespacesSupport' },
  { def: 'io.k8s.api.core.v1.PodSpec', field: 'resourceClaims', since: 34, gate: 'DynamicResourceAllocation' },
  { def: 'io.k8s.api.core.v1.PodSpec', field: 'resources', since: 34, gate: 'PodLevelResources' },
  { def: 'io.k8s.api.core.v1.PodSpec', field: 'hostnameOverride', since: 35, gate: 'HostnameOverride' },
  { def: 'io.k8s.api.core.v1.PodSpec', field: 'workloadRef', gate: 'GenericWorkload' },
  { def: 'io.k8s.api.core.v1.PodSecurityContext', field: 'supplementalGroupsPolicy', since: 33, gate: 'SupplementalGroupsPolicy' },
  { def: 'io.k8s.api.core.v1.PodSecurityContext', field: 'seLinuxChangePolicy', since: 33, gate: 'SELinuxChangePolicy' },
  { def: 'io.k8s.api.core.v1.PodAffinityTerm', field: 'matchLabelKeys', since: 31, gate: 'MatchLabelKeysInPodAffinity' },
  { def: 'io.k8s.api.core.v1.PodAffinityTerm', field: 'mismatchLabelKeys', since: 31, gate: 'MatchLabelKeysInPodAffinity' },
  { def: 'io.k8s.api.core.v1.Volume', field: 'image', since: 35, gate: 'ImageVolume', dropsItem: true },
  { def: 'io.k8s.api.core.v1.PersistentVolumeClaimSpec', field: 'volumeAttributesClassName', since: 34, gate: 'VolumeAttributesClass' },
  { def: 'io.k8s.api.core.v1.ServiceSpec', field: 'trafficDistribution', since: 31, gate: 'ServiceTrafficDistribution' },
  { def: 'io.k8s.api.batch.v1.JobSpec', field: 'managedBy', since: 32, gate: 'JobManagedBy' },
  { def: 'io.k8s.api.batch.v1.JobSpec', field: 'successPolicy', since: 31, gate: 'JobSuccessPolicy' },
  { def: 'io.k8s.api.batch.v1.JobSpec', field: 'backoffLimitPerIndex', since: 29, gate: 'JobBackoffLimitPerIndex' },
  { def: 'io.k8s.api.batch.v1.JobSpec', field: 'maxFailedIndexes', since: 29, gate: 'JobBackoffLimitPerIndex' },
  { def: 'io.k8s.api.batch.v1.JobSpec', field: 'podReplacementPolicy', since: 29, gate: 'JobPodReplacementPolicy' },
  // DRA (resource.k8s.io/v1, served from 1.34): 1.34's claim strategy has no drop for tolerations and
  // clears distinctAttribute on a copy (kept); 1.35 drops both; the gates are on from 1.36
  { def: 'io.k8s.api.resource.v1.ExactDeviceRequest', field: 'tolerations', since: 36, from: 35, gate: 'DRADeviceTaints' },
  { def: 'io.k8s.api.resource.v1.DeviceSubRequest', field: 'tolerations', since: 36, from: 35, gate: 'DRADeviceTaints' },
  { def: 'io.k8s.api.resource.v1.DeviceConstraint', field: 'distinctAttribute', since: 36, from: 35, gate: 'DRAConsumableCapacity' },
  { def: 'io.k8s.api.resource.v1.ExactDeviceRequest', field: 'capacity', since: 36, gate: 'DRAConsumableCapacity' },
  { def: 'io.k8s.api.resource.v1.DeviceSubRequest', field: 'capacity', since: 36, gate: 'DRAConsumableCapacity' },
];

const byDef = new Map<string, GatedField[]>();
for (const g of GATED_FIELDS) byDef.set(g.def, [...(byDef.get(g.def) ?? []), g]);

/** Does this minor drop the field (wherever it stands)? */
function droppedIn(g: GatedField, minor: number): boolean {
  return (g.since === undefined || g.since > minor) && (g.from === undefined || minor >= g.from);
}

/** Is the field dropped at this minor, for a holder at `parent`? */
function dropsAt(g: GatedField, minor: number, parent: string): boolean {
  return droppedIn(g, minor) && (!g.parent || g.parent.test(parent));
}

/** The first newer release whose schema has `name` under the instance pointer and serves it, if any. */
export function newerReleaseWith(set: SchemaSet, obj: any, pointer: string, name: string,
  schemaAt: (s: SchemaSet, o: any, p: string) => any, loadSchemas: (version: string) => SchemaSet): { version: string } | { gate: string } | undefined {
  const now = minorOf(set.minor);
  for (const v of SUPPORTED_K8S_VERSIONS) {
    if (minorOf(v) <= now) continue;
    const newer = loadSchemas(v);
    if (!newer.kinds[`${obj.apiVersion}/${obj.kind}`]) continue;
    const node = schemaAt(newer, obj, pointer);
    if (node?.properties?.[name] === undefined) continue;
    // a gated field counts from the release that turns its gate on by default
    const g = GATED_FIELDS.find((x) => x.field === name && newer.definition(x.def) === node && dropsAt(x, minorOf(v), pointer));
    if (!g) return { version: v };
    return g.since === undefined ? { gate: g.gate } : { version: `1.${g.since}` };
  }
  return undefined;
}

const reaching = new WeakMap<SchemaSet, Map<string, Set<string>>>();

/**
 * The definitions, among those a kind's root can reach, from which a field this release drops can
 * be reached: the walk enters no other (metadata, most of a spec). Found once per release and kind.
 */
function reachingGates(set: SchemaSet, root: string): Set<string> {
  let byRoot = reaching.get(set);
  if (!byRoot) reaching.set(set, (byRoot = new Map()));
  let out = byRoot.get(root);
  if (out) return out;
  const now = minorOf(set.minor);
  const refsOf = (node: any, acc: Set<string>): Set<string> => {
    if (node === null || typeof node !== 'object') return acc;
    if (typeof node.$ref === 'string') acc.add(node.$ref.replace('#/definitions/', ''));
    for (const v of Object.values(node)) refsOf(v, acc);
    return acc;
  };
  // every definition the root reaches, with its references
  const edges = new Map<string, Set<string>>();
  const todo = [root];
  while (todo.length) {
    const name = todo.pop()!;
    if (edges.has(name)) continue;
    const refs = refsOf(set.definition(name), new Set());
    edges.set(name, refs);
    todo.push(...refs);
  }
  // those that hold a dropped field, then whatever refers to one of them, until nothing changes
  out = new Set([...edges.keys()].filter((name) => byDef.get(name)?.some((g) => droppedIn(g, now) && set.definition(name)?.properties?.[g.field] !== undefined)));
  for (let grew = out.size > 0; grew;) {
    grew = false;
    for (const [name, refs] of edges) {
      if (!out.has(name) && [...refs].some((r) => out!.has(r))) { out.add(name); grew = true; }
    }
  }
  byRoot.set(root, out);
  return out;
}

/**
 * Gated fields an object sets that the release's API server drops: a warning each, with the
 * JSON pointer of what is dropped (`dropped`) so that the checks after the schema see the object
 * as the server's validation does (withoutDropped).
 */
export function gatedFieldProblems(set: SchemaSet, obj: any, root: string, toPath: (pointer: string) => string): SchemaProblem[] {
  const now = minorOf(set.minor);
  const out: SchemaProblem[] = [];
  const enter = reachingGates(set, root);
  if (!enter.has(root)) return out;
  /** Would the walk find anything under this schema node? (a $ref to a definition that reaches no dropped field: no) */
  const worth = (schemaNode: any): boolean => typeof schemaNode?.$ref !== 'string' || enter.has(schemaNode.$ref.slice(14)); // '#/definitions/'
  const walk = (value: any, schemaNode: any, pointer: string, depth: number) => {
    if (value === null || typeof value !== 'object' || depth > 40) return;
    const [node, name] = derefNode(set, schemaNode);
    if (!node || (name !== undefined && !enter.has(name))) return;
    if (Array.isArray(value)) {
      if (node.items && worth(node.items)) value.forEach((v, i) => walk(v, node.items, `${pointer}/${i}`, depth + 1));
      return;
    }
    const gates = name ? byDef.get(name) : undefined;
    const props = node.properties;
    const extra = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    for (const k in value) {
      const v = value[k];
      if (v === null || typeof v !== 'object') {
        if (gates === undefined || v === null || v === undefined) continue;
      }
      const g = gates?.find((x) => x.field === k && dropsAt(x, now, pointer));
      if (g && v !== null && v !== undefined && v !== g.keeps && props?.[k] !== undefined) {
        const esc = pointerChild(pointer, k);
        const at = toPath(esc);
        const serves = g.since === undefined ? `no release up to ${SUPPORTED_K8S_VERSIONS[SUPPORTED_K8S_VERSIONS.length - 1]} turns it on by default` : `it is on by default from 1.${g.since}`;
        out.push({
          rule: 'schema.field-dropped', path: at,
          message: `field "${at}" is dropped by the API server of ${set.minor}: its feature gate ${g.gate} is off by default (${serves}), so the object is ${g.dropsItem ? 'created without this volume and the containers\' mounts of it' : 'created without the field'} and the setting never takes effect`,
          fix: g.since === undefined
            ? `enable the feature gate ${g.gate} on the cluster, or remove the field`
            : `validate with --k8s-version 1.${g.since} or newer if the cluster runs it, enable the feature gate ${g.gate}, or remove the field`,
          dropped: g.dropsItem ? [pointer, ...mountsOf(obj, pointer)] : [esc],
        });
        continue;
      }
      if (v === null || typeof v !== 'object') continue;
      const child = props?.[k] ?? extra;
      if (child && worth(child)) walk(v, child, pointerChild(pointer, k), depth + 1);
    }
  };
  walk(obj, { $ref: `#/definitions/${root}` }, '', 0);
  return out;
}

/** The pointers of the volume mounts, in every container of the Pod spec, of the volume at `volumePointer` (…/volumes/N). */
function mountsOf(obj: any, volumePointer: string): string[] {
  const specPointer = volumePointer.replace(/\/volumes\/\d+$/, '');
  const spec = valueAt(obj, specPointer);
  const name = valueAt(obj, volumePointer)?.name;
  const out: string[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const cs = spec?.[list];
    if (!Array.isArray(cs)) continue;
    cs.forEach((c: any, i: number) => {
      const mounts = c?.volumeMounts;
      if (Array.isArray(mounts)) mounts.forEach((m: any, j: number) => { if (m?.name === name) out.push(`${specPointer}/${list}/${i}/volumeMounts/${j}`); });
    });
  }
  return out;
}

const DROPPED = Symbol('dropped');

/** A copy of the object without what the API server drops (the `dropped` pointers of gatedFieldProblems). */
export function withoutDropped(obj: any, pointers: string[]): any {
  const copy = structuredClone(obj);
  for (const pointer of pointers) {
    const keys = pointerKeys(pointer);
    let holder = copy;
    for (const k of keys.slice(0, -1)) holder = holder?.[k];
    if (holder !== null && typeof holder === 'object') holder[keys[keys.length - 1]] = DROPPED;
  }
  const prune = (v: any): any => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        if (v[i] === DROPPED) v.splice(i, 1);
        else prune(v[i]);
      }
      return v;
    }
    for (const k of Object.keys(v)) {
      if (v[k] === DROPPED) delete v[k];
      else prune(v[k]);
    }
    return v;
  };
  return prune(copy);
}
