/** Rules that look at the whole bundle: PDBs, Services for subdomains, PriorityClasses (H15, H21, H25, H26). */
import { Quantity } from '../../quantity';
import { arr, Ctx, isObj, PodTemplateSummary, selectorMatches } from '../context';
import { key } from '../path';
import { CheckedRule, replicasOf } from './types';
import { msg } from '../field';

const BUILTIN_PRIORITY = new Set(['system-cluster-critical', 'system-node-critical']);
const BANDWIDTH = ['kubernetes.io/ingress-bandwidth', 'kubernetes.io/egress-bandwidth'];

/** A Service's selector map as a label selector, one per map (so that the bundle matches it once for every rule). */
const asSelector = new WeakMap<object, object>();

/** The Pod templates of the namespace that a selector picks (matchLabels semantics for a map). */
function selected(ctx: Ctx, selector: any): PodTemplateSummary[] {
  let sel = selector;
  if (isObj(selector) && !('matchLabels' in selector) && !('matchExpressions' in selector)) {
    sel = asSelector.get(selector);
    if (!sel) asSelector.set(selector, (sel = { matchLabels: selector }));
  }
  return ctx.bundle.podTemplatesMatching(ctx.namespace, sel);
}

function describe(selector: any): string {
  const ml = isObj(selector?.matchLabels) ? selector.matchLabels : isObj(selector) && !('matchExpressions' in selector) ? selector : {};
  return Object.entries(ml).map(([k, v]) => msg`${k}=${v}`).join(',') || 'its selector';
}

