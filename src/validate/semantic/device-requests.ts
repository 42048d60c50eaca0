/**
 * Dynamic resource allocation: a ResourceClaim's (or ResourceClaimTemplate's) device requests,
 * constraints and configuration as the API server validates them (pkg/apis/resource/validation:
 * validateDeviceClaim and what it calls).
 *
 * The server validates its internal type after conversion and defaulting, so:
 * - resource.k8s.io/v1 and v1beta2 hold `exactly` or `firstAvailable` in a request; v1beta1 (and
 *   v1alpha3) carry the exact request's fields on the request itself, and any of them set there
 *   (a class, selectors, a mode, a count, adminAccess, tolerations, capacity) makes it an exact
 *   request. The paths here are the manifest's (`requests[0].deviceClassName` in v1beta1, where the
 *   server says `requests[0].exactly.deviceClassName`).
 * - allocationMode "" is ExactCount and count 0 is 1 under ExactCount (in v1beta1 only where the
 *   request names a class); a toleration's operator "" is Equal.
 * - capacity requests are dropped while DRAConsumableCapacity is off (1.34, 1.35) and not validated;
 *   distinctAttribute is kept (the strategy clears a copy) and validated when matchAttribute is not set.
 * CEL selector expressions are compiled by cel-expressions.ts; adminAccess depends on a label of the
 * Namespace (resource.k8s.io/admin-access) that only the cluster knows.
 */
import { arr, Ctx, isObj, str } from '../context';
import { field } from '../field';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from '../names';
import { RuleMeta } from '../types';
import { deviceTaintEffects } from './device-taints';

const RULE = 'resourceclaim.devices-invalid';

export const deviceRequestRules: RuleMeta[] = [{
  id: RULE,
  severity: 'error',
  layer: 'semantic',
  handbook: ['H16'],
  summary: 'a ResourceClaim\'s device requests, constraints and config must be well-formed',
  rationale: 'The API server refuses a ResourceClaim (or ResourceClaimTemplate) whose spec.devices is malformed: each request needs a unique DNS-1123 label as its name and exactly one of `exactly` or `firstAvailable` (unique sub-requests, at most 8), a device class name, a known allocationMode with a positive count (none for All) and tolerations with operator Equal or Exists; constraints need a fully qualified matchAttribute (domain/name) and, like config entries, may only name requests of the claim; opaque config needs a driver name and JSON-object parameters.',
  fix: 'name each request uniquely in lowercase, give it one of `exactly` or `firstAvailable` with a deviceClassName, use allocationMode ExactCount (count ≥ 1) or All (no count), spell matchAttribute as domain/attribute, list only the claim\'s request names in constraints and config, and give opaque config a driver and an object of parameters',
}];

/** pkg/apis/resource: the list limits and lengths validateDeviceClaim enforces. */
const MAX_REQUESTS = 32;
const MAX_CONSTRAINTS = 32;
const MAX_CONFIG = 32;
const MAX_SUBREQUESTS = 8;
const MAX_SELECTORS = 32;
const MAX_CEL_LENGTH = 10 * 1024;
const MAX_PARAMETERS_LENGTH = 10 * 1024;
const MAX_DOMAIN_LENGTH = 63;
const MAX_ID_LENGTH = 32;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const C_IDENTIFIER_MSG = "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_' (e.g. 'my_name', or 'MY_NAME', or 'MyName')";
const REF_MSG = "must be the name of a request in the claim or the name of a request and a subrequest separated by '/'";
const ONE_OF = 'exactly one of `exactly` or `firstAvailable` is required';

type Report = (path: string, message: string) => void;

/** A string field as Go decodes it: absent, null (and a value of another type, which the schema layer refuses) read as "". */
/** A pointer or slice field: set unless absent or null. */
const set = (v: unknown): boolean => v !== undefined && v !== null;
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Request names and, for a request with sub-requests, theirs (gatherRequestNames; a later duplicate wins). */
type RequestNames = Map<string, Set<string> | undefined>;

function hasRequest(names: RequestNames, ref: string): boolean {
  const parts = ref.split('/');
  if (parts.length > 2 || !names.has(parts[0])) return false;
  return parts.length === 1 || names.get(parts[0])?.has(parts[1]) === true;
}

