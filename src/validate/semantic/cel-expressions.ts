/**
 * CEL expressions the API server compiles when an object is written, and refuses the object when
 * one does not compile: a CRD's x-kubernetes-validations rules and message expressions
 * (apiextensions-apiserver's schema/cel Compile, `self` typed by the schema), admission policies'
 * validations, match conditions, audit annotations and variables, webhooks' match conditions,
 * and DRA device selectors. What podsmith can tell without a full CEL type checker is in
 * crd/cel-check.ts; anything else stays the server's.
 */
import { arr, Ctx, isObj } from '../context';
import { CelCompileProblem, celCompileProblem, CelType, dynVariables, schemaType } from '../crd/cel-check';
import { field } from '../field';
import { RuleMeta } from '../types';

export const celExpressionRules: RuleMeta[] = [{
  id: 'cel.compile-failed', severity: 'error', layer: 'semantic', handbook: ['H30'],
  summary: 'a CEL expression must compile: every name declared, every field in the schema, a result of the right type',
  rationale: 'The API server compiles the CEL of a CRD\'s x-kubernetes-validations, of admission policies, webhook match conditions and device selectors when the object is written, and refuses the object when one does not compile: a name that is no variable of the expression\'s environment (`self` and `oldSelf` in a CRD rule; `object`, `request`, `params`… in a policy; `device` in a selector), a field the schema does not declare (a resource root declares only metadata.name and metadata.generateName of its metadata), a rule that does not give a bool or a message expression that does not give a string, a matches() pattern Go\'s regexp refuses.',
  fix: 'use only the environment\'s variables and fields the schema declares (quote a string literal: \'value\', not value), and make a rule give a bool',
}];

/** The variables of a policy's expressions by their names (a few sets in all). */
const policyEnvironments = new Map<string, ReadonlyMap<string, CelType>>();

/**
 * A policy's variables: `params` only with a paramKind and `variables` only with variables, as
 * the API server declares them (it refuses either otherwise: "undeclared reference").
 */
function admissionVariables(spec: Record<string, any>): ReadonlyMap<string, CelType> {
  const names = ['object', 'oldObject', 'request', 'namespaceObject', 'authorizer'];
  if (spec.paramKind != null) names.push('params');
  if (Array.isArray(spec.variables)) names.push('variables');
  const key = names.join();
  let m = policyEnvironments.get(key);
  if (!m) policyEnvironments.set(key, (m = dynVariables(...names)));
  return m;
}

/** A webhook's match conditions: no params, no variables. */
const WEBHOOK_VARIABLES = dynVariables('object', 'oldObject', 'request', 'namespaceObject', 'authorizer');
const DEVICE_VARIABLES = dynVariables('device');

function detail(p: CelCompileProblem, prefix = ''): string {
  if ('error' in p) return `${prefix}compilation failed: ERROR: ${p.error}`;
  return prefix ? `${prefix}must evaluate to a ${p.wrongType}` : `must evaluate to one of [${p.wrongType}]`;
}

/** One expression at `path`, if it is a non-empty string (an empty one is the required-field checks'). */
function check(ctx: Ctx, path: string, expr: unknown, declared: ReadonlyMap<string, CelType>, result?: 'bool' | 'string'): void {
  if (typeof expr !== 'string' || expr.trim() === '') return;
  const p = celCompileProblem(expr, declared, { result, minor: ctx.minor });
  if (p) ctx.report('cel.compile-failed', path, field.invalid(expr, detail(p)));
}

/**
 * A CRD validation rule at the schema `s` (a resource root or embedded resource when `root`):
 * the rule, and its message expression once the rule compiles. Whether the rule compiled.
 */
export function checkCrdRule(ctx: Ctx, rule: Record<string, any>, s: any, root: boolean, at: string): boolean {
  if (typeof rule.rule !== 'string' || rule.rule.trim() === '') return false;
  const self = schemaType(s, root || s?.['x-kubernetes-embedded-resource'] === true) ?? { k: 'dyn' };
  const declared = new Map<string, CelType>([['self', self], ['oldSelf', rule.optionalOldSelf === true ? { k: 'dyn' } : self]]);
  const p = celCompileProblem(rule.rule, declared, { result: 'bool', minor: ctx.minor });
  if (p) {
    ctx.report('cel.compile-failed', `${at}.rule`, field.invalid(rule.rule, 'error' in p ? detail(p) : 'cel expression must evaluate to a bool'));
    return false;
  }
  if (typeof rule.messageExpression === 'string' && rule.messageExpression.trim() !== '') {
    const m = celCompileProblem(rule.messageExpression, declared, { result: 'string', minor: ctx.minor });
    if (m) ctx.report('cel.compile-failed', `${at}.messageExpression`, field.invalid(rule.messageExpression, detail(m, 'messageExpression ')));
  }
  return true;
}

