/** The API-server semantics layer: dispatches an object to the validators of its kind. */
import { Ctx, POD_TEMPLATE_PATHS } from '../context';
import { getAt } from '../path';
import { RuleMeta } from '../types';
import { checkIngressHosts, checkMetadata, checkPdb, checkPriorityClass, checkService, checkWorkload, objectRules } from './objects';
import { checkPodSpec, podRules } from './pod';
import { resizePolicyRules } from './resize-policy';
import { serviceTrafficRules } from './service-traffic';
import { resourceClaimRules } from './resource-claims';
import { securityContextRules } from './security-context';
import { apiServiceRules, checkApiService } from './apiservice';
import { autoscalingRules, checkHpa } from './autoscaling';
import { checkConfig, configRules } from './config';
import { checkLimitRange, checkResourceQuota, quotaRules } from './quota';
import { checkCrd, crdRules } from './crd';
import { crdCelRules } from './crd-cel';
import { celExpressionRules, checkCelExpressions } from './cel-expressions';
import { checkNetworking, networkRules } from './network';
import { checkRbac, rbacRules } from './rbac';
import { checkReview, reviewRules } from './reviews';
import { checkStorage, storageRules } from './storage';
import { checkEndpoints, checkEndpointSlice, endpointRules } from './endpoints';
import { checkNode, nodeRules } from './node';
import { checkNamespace } from './namespace';
import { checkIPAddress, checkServiceCIDR, serviceCidrRules } from './service-cidr';
import { admissionPolicyRules, checkAdmissionPolicy } from './admission-policy';
import { withoutDefaultedEmpties } from './defaulted';
import { checkEnums } from './enums';
import { checkWebhooks, webhookRules } from './webhooks';
import { checkFlowControl, flowControlRules } from './flowcontrol';
import { checkDeviceRequests, deviceRequestRules } from './device-requests';
import { certificateRules, checkCertificateSigningRequest } from './certificates';
import { checkVolumeAttachment, volumeAttachmentRules } from './volume-attachment';
import { checkDeviceTaintRule, deviceTaintRules } from './device-taints';

