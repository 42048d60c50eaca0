/**
 * API priority and fairness (flowcontrol.apiserver.k8s.io): FlowSchema and
 * PriorityLevelConfiguration as the API server validates them
 * (pkg/apis/flowcontrol/validation), on the object its defaulting has filled in first
 * (pkg/apis/flowcontrol/v1 and v1beta3 defaults.go):
 *
 * - a FlowSchema's matchingPrecedence is 1-10000 (0 or left out is 1000), and 1 only for the
 *   schema named `exempt`; its distinguisher is ByNamespace or ByUser; it names a priority level
 *   (a DNS subdomain); each rule has subjects and resource or non-resource rules, each subject is
 *   a User, Group or ServiceAccount with its name (a service account's namespace a DNS label, its
 *   name a DNS subdomain or `*`), verbs are the nine request verbs or `*` alone, API groups,
 *   resources and namespaces hold `*` alone if at all, namespaces are DNS labels and
 *   non-resource URLs absolute paths with at most a trailing `/*`;
 * - a PriorityLevelConfiguration is Exempt (only the one named `exempt`, which no other is) or
 *   Limited with `limited`: shares and percentages in range, a limitResponse of Reject, or of
 *   Queue with queuing (0 is the default of each number; a hand no larger than the queues, and a
 *   hand and deck within 60 bits of hash);
 * - the mandatory objects (`exempt` and `catch-all` of each kind) must equal the built-in ones,
 *   except the exempt level's `exempt` settings.
 *
 * v1beta3 defaults a limited level's nominalConcurrencyShares of 0 to 30 unless the object keeps
 * the annotation that preserves a zero (from 1.29; the conversion drops it, v1 refuses it); v1
 * defaults a left-out value to 30 and keeps a 0, which 1.29 refuses (zero shares are allowed from
 * 1.30). v1beta1 and v1beta2 (up to 1.28) name the field assuredConcurrencyShares and default a 0
 * to 30. 1.34 serves v1 only (v1beta3 up to 1.31). Status is cleared on create, so not checked.
 */
import { arr, Ctx, isInt, isObj, str } from '../context';
import { field } from '../field';
import { dns1123Label, dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';

const RULE = 'flowcontrol.invalid';

export const flowControlRules: RuleMeta[] = [{
  id: RULE, severity: 'error', layer: 'semantic', handbook: ['H30'],
  summary: 'a FlowSchema or PriorityLevelConfiguration must be one the API server accepts',
  rationale: 'The API server refuses a FlowSchema whose matchingPrecedence is outside 1-10000 (1 is reserved for the schema named exempt), whose distinguisher is not ByNamespace or ByUser, that names no priority level or one that is not a DNS subdomain, or whose rules lack subjects, resource or non-resource rules, known subject kinds with their names, known verbs, or valid namespaces and URLs; and a PriorityLevelConfiguration whose type is not Exempt (reserved for the one named exempt) or Limited with its limited settings, whose shares or percentages are negative or above 100, whose limitResponse is not Reject or Queue with queuing, or whose queues, hand size and queue length are not positive with the hand no larger than the queues. The built-in exempt and catch-all objects may not be changed.',
  fix: 'give matchingPrecedence 2-10000, distinguisherMethod ByUser or ByNamespace, a lowercase priority level name, and each rule subjects plus resourceRules (verbs, apiGroups, resources, namespaces or clusterScope) or nonResourceRules (verbs, nonResourceURLs such as /healthz or /apis/*); give a level type Limited with limited.limitResponse type Reject, or Queue with queuing (queues, handSize <= queues, queueLengthLimit)',
}];

const MAX_MATCHING_PRECEDENCE = 10000;
const DEFAULT_MATCHING_PRECEDENCE = 1000;
const DISTINGUISHERS = ['ByNamespace', 'ByUser'];
const SUBJECT_KINDS = ['Group', 'ServiceAccount', 'User'];
const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'proxy', 'update', 'watch'];
const LEVEL_TYPES = ['Exempt', 'Limited'];
const RESPONSE_TYPES = ['Queue', 'Reject'];
const MAX_QUEUES = 10_000_000;
const MAX_HASH_BITS = 60;
const DEFAULT_SHARES = 30;
const QUEUING_DEFAULTS = { queues: 64, handSize: 8, queueLengthLimit: 50 };
const PRESERVE_ZERO_SHARES = 'flowcontrol.k8s.io/v1beta3-preserve-zero-concurrency-shares';
const NS_INTRO = "each member of this list must be '*' or a DNS-1123 label; ";

