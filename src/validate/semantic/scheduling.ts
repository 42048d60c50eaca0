/** Pod scheduling fields as the API server validates them: label selectors, tolerations, node and Pod affinity, topology spread. */
import { arr, Ctx, isInt, isObj } from '../context';
import { field } from '../field';
import { qualifiedName, labelValue } from '../names';

const TOLERATION_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

/** ValidateLabelSelector (apimachinery's metav1 validation), with its paths and words. */
function checkLabelSelector(ctx: Ctx, rule: string, sel: any, path: string): void {
  if (!isObj(sel)) return;
  if (isObj(sel.matchLabels)) {
    for (const [k, v] of Object.entries(sel.matchLabels)) {
      for (const m of qualifiedName(k)) ctx.report(rule, `${path}.matchLabels`, field.invalid(k, m));
      // (ValidateLabels names the map, not the key, for a value)
      if (typeof v === 'string') for (const m of labelValue(v)) ctx.report(rule, `${path}.matchLabels`, field.invalid(v, m));
    }
  }
  arr(sel.matchExpressions).forEach((e, i) => {
    if (!isObj(e)) return;
    const p = `${path}.matchExpressions[${i}]`;
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (arr(e.values).length === 0) ctx.report(rule, `${p}.values`, field.required('must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (arr(e.values).length > 0) ctx.report(rule, `${p}.values`, field.forbidden('may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    } else ctx.report(rule, `${p}.operator`, field.invalid(e.operator ?? '', 'not a valid selector operator'));
    if (typeof e.key === 'string') for (const m of qualifiedName(e.key)) ctx.report(rule, `${p}.key`, field.invalid(e.key, m));
    arr(e.values).forEach((v, j) => { if (typeof v === 'string') for (const m of labelValue(v)) ctx.report(rule, `${p}.values[${j}]`, field.invalid(v, m)); });
  });
}
export { checkLabelSelector };

export function checkTolerations(ctx: Ctx, tolerations: any, path: string): void {
  arr(tolerations).forEach((t, i) => {
    if (!isObj(t)) return;
    const p = `${path}[${i}]`;
    const r = (f: string, m: string) => ctx.report('tolerations.invalid', f, m);
    if (typeof t.key === 'string' && t.key !== '') for (const m of qualifiedName(t.key)) r(`${p}.key`, field.invalid(t.key, m));
    if ((t.key === undefined || t.key === '') && t.operator !== 'Exists') {
      r(`${p}.operator`, field.invalid(t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      r(`${p}.effect`, field.invalid(t.effect ?? '', 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
    }
    if (t.operator === undefined || t.operator === 'Equal' || t.operator === '') {
      if (typeof t.value === 'string') for (const m of labelValue(t.value)) r(`${p}.value`, field.invalid(t.value, m));
    } else if (t.operator === 'Exists') {
      if (typeof t.value === 'string' && t.value !== '') r(`${p}.operator`, field.invalid(t.value, "value must be empty when `operator` is 'Exists'"));
    } else {
      r(`${p}.operator`, field.notSupported(t.operator, ['Equal', 'Exists']));
    }
    if (t.effect !== undefined && t.effect !== '' && !TOLERATION_EFFECTS.includes(t.effect)) r(`${p}.effect`, field.notSupported(t.effect, TOLERATION_EFFECTS));
  });
}

export function checkNodeSelectorTerm(ctx: Ctx, term: any, path: string): void {
  if (!isObj(term)) return;
  const ops = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
  arr(term.matchExpressions).forEach((e, i) => {
    if (!isObj(e)) return;
    const p = `${path}.matchExpressions[${i}]`;
    const r = (f: string, m: string) => ctx.report('affinity.invalid', f, m);
    const vals = arr(e.values);
    if (!ops.includes(e.operator)) r(`${p}.operator`, field.notSupported(e.operator, ops));
    else if ((e.operator === 'In' || e.operator === 'NotIn') && vals.length === 0) r(`${p}.values`, field.required('must be specified when `operator` is \'In\' or \'NotIn\''));
    else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && vals.length > 0) r(`${p}.values`, field.forbidden('may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    else if (e.operator === 'Gt' || e.operator === 'Lt') {
      if (vals.length !== 1) r(`${p}.values`, field.required('must be specified single value when `operator` is \'Lt\' or \'Gt\''));
      else if (!/^-?\d+$/.test(String(vals[0]))) r(`${p}.values[0]`, field.invalid(vals[0], 'must be an integer'));
    }
    if (typeof e.key === 'string') for (const m of qualifiedName(e.key)) r(`${p}.key`, field.invalid(e.key, m));
  });
}

function checkPodAffinityTerm(ctx: Ctx, term: any, path: string): void {
  if (!isObj(term)) return;
  if (typeof term.topologyKey !== 'string' || term.topologyKey === '') ctx.report('affinity.invalid', `${path}.topologyKey`, field.required('can not be empty'));
  else for (const m of qualifiedName(term.topologyKey)) ctx.report('affinity.invalid', `${path}.topologyKey`, field.invalid(term.topologyKey, m));
  checkLabelSelector(ctx, 'affinity.invalid', term.labelSelector, `${path}.labelSelector`);
}

function checkWeight(ctx: Ctx, w: any, path: string): void {
  if (!isInt(w) || w < 1 || w > 100) ctx.report('affinity.invalid', `${path}.weight`, field.invalid(w ?? 0, 'must be in the range 1-100'));
}

export function checkAffinity(ctx: Ctx, aff: any, path: string): void {
  if (!isObj(aff)) return;
  const na = aff.nodeAffinity;
  if (isObj(na)) {
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(req)) {
      const terms = arr(req.nodeSelectorTerms);
      const p = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      if (terms.length === 0) ctx.report('affinity.invalid', p, field.required('must have at least one node selector term'));
      terms.forEach((t, i) => checkNodeSelectorTerm(ctx, t, `${p}[${i}]`));
    }
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const p = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!isObj(t)) return;
      checkWeight(ctx, t.weight, p);
      checkNodeSelectorTerm(ctx, t.preference, `${p}.preference`);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = aff[kind];
    if (!isObj(pa)) continue;
    arr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      checkPodAffinityTerm(ctx, t, `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
    arr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const p = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!isObj(t)) return;
      checkWeight(ctx, t.weight, p);
      checkPodAffinityTerm(ctx, t.podAffinityTerm, `${p}.podAffinityTerm`);
    });
  }
}

export function checkTopologySpread(ctx: Ctx, constraints: any, path: string): void {
  const list = arr(constraints);
  const r = (p: string, m: string) => ctx.report('scheduling.topology-spread-invalid', p, m);
  const actions = ['DoNotSchedule', 'ScheduleAnyway'];
  const policies = ['Honor', 'Ignore'];
  list.forEach((c, i) => {
    if (!isObj(c)) return;
    const p = `${path}[${i}]`;
    if (isInt(c.maxSkew) && c.maxSkew <= 0) r(`${p}.maxSkew`, field.invalid(c.maxSkew, 'must be greater than zero'));
    if (c.topologyKey === '') r(`${p}.topologyKey`, field.required('can not be empty'));
    if (typeof c.whenUnsatisfiable === 'string' && !actions.includes(c.whenUnsatisfiable)) r(`${p}.whenUnsatisfiable`, field.notSupported(c.whenUnsatisfiable, actions));
    const repeat = list.slice(i + 1).some((o) => isObj(o) && o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (repeat) r(`${p}.{topologyKey, whenUnsatisfiable}`, field.duplicate(`{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    if (c.minDomains != null) {
      if (isInt(c.minDomains) && c.minDomains <= 0) r(`${p}.minDomains`, field.invalid(c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') r(`${p}.minDomains`, field.invalid(c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (typeof c[f] === 'string' && !policies.includes(c[f])) r(`${p}.${f}`, field.notSupported(c[f], policies));
    }
    checkLabelSelector(ctx, 'scheduling.topology-spread-invalid', c.labelSelector, `${p}.labelSelector`);
  });
}
