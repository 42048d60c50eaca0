/**
 * An autoscaling/v2 HorizontalPodAutoscaler's metrics and scaling behavior, as
 * pkg/apis/autoscaling/validation checks them after defaulting (validateMetricSpec and the source
 * validators, validateMetricTarget, validateScalingRules, validateScalingPolicy). The defaulting
 * first: an empty metrics list is the CPU default; a scaling rule left out, or its policies left
 * out, take the defaults (an explicitly empty policies list does not). Reported as hpa.invalid, or
 * fields.not-supported for an unknown type.
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { dns1123Label } from '../names';
import { quantityOf } from './quantities';
import { pathSegmentName } from './rbac';

const SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELDS: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };
/** The order validateMetricSpec looks at the sources in (the first one present is validated). */
const SOURCE_ORDER = ['object', 'external', 'pods', 'resource', 'containerResource'];
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

type Report = (rule: string, path: string, message: string) => void;

export function checkHpaV2(ctx: Ctx, spec: any): void {
  const report: Report = (rule, p, m) => ctx.report(rule, p, m);
  arr(spec.metrics).forEach((m, i) => { if (isObj(m)) checkMetric(report, m, `spec.metrics[${i}]`, ctx.minor); });
  const behavior = spec.behavior;
  if (isObj(behavior)) {
    for (const d of ['scaleUp', 'scaleDown']) if (isObj(behavior[d])) checkScalingRules(report, behavior[d], `spec.behavior.${d}`);
  }
}

function checkMetric(report: Report, m: any, at: string, minor: number): void {
  const r = (p: string, msg: string) => report('hpa.invalid', p, msg);
  const type = m.type ?? '';
  if (type === '') r(`${at}.type`, field.required('must specify a metric source type'));
  if (typeof type === 'string' && !SOURCE_TYPES.includes(type)) report('fields.not-supported', `${at}.type`, field.notSupported(type, SOURCE_TYPES));
  const present = SOURCE_ORDER.filter((f) => isObj(m[f]));
  if (present.length > 0) {
    const first = present[0];
    const src = m[first];
    const p = `${at}.${first}`;
    if (first === 'object') checkObjectSource(r, src, p, minor);
    else if (first === 'external') checkExternalSource(r, src, p);
    else if (first === 'pods') checkPodsSource(r, src, p);
    else if (first === 'resource') checkResourceSource(r, src, p, false);
    else checkResourceSource(r, src, p, true);
  }
  const expected = typeof type === 'string' ? SOURCE_FIELDS[type] : undefined;
  if (expected !== undefined && !isObj(m[expected])) r(`${at}.${expected}`, field.required('must populate information for the given metric source'));
  if (typeof type === 'string' && expected === undefined) report('fields.not-supported', `${at}.type`, field.notSupported(type, SOURCE_TYPES));
  if (present.length > 1) {
    for (const f of present) if (f !== expected) r(`${at}.${f}`, field.forbidden('must populate the given metric source only'));
  }
}

type R = (p: string, m: string) => void;

function checkIdentifier(r: R, metric: any, p: string): void {
  const name = isObj(metric) ? metric.name : undefined;
  if (typeof name !== 'string' || name === '') r(`${p}.name`, field.required('must specify a metric name'));
  else for (const m of pathSegmentName(name)) r(`${p}.name`, field.invalid(name, m));
}

