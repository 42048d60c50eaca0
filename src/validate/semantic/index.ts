/** The API-server semantics layer: dispatches an object to the validators of its kind. */
import { Ctx } from '../context';
import { getAt } from '../path';
import { RuleMeta } from '../types';
import { checkMetadata, checkPdb, checkPriorityClass, checkService, checkWorkload, objectRules } from './objects';
import { checkPodSpec, podRules } from './pod';

export const semanticRules: RuleMeta[] = [...objectRules, ...podRules];

const RESTART_BY_KIND: Record<string, readonly string[]> = {
  Pod: ['Always', 'OnFailure', 'Never'],
  PodTemplate: ['Always', 'OnFailure', 'Never'],
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
};

/**
 * The value without its null fields. The API server decodes a JSON null as the field's zero value,
 * so `effect: null` or `hostPath: null` is the field left out; nothing is copied where no null is.
 */
export function withoutNulls<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    v.forEach((x, i) => {
      const y = withoutNulls(x);
      if (y !== x) (out ??= v.slice())[i] = y;
    });
    return (out ?? v) as T;
  }
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === null) {
      out ??= { ...(v as Record<string, unknown>) };
      delete out[k];
    } else if (typeof x === 'object') {
      const y = withoutNulls(x);
      if (y !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = y;
    }
  }
  return (out ?? v) as T;
}

export function checkSemantics(ctxIn: Ctx): void {
  const obj = withoutNulls(ctxIn.obj);
  const ctx: Ctx = obj === ctxIn.obj ? ctxIn : {
    ...ctxIn, obj, pod: ctxIn.pod && { ...ctxIn.pod, spec: getAt(obj, ctxIn.pod.specPath), meta: getAt(obj, ctxIn.pod.metaPath) },
  };
  checkMetadata(ctx, ctx.obj.metadata, 'metadata', false);
  if (ctx.pod) {
    if (ctx.kind !== 'Pod') checkMetadata(ctx, ctx.pod.meta, ctx.pod.metaPath, true);
    checkPodSpec(ctx, ctx.pod, RESTART_BY_KIND[ctx.kind] ?? ['Always']);
    if (ctx.kind !== 'Pod' && ctx.kind !== 'PodTemplate') checkWorkload(ctx);
  }
  switch (ctx.kind) {
    case 'Service': checkService(ctx); break;
    case 'PodDisruptionBudget': checkPdb(ctx); break;
    case 'PriorityClass': checkPriorityClass(ctx); break;
  }
}
