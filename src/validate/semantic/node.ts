/**
 * A Node's pod CIDRs and taints (pkg/apis/core/validation: ValidateNode), the part no cluster decides: each
 * a CIDR as the legacy fields read it (legacy-ip.ts: sloppy, and strictly from 1.36), at most one
 * of each IP family. The v1 API converts `spec.podCIDR` into `spec.podCIDRs` when that is left out
 * or starts with another CIDR, so such a podCIDR is checked as podCIDRs[0], alone. Each taint has
 * a label-name key, a label value and an effect of NoSchedule, PreferNoSchedule or NoExecute, and no
 * two share key and effect.
 */
import { STRING_FORMATS } from '../crd/strfmt';
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { labelValue, qualifiedName } from '../names';
import { RuleMeta } from '../types';
import { ipFamily, STRICT_IP_FROM, strictCIDRProblem } from './legacy-ip';

export const nodeRules: RuleMeta[] = [{
  id: 'node.invalid',
  severity: 'error',
  layer: 'semantic',
  handbook: ['H30'],
  summary: 'a Node\'s pod CIDRs must be CIDRs, at most one per IP family, and its taints well-formed',
  rationale: 'The API server refuses a Node whose spec.podCIDRs (or spec.podCIDR, which the v1 API turns into podCIDRs) holds something that is not a CIDR, more than two CIDRs, or two of one IP family; from Kubernetes 1.36 a CIDR with leading zeros, an IPv4-mapped address or bits set beyond its prefix length is refused too. A taint needs a label-name key, a label value and an effect of NoSchedule, PreferNoSchedule or NoExecute, and no two taints may share key and effect.',
  fix: 'give the Node one pod CIDR per IP family, written as the network address (10.244.1.0/24), or leave the pod CIDRs to the controller manager',
}];

export function checkNode(ctx: Ctx): void {
  const spec = ctx.obj.spec;
  if (!isObj(spec)) return;
  // Convert_v1_NodeSpec_To_core_NodeSpec: podCIDR stands for podCIDRs when those are left out, and
  // is authoritative when it differs from podCIDRs[0] (older clients write only podCIDR)
  const given = arr(spec.podCIDRs);
  const podCIDR = typeof spec.podCIDR === 'string' ? spec.podCIDR : '';
  const cidrs = podCIDR !== '' && (given.length === 0 || given[0] !== podCIDR) ? [podCIDR] : given;
  const r = (path: string, m: string) => ctx.report('node.invalid', path, m);
  cidrs.forEach((c, i) => {
    if (typeof c !== 'string') return;
    const at = `spec.podCIDRs[${i}]`;
    if (!STRING_FORMATS.cidr(c)) r(at, field.invalid(c, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
    else if (ctx.minor >= STRICT_IP_FROM && strictCIDRProblem(c)) r(at, field.invalid(c, strictCIDRProblem(c)!));
  });
  if (cidrs.length > 1) {
    const families = cidrs.map((c) => (typeof c === 'string' && STRING_FORMATS.cidr(c) ? ipFamily(c.slice(0, c.indexOf('/'))) : 0));
    const dualStack = families.includes(4) && families.includes(6);
    if (!dualStack || cidrs.length > 2) r('spec.podCIDRs', field.invalid(cidrs, 'may specify no more than one CIDR for each IP family'));
  }
  checkTaints(ctx, spec.taints);
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateNodeTaints: a label-name key, a label value, one of the three effects, each key once per effect. */
function checkTaints(ctx: Ctx, taints: unknown): void {
  const r = (path: string, m: string) => ctx.report('node.invalid', path, m);
  const seen = new Map<string, Set<string>>();
  arr(taints).forEach((t, i) => {
    if (!isObj(t)) return;
    const at = `spec.taints[${i}]`;
    const key = typeof t.key === 'string' ? t.key : '';
    // (a key or effect left out or "": the schema layer's Required)
    if (key !== '') for (const m of qualifiedName(key)) r(`${at}.key`, field.invalid(key, m));
    const value = typeof t.value === 'string' ? t.value : '';
    const bad = labelValue(value);
    if (bad.length) r(`${at}.value`, field.invalid(value, bad.join(';')));
    const effect = typeof t.effect === 'string' ? t.effect : '';
    if (effect !== '' && !TAINT_EFFECTS.includes(effect)) r(`${at}.effect`, field.notSupported(effect, TAINT_EFFECTS));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(key)) r(at, `Duplicate value: ${JSON.stringify(t).slice(0, 80)}: taints must be unique by key and effect pair`);
    else seen.set(effect, keys.add(key));
  });
}