type Report = (path: string, message: string) => void;

/** A number the API server decodes into an int32 field (a larger one is a decoding error the schema layer reports). */
const isInt32 = (v: unknown): v is number => isInt(v) && v >= -(2 ** 31) && v < 2 ** 31;
const strs = (v: unknown): string[] => arr(v).map(str);

export function checkFlowControl(ctx: Ctx): void {
  const version = ctx.obj.apiVersion.slice(ctx.obj.apiVersion.indexOf('/') + 1);
  const r: Report = (p, m) => ctx.report(RULE, p, m);
  const name = str(ctx.obj.metadata?.name);
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  if (ctx.kind === 'FlowSchema') checkFlowSchema(r, name, spec);
  else if (ctx.kind === 'PriorityLevelConfiguration') checkPriorityLevel(ctx, r, name, version, spec);
}

// ---- FlowSchema ----

function checkFlowSchema(r: Report, name: string, spec: any): void {
  // SetDefaults_FlowSchemaSpec: 0 (or left out) is 1000
  const raw = spec.matchingPrecedence;
  const mp = raw == null || raw === 0 ? DEFAULT_MATCHING_PRECEDENCE : (isInt32(raw) ? raw : undefined);
  if (mp !== undefined) {
    if (mp <= 0) r('spec.matchingPrecedence', field.invalid(mp, 'must be a positive value'));
    if (mp > MAX_MATCHING_PRECEDENCE) r('spec.matchingPrecedence', field.invalid(mp, `must not be greater than ${MAX_MATCHING_PRECEDENCE}`));
    if (mp === 1 && name !== 'exempt') r('spec.matchingPrecedence', field.invalid(mp, "only the schema named 'exempt' may have matchingPrecedence 1"));
  }
  const dm = spec.distinguisherMethod;
  if (isObj(dm) && !DISTINGUISHERS.includes(dm.type)) r('spec.distinguisherMethod.type', field.notSupported(dm, DISTINGUISHERS));
  const plc = isObj(spec.priorityLevelConfiguration) ? spec.priorityLevelConfiguration : {};
  const plName = str(plc.name);
  if (plName === '') r('spec.priorityLevelConfiguration.name', field.required('must reference a priority level'));
  else for (const m of dns1123Subdomain(plName)) r('spec.priorityLevelConfiguration.name', field.invalid(plName, m));
  arr(spec.rules).forEach((rule, i) => { if (isObj(rule)) checkPolicyRules(r, rule, `spec.rules[${i}]`); });
  const mandatory = MANDATORY_FLOW_SCHEMAS[name];
  if (mandatory !== undefined && JSON.stringify(canonFlowSchema(spec, mp)) !== JSON.stringify(mandatory)) {
    r('spec', field.invalid(spec, `spec of '${name}' must equal the fixed value`));
  }
}

function checkPolicyRules(r: Report, rule: any, at: string): void {
  const subjects = arr(rule.subjects);
  if (subjects.length === 0) r(`${at}.subjects`, field.required('subjects must contain at least one value'));
  subjects.forEach((s, i) => { if (isObj(s)) checkSubject(r, s, `${at}.subjects[${i}]`); });
  const resourceRules = arr(rule.resourceRules);
  const nonResourceRules = arr(rule.nonResourceRules);
  if (resourceRules.length === 0 && nonResourceRules.length === 0) r(at, field.required('at least one of resourceRules and nonResourceRules has to be non-empty'));
  resourceRules.forEach((x, i) => { if (isObj(x)) checkResourceRule(r, x, `${at}.resourceRules[${i}]`); });
  nonResourceRules.forEach((x, i) => { if (isObj(x)) checkNonResourceRule(r, x, `${at}.nonResourceRules[${i}]`); });
}

const SUBJECT_FIELDS: Record<string, 'user' | 'group' | 'serviceAccount'> = { User: 'user', Group: 'group', ServiceAccount: 'serviceAccount' };
const FORBIDDEN_SUBJECT: Record<string, string> = {
  user: "user is forbidden when subject kind is not 'User'",
  group: "group is forbidden when subject kind is not 'Group'",
  serviceAccount: "serviceAccount is forbidden when subject kind is not 'ServiceAccount'",
};