export const semanticRules: RuleMeta[] = [...objectRules, ...serviceTrafficRules, ...podRules, ...resourceClaimRules, ...resizePolicyRules, ...securityContextRules, ...rbacRules, ...networkRules, ...autoscalingRules, ...storageRules, ...configRules, ...quotaRules, ...crdRules, ...crdCelRules, ...celExpressionRules, ...apiServiceRules, ...reviewRules, ...endpointRules, ...nodeRules, ...serviceCidrRules, ...admissionPolicyRules, ...webhookRules, ...flowControlRules, ...deviceRequestRules, ...certificateRules, ...volumeAttachmentRules, ...deviceTaintRules];

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
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === null || typeof x !== 'object') continue;
      const y = withoutNulls(x);
      if (y !== x) (out ??= v.slice())[i] = y;
    }
    return (out ?? v) as T;
  }
  let out: Record<string, unknown> | undefined;
  // (for-in, not Object.keys: no array per object; what the reader gives has no inherited keys)
  for (const k in v) {
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

/**
 * The value with an empty object wherever a left-out field on `path` would be: the API server
 * validates the zero value of a spec or Pod template that is not there (a Deployment without a
 * spec is refused for its missing selector and containers, a Service without one for its ports).
 */
export function withEmptyPath(obj: any, path: string): any {
  const [head, ...rest] = path.split('.');
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  const cur = obj[head];
  if (cur !== undefined && (cur === null || typeof cur !== 'object' || Array.isArray(cur))) return obj;
  const next = rest.length ? withEmptyPath(cur ?? {}, rest.join('.')) : (cur ?? {});
  return next === cur ? obj : { ...obj, [head]: next };
}

const SPEC_PATHS: Record<string, string | undefined> = { Service: 'spec' };

export function checkSemantics(ctxIn: Ctx): void {
  const where = POD_TEMPLATE_PATHS[ctxIn.kind];
  const specPath = where?.spec ?? SPEC_PATHS[ctxIn.kind];
  let obj = ctxIn.obj;
  try {
    const stripped = withoutNulls(obj);
    // a null where Go reads "" (a label value left empty: `app:`) is kept as ""; the other nulls are as if left out
    obj = withoutDefaultedEmpties(stripped !== obj && ctxIn.nullsAsGo ? withoutNulls(ctxIn.nullsAsGo(obj)) : stripped, ctxIn.kind);
    if (specPath) obj = withEmptyPath(obj, specPath);
  } catch {
    obj = ctxIn.obj; // a value that cannot be read whole (a throwing getter): check it as it is
  }
  // no Pod spec where one belongs: the API server checks an empty one
  const pod = ctxIn.pod ?? (where && getAt(ctxIn.obj, where.spec) == null ? { spec: undefined, specPath: where.spec, meta: undefined, metaPath: where.meta } : undefined);
  const ctx: Ctx = obj === ctxIn.obj ? ctxIn : {
    ...ctxIn, obj, pod: pod && { ...pod, spec: getAt(obj, pod.specPath), meta: getAt(obj, pod.metaPath) },
  };
  checkMetadata(ctx, ctx.obj.metadata, 'metadata', false);
  if (ctx.pod) {
    if (ctx.kind !== 'Pod') checkMetadata(ctx, ctx.pod.meta, ctx.pod.metaPath, true);
    checkPodSpec(ctx, ctx.pod, RESTART_BY_KIND[ctx.kind] ?? ['Always']);
    if (ctx.kind !== 'Pod' && ctx.kind !== 'PodTemplate') checkWorkload(ctx);
  }
  checkEnums(ctx);
  switch (ctx.kind) {
    case 'Service': checkService(ctx); break;
    case 'PodDisruptionBudget': checkPdb(ctx); break;
    case 'PriorityClass': checkPriorityClass(ctx); break;
    case 'Role': case 'ClusterRole': case 'RoleBinding': case 'ClusterRoleBinding': checkRbac(ctx); break;
    case 'Ingress': checkIngressHosts(ctx); checkNetworking(ctx); break;
    case 'NetworkPolicy': case 'IngressClass': checkNetworking(ctx); break;
    case 'HorizontalPodAutoscaler': checkHpa(ctx); break;
    case 'PersistentVolume': case 'PersistentVolumeClaim': case 'StorageClass': checkStorage(ctx); break;
    case 'ConfigMap': case 'Secret': checkConfig(ctx); break;
    case 'LimitRange': if (ctx.obj.apiVersion === 'v1') checkLimitRange(ctx); break;
    case 'ResourceQuota': if (ctx.obj.apiVersion === 'v1') checkResourceQuota(ctx); break;
    case 'CustomResourceDefinition': checkCrd(ctx); break;
    case 'APIService': checkApiService(ctx); break;
    case 'ValidatingAdmissionPolicy': case 'MutatingAdmissionPolicy': checkAdmissionPolicy(ctx); checkCelExpressions(ctx); break;
    case 'ValidatingAdmissionPolicyBinding': case 'MutatingAdmissionPolicyBinding': checkAdmissionPolicy(ctx); break;
    case 'ValidatingWebhookConfiguration': case 'MutatingWebhookConfiguration': checkWebhooks(ctx); checkCelExpressions(ctx); break;
    case 'DeviceClass': checkCelExpressions(ctx); break;
    case 'ResourceClaim': case 'ResourceClaimTemplate': checkCelExpressions(ctx); checkDeviceRequests(ctx); break;
    case 'DeviceTaintRule': checkDeviceTaintRule(ctx); break;
    case 'CertificateSigningRequest': checkCertificateSigningRequest(ctx); break;
    case 'VolumeAttachment': checkVolumeAttachment(ctx); break;
    case 'FlowSchema': case 'PriorityLevelConfiguration': if (ctx.obj.apiVersion.startsWith('flowcontrol.apiserver.k8s.io/')) checkFlowControl(ctx); break;
    case 'EndpointSlice': if (ctx.obj.apiVersion === 'discovery.k8s.io/v1') checkEndpointSlice(ctx); break;
    case 'Endpoints': if (ctx.obj.apiVersion === 'v1') checkEndpoints(ctx); break;
    case 'Node': if (ctx.obj.apiVersion === 'v1') checkNode(ctx); break;
    case 'Namespace': if (ctx.obj.apiVersion === 'v1') checkNamespace(ctx); break;
    case 'ServiceCIDR': if (ctx.obj.apiVersion.startsWith('networking.k8s.io/')) checkServiceCIDR(ctx); break;
    case 'IPAddress': if (ctx.obj.apiVersion.startsWith('networking.k8s.io/')) checkIPAddress(ctx); break;
    case 'SubjectAccessReview': case 'SelfSubjectAccessReview': case 'LocalSubjectAccessReview': case 'TokenReview': checkReview(ctx); break;
  }
}