/** Match conditions of a policy or a webhook. */
function matchConditions(ctx: Ctx, list: unknown, at: string, declared: ReadonlyMap<string, CelType>): void {
  arr(list).forEach((m, i) => { if (isObj(m)) check(ctx, `${at}[${i}].expression`, m.expression, declared, 'bool'); });
}

/** The device selectors of a DRA request: `selectors[].cel.expression`. */
function selectors(ctx: Ctx, list: unknown, at: string): void {
  arr(list).forEach((s, i) => { if (isObj(s) && isObj(s.cel)) check(ctx, `${at}[${i}].cel.expression`, s.cel.expression, DEVICE_VARIABLES, 'bool'); });
}

/** The requests of a ResourceClaim's spec (v1: `exactly` or `firstAvailable`; before: the request itself). */
function claimSpec(ctx: Ctx, spec: unknown, at: string): void {
  if (!isObj(spec) || !isObj(spec.devices)) return;
  arr(spec.devices.requests).forEach((r, i) => {
    if (!isObj(r)) return;
    const p = `${at}.devices.requests[${i}]`;
    selectors(ctx, r.selectors, `${p}.selectors`);
    if (isObj(r.exactly)) selectors(ctx, r.exactly.selectors, `${p}.exactly.selectors`);
    arr(r.firstAvailable).forEach((sub, j) => { if (isObj(sub)) selectors(ctx, sub.selectors, `${p}.firstAvailable[${j}].selectors`); });
  });
}

/** The CEL of admission policies, webhook configurations and DRA objects. */
export function checkCelExpressions(ctx: Ctx): void {
  const { obj, kind } = ctx;
  const group = typeof obj.apiVersion === 'string' ? obj.apiVersion.split('/')[0] : '';
  const spec = isObj(obj.spec) ? obj.spec : {};
  if (group === 'admissionregistration.k8s.io') {
    const policyVariables = admissionVariables(spec);
    if (kind === 'ValidatingAdmissionPolicy' || kind === 'MutatingAdmissionPolicy') {
      matchConditions(ctx, spec.matchConditions, 'spec.matchConditions', policyVariables);
      arr(spec.variables).forEach((v, i) => { if (isObj(v)) check(ctx, `spec.variables[${i}].expression`, v.expression, policyVariables); });
    }
    // a mutation's expression gives an Object(...) or a list of JSONPatch values: podsmith types
    // neither, so only what fails whatever the type is found (an undeclared name, bad syntax)
    if (kind === 'MutatingAdmissionPolicy') {
      arr(spec.mutations).forEach((m, i) => {
        if (!isObj(m)) return;
        if (isObj(m.applyConfiguration)) check(ctx, `spec.mutations[${i}].applyConfiguration.expression`, m.applyConfiguration.expression, policyVariables);
        if (isObj(m.jsonPatch)) check(ctx, `spec.mutations[${i}].jsonPatch.expression`, m.jsonPatch.expression, policyVariables);
      });
    }
    if (kind === 'ValidatingAdmissionPolicy') {
      arr(spec.validations).forEach((v, i) => {
        if (!isObj(v)) return;
        check(ctx, `spec.validations[${i}].expression`, v.expression, policyVariables, 'bool');
        check(ctx, `spec.validations[${i}].messageExpression`, v.messageExpression, policyVariables, 'string');
      });
      arr(spec.auditAnnotations).forEach((a, i) => { if (isObj(a)) check(ctx, `spec.auditAnnotations[${i}].valueExpression`, a.valueExpression, policyVariables); });
    }
    if (kind === 'ValidatingWebhookConfiguration' || kind === 'MutatingWebhookConfiguration') {
      arr(obj.webhooks).forEach((w, i) => { if (isObj(w)) matchConditions(ctx, w.matchConditions, `webhooks[${i}].matchConditions`, WEBHOOK_VARIABLES); });
    }
  } else if (group === 'resource.k8s.io') {
    if (kind === 'DeviceClass') selectors(ctx, spec.selectors, 'spec.selectors');
    else if (kind === 'ResourceClaim') claimSpec(ctx, spec, 'spec');
    else if (kind === 'ResourceClaimTemplate') claimSpec(ctx, isObj(spec.spec) ? spec.spec : undefined, 'spec.spec');
  }
}