/** validateSet's size and uniqueness: "Too many" at the list, "Duplicate value" at the later item (or its `key` field). */
function setLimits(r: Report, list: any[], max: number, at: string, key: (item: any) => string | undefined, keyField = ''): void {
  if (list.length > max) r(at, field.tooMany(list.length, max));
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    if (seen.has(k)) r(`${at}[${i}]${keyField ? `.${keyField}` : ''}`, field.duplicate(k));
    else seen.add(k);
  });
}

function requestName(r: Report, name: string, at: string): void {
  for (const m of dns1123Label(name)) r(at, field.invalid(name, m));
}

function deviceClass(r: Report, name: string, at: string): void {
  if (name === '') r(at, field.required());
  else for (const m of dns1123Subdomain(name)) r(at, field.invalid(name, m));
}

/** validateSelectorSlice (the expressions' compilation is cel-expressions.ts'). */
function selectors(r: Report, list: unknown, at: string): void {
  const items = arr(list);
  items.forEach((s, i) => {
    const p = `${at}[${i}]`;
    if (!isObj(s) || !set(s.cel)) { r(`${p}.cel`, field.required()); return; }
    if (!isObj(s.cel)) return;
    const expr = str(s.cel.expression);
    if (Buffer.byteLength(expr, 'utf8') > MAX_CEL_LENGTH) r(`${p}.cel.expression`, field.tooLong(MAX_CEL_LENGTH));
  });
  if (items.length > MAX_SELECTORS) r(at, field.tooMany(items.length, MAX_SELECTORS));
}

/** validateDeviceAllocationMode on the defaulted values. */
function allocation(r: Report, mode: string, count: number, at: string): void {
  if (mode === 'All') {
    if (count !== 0) r(`${at}.count`, field.invalid(count, "must not be specified when allocationMode is 'All'"));
  } else if (mode === 'ExactCount') {
    if (count <= 0) r(`${at}.count`, field.invalid(count, 'must be greater than zero'));
  } else r(`${at}.allocationMode`, field.notSupported(mode, ['All', 'ExactCount']));
}

/** validateDeviceToleration, with operator "" defaulted to Equal. */
function toleration(r: Report, t: unknown, at: string, effects: readonly string[]): void {
  if (!isObj(t)) return;
  const key = str(t.key);
  if (key !== '') for (const m of qualifiedName(key)) r(`${at}.key`, field.invalid(key, m));
  const operator = str(t.operator) || 'Equal';
  const value = str(t.value);
  if (operator === 'Exists') {
    if (value !== '') r(`${at}.value`, field.invalid(value, 'must be empty for operator `Exists`'));
  } else if (operator === 'Equal') {
    for (const m of labelValue(value)) r(`${at}.value`, field.invalid(value, m));
  } else r(`${at}.operator`, field.notSupported(operator, ['Equal', 'Exists']));
  const effect = str(t.effect);
  if (effect !== '' && !effects.includes(effect)) r(`${at}.effect`, field.notSupported(effect, effects));
}

/**
 * An exact request (v1 `exactly`, a v1beta1 request) or a sub-request: its class, selectors,
 * allocation and tolerations. `defaults`: whether the defaulter fills allocationMode and count.
 */
function exact(r: Report, q: Record<string, any>, at: string, defaults: boolean, effects: readonly string[]): void {
  deviceClass(r, str(q.deviceClassName), `${at}.deviceClassName`);
  selectors(r, q.selectors, `${at}.selectors`);
  let mode = str(q.allocationMode);
  let count = int(q.count);
  if (defaults) {
    if (mode === '') mode = 'ExactCount';
    if (mode === 'ExactCount' && count === 0) count = 1;
  }
  allocation(r, mode, count, at);
  arr(q.tolerations).forEach((t, i) => toleration(r, t, `${at}.tolerations[${i}]`, effects));
}

