/**
 * A Job's spec (also a CronJob's jobTemplate) as ValidateJobSpec checks it: counts and durations
 * not negative, the per-index backoff and the failed-index limit and a success policy only in
 * Indexed mode (maxFailedIndexes with backoffLimitPerIndex, at most completions), a selector with
 * manualSelector, Indexed with completions, then the Pod failure policy
 * (job-failure-policy.ts).
 */
import { Ctx, isInt } from '../context';
import { field } from '../field';
import { checkPodFailurePolicy } from './job-failure-policy';

export function checkJobSpec(ctx: Ctx, spec: any, path: string): void {
  const r = ctx.report;
  // (a Job's activeDeadlineSeconds may be 0, unlike a Pod's)
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    if (isInt(spec[f]) && spec[f] < 0) r('job.spec-invalid', `${path}.${f}`, field.invalid(spec[f], 'must be greater than or equal to 0'));
  }
  if (spec.maxFailedIndexes != null && spec.backoffLimitPerIndex == null) r('job.spec-invalid', `${path}.backoffLimitPerIndex`, field.required('when maxFailedIndexes is specified'));
  if (spec.completionMode === 'Indexed') {
    if (isInt(spec.completions) && isInt(spec.maxFailedIndexes) && spec.maxFailedIndexes > spec.completions) {
      r('job.spec-invalid', `${path}.maxFailedIndexes`, field.invalid(spec.maxFailedIndexes, 'must be less than or equal to completions'));
    }
  } else {
    for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes']) if (spec[f] != null) r('job.spec-invalid', `${path}.${f}`, field.invalid(spec[f], 'requires indexed completion mode'));
    if (spec.successPolicy != null) r('job.spec-invalid', `${path}.successPolicy`, field.invalid(spec.successPolicy, 'requires indexed completion mode'));
  }
  // a selector of one's own (manualSelector) is required: the API server generates none then
  if (spec.manualSelector === true && spec.selector == null) r('job.spec-invalid', `${path}.selector`, field.required());
  const modes = ['NonIndexed', 'Indexed'];
  if (spec.completionMode !== undefined && !modes.includes(spec.completionMode)) r('fields.not-supported', `${path}.completionMode`, field.notSupported(spec.completionMode, modes));
  // Without parallelism either, the API server defaults both to 1: only a set parallelism leaves completions unset.
  if (spec.completionMode === 'Indexed' && spec.completions == null && spec.parallelism != null) {
    r('job.spec-invalid', `${path}.completions`, field.required('when completion mode is Indexed'));
  }
  checkPodFailurePolicy(ctx, spec, path);
}
