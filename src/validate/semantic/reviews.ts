/**
 * API-server semantics of the review kinds, which are questions put to the API server and never
 * stored (pkg/apis/authorization/validation; the authentication reviews have none): a
 * SubjectAccessReview or SelfSubjectAccessReview carries no metadata at all, a
 * LocalSubjectAccessReview only its namespace (the one its resourceAttributes name), and each asks
 * about exactly one of resourceAttributes and nonResourceAttributes, for a user or a group. The
 * metadata of a TokenReview, SelfSubjectReview or SelfSubjectRulesReview is not checked at all; a
 * TokenReview needs its token (its REST handler answers 400 without one).
 */
import { Ctx, isObj } from '../context';
import { field } from '../field';
import { RuleMeta } from '../types';

export const reviewRules: RuleMeta[] = [{
  id: 'review.invalid', severity: 'error', layer: 'semantic', handbook: ['H30'],
  summary: 'an access review carries no metadata and asks one question, for a user or a group',
  rationale: 'SubjectAccessReview, SelfSubjectAccessReview and LocalSubjectAccessReview are answered, never stored: the API server refuses one with any metadata (a LocalSubjectAccessReview keeps its namespace, which must be the one in spec.resourceAttributes), one with both or neither of resourceAttributes and nonResourceAttributes, and a (Local)SubjectAccessReview without a user or a group. A TokenReview without spec.token is refused too.',
  fix: 'remove metadata (keep only namespace on a LocalSubjectAccessReview), and give exactly one of spec.resourceAttributes and spec.nonResourceAttributes, and spec.user or spec.groups; give a TokenReview its spec.token',
}];

/** Kinds whose metadata the API server does not validate (their REST handlers never look at it). */
export const UNCHECKED_METADATA = new Set(['TokenReview', 'SelfSubjectReview', 'SelfSubjectRulesReview']);

/** Access review kinds → the metadata fields they may carry (managedFields, which the server itself writes, aside). */
export const ACCESS_REVIEWS: Record<string, readonly string[]> = {
  SubjectAccessReview: [],
  SelfSubjectAccessReview: [],
  LocalSubjectAccessReview: ['namespace'],
};

/** Whether a value is Go's zero value once decoded (empty and nil maps and slices are equal to apimachinery's Semantic.DeepEqual). */
function isZero(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObj(v) && Object.keys(v).length === 0;
}

export function checkReview(ctx: Ctx): void {
  // a TokenReview asks about a token: without one the API server answers 400 (its REST create)
  if (ctx.kind === 'TokenReview') {
    const token = isObj(ctx.obj.spec) ? ctx.obj.spec.token : undefined;
    if (typeof token !== 'string' || token === '') ctx.report('review.invalid', 'spec.token', field.required('token is required for TokenReview in authentication'));
    return;
  }
  const allowed = ACCESS_REVIEWS[ctx.kind];
  if (!allowed) return;
  const o = ctx.obj;
  const r = (path: string, message: string) => ctx.report('review.invalid', path, message);
  const meta = isObj(o.metadata) ? o.metadata : {};
  if (Object.keys(meta).some((k) => k !== 'managedFields' && !allowed.includes(k) && !isZero(meta[k]))) {
    r('metadata', field.invalid(meta, allowed.length ? 'must be empty except for namespace' : 'must be empty'));
  }
  const spec = isObj(o.spec) ? o.spec : {};
  const res = spec.resourceAttributes;
  const nonRes = spec.nonResourceAttributes;
  if (res != null && nonRes != null) r('spec.nonResourceAttributes', field.invalid(nonRes, 'cannot be specified in combination with resourceAttributes'));
  if (res == null && nonRes == null) r('spec.resourceAttributes', field.invalid(null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  if (ctx.kind !== 'SelfSubjectAccessReview') {
    const groups = Array.isArray(spec.groups) ? spec.groups : [];
    if ((typeof spec.user !== 'string' || spec.user === '') && groups.length === 0) r('spec.user', field.invalid(spec.user ?? '', 'at least one of user or group must be specified'));
  }
  if (ctx.kind === 'LocalSubjectAccessReview') {
    const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
    if (isObj(res) && (typeof res.namespace === 'string' ? res.namespace : '') !== ns) r('spec.resourceAttributes.namespace', field.invalid(res.namespace ?? '', 'must match metadata.namespace'));
    if (nonRes != null) r('spec.nonResourceAttributes', field.invalid(nonRes, 'disallowed on this kind of request'));
  }
}
