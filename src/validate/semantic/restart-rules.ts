/**
 * Container restartPolicy and restartPolicyRules from Kubernetes 1.35, where ContainerRestartRules
 * is beta and on by default (pkg/apis/core/validation validateContainerRestartPolicy): app
 * containers and init containers may set Always, OnFailure or Never, with up to 20 rules that
 * restart the container on some exit codes. 1.36 turns on RestartAllContainersOnContainerExits:
 * a rule may restart every container, and sidecars (init containers with Always) take rules too.
 * 1.34 drops them (the best-practice rule containers.restart-policy-ignored says so); 1.28-1.33
 * refuse a restartPolicy on app containers, and 1.29-1.33 any but Always on init containers
 * (sidecars only; 1.28 drops an init container's restartPolicy: schema/gated.ts).
 * Reported as pod.restart-policy-invalid, or fields.not-supported for an unknown value.
 */
import { arr, ContainerRef, Ctx, isObj } from '../context';
import { field } from '../field';

const POLICIES = ['Always', 'Never', 'OnFailure'];
const OPERATORS = ['In', 'NotIn'];

/**
 * 1.28-1.33: restartPolicy may not be set on an app container, and from 1.29 (SidecarContainers on
 * by default) an init container's may only be Always (validateContainers, validateInitContainerRestartPolicy;
 * judged by the API servers of 1.27-1.37, test/support/release-cases.ts).
 */
function checkSidecarOnly(ctx: Ctx, ref: ContainerRef): void {
  const { c, path, init } = ref;
  if (c.restartPolicy == null) return;
  if (init) {
    if (c.restartPolicy !== 'Always') ctx.report('fields.not-supported', `${path}.restartPolicy`, field.notSupported(c.restartPolicy, ['Always']));
  } else if (/\.containers\[\d+\]$/.test(path)) {
    ctx.report('pod.restart-policy-invalid', `${path}.restartPolicy`, field.forbidden('may not be set for non-init containers'));
  }
}

/** Called for every container of a Pod spec; checks what 1.28-1.33 allow, and from 1.35 the restart rules (1.34 drops them). */
export function checkRestartRules(ctx: Ctx, ref: ContainerRef): void {
  // 1.28 drops an init container's restartPolicy (the schema layer: gated.ts) and refuses an app container's
  if (ctx.minor >= 28 && ctx.minor <= 33) checkSidecarOnly(ctx, ref);
  if (ctx.minor < 35) return;
  const { c, path, init } = ref;
  const r = (p: string, m: string) => ctx.report('pod.restart-policy-invalid', p, m);
  const rules = arr(c.restartPolicyRules);
  const policy = c.restartPolicy;
  const restartAll = ctx.minor >= 36;
  if (policy == null) {
    if (rules.length) r(`${path}.restartPolicy`, field.required('must specify restartPolicy when restart rules are used'));
    return;
  }
  if (init && policy === 'Always' && !restartAll) {
    if (rules.length) r(`${path}.restartPolicyRules`, field.forbidden('restartPolicyRules are not allowed for init containers with restart policy Always'));
    return;
  }
  if (!POLICIES.includes(policy)) ctx.report('fields.not-supported', `${path}.restartPolicy`, field.notSupported(policy, POLICIES));
  if (rules.length > 20) r(`${path}.restartPolicyRules`, field.tooMany(rules.length, 20));
  const actions = restartAll ? ['Restart', 'RestartAllContainers'] : ['Restart'];
  rules.forEach((rule, i) => {
    const at = `${path}.restartPolicyRules[${i}]`;
    if (!isObj(rule)) return;
    if (!actions.includes(rule.action)) ctx.report('fields.not-supported', `${at}.action`, field.notSupported(rule.action ?? '', actions));
    const codes = rule.exitCodes;
    if (!isObj(codes)) { r(`${at}.exitCodes`, field.required('must be specified')); return; }
    if (!OPERATORS.includes(codes.operator)) ctx.report('fields.not-supported', `${at}.exitCodes.operator`, field.notSupported(codes.operator ?? '', OPERATORS));
    if (arr(codes.values).length > 255) r(`${at}.exitCodes.values`, field.tooMany(arr(codes.values).length, 255));
  });
}
