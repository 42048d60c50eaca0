/**
 * API-server semantics of LimitRanges and ResourceQuotas (pkg/apis/core/validation's
 * ValidateLimitRange and ValidateResourceQuotaSpec, with the resource-name helpers of
 * pkg/apis/core/helper): resource names a limit or quota may name, limit types, min ≤ default
 * ≤ max, quota scopes and scope selectors, whole numbers for counted resources.
 */
import { Quantity } from '../../quantity';
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { qualifiedName } from '../names';
import { key } from '../path';
import { RuleMeta } from '../types';
import { quantityOf } from './quantities';

const S = (id: string, summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook: ['H16', 'H30'], summary, rationale, fix });

export const quotaRules: RuleMeta[] = [
  S('limitrange.invalid', 'a LimitRange names standard limit types and resources, with min ≤ defaultRequest ≤ default ≤ max',
    'The API server refuses a LimitRange item of a type other than Pod, Container or PersistentVolumeClaim (or a fully qualified one), a type listed twice, a resource a container cannot request, defaults on a Pod item, a PersistentVolumeClaim item without a storage min or max, bounds out of order, or a maxLimitRequestRatio below 1 or above max/min.',
    'fix the item as the message says: the bounds in order, the resource names a container requests'),
  S('resourcequota.invalid', 'a ResourceQuota names resources and scopes the API server knows, with whole counts',
    'The API server refuses a quota on a resource it does not know (unqualified names other than the standard ones), a negative or fractional count (pods, services, count/…, extended resources), an unknown scope, a scope that does not apply to a resource of the quota (BestEffort limits only pods), conflicting scopes, and a scope selector whose operator and values disagree.',
    'use the standard resource and scope names, whole numbers for counts, and operator Exists without values for the Terminating and BestEffort scopes'),
];

const STANDARD_LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const QUOTA_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers']);
const STANDARD_RESOURCES = new Set([...QUOTA_RESOURCES, 'storage']);
const INTEGER_RESOURCES = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers']);
const SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'VolumeAttributesClass', 'CrossNamespacePodAffinity']);
const POD_COUNT = new Set(['pods']);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);
const CONFLICTING = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];
/** Scopes a selector may only match with operator Exists. */
const EXISTS_ONLY = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);

const isHugePages = (n: string) => n.startsWith('hugepages-');
const isQuotaHugePages = (n: string) => n.startsWith('hugepages-') || n.startsWith('requests.hugepages-');
const isNative = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
const isExtended = (n: string) => !isNative(n) && !n.startsWith('requests.') && qualifiedName(`requests.${n}`).length === 0;

/** validateResourceName: a qualified name; an unqualified one must be a standard resource. */
function resourceName(n: string): string[] {
  const errs = qualifiedName(n);
  if (errs.length) return errs;
  if (!n.includes('/') && !STANDARD_RESOURCES.has(n) && !isQuotaHugePages(n)) return ['must be a standard resource type or fully qualified'];
  return [];
}

/** ValidateContainerResourceName: a resource a container can request. */
function containerResourceName(n: string): string[] {
  const errs = resourceName(n);
  if (!n.includes('/')) {
    if (!CONTAINER_RESOURCES.has(n) && !isHugePages(n)) return [...errs, 'must be a standard resource for containers'];
  } else if (!isNative(n) && !isExtended(n)) {
    return [...errs, "doesn't follow extended resource name standard"];
  }
  return errs;
}

/** IsResourceQuotaScopeValidForResource. */
function scopeFits(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating': case 'NotTerminating': case 'NotBestEffort': case 'PriorityClass': case 'CrossNamespacePodAffinity':
      return POD_COUNT.has(resource) || POD_COMPUTE.has(resource);
    case 'BestEffort': return POD_COUNT.has(resource);
    case 'VolumeAttributesClass': return resource === 'persistentvolumeclaims' || resource === 'requests.storage';
    default: return true;
  }
}

const ONE = Quantity.parse('1');
const MAX_MILLI = (2n ** 63n - 1n) / 1000n;