export const bundleRules: CheckedRule[] = [
  {
    id: 'service.selector-matches-nothing', severity: 'warning', layer: 'best-practice', handbook: ['H15', 'H29'], kinds: ['Service'],
    summary: 'a Service whose selector matches no Pod template of the bundle',
    rationale: 'A Service sends traffic to the Pods its selector matches; if no workload in the bundle has those labels it has no endpoints (kube-linter dangling-service). Use labels consistently (H29). Bundles without any Pod template are not checked.',
    fix: 'make the selector a subset of the workload\'s Pod template labels',
    check(ctx) {
      const sel = ctx.obj.spec?.selector;
      if (!isObj(sel) || Object.keys(sel).length === 0 || ctx.bundle.podTemplates.size === 0) return;
      if (selected(ctx, sel).length === 0) ctx.report('service.selector-matches-nothing', 'spec.selector', msg`Service "${ctx.obj.metadata?.name}" selects ${describe(sel)}, but no Pod template in namespace ${ctx.namespace} has those labels`);
    },
  },
  {
    id: 'service.target-port-unknown', severity: 'warning', layer: 'best-practice', handbook: ['H15'], kinds: ['Service'],
    summary: 'a Service targetPort name that the selected Pods do not declare',
    rationale: 'A named targetPort is looked up in each selected Pod\'s container ports; when none declares it, the Service has no endpoints for that port.',
    fix: 'name the container port like the targetPort, or use the port number',
    check(ctx) {
      const sel = ctx.obj.spec?.selector;
      if (!isObj(sel) || Object.keys(sel).length === 0) return;
      const pods = selected(ctx, sel);
      if (pods.length === 0) return;
      arr(ctx.obj.spec?.ports).forEach((p, i) => {
        const tp = p?.targetPort;
        if (typeof tp !== 'string' || /^\d+$/.test(tp)) return;
        if (!pods.some((t) => t.ports.has(tp))) ctx.report('service.target-port-unknown', msg`spec.ports[${i}].targetPort`, msg`no Pod selected by Service "${ctx.obj.metadata?.name}" declares a container port named "${tp}"`);
      });
    },
  },
  {
    id: 'pdb.selector-matches-nothing', severity: 'warning', layer: 'best-practice', handbook: ['H26'], kinds: ['PodDisruptionBudget'],
    summary: 'a PodDisruptionBudget whose selector matches no Pod template of the bundle',
    rationale: 'A budget protects only the Pods its selector matches (H26); one that matches none protects nothing. Bundles without any Pod template are not checked.',
    fix: 'make the selector match the workload\'s Pod template labels',
    check(ctx) {
      const sel = ctx.obj.spec?.selector;
      if (!isObj(sel) || ctx.bundle.podTemplates.size === 0) return;
      if (selected(ctx, sel).length === 0) ctx.report('pdb.selector-matches-nothing', 'spec.selector', msg`PodDisruptionBudget "${ctx.obj.metadata?.name}" selects ${describe(sel)}, but no Pod template in namespace ${ctx.namespace} has those labels`);
    },
  },
  {
    id: 'pdb.missing', severity: 'warning', layer: 'best-practice', crossObject: true, handbook: ['H26'],
    summary: 'a multi-replica workload without a PodDisruptionBudget',
    rationale: 'Node drains and upgrades evict Pods; without a PDB all replicas may be evicted at once (H26). Single-replica workloads, DaemonSets and Jobs need none.',
    fix: 'add a PodDisruptionBudget whose selector matches the Pod template labels',
    applies: (ctx) => (replicasOf(ctx) ?? 0) >= 2,
    check(ctx) {
      const replicas = replicasOf(ctx);
      if (replicas === undefined || replicas < 2) return;
      const labels = ctx.pod!.meta?.labels ?? {};
      const covered = ctx.bundle.pdbsFor(ctx.namespace, labels).some((p) => selectorMatches(p.spec?.selector, labels));
      if (!covered) ctx.report('pdb.missing', 'spec.replicas', msg`${ctx.kind} "${ctx.obj.metadata?.name}" has ${replicas} replicas and no PodDisruptionBudget selects its Pods`);
    },
  },
  {
    id: 'scheduling.anti-affinity-missing', severity: 'warning', layer: 'best-practice', handbook: ['H22'],
    summary: 'a multi-replica workload without pod anti-affinity or topology spread',
    rationale: 'Without anti-affinity the scheduler may put every replica on one node, and that node\'s failure takes the service down (kube-score, kube-linter no-anti-affinity).',
    fix: 'add preferred podAntiAffinity on kubernetes.io/hostname (or topologySpreadConstraints)',
    check(ctx) {
      const replicas = replicasOf(ctx);
      if (replicas === undefined || replicas < 2) return;
      const s = ctx.pod!.spec;
      if (isObj(s.affinity?.podAntiAffinity) || arr(s.topologySpreadConstraints).length > 0) return;
      ctx.report('scheduling.anti-affinity-missing', msg`${ctx.pod!.specPath}.affinity`, msg`${ctx.kind} "${ctx.obj.metadata?.name}" has ${replicas} replicas and no pod anti-affinity: all may land on one node`);
    },
  },
  {
    id: 'dns.subdomain-service-missing', severity: 'warning', layer: 'best-practice', crossObject: true, handbook: ['H15'],
    summary: 'a subdomain without a headless Service of that name that declares a port',
    rationale: 'The Pod\'s FQDN <hostname>.<subdomain>.<namespace>.svc resolves only if a headless Service named like the subdomain exists in the namespace, and that Service must declare at least one port (H15).',
    fix: 'add a Service with clusterIP: None, the subdomain\'s name, a selector for the Pod and at least one port',
    applies: (ctx) => typeof ctx.pod?.spec.subdomain === 'string' && ctx.pod.spec.subdomain !== '',
    check(ctx) {
      const sub = ctx.pod!.spec.subdomain;
      if (typeof sub !== 'string' || sub === '') return;
      const svc = ctx.bundle.services.get(msg`${ctx.namespace}/${sub}`);
      const path = msg`${ctx.pod!.specPath}.subdomain`;
      if (!svc) ctx.report('dns.subdomain-service-missing', path, msg`no Service "${sub}" in namespace ${ctx.namespace}: the Pod's hostname will not resolve`);
      else if (svc.spec?.clusterIP !== 'None') ctx.report('dns.subdomain-service-missing', path, msg`Service "${sub}" is not headless (clusterIP: None): Pod hostnames will not resolve`);
      else if (arr(svc.spec?.ports).length === 0) ctx.report('dns.subdomain-service-missing', path, msg`headless Service "${sub}" declares no port: Pod hostnames will not resolve`);
    },
  },
  {
    id: 'network.bandwidth-annotation', severity: 'warning', layer: 'best-practice', handbook: ['H21'],
    summary: 'a malformed or out-of-range bandwidth annotation',
    rationale: 'kubernetes.io/ingress-bandwidth and egress-bandwidth are quantities in bits per second between 1k and 1P; the bandwidth plugin fails the Pod\'s sandbox on anything else (H21). They belong on the Pod (template), not on the controller.',
    fix: 'use a quantity such as 10M on the Pod template\'s annotations',
    check(ctx) {
      const meta = ctx.pod!.meta;
      const ann = isObj(meta?.annotations) ? meta.annotations : {};
      for (const a of BANDWIDTH) {
        if (!(a in ann)) continue;
        const q = Quantity.tryParse(ann[a]);
        const p = key(msg`${ctx.pod!.metaPath}.annotations`, a);
        if (!q) ctx.report('network.bandwidth-annotation', p, msg`${a} "${ann[a]}" is not a quantity (example: 10M)`);
        else if (q.compare(Quantity.parse('1k')) < 0 || q.compare(Quantity.parse('1P')) > 0) ctx.report('network.bandwidth-annotation', p, msg`${a} "${ann[a]}" is outside 1k..1P bits per second`);
      }
      if (ctx.kind !== 'Pod') {
        const top = isObj(ctx.obj.metadata?.annotations) ? ctx.obj.metadata.annotations : {};
        for (const a of BANDWIDTH) {
          if (a in top && !(a in ann)) ctx.report('network.bandwidth-annotation', key('metadata.annotations', a), msg`${a} is on the ${ctx.kind}, not on its Pod template: it has no effect`);
        }
      }
    },
  },
  {
    id: 'scheduling.priority-class-undefined', severity: 'warning', layer: 'best-practice', crossObject: true, handbook: ['H25'],
    summary: 'priorityClassName names a PriorityClass that the bundle does not define',
    rationale: 'The API server rejects Pods whose PriorityClass does not exist at creation time (H25); for controllers this shows up later as Pods that never get created. A class defined outside the bundle is fine: suppress the rule for it.',
    fix: 'add the PriorityClass to the bundle, or suppress the rule if the cluster already has it',
    applies: (ctx) => typeof ctx.pod?.spec.priorityClassName === 'string' && ctx.pod.spec.priorityClassName !== '',
    check(ctx) {
      const pc = ctx.pod!.spec.priorityClassName;
      if (typeof pc !== 'string' || pc === '' || BUILTIN_PRIORITY.has(pc) || ctx.bundle.priorityClasses.has(pc)) return;
      ctx.report('scheduling.priority-class-undefined', msg`${ctx.pod!.specPath}.priorityClassName`, msg`PriorityClass "${pc}" is not defined in this bundle`);
    },
  },
];
