import { Ctx } from '../context';
import { RuleMeta } from '../types';

/** A best-practice or Pod Security rule: catalog data plus a small check. */
export interface CheckedRule extends RuleMeta {
  /** Reports findings through ctx.report with this rule's id. Only called for objects with a Pod spec unless `anyKind`. */
  check(ctx: Ctx): void;
  /** Looks at other objects of the bundle: runs after every object has been read. */
  crossObject?: true;
  /** For rules about objects without a Pod template (Service, PodDisruptionBudget): the kinds checked. Always cross-object. */
  kinds?: string[];
  /** For cross-object rules: whether the rule can fire for this object at all (else nothing is kept for it). */
  applies?(ctx: Ctx): boolean;
}

export const BATCH_KINDS = new Set(['Job', 'CronJob']);
export const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Replicas of a replicated workload (default 1), or undefined for other kinds. */
export function replicasOf(ctx: Ctx): number | undefined {
  if (!REPLICATED_KINDS.has(ctx.kind)) return undefined;
  const r = ctx.obj.spec?.replicas;
  return typeof r === 'number' ? r : 1;
}

export function capName(c: unknown): string {
  return String(c).toUpperCase().replace(/^CAP_/, '');
}
