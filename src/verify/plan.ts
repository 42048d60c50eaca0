/**
 * Planning a run, purely: which objects, in which order, under which names. The runner applies
 * the plan; nothing here touches a cluster.
 *
 * - Every namespaced object goes into the run's fresh namespace (its own namespace is dropped).
 * - Cluster-scoped objects (PriorityClass) get run-unique names, and every reference to them
 *   (`priorityClassName` in Pod templates) is rewritten, so runs never share or collide.
 * - Objects are applied in dependency order: what others refer to first.
 */
import * as crypto from 'node:crypto';
import { InputError, UsageError } from '../errors';
import { listItems } from '../validate/lists';
import { Manifest } from './types';

export const RUN_LABEL = 'podsmith.dev/run';
export const FIELD_MANAGER = 'podsmith';

/** Install order (like Helm's): a kind not listed goes after the listed ones, before workloads. */
const ORDER = [
  'Namespace', 'PriorityClass', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'ServiceAccount', 'Secret', 'ConfigMap',
  // a claim binds to an existing volume at once; a volume applied after it waits for the binder's resync
  'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Role', 'RoleBinding', 'Service', 'PodDisruptionBudget',
];
const WORKLOADS = ['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
const CLUSTER_SCOPED = new Set(['PriorityClass', 'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PersistentVolume', 'CustomResourceDefinition', 'RuntimeClass']);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The rank of a kind in the apply order (lower first). */
export function applyRank(kind: string): number {
  const i = ORDER.indexOf(kind);
  if (i >= 0) return i;
  const w = WORKLOADS.indexOf(kind);
  if (w >= 0) return ORDER.length + 1 + w;
  return ORDER.length;
}

/** A short random run id: lower-case hex, valid in DNS labels. */
export function newRunId(): string {
  return crypto.randomBytes(3).toString('hex');
}

export interface PlannedObject {
  /** `Kind/name` as the user wrote it (the report's `object`). */
  ref: string;
  /** What is applied: namespaced into the run, renamed where cluster-scoped, labelled. */
  manifest: Manifest;
}

export interface Plan {
  runId: string;
  namespace: string;
  /** In apply order. */
  objects: PlannedObject[];
  /** Original cluster-scoped name → run-unique name. */
  renamed: Record<string, Record<string, string>>;
  /** Objects left out, with why (e.g. a Namespace object: the run makes its own). */
  skipped: Array<{ ref: string; reason: string }>;
}

/** The Pod template spec inside a workload, or the Pod's own spec. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function podSpecOf(m: Manifest): any | undefined {
  switch (m.kind) {
    case 'Pod': return m.spec;
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job': return m.spec?.template?.spec;
    case 'CronJob': return m.spec?.jobTemplate?.spec?.template?.spec;
    default: return undefined;
  }
}

function validManifest(o: unknown, where: string): Manifest {
  const m = o as Manifest;
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw new InputError(`${where}: not a Kubernetes object`);
  if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') throw new InputError(`${where}: apiVersion and kind are required`);
  if (typeof m.metadata?.name !== 'string' || m.metadata.name === '') throw new InputError(`${where}: ${m.kind} has no metadata.name`);
  return m;
}

/**
 * Plans a run of `objects` (plain manifests, e.g. from the validator's loader). Lists are
 * flattened as kubectl reads them (listItems). Throws InputError on an object that cannot be applied at all.
 */
export function planRun(objects: Array<{ object: unknown; file?: string }>, runId = newRunId()): Plan {
  const namespace = `podsmith-verify-${runId}`;
  const flat: Array<{ m: Manifest; where: string }> = [];
  for (const { object, file } of objects) {
    const o = object as Manifest;
    const items = listItems(o);
    if (items) {
      items.forEach((item: unknown, i: number) => flat.push({ m: validManifest(item, `${file ?? '<input>'}: items[${i}]`), where: file ?? '<input>' }));
    } else {
      flat.push({ m: validManifest(object, file ?? '<input>'), where: file ?? '<input>' });
    }
  }
  if (flat.length === 0) throw new InputError('no Kubernetes objects in the input');

  const seen = new Set<string>();
  const renamed: Plan['renamed'] = {};
  const skipped: Plan['skipped'] = [];
  const kept: Array<{ ref: string; m: Manifest }> = [];
  for (const { m, where } of flat) {
    const ref = `${m.kind}/${m.metadata.name}`;
    if (seen.has(ref)) throw new InputError(`${where}: ${ref} appears twice in the input`);
    seen.add(ref);
    if (m.kind === 'Namespace') {
      skipped.push({ ref, reason: 'the run creates its own namespace' });
      continue;
    }
    if (isClusterScoped(m.kind)) {
      (renamed[m.kind] ??= {})[m.metadata.name] = `${m.metadata.name}-${runId}`;
    }
    kept.push({ ref, m });
  }

  const planned = kept.map(({ ref, m }) => ({ ref, manifest: rewrite(m, namespace, runId, renamed) }));
  // stable sort: the input order is kept within a rank
  planned.sort((a, b) => applyRank(a.manifest.kind) - applyRank(b.manifest.kind));
  return { runId, namespace, objects: planned, renamed, skipped };
}

function rewrite(m: Manifest, namespace: string, runId: string, renamed: Plan['renamed']): Manifest {
  const out: Manifest = JSON.parse(JSON.stringify(m));
  const md = out.metadata;
  delete md.resourceVersion; delete md.uid; delete md.creationTimestamp; delete md.generation; delete md.managedFields;
  delete out.status;
  md.labels = { ...(md.labels ?? {}), [RUN_LABEL]: runId };
  if (isClusterScoped(out.kind)) {
    md.name = renamed[out.kind]?.[md.name] ?? md.name;
    delete md.namespace;
  } else {
    md.namespace = namespace;
  }
  const spec = podSpecOf(out);
  if (spec && typeof spec.priorityClassName === 'string' && renamed.PriorityClass?.[spec.priorityClassName]) {
    spec.priorityClassName = renamed.PriorityClass[spec.priorityClassName];
  }
  return out;
}

/** Parses `--timeout`: `90s`, `5m`, `1m30s`, `1h`, `500ms`, or plain seconds. */
export function parseDuration(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    pos = re.lastIndex;
  }
  if (pos !== t.length || t.length === 0 || total <= 0) throw new UsageError(`--timeout: '${text}' is not a duration (use e.g. 90s, 5m, 1m30s)`);
  return Math.round(total);
}