function checkLimitItem(ctx: Ctx, item: any, at: string, seen: Set<string>): void {
  const r = (path: string, message: string) => ctx.report('limitrange.invalid', path, message);
  const type = typeof item.type === 'string' ? item.type : '';
  const typeErrs = qualifiedName(type);
  for (const m of typeErrs) r(`${at}.type`, field.invalid(type, m));
  if (!typeErrs.length && !type.includes('/') && !STANDARD_LIMIT_TYPES.has(type)) r(`${at}.type`, field.invalid(type, 'must be a standard limit type or fully qualified'));
  if (seen.has(type)) r(`${at}.type`, field.duplicate(type));
  seen.add(type);
  const names = type === 'Pod' || type === 'Container' ? containerResourceName : resourceName;
  const lists: Record<string, Map<string, Quantity>> = {};
  const read = (f: string) => {
    const out = new Map<string, Quantity>();
    if (isObj(item[f])) {
      for (const [k, v] of Object.entries(item[f])) {
        for (const m of names(k)) r(key(`${at}.${f}`, k), field.invalid(k, m));
        const q = quantityOf(v);
        if (q) out.set(k, q);
      }
    }
    lists[f] = out;
  };
  read('max');
  read('min');
  if (type === 'Pod') {
    for (const f of ['default', 'defaultRequest']) if (isObj(item[f]) && Object.keys(item[f]).length > 0) r(`${at}.${f}`, field.forbidden("may not be specified when `type` is 'Pod'"));
    lists.default = new Map();
    lists.defaultRequest = new Map();
  } else {
    read('default');
    read('defaultRequest');
  }
  if (type === 'PersistentVolumeClaim' && !(isObj(item.min) && 'storage' in item.min) && !(isObj(item.max) && 'storage' in item.max)) {
    r(`${at}.limits`, field.required('either minimum or maximum storage value is required, but neither was provided'));
  }
  read('maxLimitRequestRatio');
  const { max, min, default: def, defaultRequest: req, maxLimitRequestRatio: ratio } = lists;
  const keys = new Set([...max.keys(), ...min.keys(), ...def.keys(), ...req.keys(), ...ratio.keys()]);
  const gt = (a: Quantity | undefined, b: Quantity | undefined) => a !== undefined && b !== undefined && a.compare(b) > 0;
  for (const k of keys) {
    const [mn, mx, d, dr, rt] = [min.get(k), max.get(k), def.get(k), req.get(k), ratio.get(k)];
    if (gt(mn, mx)) r(key(`${at}.min`, k), field.invalid(mn!.toString(), `min value ${mn} is greater than max value ${mx}`));
    if (gt(mn, dr)) r(key(`${at}.defaultRequest`, k), field.invalid(dr!.toString(), `min value ${mn} is greater than default request value ${dr}`));
    if (gt(dr, mx)) r(key(`${at}.defaultRequest`, k), field.invalid(dr!.toString(), `default request value ${dr} is greater than max value ${mx}`));
    if (gt(dr, d)) r(key(`${at}.defaultRequest`, k), field.invalid(dr!.toString(), `default request value ${dr} is greater than default limit value ${d}`));
    if (gt(mn, d)) r(key(`${at}.default`, k), field.invalid(mn!.toString(), `min value ${mn} is greater than default value ${d}`));
    if (gt(d, mx)) r(key(`${at}.default`, k), field.invalid(mx!.toString(), `default value ${d} is greater than max value ${mx}`));
    if (rt && rt.compare(ONE) < 0) r(key(`${at}.maxLimitRequestRatio`, k), field.invalid(rt.toString(), `ratio ${rt} is less than 1`));
    if (rt && mn && mx) {
      // the server's arithmetic: millis while every value fits, whole units otherwise, as float64
      const fits = rt.value() < MAX_MILLI && mn.value() < MAX_MILLI && mx.value() < MAX_MILLI;
      const ratioValue = fits ? Number(rt.milliValue()) / 1000 : Number(rt.value());
      const limit = fits ? Number(mx.milliValue()) / Number(mn.milliValue()) : Number(mx.value()) / Number(mn.value());
      if (ratioValue > limit) r(key(`${at}.maxLimitRequestRatio`, k), field.invalid(rt.toString(), `ratio ${rt} is greater than max/min = ${limit.toFixed(6)}`));
    }
    // resources that cannot be overcommitted (hugepages, extended resources): default and defaultRequest agree
    const overcommit = isNative(k) && !isHugePages(k);
    if (!overcommit && d && dr && d.compare(dr) !== 0) r(key(`${at}.defaultRequest`, k), field.invalid(dr.toString(), `default value ${d} must equal to defaultRequest value ${dr} in ${k}`));
  }
}

