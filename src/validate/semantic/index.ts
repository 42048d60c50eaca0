/** The API-server semantics layer: dispatches an object to the validators of its kind. */
import { Ctx } from '../context';
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

export function checkSemantics(ctx: Ctx): void {
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
