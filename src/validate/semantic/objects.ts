/**
 * API-server semantics of the objects around Pods: metadata of every object, the workload
 * controllers (apps, batch), Service, PodDisruptionBudget and PriorityClass.
 */
import { ipAddressName } from './service-cidr';
import { arr, Ctx, isInt, isObj, selectorMatches } from '../context';
import { field } from '../field';
import { dns1035Label, dns1123Label, dns1123Subdomain, ipAddress, labelValue, maskTrailingDash, portName, portNumber, qualifiedName } from '../names';
import { RuleMeta } from '../types';
import { checkLabelSelector } from './scheduling';
import { cronProblem } from './cron';
import { ACCESS_REVIEWS, UNCHECKED_METADATA } from './reviews';
import { checkJobSpec } from './job';
import { checkServiceIPs } from './service-ips';
import { checkServiceTraffic } from './service-traffic';
import { checkPvcSpec } from './storage';
import { legacyIPProblem } from './legacy-ip';
import { pathSegmentName } from './rbac';

const S = (id: string, handbook: string[], summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook, summary, rationale, fix });

export const objectRules: RuleMeta[] = [
  S('metadata.name-invalid', ['H29'], 'object names are required and must be valid DNS names for their kind',
    'Names become DNS names and label values; most kinds need a DNS-1123 subdomain, Services and StatefulSets a DNS label, CronJobs at most 52 characters, Jobs at most 63 (their Pods\' job-name label); a PodDisruptionBudget\'s is only checked as a path segment.', 'use lowercase letters, digits and dashes, starting with a letter for Services'),
  S('metadata.namespace-invalid', ['H29'], 'namespaces must be DNS-1123 labels',
    'A namespace name is a DNS label; anything else is rejected.', 'use lowercase letters, digits and dashes (max 63)'),
  S('metadata.labels-invalid', ['H29'], 'label keys must be qualified names and values valid label values',
    'Labels are what controllers, Services and PDBs select Pods by (H29); the API server enforces their syntax.', 'use keys like app.kubernetes.io/name and values of at most 63 alphanumerics, - _ .'),
  S('metadata.annotations-invalid', ['H21'], 'annotation keys must be qualified names and the total size at most 256 KiB',
    'Annotation keys share the label key syntax; the API server caps their total size.', 'fix the key, or move large data to a ConfigMap'),
  S('workload.selector-invalid', ['H29'], 'a controller\'s selector must be non-empty, well-formed and match its Pod template labels',
    'A controller owns the Pods its selector matches; a selector that does not match its own template would create Pods it never sees, so the API server rejects it. A Job without manualSelector: true gets its selector and its Pods\' controller-uid and job-name labels from the API server: written by hand (a Job copied from a cluster) they are refused.', 'make spec.selector.matchLabels a subset of spec.template.metadata.labels; on a Job, remove the selector and the controller-uid and job-name labels (or set manualSelector: true)'),
  S('deployment.strategy-invalid', ['H29'], 'the rollout strategy must be consistent',
    'Recreate takes no rollingUpdate; maxUnavailable and maxSurge cannot both be 0 (the rollout could never progress); percentages are at most 100%.', 'fix the strategy as the message says'),
  S('workload.update-strategy-invalid', ['H29'], 'DaemonSet and StatefulSet update strategies must be consistent',
    'A DaemonSet rolls out with either maxUnavailable or maxSurge non-zero, not both (maxUnavailable defaults to 1, so maxSurge alone is rejected); a StatefulSet takes rollingUpdate only with type RollingUpdate, and its maxUnavailable (read from Kubernetes 1.37; dropped before) cannot be 0.', 'fix the update strategy as the message says'),
  S('job.spec-invalid', ['H8', 'H18'], 'Job counts must be non-negative, Indexed Jobs need completions, failure policies must be well-formed',
    'parallelism, completions and backoffLimit are counts; an Indexed Job numbers its Pods 0..completions-1, so completions must be set. A podFailurePolicy rule acts on exit codes (ordered, unique, of a container the template has) or on Pod conditions, not both, and needs restartPolicy Never.', 'fix the Job spec as the message says'),
  S('cronjob.schedule-invalid', ['H8', 'H28'], 'a CronJob needs a valid cron schedule and time zone',
    'The controller parses spec.schedule with the standard 5-field cron syntax; TZ= belongs in spec.timeZone, which must name an IANA time zone (not Local).', 'use a 5-field schedule such as "*/5 * * * *" and an IANA zone such as Europe/Berlin in spec.timeZone'),
  S('service.ports-invalid', ['H15'], 'Service ports must be valid, named when several, and unique',
    'Ports are required except for headless and ExternalName Services; each is 1-65535; with several ports each needs a unique DNS-1123 name; nodePort only for NodePort/LoadBalancer, which cannot be headless; ipFamilies name each family once, two only with a dual-stack ipFamilyPolicy.', 'fix the Service port as the message says'),
  S('service.external-name-invalid', ['H15'], 'an ExternalName Service names a DNS host and has no cluster IP',
    'An ExternalName Service is a CNAME: spec.externalName must be a DNS-1123 subdomain (a trailing dot allowed; an IP address is refused), and clusterIP(s), ipFamilies and ipFamilyPolicy may not be set.', 'give externalName a host name and remove clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy (or use a Service with Endpoints for an IP)'),
  S('metadata.owner-references-invalid', ['H29'], 'owner references must be complete, and at most one a controller',
    'The garbage collector finds an owner by apiVersion, kind, name and uid: each must be set (a uid written empty is refused), an Event cannot own anything, and only one reference may have controller: true.', 'remove the ownerReferences (the controller that owns the object sets them), or complete them'),
  S('pdb.min-and-max', ['H26'], 'a PodDisruptionBudget sets minAvailable or maxUnavailable, not both',
    'The two are alternatives; the API server rejects a budget that sets both.', 'keep only one of minAvailable and maxUnavailable'),
  S('pdb.value-invalid', ['H26'], 'PDB values must be non-negative integers or percentages up to 100%',
    'minAvailable/maxUnavailable are int-or-string: a count or a percentage.', 'use a count such as 1 or a percentage such as 50%'),
  S('priorityclass.value-range', ['H25'], 'user-defined priority values are at most 1000000000',
    'Values above one billion are reserved for system-cluster-critical and system-node-critical.', 'use a value at most 1000000000'),
  S('ingress.host-invalid', ['H15'], 'Ingress hosts must be DNS names (a leading *. allowed), not IP addresses',
    'The API server matches rules[].host and tls[].hosts[] as DNS names; placeholders such as __INGRESS_HOST__ or <your domain> left in a manifest are refused.', 'put the real host name in, or leave host out to match every host'),
  S('priorityclass.system-prefix', ['H25'], 'PriorityClass names starting with system- are reserved',
    'Only the built-in system-cluster-critical and system-node-critical classes may use the prefix.', 'rename the PriorityClass without the system- prefix'),
];

