/**
 * ValidatingAdmissionPolicies and their bindings (admissionregistration.k8s.io/v1), the parts of
 * pkg/apis/admissionregistration/validation that need no CEL compiler: a policy says which
 * requests it matches and has at least one validation or audit annotation; a binding names its
 * policy, what to do on a failed validation (Deny, Warn, Audit; not Deny with Warn) and its
 * parameters by name or by selector, with what to do when they are missing. From 1.37 the same for
 * MutatingAdmissionPolicies and their bindings: mutations of a known patch type, CREATE and UPDATE
 * only, a reinvocation policy. Their CEL expressions are cel-expressions.ts'.
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';
import { checkMatchConditionNames, checkVariableNames } from './match-conditions';
import { checkAdmissionRule } from './webhooks';
import { checkLabelSelector } from './scheduling';

const S = (id: string, handbook: string[], summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook, summary, rationale, fix });

export const admissionPolicyRules: RuleMeta[] = [
  S('admission-policy.invalid', ['H30'], 'a ValidatingAdmissionPolicy needs what it matches and what it checks; its binding, a policy and an action',
    'A policy without matchConstraints.resourceRules matches nothing, and one without validations or auditAnnotations checks nothing; a binding without policyName or validationActions (Deny, Warn, Audit: at least one, each once, never Deny with Warn) enforces nothing. The API server refuses all of them.', 'add matchConstraints.resourceRules and a validation to the policy; give the binding its policyName and validationActions such as [Deny]'),
];

const ACTIONS = ['Audit', 'Deny', 'Warn'];
const FAILURE_POLICIES = ['Fail', 'Ignore'];

export function checkAdmissionPolicy(ctx: Ctx): void {
  if (ctx.obj.apiVersion !== 'admissionregistration.k8s.io/v1') return;
  // a spec left out is validated as empty (the zero value the API server decodes)
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  if (ctx.kind === 'ValidatingAdmissionPolicy' || ctx.kind === 'MutatingAdmissionPolicy') {
    checkMatchConditionNames(ctx, 'admission-policy.invalid', spec.matchConditions, 'spec.matchConditions');
    checkVariableNames(ctx, 'admission-policy.invalid', spec.variables, 'spec.variables');
  }
  // validateMatchResources: its selectors are label selectors (a policy's matchConstraints, a binding's matchResources)
  const match = ctx.kind.endsWith('Binding') ? 'matchResources' : 'matchConstraints';
  if (isObj(spec[match])) {
    checkLabelSelector(ctx, 'admission-policy.invalid', spec[match].namespaceSelector, `spec.${match}.namespaceSelector`);
    checkLabelSelector(ctx, 'admission-policy.invalid', spec[match].objectSelector, `spec.${match}.objectSelector`);
    // validateNamedRuleWithOperations of each rule, excluding ones too
    const r = (p: string, m: string) => ctx.report('admission-policy.invalid', p, m);
    for (const k of ['resourceRules', 'excludeResourceRules']) {
      arr(spec[match][k]).forEach((rule, i) => { if (isObj(rule)) checkAdmissionRule(r, rule, `spec.${match}.${k}[${i}]`); });
    }
  }
  if (ctx.kind === 'ValidatingAdmissionPolicy') checkPolicy(ctx, spec);
  else if (ctx.kind === 'ValidatingAdmissionPolicyBinding') checkBinding(ctx, spec);
  else if (ctx.kind === 'MutatingAdmissionPolicy') checkMutatingPolicy(ctx, spec);
  else checkMutatingBinding(ctx, spec);
}

const MUTATING_OPERATIONS = ['CREATE', 'UPDATE'];
const PATCH_TYPES = ['ApplyConfiguration', 'JSONPatch'];
const REINVOCATION = ['IfNeeded', 'Never'];

/** validateMutatingAdmissionPolicySpec (admissionregistration.k8s.io/v1 from 1.37) without the CEL compiler. */
function checkMutatingPolicy(ctx: Ctx, spec: any): void {
  const r = (p: string, m: string) => ctx.report('admission-policy.invalid', p, m);
  // (a failurePolicy left out is Fail: SetDefaults_MutatingAdmissionPolicySpec)
  const fp = spec.failurePolicy;
  if (typeof fp === 'string' && !FAILURE_POLICIES.includes(fp)) r('spec.failurePolicy', field.notSupported(fp, FAILURE_POLICIES));
  if (!isObj(spec.matchConstraints)) r('spec.matchConstraints', field.required());
  else {
    const rules = arr(spec.matchConstraints.resourceRules);
    if (rules.length === 0) r('spec.matchConstraints.resourceRules', field.required());
    rules.forEach((rule) => {
      if (!isObj(rule)) return;
      for (const op of arr(rule.operations)) if (!MUTATING_OPERATIONS.includes(op)) r('spec.matchConstraints.resourceRules.operations', field.notSupported(op, MUTATING_OPERATIONS));
    });
  }
  const mutations = arr(spec.mutations);
  if (mutations.length === 0) r('spec.mutations', field.required('mutations must contain at least one item'));
  mutations.forEach((m, i) => {
    if (!isObj(m)) return;
    const at = `spec.mutations[${i}]`;
    const pt = m.patchType;
    if (typeof pt !== 'string' || pt === '') r(`${at}.patchType`, field.required());
    else if (pt === 'JSONPatch' && !isObj(m.jsonPatch)) r(`${at}.jsonPatch`, field.required('must be specified when patchType is JSONPatch'));
    else if (pt === 'ApplyConfiguration' && !isObj(m.applyConfiguration)) r(`${at}.applyConfiguration`, field.required('must be specified when patchType is ApplyConfiguration'));
    else if (!PATCH_TYPES.includes(pt)) r(`${at}.patchType`, field.notSupported(pt, PATCH_TYPES));
    for (const k of ['applyConfiguration', 'jsonPatch']) {
      const e = m[k];
      if (isObj(e) && (typeof e.expression !== 'string' || e.expression === '')) r(`${at}.${k}.expression`, field.required());
    }
  });
  const rp = spec.reinvocationPolicy;
  if (typeof rp !== 'string' || rp === '') r('spec.reinvocationPolicy', field.required());
  else if (!REINVOCATION.includes(rp)) r('spec.reinvocationPolicy', field.notSupported(rp, REINVOCATION));
}