/** validateMetricTarget; returns the target (an empty one when left out). */
function checkTarget(r: R, t: any, p: string): any {
  const target = isObj(t) ? t : {};
  if (target.type === undefined || target.type === '') r(`${p}.type`, field.required('must specify a metric target type'));
  if (target.type !== 'Utilization' && target.type !== 'Value' && target.type !== 'AverageValue') {
    r(`${p}.type`, field.invalid(target.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  }
  for (const f of ['value', 'averageValue']) {
    const q = quantityOf(target[f]);
    if (q && (q.isZero() || q.isNegative())) r(`${p}.${f}`, field.invalid(q.toString(), 'must be positive'));
  }
  const u = target.averageUtilization;
  if (typeof u === 'number' && u < 1) r(`${p}.averageUtilization`, field.invalid(u, 'must be greater than 0'));
  return target;
}

/**
 * ValidateCrossVersionObjectReference: an HPA's scaleTargetRef and an Object metric's describedObject.
 * From 1.34 also its apiVersion (ValidateAPIVersion, schema.ParseGroupVersion): more than one `/` is
 * refused; an empty group (`v1`, or none at all) only where `emptyGroup` allows it — the strategy
 * allows it for a describedObject and for a ReplicationController target, not for other targets.
 */
export function checkCrossVersionRef(r: R, given: unknown, at: string, minor: number, emptyGroup: boolean): void {
  const ref = isObj(given) ? given : {};
  for (const f of ['kind', 'name']) {
    const v = ref[f];
    if (typeof v !== 'string' || v === '') r(`${at}.${f}`, field.required());
    else for (const m of pathSegmentName(v)) r(`${at}.${f}`, field.invalid(v, m));
  }
  if (minor < 34) return;
  const av = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
  const slashes = av.split('/').length - 1;
  if (av !== '/' && slashes > 1) r(`${at}.apiVersion`, field.invalid(av, `unexpected GroupVersion string: ${av}`));
  else if (!emptyGroup && (av === '/' || slashes === 0 || av.startsWith('/'))) r(`${at}.apiVersion`, field.invalid(av, 'apiVersion must specify API group'));
}

function checkObjectSource(r: R, src: any, p: string, minor: number): void {
  checkCrossVersionRef(r, src.describedObject, `${p}.describedObject`, minor, true);
  checkIdentifier(r, src.metric, `${p}.metric`);
  const t = checkTarget(r, src.target, `${p}.target`);
  if (t.value == null && t.averageValue == null) r(`${p}.target.averageValue`, field.required('must set either a target value or averageValue'));
}

function checkExternalSource(r: R, src: any, p: string): void {
  checkIdentifier(r, src.metric, `${p}.metric`);
  const t = checkTarget(r, src.target, `${p}.target`);
  if (t.value == null && t.averageValue == null) r(`${p}.target.averageValue`, field.required('must set either a target value for metric or a per-pod target'));
  if (t.value != null && t.averageValue != null) r(`${p}.target.value`, field.forbidden('may not set both a target value for metric and a per-pod target'));
}

function checkPodsSource(r: R, src: any, p: string): void {
  checkIdentifier(r, src.metric, `${p}.metric`);
  const t = checkTarget(r, src.target, `${p}.target`);
  if (t.averageValue == null) r(`${p}.target.averageValue`, field.required('must specify a positive target averageValue'));
}

function checkResourceSource(r: R, src: any, p: string, container: boolean): void {
  const name = src.name;
  if (typeof name !== 'string' || name === '') r(`${p}.name`, field.required('must specify a resource name'));
  else if (container && !name.includes('/') && !STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
    r(`${p}.name`, field.invalid(name, 'must be a standard resource for containers'));
  }
  if (container) {
    const c = src.container;
    if (typeof c !== 'string' || c === '') r(`${p}.container`, field.required('must specify a container'));
    else for (const m of dns1123Label(c)) r(`${p}.container`, field.invalid(c, m));
  }
  const t = checkTarget(r, src.target, `${p}.target`);
  if (t.averageUtilization == null && t.averageValue == null) r(`${p}.target.averageUtilization`, field.required('must set either a target raw value or a target utilization'));
  if (t.averageUtilization != null && t.averageValue != null) r(`${p}.target.averageValue`, field.forbidden('may not set both a target raw value and a target utilization'));
}

/** validateScalingRules after defaulting: policies left out are the defaults; an explicitly empty list is refused. */
function checkScalingRules(report: Report, rules: any, p: string): void {
  const r = (at: string, m: string) => report('hpa.invalid', at, m);
  const w = rules.stabilizationWindowSeconds;
  if (typeof w === 'number' && w < 0) r(`${p}.stabilizationWindowSeconds`, field.invalid(w, 'must be greater than or equal to zero'));
  if (typeof w === 'number' && w > MAX_STABILIZATION_WINDOW_SECONDS) r(`${p}.stabilizationWindowSeconds`, field.invalid(w, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  if (Array.isArray(rules.policies) && rules.policies.length === 0) r(`${p}.policies`, field.required('must specify at least one Policy'));
  arr(rules.policies).forEach((pol, i) => {
    if (!isObj(pol)) return;
    const at = `${p}.policies[${i}]`;
    if (pol.type !== 'Pods' && pol.type !== 'Percent') report('fields.not-supported', `${at}.type`, field.notSupported(pol.type ?? '', ['Percent', 'Pods']));
    const v = typeof pol.value === 'number' ? pol.value : 0;
    if (v <= 0) r(`${at}.value`, field.invalid(v, 'must be greater than zero'));
    const s = typeof pol.periodSeconds === 'number' ? pol.periodSeconds : 0;
    if (s <= 0) r(`${at}.periodSeconds`, field.invalid(s, 'must be greater than zero'));
    if (s > MAX_PERIOD_SECONDS) r(`${at}.periodSeconds`, field.invalid(s, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
}