/** v1beta1's hasAnyMainRequestFieldsSet: the request itself is an exact request. */
function flatExact(q: Record<string, any>): boolean {
  return str(q.deviceClassName) !== '' || set(q.selectors) || str(q.allocationMode) !== '' || int(q.count) !== 0
    || set(q.adminAccess) || set(q.tolerations) || set(q.capacity);
}

function request(r: Report, item: unknown, at: string, flat: boolean, effects: readonly string[]): void {
  const q = isObj(item) ? item : {};
  requestName(r, str(q.name), `${at}.name`);
  let kinds = 0;
  const subs = arr(q.firstAvailable);
  if (subs.length > 0) {
    kinds++;
    subs.forEach((s, j) => {
      const p = `${at}.firstAvailable[${j}]`;
      const sub = isObj(s) ? s : {};
      requestName(r, str(sub.name), `${p}.name`);
      exact(r, sub, p, true, effects);
    });
    setLimits(r, subs, MAX_SUBREQUESTS, `${at}.firstAvailable`, (s) => str(isObj(s) ? s.name : undefined), 'name');
  }
  if (flat ? flatExact(q) : set(q.exactly)) {
    kinds++;
    if (flat) exact(r, q, at, str(q.deviceClassName) !== '', effects);
    else exact(r, isObj(q.exactly) ? q.exactly : {}, `${at}.exactly`, true, effects);
  }
  if (kinds === 0) r(at, field.required(ONE_OF));
  else if (kinds > 1) r(at, field.invalid(null, `${ONE_OF}, but multiple fields are set`));
}

/** validateRequestNameRef: `request` or `request/subrequest` of this claim. */
function requestRefs(r: Report, list: unknown, at: string, names: RequestNames): void {
  const refs = arr(list);
  refs.forEach((v, i) => {
    const ref = str(v);
    const p = `${at}[${i}]`;
    const parts = ref.split('/');
    if (parts.length > 2) { r(p, field.invalid(ref, REF_MSG)); return; }
    for (const part of parts) requestName(r, part, p);
    if (!hasRequest(names, ref)) r(p, field.invalid(ref, REF_MSG));
  });
  setLimits(r, refs, MAX_REQUESTS, at, (v) => str(v));
}

function cIdentifier(r: Report, id: string, at: string): void {
  if (id.length > MAX_ID_LENGTH) r(at, field.tooLong(MAX_ID_LENGTH));
  if (!C_IDENTIFIER.test(id)) r(at, field.invalid(id, C_IDENTIFIER_MSG));
}

/** A driver name (ValidateCSIDriverName): a DNS subdomain of at most 63 characters, upper case allowed. */
function driverName(r: Report, name: string, at: string): void {
  if (name === '') r(at, field.required());
  if (name.length > MAX_DOMAIN_LENGTH) r(at, field.tooLong(MAX_DOMAIN_LENGTH));
  for (const m of dns1123Subdomain(name.toLowerCase())) r(at, field.invalid(name, m));
}

/** validateFullyQualifiedName: `domain/identifier` (three or more segments pass, as upstream's switch has no case for them). */
function fullyQualifiedName(r: Report, name: string, at: string): void {
  if (name === '') { r(at, field.required('name required')); return; }
  const parts = name.split('/');
  if (parts.length === 1) {
    cIdentifier(r, parts[0], at);
    r(at, field.invalid(name, 'must include a domain'));
  } else if (parts.length === 2) {
    if (parts[0] === '') r(at, field.required('the domain must not be empty'));
    else driverName(r, parts[0], at);
    if (parts[1] === '') r(at, field.required('the name must not be empty'));
    else cIdentifier(r, parts[1], at);
  }
}

/**
 * From 1.37 the declarative validation (k8s-resource-fully-qualified-name, beta) checks each attribute set, and the
 * domain without lower-casing it: what the handwritten check above does not say.
 */
function declaredAttribute(r: Report, name: string, at: string, checked: boolean): void {
  if (!checked) { fullyQualifiedName(r, name, at); return; }
  const parts = name.split('/');
  if (parts.length === 2 && parts[0] !== '' && dns1123Subdomain(parts[0].toLowerCase()).length === 0) {
    for (const m of dns1123Subdomain(parts[0])) r(at, field.invalid(parts[0], `prefix: ${m}`));
  }
}

