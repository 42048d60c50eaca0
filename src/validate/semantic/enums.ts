/**
 * Enumerated fields no other check reads, as the API server checks them: most are pointers
 * (`*PodFSGroupChangePolicy`, `*IPFamilyPolicy`, ...), so an empty string is a value and refused,
 * unlike the defaulted fields of defaulted.ts. Each entry names the validation function it
 * follows; the list is in the order Go's message prints it (sets.List sorts most of them).
 * Reported as fields.not-supported, with the path as written in the manifest.
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';

interface Enum {
  /** Dotted path from the object (or, with `pod`, from its Pod spec); `[]` steps into every list entry. */
  path: string;
  values: string[];
  pod?: boolean;
  kinds?: string[];
  /** The first minor release that validates the field (earlier ones drop it or do not know it). */
  from?: number;
  /** Where the value is not supported (os: spec.os, not spec.os.name). */
  reportAt?: (path: string) => string;
  /** "" is Required rather than unsupported. */
  emptyRequired?: true;
}

const WEBHOOKS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'];
const MOUNTS = ['containers[].volumeMounts[]', 'initContainers[].volumeMounts[]'];

const ENUMS: Enum[] = [
  // pkg/apis/core/validation: validateFSGroupChangePolicy, validateMountPropagation, validateMountRecursiveReadOnly
  { pod: true, path: 'securityContext.fsGroupChangePolicy', values: ['Always', 'OnRootMismatch'] },
  ...MOUNTS.map((m) => ({ pod: true, path: `${m}.mountPropagation`, values: ['Bidirectional', 'HostToContainer', 'None'] })),
  // RecursiveReadOnlyMounts: alpha (off, the field dropped) in 1.30, on from 1.31
  ...MOUNTS.map((m) => ({ pod: true, path: `${m}.recursiveReadOnly`, values: ['Disabled', 'Enabled', 'IfPossible'], from: 31 })),
  // validateOS: an unknown name is reported at spec.os
  { pod: true, path: 'os.name', values: ['linux', 'windows'], emptyRequired: true, reportAt: (p) => p.slice(0, -'.name'.length) },
  // validatePreemptionPolicy ("" is Required; not sorted; a bare Pod meets the priority admission plugin first)
  { pod: true, path: 'preemptionPolicy', values: ['PreemptLowerPriority', 'Never'], emptyRequired: true },
  // pkg/apis/policy/validation: ValidatePodDisruptionBudgetSpec
  { kinds: ['PodDisruptionBudget'], path: 'spec.unhealthyPodEvictionPolicy', values: ['AlwaysAllow', 'IfHealthyBudget'] },
  // pkg/apis/admissionregistration/validation: validateValidation's reason
  { kinds: ['ValidatingAdmissionPolicy'], path: 'spec.validations[].reason', values: ['Forbidden', 'Invalid', 'RequestEntityTooLarge'] },
  // ValidateService: ipFamilyPolicy (validateIPFamilyPolicy)
  { kinds: ['Service'], path: 'spec.ipFamilyPolicy', values: ['PreferDualStack', 'RequireDualStack', 'SingleStack'] },
  // pkg/apis/autoscaling/validation: validateScalingRules
  ...['scaleUp', 'scaleDown'].map((d) => ({ kinds: ['HorizontalPodAutoscaler'], path: `spec.behavior.${d}.selectPolicy`, values: ['Disabled', 'Max', 'Min'] })),
  // pkg/apis/storage/validation: validateFSGroupPolicy
  { kinds: ['CSIDriver'], path: 'spec.fsGroupPolicy', values: ['File', 'None', 'ReadWriteOnceWithFSType'] },
  // pkg/apis/admissionregistration/validation: validateValidatingWebhook, validateMutatingWebhook, validateRule
  { kinds: WEBHOOKS, path: 'webhooks[].failurePolicy', values: ['Fail', 'Ignore'] },
  { kinds: WEBHOOKS, path: 'webhooks[].matchPolicy', values: ['Equivalent', 'Exact'] },
  { kinds: WEBHOOKS, path: 'webhooks[].rules[].scope', values: ['*', 'Cluster', 'Namespaced'] },
  { kinds: ['MutatingWebhookConfiguration'], path: 'webhooks[].reinvocationPolicy', values: ['IfNeeded', 'Never'] },
  // pkg/apis/apps/validation: ValidatePersistentVolumeClaimRetentionPolicyType (not sorted)
  ...['whenDeleted', 'whenScaled'].map((w) => ({ kinds: ['StatefulSet'], path: `spec.persistentVolumeClaimRetentionPolicy.${w}`, values: ['Retain', 'Delete'] })),
];

