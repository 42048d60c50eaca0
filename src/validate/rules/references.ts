/**
 * Cross-object rules that look for what a workload names in the bundle: its ServiceAccount, its
 * governing Service, the NetworkPolicies that isolate it, and budgets that block every drain.
 */
import { arr, BundleIndex, containersOf, Ctx, isObj, nsOf, PodTemplateSummary, selectorMatches } from '../context';
import { msg } from '../field';
import { CheckedRule } from './types';

function serviceAccountOf(ctx: Ctx): string | undefined {
  const s = ctx.pod?.spec;
  const name = s?.serviceAccountName ?? s?.serviceAccount;
  return typeof name === 'string' && name !== '' && name !== 'default' ? name : undefined;
}

/** Policy types a NetworkPolicy applies: as written, else Ingress plus Egress when it has egress rules. */
function policyTypes(np: any): string[] {
  const t = arr(np.spec?.policyTypes);
  if (t.length) return t;
  return np.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** A NetworkPolicy podSelector: the empty selector selects every Pod of its namespace. */
function selectsPod(selector: any, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  const empty = (!isObj(selector.matchLabels) || Object.keys(selector.matchLabels).length === 0) && arr(selector.matchExpressions).length === 0;
  return empty || selectorMatches(selector, labels);
}

const EPHEMERAL = 'ephemeral-storage';

/** Per namespace: whether a ResourceQuota of the bundle makes every container state an ephemeral-storage request or limit, net of LimitRange defaults. */
const quotaCache = new WeakMap<BundleIndex, Map<string, { request: boolean; limit: boolean }>>();
function ephemeralQuota(bundle: BundleIndex, namespace: string): { request: boolean; limit: boolean } {
  let byNs = quotaCache.get(bundle);
  if (!byNs) {
    byNs = new Map();
    quotaCache.set(bundle, byNs);
    const get = (ns: string) => byNs!.get(ns) ?? (byNs!.set(ns, { request: false, limit: false }), byNs!.get(ns)!);
    const defaults = new Map<string, { request: boolean; limit: boolean }>();
    for (const o of bundle.objects) {
      if (o?.kind === 'LimitRange') {
        for (const l of arr(o.spec?.limits)) {
          if (l?.type !== 'Container') continue;
          const d = defaults.get(nsOf(o)) ?? { request: false, limit: false };
          // the LimitRanger fills a missing limit from default, a missing request from defaultRequest (else from default)
          if (isObj(l.default) && l.default[EPHEMERAL] != null) { d.limit = true; d.request = true; }
          if (isObj(l.defaultRequest) && l.defaultRequest[EPHEMERAL] != null) d.request = true;
          defaults.set(nsOf(o), d);
        }
      }
    }
    for (const o of bundle.objects) {
      if (o?.kind !== 'ResourceQuota' || !isObj(o.spec?.hard)) continue;
      const q = get(nsOf(o));
      const hard = o.spec.hard;
      const d = defaults.get(nsOf(o));
      if ((hard[EPHEMERAL] != null || hard[`requests.${EPHEMERAL}`] != null) && !d?.request) q.request = true;
      if (hard[`limits.${EPHEMERAL}`] != null && !d?.limit) q.limit = true;
    }
  }
  return byNs.get(namespace) ?? { request: false, limit: false };
}

/** What a container lacks of ephemeral storage: a limit also sets the request, as API defaulting does. */
function ephemeralMissing(c: any): { request: boolean; limit: boolean } {
  const limit = isObj(c?.resources?.limits) && c.resources.limits[EPHEMERAL] != null;
  const request = limit || (isObj(c?.resources?.requests) && c.resources.requests[EPHEMERAL] != null);
  return { request: !request, limit: !limit };
}

function percent(v: unknown): number | undefined {
  const m = typeof v === 'string' ? /^(\d+)%$/.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

export const referenceRules: CheckedRule[] = [
  {
    id: 'reference.service-account-missing', severity: 'warning', layer: 'best-practice', crossObject: true, handbook: ['H10'],
    summary: 'serviceAccountName names a ServiceAccount that the bundle does not contain',
    rationale: 'The ServiceAccount admission plugin refuses Pods whose ServiceAccount does not exist; for a controller this shows up later as Pods that are never created (kube-linter non-existent-service-account). The image pull secrets of H10 are often attached to that account. An account created outside the bundle is fine: suppress the rule for it.',
    fix: 'add the ServiceAccount to the bundle, or suppress the rule if the cluster already has it',
    applies: (ctx) => serviceAccountOf(ctx) !== undefined,
    check(ctx) {
      const sa = serviceAccountOf(ctx);
      if (sa === undefined || ctx.bundle.serviceAccounts.has(msg`${ctx.namespace}/${sa}`)) return;
      const field = ctx.pod!.spec.serviceAccountName != null ? 'serviceAccountName' : 'serviceAccount';
      ctx.report('reference.service-account-missing', msg`${ctx.pod!.specPath}.${field}`, msg`ServiceAccount "${sa}" is not in this bundle (namespace ${ctx.namespace})`);
    },
  },
  {
    id: 'reference.service-missing', severity: 'warning', layer: 'best-practice', crossObject: true, handbook: ['H15'],
    summary: 'a StatefulSet serviceName that names no Service of the bundle',
    rationale: 'A StatefulSet\'s Pods get their stable DNS names (<pod>.<serviceName>.<namespace>.svc) only from the headless Service named in spec.serviceName (H15); without it the names never resolve. A Service created outside the bundle is fine: suppress the rule for it.',
    fix: 'add a headless Service (clusterIP: None) with that name and a selector for the Pods',
    applies: (ctx) => ctx.kind === 'StatefulSet',
    check(ctx) {
      const name = ctx.obj.spec?.serviceName;
      if (ctx.kind !== 'StatefulSet' || typeof name !== 'string' || name === '') return;
      if (!ctx.bundle.services.has(msg`${ctx.namespace}/${name}`)) ctx.report('reference.service-missing', 'spec.serviceName', msg`Service "${name}" is not in this bundle (namespace ${ctx.namespace}): Pod DNS names will not resolve`);
    },
  },
  {
    id: 'ingress.backend-missing', severity: 'warning', layer: 'best-practice', handbook: ['H15'], kinds: ['Ingress'],
    summary: 'an Ingress backend names a Service, or a Service port, that the bundle does not contain',
    rationale: 'An Ingress routes to the Service and port its backend names; when the bundle has no such Service, or the Service has no such port, the route answers 503 (kube-linter dangling-ingress). A Service created outside the bundle is fine: suppress the rule for it.',
    fix: 'add the Service to the bundle, or name an existing Service and one of its ports',
    check(ctx) {
      const backends: Array<[any, string]> = [];
      const spec = ctx.obj.spec ?? {};
      if (isObj(spec.defaultBackend)) backends.push([spec.defaultBackend, 'spec.defaultBackend']);
      arr(spec.rules).forEach((r, i) => arr(r?.http?.paths).forEach((p, j) => backends.push([p?.backend, msg`spec.rules[${i}].http.paths[${j}].backend`])));
      for (const [b, path] of backends) {
        const svc = b?.service;
        if (!isObj(svc) || typeof svc.name !== 'string') continue; // a resource backend names no Service
        const found = ctx.bundle.services.get(msg`${ctx.namespace}/${svc.name}`);
        if (!found) {
          ctx.report('ingress.backend-missing', msg`${path}.service.name`, msg`Service "${svc.name}" is not in this bundle (namespace ${ctx.namespace})`);
          continue;
        }
        const ports = arr(found.spec?.ports);
        const port = svc.port ?? {};
        const has = typeof port.number === 'number' ? ports.some((p) => p?.port === port.number) : typeof port.name === 'string' ? ports.some((p) => p?.name === port.name) : true;
        if (!has) ctx.report('ingress.backend-missing', msg`${path}.service.port`, msg`Service "${svc.name}" has no port ${port.number ?? port.name}`);
      }
    },
  },
  {
    id: 'network.policy-missing', severity: 'warning', layer: 'best-practice', crossObject: true, handbook: ['H29'],
    summary: 'a Pod that no NetworkPolicy of the bundle isolates for ingress (opt-in: only bundles with a NetworkPolicy in the namespace)',
    rationale: 'Pods accept traffic from anywhere in the cluster until a NetworkPolicy selects them (by the labels H29 asks for) for ingress. Opt-in: a bundle opts in by containing a NetworkPolicy in the namespace, since many clusters manage policies elsewhere; then each Pod should be selected by one whose policyTypes include Ingress (kube-linter non-isolated-pod, Polaris missingNetworkPolicy). Egress is not required.',
    fix: 'add a NetworkPolicy whose podSelector matches the Pod template labels (policyTypes: [Ingress, Egress])',
    applies: (ctx) => ctx.pod !== undefined,
    check(ctx) {
      const policies = ctx.bundle.networkPolicies.get(ctx.namespace);
      if (!policies?.length) return;
      const labels = isObj(ctx.pod!.meta?.labels) ? ctx.pod!.meta.labels : {};
      const mine = ctx.bundle.networkPoliciesFor(ctx.namespace, labels).filter((np) => selectsPod(np.spec?.podSelector, labels));
      if (mine.some((np) => policyTypes(np).includes('Ingress'))) return;
      ctx.report('network.policy-missing', msg`${ctx.pod!.metaPath}.labels`, mine.length
        ? msg`${ctx.kind} "${ctx.obj.metadata?.name}": the NetworkPolicies that select its Pods do not isolate ingress`
        : msg`${ctx.kind} "${ctx.obj.metadata?.name}": no NetworkPolicy in namespace ${ctx.namespace} selects its Pods`);
    },
  },
  {
    id: 'resources.ephemeral-storage-missing', severity: 'warning', layer: 'best-practice', crossObject: true, handbook: ['H16'],
    summary: 'a container without the ephemeral-storage request or limit that a ResourceQuota of its namespace requires',
    rationale: 'A ResourceQuota on ephemeral-storage (ephemeral-storage, requests.ephemeral-storage or limits.ephemeral-storage) makes quota admission refuse every Pod whose containers do not state it, unless a LimitRange of the namespace supplies a default; a controller\'s Pods are then never created. podsmith asks for ephemeral storage only there, unlike kube-score, which asks everywhere: it cannot guess a size, and a default limit evicts Pods whose logs or emptyDir grow past it (H16).',
    fix: 'set resources.requests and resources.limits for ephemeral-storage (construct prop resources.ephemeralStorage), or add a LimitRange default',
    applies: (ctx) => ctx.pod !== undefined && containersOf(ctx.pod).some(({ c }) => { const m = ephemeralMissing(c); return m.request || m.limit; }),
    check(ctx) {
      const need = ephemeralQuota(ctx.bundle, ctx.namespace);
      if (!need.request && !need.limit) return;
      for (const { c, path } of containersOf(ctx.pod!)) {
        const m = ephemeralMissing(c);
        const lacks = [need.request && m.request ? 'request' : '', need.limit && m.limit ? 'limit' : ''].filter(Boolean);
        if (lacks.length) ctx.report('resources.ephemeral-storage-missing', msg`${path}.resources`, msg`container "${c.name}" has no ephemeral-storage ${lacks.join(' or ')}, which a ResourceQuota in namespace ${ctx.namespace} requires: its Pods will be refused`);
      }
    },
  },
  {
    id: 'pdb.blocks-drain', severity: 'warning', layer: 'best-practice', handbook: ['H26'], kinds: ['PodDisruptionBudget'],
    summary: 'a PodDisruptionBudget that allows no eviction at all',
    rationale: 'maxUnavailable 0 (or 0%), minAvailable 100%, or minAvailable at least the replicas of the workload it selects leaves zero allowed disruptions: every node drain and cluster upgrade hangs until someone deletes the budget (H26; Polaris pdbDisruptionsIsZero, kube-linter pdb-max-unavailable and pdb-min-available).',
    fix: 'allow at least one disruption: maxUnavailable 1, or minAvailable below the replica count',
    check(ctx) {
      const s = ctx.obj.spec ?? {};
      const name = ctx.obj.metadata?.name;
      if (s.maxUnavailable === 0 || percent(s.maxUnavailable) === 0) {
        ctx.report('pdb.blocks-drain', 'spec.maxUnavailable', msg`PodDisruptionBudget "${name}" has maxUnavailable ${s.maxUnavailable}: no Pod may ever be evicted`);
        return;
      }
      const pct = percent(s.minAvailable);
      if (pct !== undefined && pct >= 100) {
        ctx.report('pdb.blocks-drain', 'spec.minAvailable', msg`PodDisruptionBudget "${name}" has minAvailable ${s.minAvailable}: no Pod may ever be evicted`);
        return;
      }
      if (typeof s.minAvailable !== 'number' || !isObj(s.selector)) return;
      const pods: PodTemplateSummary[] = ctx.bundle.podTemplatesMatching(ctx.namespace, s.selector);
      const blocked = pods.filter((t) => t.replicas !== undefined && s.minAvailable >= t.replicas);
      if (pods.length > 0 && blocked.length === pods.length) {
        ctx.report('pdb.blocks-drain', 'spec.minAvailable', msg`PodDisruptionBudget "${name}" has minAvailable ${s.minAvailable}, but ${blocked.map((t) => `${t.owner} has ${t.replicas} replica(s)`).join(', ')}: no Pod may ever be evicted`);
      }
    },
  },
];