/** RBAC names are path segments (`system:controller:x` is fine), checked by checkRbac as rbac.name-invalid; an APIService's is version.group, checked by checkApiService. */
const notHere = (): string[] => [];

/** Service names: DNS-1035 labels, DNS-1123 labels (may start with a digit) from 1.36 (RelaxedServiceNameValidation, beta). */
export const serviceName = (minor: number): ((v: string) => string[]) => (minor >= 36 ? dns1123Label : dns1035Label);

const NAME_RULE: Record<string, (v: string) => string[]> = {
  Namespace: dns1123Label,
  // ValidateStatefulSetName is NameIsDNSLabel (its Pods are named <name>-<ordinal> and are DNS host names), in every release 1.27-1.37
  StatefulSet: dns1123Label,
  // ValidatePodDisruptionBudget checks no name; the storage key refuses what is no path segment (`Zookeeper_pdb` is accepted)
  PodDisruptionBudget: pathSegmentName,
  Role: notHere,
  ClusterRole: notHere,
  RoleBinding: notHere,
  ClusterRoleBinding: notHere,
  APIService: notHere,
  IPAddress: ipAddressName,
  // ValidateCertificateRequestName accepts any name; the storage key refuses what is no path segment
  CertificateSigningRequest: pathSegmentName,
};

/** Kinds whose generateName the server checks by a rule of its own (RBAC's path segments, an APIService's version.group, an IPAddress's address) or not at all (a CertificateSigningRequest's): not checked here. */
const PREFIX_UNCHECKED: ReadonlySet<string> = new Set(Object.entries(NAME_RULE).filter(([, f]) => f === notHere || f === ipAddressName || f === pathSegmentName).map(([k]) => k));

/** Kinds the API server names itself when created without a name: a LimitRange gets a UUID (its strategy's PrepareForCreate, 1.27–1.37). */
const NAMED_ON_CREATE: ReadonlySet<string> = new Set(['LimitRange']);

