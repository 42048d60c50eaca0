/**
 * Device taints (resource.k8s.io): a DeviceTaintRule as the API server validates it
 * (pkg/apis/resource/validation: ValidateDeviceTaintRule) — a selector naming a driver (a CSI-style
 * driver name), a pool (DNS subdomains joined by `/`) and a device (a DNS label), and a taint
 * with a label-name key, a label value and an effect. The effects are NoSchedule and NoExecute,
 * and from 1.35 also None (purely informational; k8s.io/api v0.35 adds it), which a claim's
 * tolerations may name too (device-requests.ts).
 */
import { Ctx, isObj, str } from '../context';
import { field } from '../field';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from '../names';
import { RuleMeta } from '../types';

const RULE = 'devicetaintrule.invalid';

export const deviceTaintRules: RuleMeta[] = [{
  id: RULE, severity: 'error', layer: 'semantic', handbook: ['H16'],
  summary: 'a DeviceTaintRule selects devices by valid names and sets a taint with a valid key, value and effect',
  rationale: 'The API server refuses a DeviceTaintRule whose deviceSelector names a driver that is no DNS subdomain of at most 63 characters, a pool that is not DNS subdomains joined by "/", or a device that is no DNS label, or whose taint has no valid label-name key, a value that is no label value, or an effect other than NoSchedule, NoExecute (and, from 1.35, None).',
  fix: 'name the driver, pool and device as the ResourceSlice does, and give the taint a key such as example.com/unhealthy and effect NoSchedule or NoExecute',
}];

/** The taint effects a release knows, in Go's sorted order (sets.List). */
export function deviceTaintEffects(minor: number): readonly string[] {
  return minor >= 35 ? ['NoExecute', 'NoSchedule', 'None'] : ['NoExecute', 'NoSchedule'];
}


export function checkDeviceTaintRule(ctx: Ctx): void {
  if (typeof ctx.obj.apiVersion !== 'string' || !ctx.obj.apiVersion.startsWith('resource.k8s.io/')) return;
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  const r = (p: string, m: string) => ctx.report(RULE, p, m);
  const sel = spec.deviceSelector;
  if (isObj(sel)) {
    // pointers: "" is set, and checked
    if (typeof sel.driver === 'string') {
      const d = sel.driver;
      if (d === '') r('spec.deviceSelector.driver', field.required());
      else {
        if (d.length > 63) r('spec.deviceSelector.driver', field.tooLong(63));
        for (const m of dns1123Subdomain(d.toLowerCase())) r('spec.deviceSelector.driver', field.invalid(d, m));
      }
    }
    if (typeof sel.pool === 'string') {
      const pool = sel.pool;
      if (pool === '') r('spec.deviceSelector.pool', field.required());
      else {
        if (pool.length > 253) r('spec.deviceSelector.pool', field.tooLong(253));
        for (const part of pool.split('/')) for (const m of dns1123Subdomain(part)) r('spec.deviceSelector.pool', field.invalid(part, m));
      }
    }
    if (typeof sel.device === 'string') {
      const dev = sel.device;
      if (dev === '') r('spec.deviceSelector.device', field.required());
      else for (const m of dns1123Label(dev)) r('spec.deviceSelector.device', field.invalid(dev, m));
    }
  }
  const taint = isObj(spec.taint) ? spec.taint : {};
  const key = str(taint.key);
  // (a key or effect left out or "": the schema layer's Required)
  if (key !== '') for (const m of qualifiedName(key)) r('spec.taint.key', field.invalid(key, m));
  const value = str(taint.value);
  if (value !== '') for (const m of labelValue(value)) r('spec.taint.value', field.invalid(value, m));
  const effect = str(taint.effect);
  const effects = deviceTaintEffects(ctx.minor);
  if (effect !== '' && !effects.includes(effect)) r('spec.taint.effect', field.notSupported(effect, effects));
}