/** ValidateService's trafficDistribution: PreferClose alone until PreferSameTrafficDistribution is on (1.34); the field is dropped in 1.30. */
function trafficDistributions(minor: number): string[] | undefined {
  if (minor < 31) return undefined;
  return minor >= 34 ? ['PreferClose', 'PreferSameZone', 'PreferSameNode'] : ['PreferClose'];
}

/** Calls `each` with every value at `path` (split on dots) under `root`, and its path as written (list indexes filled in). */
function valuesAt(root: unknown, steps: string[], k: number, at: string, each: (v: unknown, p: string) => void): void {
  if (!isObj(root)) return;
  const head = steps[k];
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  const v = root[key];
  if (v === undefined) return;
  const here = at === '' ? key : `${at}.${key}`;
  const last = k === steps.length - 1;
  if (!list) {
    if (last) each(v, here);
    else valuesAt(v, steps, k + 1, here, each);
    return;
  }
  if (!Array.isArray(v)) return;
  for (let i = 0; i < v.length; i++) valuesAt(v[i], steps, k + 1, `${here}[${i}]`, each);
}

const POD_ENUMS = ENUMS.filter((e) => e.pod);
const KIND_ENUMS = new Map<string, Enum[]>();
for (const e of ENUMS) for (const kind of e.kinds ?? []) KIND_ENUMS.set(kind, [...(KIND_ENUMS.get(kind) ?? []), e]);
const STEPS = new Map(ENUMS.map((e) => [e, e.path.split('.')]));

export function checkEnums(ctx: Ctx): void {
  const pod = ctx.pod && isObj(ctx.pod.spec) ? ctx.pod : undefined;
  for (const e of pod ? POD_ENUMS : []) {
    if (e.from !== undefined && ctx.minor < e.from) continue;
    valuesAt(pod!.spec, STEPS.get(e)!, 0, pod!.specPath, (v, p) => check(ctx, v, p, e));
  }
  for (const e of KIND_ENUMS.get(ctx.kind) ?? []) {
    if (e.from !== undefined && ctx.minor < e.from) continue;
    valuesAt(ctx.obj, STEPS.get(e)!, 0, '', (v, p) => check(ctx, v, p, e));
  }
  if (ctx.kind === 'Service') {
    const values = trafficDistributions(ctx.minor);
    const v = ctx.obj.spec?.trafficDistribution;
    if (values && v !== undefined) check(ctx, v, 'spec.trafficDistribution', { path: '', values });
  }
  if (pod) checkMountRules(ctx, pod.spec, pod.specPath);
}

function check(ctx: Ctx, v: unknown, p: string, e: Enum): void {
  if (typeof v !== 'string') return; // a wrong type is the schema layer's
  if (e.emptyRequired && v === '') ctx.report('fields.not-supported', p, field.required());
  else if (!e.values.includes(v)) ctx.report('fields.not-supported', e.reportAt ? e.reportAt(p) : p, field.notSupported(v, e.values));
}

/** What a known mountPropagation or recursiveReadOnly forbids (validateMountPropagation, validateMountRecursiveReadOnly). */
function checkMountRules(ctx: Ctx, spec: any, sp: string): void {
  for (const list of ['containers', 'initContainers']) {
    arr(spec[list]).forEach((c, i) => {
      if (!isObj(c)) return;
      const privileged = isObj(c.securityContext) && c.securityContext.privileged === true;
      arr(c.volumeMounts).forEach((m, j) => {
        if (!isObj(m)) return;
        const at = `${sp}.${list}[${i}].volumeMounts[${j}]`;
        if (m.mountPropagation === 'Bidirectional' && !privileged) {
          ctx.report('volume-mounts.invalid', `${at}.mountPropagation`, field.forbidden('Bidirectional mount propagation is available only to privileged containers'));
        }
        if (ctx.minor < 31 || (m.recursiveReadOnly !== 'Enabled' && m.recursiveReadOnly !== 'IfPossible')) return;
        if (m.readOnly !== true) ctx.report('volume-mounts.invalid', `${at}.recursiveReadOnly`, field.forbidden('may only be specified when readOnly is true'));
        if (typeof m.mountPropagation === 'string' && m.mountPropagation !== 'None') {
          ctx.report('volume-mounts.invalid', `${at}.recursiveReadOnly`, field.forbidden('may only be specified when mountPropagation is None or not specified'));
        }
      });
    });
  }
}