function checkSubject(r: Report, s: any, at: string): void {
  const own = SUBJECT_FIELDS[s.kind];
  if (own === undefined) {
    r(`${at}.kind`, field.notSupported(s.kind ?? '', SUBJECT_KINDS));
    return;
  }
  const sub = s[own];
  if (!isObj(sub)) r(`${at}.${own}`, field.required(`${own} is required when subject kind is '${s.kind}'`));
  else if (own === 'serviceAccount') checkServiceAccountSubject(r, sub, `${at}.serviceAccount`);
  else if (str(sub.name) === '') r(`${at}.${own}.name`, field.required());
  // the other two, in the order the API server names them
  for (const other of ['serviceAccount', 'user', 'group'] as const) {
    if (other !== own && s[other] != null) r(`${at}.${other}`, field.forbidden(FORBIDDEN_SUBJECT[other]));
  }
}

function checkServiceAccountSubject(r: Report, sa: any, at: string): void {
  const name = str(sa.name);
  if (name === '') r(`${at}.name`, field.required());
  else if (name !== '*') for (const m of dns1123Subdomain(name)) r(`${at}.name`, field.invalid(name, m));
  const ns = str(sa.namespace);
  if (ns === '') r(`${at}.namespace`, field.required('must specify namespace for service account'));
  else for (const m of dns1123Label(ns)) r(`${at}.namespace`, field.invalid(ns, m));
}

function checkVerbs(r: Report, verbs: string[], at: string): void {
  if (verbs.length === 0) r(`${at}.verbs`, field.required('verbs must contain at least one value'));
  else if (verbs.includes('*')) {
    if (verbs.length > 1) r(`${at}.verbs`, field.invalid(verbs, "if '*' is present, must not specify other verbs"));
  } else if (!verbs.every((v) => VERBS.includes(v))) r(`${at}.verbs`, field.notSupported(verbs, VERBS));
}

function checkResourceRule(r: Report, rule: any, at: string): void {
  checkVerbs(r, strs(rule.verbs), at);
  const groups = strs(rule.apiGroups);
  if (groups.length === 0) r(`${at}.apiGroups`, field.required('resource rules must supply at least one api group'));
  else if (groups.length > 1 && groups.includes('*')) r(`${at}.apiGroups`, field.invalid(groups, "if '*' is present, must not specify other api groups"));
  const resources = strs(rule.resources);
  if (resources.length === 0) r(`${at}.resources`, field.required('resource rules must supply at least one resource'));
  else if (resources.length > 1 && resources.includes('*')) r(`${at}.resources`, field.invalid(resources, "if '*' is present, must not specify other resources"));
  const namespaces = strs(rule.namespaces);
  if (namespaces.length === 0 && rule.clusterScope !== true) {
    r(`${at}.namespaces`, field.required('resource rules that are not cluster scoped must supply at least one namespace'));
  } else if (namespaces.includes('*')) {
    if (namespaces.length > 1) r(`${at}.namespaces`, field.invalid(namespaces, "if '*' is present, must not specify other namespaces"));
  } else {
    namespaces.forEach((ns, i) => { for (const m of dns1123Label(ns)) r(`${at}.namespaces[${i}]`, field.invalid(ns, NS_INTRO + m)); });
  }
}

function checkNonResourceRule(r: Report, rule: any, at: string): void {
  checkVerbs(r, strs(rule.verbs), at);
  const urls = strs(rule.nonResourceURLs);
  if (urls.length === 0) r(`${at}.nonResourceURLs`, field.required('nonResourceURLs must contain at least one value'));
  else if (urls.includes('*')) {
    if (urls.length > 1) r(`${at}.nonResourceURLs`, field.invalid(urls, "if '*' is present, must not specify other non-resource URLs"));
  } else {
    urls.forEach((u, i) => {
      const problem = nonResourceURLProblem(u);
      if (problem) r(`${at}.nonResourceURLs[${i}]`, field.invalid(u, problem));
    });
  }
}

/** ValidateNonResourceURLPath: `/`, or an absolute path without spaces or `//`, whose only `*` is a final `/*`. */
function nonResourceURLProblem(path: string): string | undefined {
  if (path === '') return 'must not be empty';
  if (path === '/') return undefined;
  if (!path.startsWith('/')) return 'must start with slash';
  if (path.includes(' ')) return 'must not contain white-space';
  if (path.includes('//')) return 'must not contain double slash';
  const stars = path.split('*').length - 1;
  if (stars > 1 || (stars === 1 && !path.endsWith('/*'))) return 'wildcard can only do suffix matching';
  return undefined;
}