export function checkMetadata(ctx: Ctx, meta: any, path: string, isTemplate: boolean): void {
  // the review kinds are questions, never stored: the API server checks none of their metadata
  // (an access review's must be empty: checkReview)
  if (!isTemplate && (UNCHECKED_METADATA.has(ctx.kind) || ACCESS_REVIEWS[ctx.kind])) return;
  const needsName = !isTemplate && !NAMED_ON_CREATE.has(ctx.kind);
  if (!isObj(meta)) {
    if (needsName) ctx.report('metadata.name-invalid', `${path}.name`, field.required('name or generateName is required'));
    return;
  }
  const r = ctx.report;
  if (!isTemplate) {
    const name = meta.name;
    if ((typeof name !== 'string' || name === '') && !meta.generateName) {
      if (needsName) r('metadata.name-invalid', `${path}.name`, field.required('name or generateName is required'));
    } else {
      const rule = ctx.kind === 'Service' ? serviceName(ctx.minor) : NAME_RULE[ctx.kind] ?? dns1123Subdomain;
      const gen = meta.generateName;
      const prefixed = typeof gen === 'string' && gen !== '' && !PREFIX_UNCHECKED.has(ctx.kind);
      // the name the server gives an object with only generateName, before it validates it: the
      // first 58 characters and 5 random lower-case letters and digits (names.SimpleNameGenerator)
      const given = typeof name === 'string' && name !== '' ? name : prefixed ? `${gen.slice(0, 58)}bcdfg` : '';
      if (given !== '') {
        for (const m of rule(given)) r('metadata.name-invalid', `${path}.name`, field.invalid(given, m));
        if (ctx.kind === 'CronJob' && given.length > 52) r('metadata.name-invalid', `${path}.name`, field.invalid(given, 'must be no more than 52 characters'));
        // a Job's name is the value of the job-name labels the API server puts on its Pod template (generateSelector), unless the selector is manual
        if (ctx.kind === 'Job' && given.length > 63 && ctx.obj.spec?.manualSelector !== true) {
          r('metadata.name-invalid', `${path}.name`, field.invalid(given, "must be no more than 63 characters: the API server puts a Job's name in its Pod template's job-name labels (spec.template.labels), and a label value is at most 63 characters"));
        }
      }
      // generateName is checked as a name whose trailing dash stands for what the server appends (maskTrailingDash)
      if (prefixed) for (const m of rule(maskTrailingDash(gen))) r('metadata.name-invalid', `${path}.generateName`, field.invalid(gen, m));
    }
    // a cluster-scoped object's namespace is cleared by the API server, not checked
    if (!ctx.clusterScoped && typeof meta.namespace === 'string' && meta.namespace !== '') {
      for (const m of dns1123Label(meta.namespace)) r('metadata.namespace-invalid', `${path}.namespace`, field.invalid(meta.namespace, m));
    }
  }
  if (!isTemplate) checkOwnerReferences(ctx, meta.ownerReferences, `${path}.ownerReferences`);
  if (isObj(meta.labels)) {
    // (for-in: no entry arrays; what the reader gives has no inherited keys)
    for (const k in meta.labels) {
      const v = meta.labels[k];
      for (const m of qualifiedName(k)) r('metadata.labels-invalid', `${path}.labels`, field.invalid(k, m));
      if (typeof v === 'string') for (const m of labelValue(v)) r('metadata.labels-invalid', `${path}.labels`, field.invalid(v, m));
    }
  }
  if (isObj(meta.annotations)) {
    let size = 0;
    for (const k in meta.annotations) {
      const v = meta.annotations[k];
      for (const m of qualifiedName(k.toLowerCase())) r('metadata.annotations-invalid', `${path}.annotations`, field.invalid(k, m));
      size += k.length + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
    }
    if (size > 262144) r('metadata.annotations-invalid', `${path}.annotations`, `Too long: must have at most 262144 bytes`);
  }
}

/** An owner reference as apiequality.Semantic compares two (a field left out and null are alike). */
const ownerKey = (ref: Record<string, any>): string =>
  JSON.stringify(['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion'].map((k) => ref[k] ?? null));

/**
 * ValidateOwnerReferences (apimachinery): the fields the garbage collector needs, no Event as owner,
 * one controller. The API server first drops a reference written twice (same uid, equal in every
 * field: dedupOwnerReferences, with a warning), so a copy is not a second controller.
 */
