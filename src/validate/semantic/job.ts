/**
 * A Job's spec (also a CronJob's jobTemplate) as ValidateJobSpec checks it: counts and durations
 * not negative, the per-index backoff and the failed-index limit and a success policy only in
 * Indexed mode (maxFailedIndexes with backoffLimitPerIndex, at most completions), a selector with
 * manualSelector, Indexed with completions, then the Pod failure policy
 * (job-failure-policy.ts).
 */
import { arr, Ctx, isInt, isObj } from '../context';
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
  if (spec.completionMode === 'Indexed' && isObj(spec.successPolicy)) checkSuccessPolicy(ctx, spec, `${path}.successPolicy`);
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

const MAX_SUCCESS_RULES = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;

/** validateSuccessPolicy and validateSuccessPolicyRule (completions defaulted to 1 where left out). */
function checkSuccessPolicy(ctx: Ctx, spec: any, at: string): void {
  const r = (p: string, m: string) => ctx.report('job.spec-invalid', p, m);
  const completions = isInt(spec.completions) ? spec.completions : 1;
  const rules = arr(spec.successPolicy.rules);
  if (rules.length === 0) r(`${at}.rules`, field.required('at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_RULES) r(`${at}.rules`, field.tooMany(rules.length, MAX_SUCCESS_RULES));
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const rp = `${at}.rules[${i}]`;
    const count = rule.succeededCount;
    const indexes = rule.succeededIndexes;
    if (count == null && indexes == null) r(rp, field.required('at least one of succeededCount or succeededIndexes must be specified'));
    let total = 0;
    if (typeof indexes === 'string') {
      if (indexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) r(`${rp}.succeededIndexes`, field.tooLong(MAX_SUCCEEDED_INDEXES_LENGTH));
      const parsed = indexesFormat(indexes, completions);
      if (typeof parsed === 'string') r(`${rp}.succeededIndexes`, field.invalid(indexes, `error parsing succeededIndexes: ${parsed}`));
      else total = parsed;
    }
    if (isInt(count)) {
      if (count < 0) r(`${rp}.succeededCount`, field.invalid(count, 'must be greater than or equal to 0'));
      if (count > completions) r(`${rp}.succeededCount`, field.invalid(count, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (indexes != null && count > total) r(`${rp}.succeededCount`, field.invalid(count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
    }
  });
}

/** Go's strconv.Atoi as a number (an optional sign, decimal digits), or undefined. */
const atoi = (s: string): number | undefined => (/^[+-]?[0-9]+$/.test(s) ? Number(s) : undefined);

/** validateIndexesFormat: intervals `x` or `x-y`, increasing, below completions; their size, or the error's words. */
function indexesFormat(text: string, completions: number): number | string {
  if (text === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`;
    const x = atoi(limits[0]);
    if (x === undefined) return `cannot convert string to integer for index: ${JSON.stringify(limits[0])}`;
    if (x >= completions) return `too large index: ${JSON.stringify(limits[0])}`;
    let y = x;
    if (limits.length > 1) {
      const b = atoi(limits[1]);
      if (b === undefined) return `cannot convert string to integer for index: ${JSON.stringify(limits[1])}`;
      if (b >= completions) return `too large index: ${JSON.stringify(limits[1])}`;
      if (x >= b) return `non-increasing order, previous: ${x}, current: ${b}`;
      y = b;
    }
    if (last !== undefined && last >= x) return `non-increasing order, previous: ${last}, current: ${x}`;
    total += y - x + 1;
    last = y;
  }
  return total;
}