/** A FlowSchema spec as the API server compares it (defaulted; a list left out equals an empty one; a subject's user, group and serviceAccount are pointers). */
function canonFlowSchema(spec: any, mp: number | undefined): unknown {
  const sub = (v: unknown, f: (o: any) => unknown) => (isObj(v) ? f(v) : null);
  return {
    pl: str(spec.priorityLevelConfiguration?.name),
    mp: mp ?? spec.matchingPrecedence,
    dm: sub(spec.distinguisherMethod, (d) => str(d.type)),
    rules: arr(spec.rules).map((rule) => (!isObj(rule) ? rule : {
      subjects: arr(rule.subjects).map((s) => (!isObj(s) ? s : [str(s.kind), sub(s.user, (u) => str(u.name)), sub(s.group, (g) => str(g.name)),
        sub(s.serviceAccount, (a) => [str(a.namespace), str(a.name)])])),
      resourceRules: arr(rule.resourceRules).map((x) => (!isObj(x) ? x : [strs(x.verbs), strs(x.apiGroups), strs(x.resources), x.clusterScope === true, strs(x.namespaces)])),
      nonResourceRules: arr(rule.nonResourceRules).map((x) => (!isObj(x) ? x : [strs(x.verbs), strs(x.nonResourceURLs)])),
    })),
  };
}

const group = (name: string) => ['Group', null, name, null];
const everything = (subjects: unknown[]) => [{
  subjects,
  resourceRules: [[['*'], ['*'], ['*'], true, ['*']]],
  nonResourceRules: [[['*'], ['*']]],
}];

/** k8s.io/apiserver's bootstrap.MandatoryFlowSchemas, in canonFlowSchema's form. */
const MANDATORY_FLOW_SCHEMAS: Record<string, unknown> = {
  'exempt': { pl: 'exempt', mp: 1, dm: null, rules: everything([group('system:masters')]) },
  'catch-all': { pl: 'catch-all', mp: 10000, dm: 'ByUser', rules: everything([group('system:unauthenticated'), group('system:authenticated')]) },
};

// ---- PriorityLevelConfiguration ----

function checkPriorityLevel(ctx: Ctx, r: Report, name: string, version: string, spec: any): void {
  const annotations = isObj(ctx.obj.metadata?.annotations) ? ctx.obj.metadata.annotations : {};
  const preserveZero = Object.prototype.hasOwnProperty.call(annotations, PRESERVE_ZERO_SHARES);
  // the annotation only means something to v1beta3, whose conversion drops it (1.29 on)
  if (preserveZero && version !== 'v1beta3' && ctx.minor >= 29) r('metadata.annotations', field.forbidden(`annotation '${PRESERVE_ZERO_SHARES}' is forbidden`));
  const type = spec.type;
  if ((name === 'exempt') !== (type === 'Exempt')) r('spec.type', field.invalid(type ?? '', "must be 'Exempt' if and only if `name` is 'exempt'"));
  const sharesField = version === 'v1beta1' || version === 'v1beta2' ? 'assuredConcurrencyShares' : 'nominalConcurrencyShares';
  let shares: number | undefined;
  switch (type) {
    case 'Exempt':
      if (spec.limited != null) r('spec.limited', field.forbidden('must be nil if the type is not Limited'));
      if (isObj(spec.exempt)) checkExempt(r, spec.exempt);
      break;
    case 'Limited':
      if (spec.exempt != null) r('spec.exempt', field.forbidden('must be nil if the type is Limited'));
      if (spec.limited == null) r('spec.limited', field.required('must not be empty when type is Limited'));
      else if (isObj(spec.limited)) {
        shares = limitedShares(spec.limited[sharesField], version, preserveZero && ctx.minor >= 29);
        checkLimited(r, spec.limited, sharesField, shares, ctx.minor);
      }
      break;
    default:
      r('spec.type', field.notSupported(type ?? '', LEVEL_TYPES));
  }
  // the catch-all level must equal the built-in one (the exempt one's checks above already say all that its rule adds)
  if (name === 'catch-all' && type === 'Limited' && spec.exempt == null && isObj(spec.limited) && !isCatchAll(spec.limited, shares)) {
    r('spec', field.invalid(spec, "spec of 'catch-all' must equal the fixed value"));
  }
}

/** The shares a limited level has once defaulted: v1 fills in 30 for a left-out value; v1beta3 (unless told to preserve it), v1beta2 and v1beta1 for a 0. */
function limitedShares(v: unknown, version: string, preserveZero: boolean): number | undefined {
  if (v == null) return DEFAULT_SHARES;
  if (!isInt32(v)) return undefined;
  if (v === 0 && version !== 'v1' && !preserveZero) return DEFAULT_SHARES;
  return v;
}