function checkOwnerReferences(ctx: Ctx, refs: unknown, at: string): void {
  let controller = '';
  const seen = new Set<string>();
  for (const ref of arr(refs)) {
    if (!isObj(ref)) continue;
    const copy = ownerKey(ref);
    if (seen.has(copy)) continue;
    seen.add(copy);
    const r = (p: string, m: string) => ctx.report('metadata.owner-references-invalid', p, m);
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
    const parts = apiVersion.split('/');
    // schema.ParseGroupVersion: "v1", "group/v1"; anything else (or an empty version) has no version
    const version = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
    if (version === '') r(`${at}.apiVersion`, field.invalid(apiVersion, 'version must not be empty'));
    for (const f of ['kind', 'name', 'uid']) if (typeof ref[f] !== 'string' || ref[f] === '') r(`${at}.${f}`, field.invalid(ref[f] ?? '', 'must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event') r(at, field.invalid(ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller === true) {
      const name = `${ref.kind}/${ref.name}`;
      if (controller !== '') r(at, field.invalid(refs, `Only one reference can have Controller set to true. Found "true" in references for ${controller} and ${name}`));
      else controller = name;
    }
  }
}

/** A UID nobody can write: the one the API server gives a Job when it is created. */
const NEW_UID = '\u0000uid';

/**
 * A Job without manualSelector: true gets its selector and its Pods' labels from the API server
 * (the Job's name and its new UID, generateSelector), and validation then requires them
 * (validateGeneratedSelector): a template label controller-uid written by hand can never be the
 * new UID (a Job copied from `kubectl get -o yaml`), a job-name label must be the Job's name, and a
 * selector given must still select those labels.
 */
function checkGeneratedSelector(ctx: Ctx, spec: any, templateLabels: Record<string, unknown>): void {
  const name = typeof ctx.obj.metadata?.name === 'string' ? ctx.obj.metadata.name : '';
  const expected: Record<string, string> = { 'controller-uid': NEW_UID, 'job-name': name, 'batch.kubernetes.io/controller-uid': NEW_UID, 'batch.kubernetes.io/job-name': name };
  for (const [key, want] of Object.entries(expected)) {
    const got = templateLabels[key];
    if (got === undefined || got === want) continue;
    const must = want === NEW_UID ? 'the UID the API server gives the Job' : `'${want}'`;
    ctx.report('workload.selector-invalid', `spec.template.metadata.labels[${key}]`, field.invalid(templateLabels, `must be ${must}`));
  }
  const sel = spec.selector;
  if (!isObj(sel)) return;
  const ml = isObj(sel.matchLabels) ? sel.matchLabels : {};
  const generated = { ...sel, matchLabels: { ...ml, ...('batch.kubernetes.io/controller-uid' in ml ? {} : { 'batch.kubernetes.io/controller-uid': NEW_UID }) } };
  if (!selectorMatches(generated, expected)) ctx.report('workload.selector-invalid', 'spec.selector', field.invalid(sel, '`selector` not auto-generated'));
}

/** apps/v1 controllers and Jobs: selector vs template labels, replicas, strategies. */
export function checkWorkload(ctx: Ctx): void {
  const { obj, kind } = ctx;
  const spec = isObj(obj.spec) ? obj.spec : undefined;
  if (!spec) return;
  const r = ctx.report;
  if (isInt(spec.replicas) && spec.replicas < 0) r('fields.out-of-range', 'spec.replicas', field.invalid(spec.replicas, 'must be greater than or equal to 0'));
  // revisionHistoryLimit: ValidateDeploymentSpec and ValidateDaemonSetSpec check it, ValidateStatefulSetSpec does not
  for (const f of kind === 'Deployment' || kind === 'DaemonSet' ? ['minReadySeconds', 'revisionHistoryLimit'] : ['minReadySeconds']) {
    if (isInt(spec[f]) && spec[f] < 0) r('fields.out-of-range', `spec.${f}`, field.invalid(spec[f], 'must be greater than or equal to 0'));
  }
  // progressDeadlineSeconds left out is 600 (apps/v1 SetDefaults_Deployment), so a minReadySeconds of 600 or more is refused too
  const given = spec.progressDeadlineSeconds;
  const pds = given == null ? 600 : given;
  if (kind === 'Deployment' && isInt(pds)) {
    if (pds < 0) r('fields.out-of-range', 'spec.progressDeadlineSeconds', field.invalid(pds, 'must be greater than or equal to 0'));
    if (pds <= (isInt(spec.minReadySeconds) ? spec.minReadySeconds : 0)) {
      r('fields.out-of-range', 'spec.progressDeadlineSeconds', field.invalid(pds, given == null ? 'must be greater than minReadySeconds (left out, it is 600)' : 'must be greater than minReadySeconds'));
    }
  }
  const apps = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(kind);
  const templateLabels = isObj(spec.template?.metadata?.labels) ? spec.template.metadata.labels : {};
  if (apps || (kind === 'Job' && spec.manualSelector === true)) {
    const sel = spec.selector;
    if (sel === undefined && apps) {
      // no selector selects nothing: the API server reports it missing and the template unmatched
      r('workload.selector-invalid', 'spec.selector', field.required());
      r('workload.selector-invalid', 'spec.template.metadata.labels', field.invalid(spec.template?.metadata?.labels ?? null, '`selector` does not match template `labels`'));
    } else if (isObj(sel)) {
      checkLabelSelector(ctx, 'workload.selector-invalid', sel, 'spec.selector');
      const empty = Object.keys(isObj(sel.matchLabels) ? sel.matchLabels : {}).length === 0 && arr(sel.matchExpressions).length === 0;
      if (empty) r('workload.selector-invalid', 'spec.selector', field.invalid(sel, `empty selector is invalid for ${kind.toLowerCase()}`));
      else if (!selectorMatches(sel, templateLabels)) {
        r('workload.selector-invalid', 'spec.template.metadata.labels', field.invalid(templateLabels, '`selector` does not match template `labels`'));
      }
    }
  }
  if (kind === 'Job' && spec.manualSelector !== true) checkGeneratedSelector(ctx, spec, templateLabels);
  if (kind === 'ReplicationController') {
    // the selector is a plain map, defaulted from the template's labels (pkg/apis/core/v1 defaults)
    const given = isObj(spec.selector) && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
    if (!given && Object.keys(templateLabels).length === 0) r('workload.selector-invalid', 'spec.selector', field.required());
    else if (given && !selectorMatches({ matchLabels: given }, templateLabels)) {
      r('workload.selector-invalid', 'spec.template.metadata.labels', field.invalid(templateLabels, '`selector` does not match template `labels`'));
    }
  }
  if (kind === 'Deployment' && isObj(spec.strategy)) checkStrategy(ctx, spec.strategy);
  if (kind === 'StatefulSet' && spec.podManagementPolicy !== undefined && spec.podManagementPolicy !== 'OrderedReady' && spec.podManagementPolicy !== 'Parallel') {
    r('fields.not-supported', 'spec.podManagementPolicy', field.invalid(spec.podManagementPolicy, "must be 'OrderedReady' or 'Parallel'"));
  }
  // the Pods of these controllers run on: a template may not set activeDeadlineSeconds (a Deployment's is its ReplicaSet's)
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController'].includes(kind) && isObj(spec.template?.spec) && spec.template.spec.activeDeadlineSeconds != null) {
    r('pod.restart-policy-invalid', 'spec.template.spec.activeDeadlineSeconds', field.forbidden(`activeDeadlineSeconds in ${kind === 'Deployment' ? 'ReplicaSet' : kind} is not Supported`));
  }
  if (kind === 'StatefulSet' && isObj(spec.ordinals) && isInt(spec.ordinals.start) && spec.ordinals.start < 0) {
    r('fields.out-of-range', 'spec.ordinals.start', field.invalid(spec.ordinals.start, 'must be greater than or equal to 0'));
  }
  // validateVolumeClaimTemplates (from 1.34): each claim template's spec as a PersistentVolumeClaim's
  if (kind === 'StatefulSet' && ctx.minor >= 34) {
    arr(spec.volumeClaimTemplates).forEach((t, i) => { if (isObj(t)) checkPvcSpec(ctx, t.spec, `spec.volumeClaimTemplates[${i}].spec`); });
  }
  // a StatefulSet's serviceName becomes its Pods' subdomain: the API server checks it from 1.33 (before, the controller could not create the Pods)
  if (kind === 'StatefulSet' && ctx.minor >= 33 && typeof spec.serviceName === 'string' && spec.serviceName !== '') {
    for (const m of dns1123Label(spec.serviceName)) r('pod.hostname-invalid', 'spec.serviceName', field.invalid(spec.serviceName, m));
  }
  if ((kind === 'DaemonSet' || kind === 'StatefulSet') && isObj(spec.updateStrategy)) checkUpdateStrategy(ctx, kind, spec.updateStrategy);
  if (kind === 'Job') checkJobSpec(ctx, spec, 'spec');
  if (kind === 'CronJob') {
    if (typeof spec.schedule !== 'string' || spec.schedule === '') r('cronjob.schedule-invalid', 'spec.schedule', field.required());
    else {
      const problem = cronProblem(spec.schedule);
      if (problem) r('cronjob.schedule-invalid', 'spec.schedule', field.invalid(spec.schedule, problem));
      else if (spec.schedule.includes('TZ')) r('cronjob.schedule-invalid', 'spec.schedule', field.invalid(spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
    if (spec.timeZone != null) checkTimeZone(ctx, spec.timeZone);
    const cp = ['Allow', 'Forbid', 'Replace'];
    if (spec.concurrencyPolicy !== undefined && !cp.includes(spec.concurrencyPolicy)) r('fields.not-supported', 'spec.concurrencyPolicy', field.notSupported(spec.concurrencyPolicy, cp));
    for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
      if (isInt(spec[f]) && spec[f] < 0) r('fields.out-of-range', `spec.${f}`, field.invalid(spec[f], 'must be greater than or equal to 0'));
    }
    if (isObj(spec.jobTemplate?.spec)) checkJobSpec(ctx, spec.jobTemplate.spec, 'spec.jobTemplate.spec');
  }
}

/** ValidatePositiveIntOrPercent, and (unless `uncapped`: a Deployment's maxSurge) IsNotMoreThan100Percent. */
function checkIntOrPercent(ctx: Ctx, rule: string, v: any, path: string, uncapped = false): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (isInt(v)) {
    if (v < 0) ctx.report(rule, path, field.invalid(v, 'must be greater than or equal to 0'));
    return v;
  }
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v);
    if (!m) { ctx.report(rule, path, field.invalid(v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', or '93%')")); return undefined; }
    const n = Number(m[1]);
    if (n > 100 && !uncapped) ctx.report(rule, path, field.invalid(v, 'must not be greater than 100%'));
    return n;
  }
  return undefined;
}

function checkStrategy(ctx: Ctx, st: any): void {
  const r = ctx.report;
  const types = ['Recreate', 'RollingUpdate'];
  if (st.type !== undefined && !types.includes(st.type)) r('fields.not-supported', 'spec.strategy.type', field.notSupported(st.type, types));
  if (st.type === 'Recreate' && st.rollingUpdate != null) {
    r('deployment.strategy-invalid', 'spec.strategy.rollingUpdate', field.forbidden("may not be specified when strategy `type` is 'Recreate'"));
    return;
  }
  if (!isObj(st.rollingUpdate)) return;
  const mu = checkIntOrPercent(ctx, 'deployment.strategy-invalid', st.rollingUpdate.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable');
  const ms = checkIntOrPercent(ctx, 'deployment.strategy-invalid', st.rollingUpdate.maxSurge, 'spec.strategy.rollingUpdate.maxSurge', true);
  if (mu === 0 && ms === 0) r('deployment.strategy-invalid', 'spec.strategy.rollingUpdate.maxUnavailable', field.invalid(st.rollingUpdate.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
}

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** spec.timeZone: an IANA zone the API server can load (Node's ICU knows the same database). */
function checkTimeZone(ctx: Ctx, tz: unknown): void {
  if (typeof tz !== 'string') return;
  const problem = timeZoneProblem(tz);
  if (problem) ctx.report('cronjob.schedule-invalid', 'spec.timeZone', field.invalid(tz, problem));
}

/** Why the API server refuses a CronJob's spec.timeZone, or undefined (the constructs use it too). */
export function timeZoneProblem(tz: string): string | undefined {
  if (tz === '') return 'timeZone must be nil or non-empty string';
  if (tz.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part))) return `unknown time zone ${tz}`;
  if (tz.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return `unknown time zone ${tz}`;
  }
  return undefined;
}

function checkUpdateStrategy(ctx: Ctx, kind: string, st: any): void {
  const rule = 'workload.update-strategy-invalid';
  const types = ['OnDelete', 'RollingUpdate'];
  const type = st.type ?? 'RollingUpdate';
  if (!types.includes(type)) { ctx.report('fields.not-supported', 'spec.updateStrategy.type', field.notSupported(type, types)); return; }
  const ru = st.rollingUpdate;
  const p = 'spec.updateStrategy.rollingUpdate';
  if (kind === 'StatefulSet') {
    if (type === 'OnDelete' && ru != null) ctx.report(rule, p, field.invalid(ru, "only allowed for updateStrategy 'RollingUpdate'"));
    if (!isObj(ru)) return;
    if (isInt(ru.partition) && ru.partition < 0) ctx.report(rule, `${p}.partition`, field.invalid(ru.partition, 'must be greater than or equal to 0'));
    // MaxUnavailableStatefulSet is on by default from 1.37; before, the API server drops the field
    if (ru.maxUnavailable != null && ctx.minor >= 37) {
      const n = checkIntOrPercent(ctx, rule, ru.maxUnavailable, `${p}.maxUnavailable`);
      if (n === 0) ctx.report(rule, `${p}.maxUnavailable`, field.invalid(ru.maxUnavailable, 'cannot be 0'));
    }
    return;
  }
  if (type !== 'RollingUpdate' || !isObj(ru)) return;
  // the API server defaults maxUnavailable to 1 and maxSurge to 0 before it validates
  const mu = ru.maxUnavailable == null ? 1 : checkIntOrPercent(ctx, rule, ru.maxUnavailable, `${p}.maxUnavailable`);
  const ms = ru.maxSurge == null ? 0 : checkIntOrPercent(ctx, rule, ru.maxSurge, `${p}.maxSurge`);
  if (mu === undefined || ms === undefined) return;
  if (mu !== 0 && ms !== 0) ctx.report(rule, `${p}.maxSurge`, field.invalid(ru.maxSurge, 'may not be set when maxUnavailable is non-zero'), 'set maxUnavailable: 0 to surge, or drop maxSurge');
  else if (mu === 0 && ms === 0) ctx.report(rule, `${p}.maxUnavailable`, field.required('cannot be 0 when maxSurge is 0'));
}

/** An ExternalName Service (ValidateService): a CNAME to a DNS name, without cluster IPs or IP families. */
function checkExternalName(ctx: Ctx, spec: any): void {
  const r = (p: string, m: string) => ctx.report('service.external-name-invalid', p, m);
  // the registry sets clusterIPs from clusterIP before validation
  const ips = arr(spec.clusterIPs).length > 0 ? arr(spec.clusterIPs) : typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? [spec.clusterIP] : [];
  if (ips.length > 0) r('spec.clusterIPs', field.forbidden('may not be set for ExternalName services'));
  if (arr(spec.ipFamilies).length > 0) r('spec.ipFamilies', field.forbidden('may not be set for ExternalName services'));
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) r('spec.ipFamilyPolicy', field.forbidden('may not be set for ExternalName services'));
  const cname = typeof spec.externalName === 'string' ? spec.externalName.replace(/\.$/, '') : '';
  if (cname === '') r('spec.externalName', field.required());
  else for (const m of dns1123Subdomain(cname)) r('spec.externalName', field.invalid(cname, m));
}

/**
 * A clusterIP written (ValidateService on clusterIPs, which the registry fills from it): None or an
 * IP address as the legacy fields read it (legacy-ip.ts: leading zeros refused from 1.36). Whether
 * the cluster can allocate the address (its range, its family) is the cluster's to say.
 */
function checkClusterIP(ctx: Ctx, ip: unknown): void {
  if (typeof ip !== 'string' || ip === '' || ip === 'None') return;
  const problem = legacyIPProblem(ip, ctx.minor);
  if (problem) ctx.report('service.ports-invalid', 'spec.clusterIP', field.invalid(ip, problem));
}

export function checkService(ctx: Ctx): void {
  const spec = ctx.obj.spec;
  if (!isObj(spec)) return;
  const r = (p: string, m: string) => ctx.report('service.ports-invalid', p, m);
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  const type = spec.type ?? 'ClusterIP';
  if (!types.includes(type)) ctx.report('fields.not-supported', 'spec.type', field.notSupported(type, types));
  if (type === 'ExternalName') checkExternalName(ctx, spec);
  else checkClusterIP(ctx, spec.clusterIP);
  checkServiceTraffic(ctx, spec, type);
  checkServiceIPs(ctx, spec, type);
  const ports = arr(spec.ports);
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && type !== 'ExternalName' && !headless) r('spec.ports', field.required());
  // the selector is a label map (ValidateLabels)
  if (isObj(spec.selector)) {
    for (const [k, v] of Object.entries(spec.selector)) {
      for (const m of qualifiedName(k)) ctx.report('metadata.labels-invalid', 'spec.selector', field.invalid(k, m));
      if (typeof v === 'string') for (const m of labelValue(v)) ctx.report('metadata.labels-invalid', 'spec.selector', field.invalid(v, m));
    }
  }
  const names = new Set<string>();
  const portProtocols = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const pp = `spec.ports[${i}]`;
    // each port/protocol once; the API server prints the duplicate as a JSON key (found by the differential test)
    const pk = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (isInt(p.port) && portProtocols.has(pk)) {
      r(pp, `Duplicate value: ${JSON.stringify({ Name: '', Protocol: p.protocol ?? 'TCP', AppProtocol: null, Port: p.port, TargetPort: 0, NodePort: 0 })}`);
    }
    portProtocols.add(pk);
    if (ports.length > 1 && (typeof p.name !== 'string' || p.name === '')) r(`${pp}.name`, field.required());
    if (typeof p.name === 'string' && p.name !== '') {
      for (const m of dns1123Label(p.name)) r(`${pp}.name`, field.invalid(p.name, m));
      if (names.has(p.name)) r(`${pp}.name`, field.duplicate(p.name));
      names.add(p.name);
    }
    if (!isInt(p.port)) { if (p.port === undefined) r(`${pp}.port`, field.required()); } else for (const m of portNumber(p.port)) r(`${pp}.port`, field.invalid(p.port, m));
    const protocols = ['SCTP', 'TCP', 'UDP'];
    if (p.protocol !== undefined && !protocols.includes(p.protocol)) ctx.report('fields.not-supported', `${pp}.protocol`, field.notSupported(p.protocol, protocols));
    const tp = p.targetPort;
    if (typeof tp === 'number' && tp !== 0) for (const m of portNumber(tp)) r(`${pp}.targetPort`, field.invalid(tp, m));
    if (typeof tp === 'string') for (const m of portName(tp)) r(`${pp}.targetPort`, field.invalid(tp, m));
    if (isInt(p.nodePort) && p.nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') r(`${pp}.nodePort`, field.forbidden(`may not be used when \`type\` is '${type}'`));
      else for (const m of portNumber(p.nodePort)) r(`${pp}.nodePort`, field.invalid(p.nodePort, m));
      // each nodePort/protocol once (ValidateService; the allocator refuses the second first)
      const nk = `${p.nodePort}/${p.protocol ?? 'TCP'}`;
      if (nodePorts.has(nk)) r(`${pp}.nodePort`, field.duplicate(p.nodePort));
      nodePorts.add(nk);
    }
  });
}

export function checkPdb(ctx: Ctx): void {
  const spec = ctx.obj.spec;
  if (!isObj(spec)) return;
  if (spec.minAvailable != null && spec.maxUnavailable != null) {
    ctx.report('pdb.min-and-max', 'spec', field.invalid(spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  checkIntOrPercent(ctx, 'pdb.value-invalid', spec.minAvailable, 'spec.minAvailable');
  checkIntOrPercent(ctx, 'pdb.value-invalid', spec.maxUnavailable, 'spec.maxUnavailable');
  checkLabelSelector(ctx, 'pdb.value-invalid', spec.selector, 'spec.selector');
}

const SYSTEM_CLASSES: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };

export function checkPriorityClass(ctx: Ctx): void {
  const o = ctx.obj;
  const name = o.metadata?.name;
  if (typeof name === 'string' && name.startsWith('system-')) {
    if (SYSTEM_CLASSES[name] !== o.value) ctx.report('priorityclass.system-prefix', 'metadata.name', field.forbidden("priority class names with 'system-' prefix are reserved for system use only"));
  } else if (isInt(o.value) && o.value > 1000000000) {
    ctx.report('priorityclass.value-range', 'value', field.forbidden('maximum allowed value of a user defined priority is 1000000000'));
  }
  const pp = ['Never', 'PreemptLowerPriority'];
  if (o.preemptionPolicy !== undefined && !pp.includes(o.preemptionPolicy)) ctx.report('fields.not-supported', 'preemptionPolicy', field.notSupported(o.preemptionPolicy, pp));
}

/** A host of an Ingress rule or TLS entry: a DNS-1123 subdomain, `*.` allowed in front, never an IP address. */
function hostProblems(host: string): string[] {
  if (ipAddress(host).length === 0) return ['must be a DNS name, not an IP address'];
  if (host.startsWith('*.')) {
    const rest = dns1123Subdomain(host.slice(2));
    return rest.length ? ["a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character"] : [];
  }
  return dns1123Subdomain(host);
}

/** Ingress rule and TLS hosts (ValidateIngressSpec); the rest of the Ingress is checkNetworking's. */
export function checkIngressHosts(ctx: Ctx): void {
  const spec = ctx.obj.spec;
  if (!isObj(spec)) return;
  const r = (p: string, m: string) => ctx.report('ingress.host-invalid', p, m);
  arr(spec.rules).forEach((rule, i) => {
    if (isObj(rule) && typeof rule.host === 'string' && rule.host !== '') for (const m of hostProblems(rule.host)) r(`spec.rules[${i}].host`, field.invalid(rule.host, m));
  });
  arr(spec.tls).forEach((t, i) => {
    if (isObj(t)) arr(t.hosts).forEach((h, j) => { if (typeof h === 'string') for (const m of hostProblems(h)) r(`spec.tls[${i}].hosts[${j}]`, field.invalid(h, m)); });
  });
}
