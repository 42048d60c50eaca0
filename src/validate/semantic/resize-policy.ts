/**
 * A container's resizePolicy (validateResizePolicy), from Kubernetes 1.33 where in-place Pod
 * resize is on by default (before, the API server drops the field: schema/gated.ts): cpu and
 * memory at most once each, NotRequired or RestartContainer, and only NotRequired in a Pod that
 * never restarts its containers. Paths as the API server names them (the list for a missing or
 * unknown value, the entry for a repeat).
 */
import { arr, ContainerRef, Ctx, isObj } from '../context';
import { field } from '../field';
import { RuleMeta } from '../types';

const RESOURCES = ['cpu', 'memory'];
const POLICIES = ['NotRequired', 'RestartContainer'];

export const resizePolicyRules: RuleMeta[] = [{
  id: 'containers.resize-policy-invalid',
  severity: 'error',
  layer: 'semantic',
  handbook: ['H16'],
  summary: 'a container\'s resizePolicy names cpu and memory at most once each, with a restart policy',
  rationale: 'resizePolicy says whether the kubelet may change a container\'s cpu or memory in place or must restart it; the API server requires a resource name and a restart policy in each entry, each resource once, and only NotRequired when the Pod\'s restartPolicy is Never.',
  fix: 'give each entry resourceName cpu or memory (once each) and restartPolicy NotRequired or RestartContainer (NotRequired in a Pod with restartPolicy Never)',
}];

export function checkResizePolicy(ctx: Ctx, ref: ContainerRef, podRestartPolicy: unknown): void {
  if (ctx.minor < 33 || ref.c.resizePolicy === undefined) return;
  const p = `${ref.path}.resizePolicy`;
  const r = (path: string, m: string) => ctx.report('containers.resize-policy-invalid', path, m);
  const seen = new Set<unknown>();
  arr(ref.c.resizePolicy).forEach((entry, i) => {
    const e = isObj(entry) ? entry : {};
    const name = e.resourceName ?? '';
    const policy = e.restartPolicy ?? '';
    if (seen.has(name)) r(`${p}[${i}]`, field.duplicate(name));
    seen.add(name);
    // (a field left out is the schema layer's to report, schema.required)
    if (e.resourceName === '') r(p, field.required());
    else if (typeof name === 'string' && name !== '' && !RESOURCES.includes(name)) ctx.report('fields.not-supported', p, field.notSupported(name, RESOURCES));
    if (e.restartPolicy === '') r(p, field.required());
    else if (typeof policy === 'string' && policy !== '' && !POLICIES.includes(policy)) ctx.report('fields.not-supported', p, field.notSupported(policy, POLICIES));
    if (podRestartPolicy === 'Never' && policy !== 'NotRequired') r(p, field.invalid(policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
}
