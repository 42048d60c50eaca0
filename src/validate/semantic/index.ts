/** The API-server semantics layer: dispatches an object to the validators of its kind. */
import { Ctx, isObj } from '../context';
import { RuleMeta } from '../types';
import { checkMetadata, checkPdb, checkPriorityClass, checkService, checkWorkload, objectRules } from './objects';
import { checkPodSpec, podRules } from './pod';
import { autoscalingRules, checkHpa } from './autoscaling';
import { checkConfig, configRules } from './config';
import { checkCrd, crdRules } from './crd';
import { checkNetworking, networkRules } from './network';
import { checkRbac, rbacRules, RBAC_KINDS } from './rbac';
import { checkStorage, storageRules } from './storage';

export const semanticRules: RuleMeta[] = [...objectRules, ...podRules, ...rbacRules, ...networkRules, ...autoscalingRules, ...storageRules, ...configRules, ...crdRules];

const RESTART_BY_KIND: Record<string, readonly string[]> = {
  Pod: ['Always', 'OnFailure', 'Never'],
  PodTemplate: ['Always', 'OnFailure', 'Never'],
  Job: ['OnFailure', 'Never'],
  CronJob: ['OnFailure', 'Never'],
};

export function checkSemantics(ctx: Ctx): void {
  // RBAC names are path segments (system:controller:x), checked by checkRbac instead
  const meta = RBAC_KINDS.has(ctx.kind) && isObj(ctx.obj.metadata) && typeof ctx.obj.metadata.name === 'string' && ctx.obj.metadata.name !== ''
    ? { ...ctx.obj.metadata, name: undefined, generateName: ctx.obj.metadata.name } : ctx.obj.metadata;
  checkMetadata(ctx, meta, 'metadata', false);
  if (ctx.pod) {
    if (ctx.kind !== 'Pod') checkMetadata(ctx, ctx.pod.meta, ctx.pod.metaPath, true);
    checkPodSpec(ctx, ctx.pod, RESTART_BY_KIND[ctx.kind] ?? ['Always']);
    if (ctx.kind !== 'Pod' && ctx.kind !== 'PodTemplate') checkWorkload(ctx);
  }
  switch (ctx.kind) {
    case 'Service': checkService(ctx); break;
    case 'PodDisruptionBudget': checkPdb(ctx); break;
    case 'PriorityClass': checkPriorityClass(ctx); break;
    case 'Role': case 'ClusterRole': case 'RoleBinding': case 'ClusterRoleBinding': checkRbac(ctx); break;
    case 'NetworkPolicy': case 'Ingress': case 'IngressClass': checkNetworking(ctx); break;
    case 'HorizontalPodAutoscaler': checkHpa(ctx); break;
    case 'PersistentVolume': case 'PersistentVolumeClaim': case 'StorageClass': checkStorage(ctx); break;
    case 'ConfigMap': case 'Secret': checkConfig(ctx); break;
    case 'CustomResourceDefinition': checkCrd(ctx); break;
  }
}