function constraint(r: Report, c: unknown, at: string, names: RequestNames, minor: number): void {
  const k = isObj(c) ? c : {};
  requestRefs(r, k.requests, `${at}.requests`, names);
  if (minor >= 37) {
    for (const [f, checked] of [['matchAttribute', true], ['distinctAttribute', !set(k.matchAttribute)]] as const) {
      if (set(k[f])) declaredAttribute(r, str(k[f]), `${at}.${f}`, checked);
    }
  }
  if (set(k.matchAttribute)) fullyQualifiedName(r, str(k.matchAttribute), `${at}.matchAttribute`);
  else if (set(k.distinctAttribute)) fullyQualifiedName(r, str(k.distinctAttribute), `${at}.distinctAttribute`);
  // DRAConsumableCapacity is on by default from 1.36
  else if (minor >= 36) r(at, field.required('exactly one of "matchAttribute" or "distinctAttribute" is required, but multiple fields are set'));
  else r(`${at}.matchAttribute`, field.required());
}

/** An opaque configuration's parameters (validateRawExtension): a JSON object of at most 10 KiB. */
function parameters(r: Report, v: unknown, at: string): void {
  if (!set(v)) { r(at, field.required()); return; }
  if (Buffer.byteLength(JSON.stringify(v), 'utf8') > MAX_PARAMETERS_LENGTH) r(at, field.tooLong(MAX_PARAMETERS_LENGTH));
  else if (!isObj(v)) r(at, field.invalid('<value omitted>', 'must be a valid JSON object'));
}

function config(r: Report, c: unknown, at: string, names: RequestNames): void {
  const k = isObj(c) ? c : {};
  requestRefs(r, k.requests, `${at}.requests`, names);
  if (!isObj(k.opaque)) { r(`${at}.opaque`, field.required()); return; }
  driverName(r, str(k.opaque.driver), `${at}.opaque.driver`);
  parameters(r, k.opaque.parameters, `${at}.opaque.parameters`);
}

/** validateDeviceClaim: spec.devices of a claim (`at` is its spec's path). */
function deviceClaim(r: Report, devices: Record<string, any>, at: string, flat: boolean, minor: number): void {
  const requests = arr(devices.requests);
  const names: RequestNames = new Map();
  for (const q of requests) {
    const subs = arr(isObj(q) ? q.firstAvailable : undefined);
    names.set(str(isObj(q) ? q.name : undefined), subs.length ? new Set(subs.map((s) => str(isObj(s) ? s.name : undefined))) : undefined);
  }
  const effects = deviceTaintEffects(minor);
  requests.forEach((q, i) => request(r, q, `${at}.requests[${i}]`, flat, effects));
  setLimits(r, requests, MAX_REQUESTS, `${at}.requests`, (q) => str(isObj(q) ? q.name : undefined), 'name');
  const constraints = arr(devices.constraints);
  constraints.forEach((c, i) => constraint(r, c, `${at}.constraints[${i}]`, names, minor));
  if (constraints.length > MAX_CONSTRAINTS) r(`${at}.constraints`, field.tooMany(constraints.length, MAX_CONSTRAINTS));
  const configs = arr(devices.config);
  configs.forEach((c, i) => config(r, c, `${at}.config[${i}]`, names));
  if (configs.length > MAX_CONFIG) r(`${at}.config`, field.tooMany(configs.length, MAX_CONFIG));
}

export function checkDeviceRequests(ctx: Ctx): void {
  const { obj, kind } = ctx;
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('resource.k8s.io/')) return;
  const version = obj.apiVersion.slice('resource.k8s.io/'.length);
  const flat = version === 'v1beta1' || version === 'v1alpha3';
  const spec = kind === 'ResourceClaimTemplate' ? (isObj(obj.spec) ? obj.spec.spec : undefined) : obj.spec;
  const at = kind === 'ResourceClaimTemplate' ? 'spec.spec' : 'spec';
  if (!isObj(spec) || !isObj(spec.devices)) return;
  deviceClaim((p, m) => ctx.report(RULE, p, m), spec.devices, `${at}.devices`, flat, ctx.minor);
}