/** validateMutatingAdmissionPolicyBindingSpec: the policy it binds, and only CREATE and UPDATE to match. */
function checkMutatingBinding(ctx: Ctx, spec: any): void {
  const r = (p: string, m: string) => ctx.report('admission-policy.invalid', p, m);
  const name = typeof spec.policyName === 'string' ? spec.policyName : '';
  if (name === '') r('spec.policyName', field.required());
  else for (const m of dns1123Subdomain(name)) r('spec.policyName', field.invalid(name, m));
  for (const rule of arr(spec.matchResources?.resourceRules)) {
    for (const op of arr(isObj(rule) ? rule.operations : [])) if (!MUTATING_OPERATIONS.includes(op)) r('spec.matchResources.resourceRules.operations', field.notSupported(op, MUTATING_OPERATIONS));
  }
}

function checkPolicy(ctx: Ctx, spec: any): void {
  const r = (p: string, m: string) => ctx.report('admission-policy.invalid', p, m);
  const fp = spec.failurePolicy;
  if (typeof fp === 'string' && !FAILURE_POLICIES.includes(fp)) r('spec.failurePolicy', field.notSupported(fp, FAILURE_POLICIES));
  if (!isObj(spec.matchConstraints)) r('spec.matchConstraints', field.required());
  else if (arr(spec.matchConstraints.resourceRules).length === 0) r('spec.matchConstraints.resourceRules', field.required());
  if (arr(spec.validations).length === 0 && arr(spec.auditAnnotations).length === 0) {
    r('spec.validations', field.required('validations or auditAnnotations must contain at least one item'));
    r('spec.auditAnnotations', field.required('validations or auditAnnotations must contain at least one item'));
  }
}

function checkBinding(ctx: Ctx, spec: any): void {
  const r = (p: string, m: string) => ctx.report('admission-policy.invalid', p, m);
  const name = typeof spec.policyName === 'string' ? spec.policyName : '';
  if (name === '') r('spec.policyName', field.required());
  else for (const m of dns1123Subdomain(name)) r('spec.policyName', field.invalid(name, m));
  const actions = arr(spec.validationActions);
  const seen = new Set<unknown>();
  actions.forEach((a, i) => {
    if (!ACTIONS.includes(a)) r(`spec.validationActions[${i}]`, field.notSupported(a, ACTIONS));
    if (seen.has(a)) r(`spec.validationActions[${i}]`, field.duplicate(a));
    seen.add(a);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    r('spec.validationActions', field.invalid(actions, 'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'));
  }
  if (seen.size === 0) r('spec.validationActions', field.required('at least one validation action is required'));
  const pr = spec.paramRef;
  if (isObj(pr)) {
    const hasName = typeof pr.name === 'string' && pr.name !== '';
    const hasSelector = pr.selector !== undefined && pr.selector !== null;
    if (hasName && hasSelector) r('spec.paramRef.name', field.forbidden('name and selector are mutually exclusive'));
    if (!hasName && !hasSelector) r('spec.paramRef', field.required('one of name or selector must be specified'));
    // not defaulted: a binding that takes parameters says what to do when they are missing
    const missing = pr.parameterNotFoundAction;
    if (typeof missing !== 'string' || missing === '') r('spec.paramRef.parameterNotFoundAction', field.required());
    else if (missing !== 'Deny' && missing !== 'Allow') r('spec.paramRef.parameterNotFoundAction', field.notSupported(missing, ['Deny', 'Allow']));
  }
}
