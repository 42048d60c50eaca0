/**
 * API-server semantics of HorizontalPodAutoscalers (pkg/apis/autoscaling/validation), both the
 * autoscaling/v1 and v2 shapes: replica bounds and the scale target (v2's metrics and behavior:
 * hpa-metrics.ts).
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { RuleMeta } from '../types';
import { checkCrossVersionRef, checkHpaV2 } from './hpa-metrics';

export const autoscalingRules: RuleMeta[] = [{
  id: 'hpa.invalid', severity: 'error', layer: 'semantic', handbook: ['H30'],
  summary: 'an HPA needs replica bounds 1 ≤ minReplicas ≤ maxReplicas, a scale target kind and name, and well-formed metrics and scaling policies',
  rationale: 'The autoscaler scales between minReplicas (default 1, at least 1 unless HPAScaleToZero is on: from Kubernetes 1.37 by default, 0 with an Object or External metric) and maxReplicas; the API server rejects bounds that cross, a scaleTargetRef without kind or name and (from Kubernetes 1.34) one whose apiVersion names no API group (only a ReplicationController may be in the core group) or has more than one `/`. Each autoscaling/v2 metric fills exactly the source its type names, with a target it can compare against (a positive averageUtilization, value or averageValue as that source takes); a scaling rule\'s policies (when given) are Pods or Percent with a positive value and a period of at most 1800 s, its stabilization window 0-3600 s.',
  fix: 'set minReplicas ≥ 1, maxReplicas ≥ minReplicas and scaleTargetRef.kind/name/apiVersion (group/version, e.g. apps/v1); give each metric the source and target the message names',
}];

export function checkHpa(ctx: Ctx): void {
  const spec = ctx.obj.spec;
  if (!isObj(spec)) return;
  const r = (p: string, m: string) => ctx.report('hpa.invalid', p, m);
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  // HPAScaleToZero is beta and on by default from 1.37: minReplicas 0 with an Object or External metric
  const lower = ctx.minor >= 37 ? 0 : 1;
  if (typeof min === 'number' && min < lower) r('spec.minReplicas', field.invalid(min, `must be greater than or equal to ${lower}`));
  if (min === 0 && lower === 0 && !arr(spec.metrics).some((m) => isObj(m) && (m.type === 'Object' || m.type === 'External'))
    && !(ctx.apiVersion === 'autoscaling/v1' && isObj(ctx.obj.metadata?.annotations) && 'autoscaling.alpha.kubernetes.io/metrics' in ctx.obj.metadata.annotations)) {
    r('spec.metrics', field.forbidden('must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (typeof max === 'number' && max < 1) r('spec.maxReplicas', field.invalid(max, 'must be greater than 0'));
  if (typeof max === 'number' && typeof min === 'number' && min >= 1 && max < min) r('spec.maxReplicas', field.invalid(max, 'must be greater than or equal to `minReplicas`'));
  checkCrossVersionRef(r, spec.scaleTargetRef, 'spec.scaleTargetRef', ctx.minor, isObj(spec.scaleTargetRef) && spec.scaleTargetRef.kind === 'ReplicationController');
  const pct = spec.targetCPUUtilizationPercentage;
  if (typeof pct === 'number' && pct < 1) r('spec.targetCPUUtilizationPercentage', field.invalid(pct, 'must be greater than 0'));
  if (ctx.apiVersion === 'autoscaling/v2') checkHpaV2(ctx, spec);
}
