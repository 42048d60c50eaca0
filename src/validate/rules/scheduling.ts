/** Anti-affinity and topology spread that select nothing (H22): the spreading the workload asks for never happens. */
import { arr, Ctx, isObj, selectorMatches } from '../context';
import { msg } from '../field';
import { CheckedRule } from './types';

/** Whether a term's label selector picks the Pod's own labels; an empty selector picks every Pod. */
function picksOwn(selector: any, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  if (!isObj(selector.matchLabels) && arr(selector.matchExpressions).length === 0) return true;
  if (isObj(selector.matchLabels) && Object.keys(selector.matchLabels).length === 0 && arr(selector.matchExpressions).length === 0) return true;
  return selectorMatches(selector, labels);
}

function checkTerm(ctx: Ctx, term: any, path: string, labels: Record<string, string>): void {
  if (!isObj(term)) return;
  const nsList = arr(term.namespaces);
  if (!isObj(term.labelSelector)) {
    ctx.report('scheduling.spread-selects-nothing', msg`${path}.labelSelector`, 'podAntiAffinity term has no labelSelector: it selects no Pod, so it spreads nothing');
  } else if (!picksOwn(term.labelSelector, labels)) {
    ctx.report('scheduling.spread-selects-nothing', msg`${path}.labelSelector`, 'podAntiAffinity labelSelector does not match the workload\'s own Pod labels: replicas are not kept apart');
  } else if (nsList.length > 0 && term.namespaceSelector == null && !nsList.includes(ctx.namespace)) {
    ctx.report('scheduling.spread-selects-nothing', msg`${path}.namespaces`, msg`podAntiAffinity looks only in namespaces ${nsList.join(',')}, not in the Pod's own namespace ${ctx.namespace}`);
  }
}

export const schedulingRules: CheckedRule[] = [
  {
    id: 'scheduling.spread-selects-nothing', severity: 'warning', layer: 'best-practice', handbook: ['H22'],
    summary: 'pod anti-affinity or a topology spread constraint that does not select the workload\'s own Pods',
    rationale: 'Anti-affinity and topologySpreadConstraints count the Pods their labelSelector matches. A selector that misses the workload\'s own labels (or looks in other namespaces, or is absent) counts nothing, so every replica may still land on one node (H22; kube-linter no-anti-affinity, Polaris topologySpreadConstraint).',
    fix: 'use the Pod template\'s labels (for example app.kubernetes.io/name) as the labelSelector',
    check(ctx) {
      const pod = ctx.pod!;
      const labels = isObj(pod.meta?.labels) ? pod.meta.labels : {};
      const anti = pod.spec.affinity?.podAntiAffinity;
      const base = msg`${pod.specPath}.affinity.podAntiAffinity`;
      if (isObj(anti)) {
        arr(anti.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => checkTerm(ctx, t, msg`${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, labels));
        arr(anti.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => checkTerm(ctx, w?.podAffinityTerm, msg`${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`, labels));
      }
      arr(pod.spec.topologySpreadConstraints).forEach((t, i) => {
        if (!isObj(t)) return;
        const p = msg`${pod.specPath}.topologySpreadConstraints[${i}].labelSelector`;
        if (!isObj(t.labelSelector)) ctx.report('scheduling.spread-selects-nothing', p, 'topologySpreadConstraint has no labelSelector: it counts no Pod, so it spreads nothing');
        else if (!picksOwn(t.labelSelector, labels)) ctx.report('scheduling.spread-selects-nothing', p, 'topologySpreadConstraint labelSelector does not match the workload\'s own Pod labels: replicas are not spread');
      });
    },
  },
];