export function checkLimitRange(ctx: Ctx): void {
  const seen = new Set<string>();
  arr(ctx.obj.spec?.limits).forEach((item, i) => { if (isObj(item)) checkLimitItem(ctx, item, `spec.limits[${i}]`, seen); });
}

export function checkResourceQuota(ctx: Ctx): void {
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  const r = (path: string, message: string) => ctx.report('resourcequota.invalid', path, message);
  const hard = isObj(spec.hard) ? spec.hard : {};
  for (const [k, v] of Object.entries(hard)) {
    const p = key('spec.hard', k);
    for (const m of resourceName(k)) r(p, field.invalid(k, m));
    if (!k.includes('/') && !QUOTA_RESOURCES.has(k) && !isQuotaHugePages(k)) r(p, field.invalid(k, 'must be a standard resource for quota'));
    const q = quantityOf(v);
    if (!q) continue;
    if (q.isNegative()) r(p, field.invalid(q.toString(), 'must be greater than or equal to 0'));
    if ((INTEGER_RESOURCES.has(k) || isExtended(k)) && q.milliValue() % 1000n !== 0n) r(p, field.invalid(q.toString(), 'must be an integer'));
  }
  const standardHard = Object.keys(hard).filter((k) => QUOTA_RESOURCES.has(k) || isQuotaHugePages(k)).sort();
  const conflicts = (scopes: Set<string>, path: string, value: unknown) => {
    for (const [a, b] of CONFLICTING) if (scopes.has(a) && scopes.has(b)) r(path, field.invalid(value, 'conflicting scopes'));
  };
  const scopes = arr(spec.scopes).filter((s): s is string => typeof s === 'string');
  if (scopes.length) {
    for (const s of scopes) {
      if (!SCOPES.has(s)) r('spec.scopes', field.invalid(scopes, 'unsupported scope'));
      for (const k of standardHard) if (!scopeFits(s, k)) r('spec.scopes', field.invalid(scopes, 'unsupported scope applied to resource'));
    }
    conflicts(new Set(scopes), 'spec.scopes', scopes);
  }
  if (!isObj(spec.scopeSelector)) return;
  const at = 'spec.scopeSelector.matchExpressions';
  const selected = new Set<string>();
  arr(spec.scopeSelector.matchExpressions).forEach((req) => {
    if (!isObj(req)) return;
    const name = typeof req.scopeName === 'string' ? req.scopeName : '';
    const op = typeof req.operator === 'string' ? req.operator : '';
    const values = arr(req.values);
    if (!SCOPES.has(name)) r(`${at}.scopeName`, field.invalid(name, 'unsupported scope'));
    for (const k of standardHard) if (!scopeFits(name, k)) r(at, field.invalid(spec.scopeSelector, 'unsupported scope applied to resource'));
    if (EXISTS_ONLY.has(name) && op !== 'Exists') {
      r(`${at}.operator`, field.invalid(op, 'must be \'Exists\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity'));
    }
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) r(`${at}.values`, field.required('must be at least one value when `operator` is \'In\' or \'NotIn\' for scope selector'));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length !== 0) r(`${at}.values`, field.invalid(values, 'must be no value when `operator` is \'Exist\' or \'DoesNotExist\' for scope selector'));
    } else {
      r(`${at}.operator`, field.invalid(op, 'not a valid selector operator'));
    }
    selected.add(name);
  });
  conflicts(selected, at, spec.scopes ?? null);
}