function checkLimited(r: Report, limited: any, sharesField: string, shares: number | undefined, minor: number): void {
  const at = 'spec.limited';
  // zero shares are allowed from 1.30 (ZeroLimitedNominalConcurrencyShares, off in 1.29; before, defaulting left no 0)
  const zeroAllowed = minor >= 30;
  if (shares !== undefined && (shares < 0 || (shares === 0 && !zeroAllowed))) {
    r(`${at}.${sharesField}`, field.invalid(shares, zeroAllowed ? 'must be a non-negative integer' : 'must be positive'));
  }
  checkLimitResponse(r, isObj(limited.limitResponse) ? limited.limitResponse : {}, `${at}.limitResponse`);
  const lend = limited.lendablePercent;
  if (isInt32(lend) && (lend < 0 || lend > 100)) r(`${at}.lendablePercent`, field.invalid(lend, 'must be between 0 and 100, inclusive'));
  const borrow = limited.borrowingLimitPercent;
  if (isInt32(borrow) && borrow < 0) r(`${at}.borrowingLimitPercent`, field.invalid(borrow, 'if specified, must be a non-negative integer'));
}

function checkExempt(r: Report, exempt: any): void {
  const shares = exempt.nominalConcurrencyShares;
  if (isInt32(shares) && shares < 0) r('spec.exempt.nominalConcurrencyShares', field.invalid(shares, 'must be a non-negative integer'));
  const lend = exempt.lendablePercent;
  if (isInt32(lend) && (lend < 0 || lend > 100)) r('spec.exempt.lendablePercent', field.invalid(lend, 'must be between 0 and 100, inclusive'));
}

function checkLimitResponse(r: Report, lr: any, at: string): void {
  switch (lr.type) {
    case 'Reject':
      if (lr.queuing != null) r(`${at}.queuing`, field.forbidden('must be nil if limited.limitResponse.type is not Limited'));
      break;
    case 'Queue':
      if (lr.queuing == null) r(`${at}.queuing`, field.required('must not be empty if limited.limitResponse.type is Limited'));
      else if (isObj(lr.queuing)) checkQueuing(r, lr.queuing, `${at}.queuing`);
      break;
    default:
      r(`${at}.type`, field.notSupported(lr.type ?? '', RESPONSE_TYPES));
  }
}

/** SetDefaults_QueuingConfiguration: a 0 (or left out) is the default. */
function queuingValue(q: any, key: keyof typeof QUEUING_DEFAULTS): number | undefined {
  const v = q[key];
  if (v == null || v === 0) return QUEUING_DEFAULTS[key];
  return isInt32(v) ? v : undefined;
}

function checkQueuing(r: Report, q: any, at: string): void {
  const limit = queuingValue(q, 'queueLengthLimit');
  const queues = queuingValue(q, 'queues');
  const hand = queuingValue(q, 'handSize');
  if (limit !== undefined && limit <= 0) r(`${at}.queueLengthLimit`, field.invalid(limit, 'must be positive'));
  if (queues !== undefined) {
    if (queues <= 0) r(`${at}.queues`, field.invalid(queues, 'must be positive'));
    else if (queues > MAX_QUEUES) r(`${at}.queues`, field.invalid(queues, `must not be greater than ${MAX_QUEUES}`));
  }
  if (hand === undefined || queues === undefined) return;
  if (hand <= 0) r(`${at}.handSize`, field.invalid(hand, 'must be positive'));
  else if (hand > queues) r(`${at}.handSize`, field.invalid(hand, `should not be greater than queues (${queues})`));
  else if (entropyBits(queues, hand) > MAX_HASH_BITS) {
    r(`${at}.handSize`, field.invalid(hand, `required entropy bits of deckSize ${queues} and handSize ${hand} should not be greater than ${MAX_HASH_BITS}`));
  }
}

/** shufflesharding.RequiredEntropyBits: ceil(log2(deck) × hand), exact for a deck that is a power of two (as Go's math.Log2 is). */
function entropyBits(deck: number, hand: number): number {
  let e = 0;
  while (2 ** e < deck) e++;
  return Math.ceil((2 ** e === deck ? e : Math.log2(deck)) * hand);
}

/** Whether a limited catch-all level equals k8s.io/apiserver's bootstrap one once defaulted: 5 shares, nothing lendable, no borrowing limit, Reject. */
function isCatchAll(limited: any, shares: number | undefined): boolean {
  const lr = isObj(limited.limitResponse) ? limited.limitResponse : {};
  return shares === 5 && (limited.lendablePercent == null || limited.lendablePercent === 0) && limited.borrowingLimitPercent == null
    && lr.type === 'Reject' && lr.queuing == null;
}
