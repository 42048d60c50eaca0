/**
 * CEL libraries a CRD's x-kubernetes-validations may call, by release. The API server compiles
 * a new rule in the CEL environment of its compatibility version — the release before its own
 * (k8s.io/apiserver pkg/cel/environment: DefaultCompatibilityVersion, MinCompatibilityVersion) —
 * so a library introduced in 1.N can be used by a CRD created on 1.N+1 and later; before, the
 * rule does not compile ("undeclared reference to 'format'") and the CRD is refused. podsmith
 * finds the calls by their names; a rule whose libraries are there is compiled as far as
 * cel-expressions.ts can (cel.compile-failed).
 */
import { Ctx, isObj, str } from '../context';
import { schemaType } from '../crd/cel-check';
import { childFactor, costOverMessage, declOf, RULE_COST_LIMIT, ruleCostLowerBound, SCHEMA_COST_LIMIT, unboundedCardinality } from '../crd/cel-cost';
import { parseCel, readsOldSelf } from '../crd/cel-parse';
import { fieldPathProblem } from '../crd/field-path';
import { checkCrdRule } from './cel-expressions';
import { field } from '../field';
import { SchemaPath } from './schema-path';
import { RuleMeta } from '../types';

export const crdCelRules: RuleMeta[] = [{
  id: 'crd.cel-library-unavailable',
  severity: 'error',
  layer: 'semantic',
  handbook: ['H30'],
  summary: 'a CRD validation rule calls a CEL library that the chosen release cannot compile',
  rationale: 'CEL libraries arrive with releases (quantity and optionals 1.28, sets 1.29, ip and cidr 1.30, format 1.31, two-variable comprehensions 1.32, semver 1.33, lists v3 1.34); the API server compiles a new rule with the libraries of the release before its own, so a rule that calls a newer one does not compile and the whole CRD is refused.',
  fix: 'validate with the --k8s-version the cluster runs; if it is older, rewrite the rule without the library (a regular expression instead of format.dns1123Label(), say)',
}, {
  id: 'crd.validation-rule-invalid',
  severity: 'error',
  layer: 'semantic',
  handbook: ['H30'],
  summary: 'a CRD\'s x-kubernetes-validations entry needs a rule, a one-line message, a known reason and a fieldPath into the schema',
  rationale: 'The API server refuses a CRD whose validation entry has a blank rule, a blank or multi-line message (and a rule written over several lines needs a message), a blank messageExpression, a reason other than FieldValueInvalid, FieldValueForbidden, FieldValueRequired or FieldValueDuplicate, or a fieldPath that does not name a field below the rule\'s node (`.spec.replicas`, `[\'a.b\']`; no list indexes).',
  fix: 'give the rule a one-line message, a reason such as FieldValueInvalid, and a fieldPath that starts with . and names fields of the node the rule is on',
}, {
  id: 'crd.cel-cost-exceeded',
  severity: 'error',
  layer: 'semantic',
  handbook: ['H30'],
  summary: 'a CRD\'s CEL rules must fit the API server\'s cost budget',
  rationale: 'The API server estimates what each rule can cost before it accepts the CRD: the rule\'s work (a matches() or a loop over a list costs by the size of what it reads) times how often it runs in one object (once per item of every list above it). Sizes come from the schema: a string without maxLength or a list without maxItems is taken as large as a 3 MiB request allows. A rule over 10,000,000, or rules over 100,000,000 together, and the whole CRD is refused. podsmith counts a lower bound of the estimate, so what it reports the server refuses too.',
  fix: 'add maxLength to the strings, maxItems to the lists and maxProperties to the maps the rule reads or sits under, or simplify the rule',
}];

/** A library: the release that introduced it to the CEL environment, and its calls. */
interface Library { name: string; introduced: number; calls: RegExp }

const LIBRARIES: readonly Library[] = [
  { name: 'CEL optionals', introduced: 28, calls: /(?<![\w.])optional\.(?:of|none|ofNonZeroValue)\s*\(|\.\?\s*[A-Za-z_]|\[\s*\?/ },
  { name: 'the Kubernetes quantity library', introduced: 28, calls: /(?<![\w.])(?:quantity|isQuantity)\s*\(/ },
  { name: 'the CEL sets extension', introduced: 29, calls: /(?<![\w.])sets\.(?:contains|equivalent|intersects)\s*\(/ },
  { name: 'the Kubernetes IP and CIDR libraries', introduced: 30, calls: /(?<![\w.])(?:ip|isIP|cidr|isCIDR|ip\.isCanonical)\s*\(/ },
  { name: 'the Kubernetes format library', introduced: 31, calls: /(?<![\w.])format\.\w+\s*\(/ },
  { name: 'CEL two-variable comprehensions', introduced: 32, calls: /\.(?:transformList|transformMap|transformMapEntry)\s*\(/ },
  { name: 'the Kubernetes semver library', introduced: 33, calls: /(?<![\w.])(?:semver|isSemver)\s*\(/ },
  { name: 'the CEL lists extension (version 3)', introduced: 34, calls: /(?<![\w.])lists\.range\s*\(|\.(?:distinct|flatten|sortBy)\s*\(/ },
];

/** The expression without its string literals (a name inside quotes is not a call). */
function code(expr: string): string {
  return expr.replace(/'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, '""');
}

/** The first library an expression calls that a CRD created on `minor` cannot compile. */
export function unavailableLibrary(expr: string, minor: number): Library | undefined {
  const compat = minor - 1;
  const text = code(expr);
  return LIBRARIES.find((l) => l.introduced > compat && l.calls.test(text));
}

const REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];
const newlines = (t: string) => /[\n\r]/.test(t);

/** An x-kubernetes-validations entry's own fields (apiextensions' ValidateCustomResourceDefinitionOpenAPISchema); reason and fieldPath from 1.29. */
function checkRuleEntry(ctx: Ctx, v: Record<string, any>, s: any, at: string): void {
  const r = (f: string, m: string) => ctx.report('crd.validation-rule-invalid', `${at}.${f}`, m);
  const rule = str(v.rule).trim();
  const message = str(v.message);
  if (typeof v.rule === 'string' && rule === '') r('rule', field.required('rule is not specified'));
  else if (message.length > 0 && message.trim() === '') r('message', field.invalid(message, 'must be non-empty if specified'));
  else if (newlines(message.trim())) r('message', field.invalid(message, 'must not contain line breaks'));
  else if (newlines(rule) && message.trim() === '') r('message', field.required('message must be specified if rule contains line breaks'));
  if (str(v.messageExpression).length > 0 && str(v.messageExpression).trim() === '') r('messageExpression', field.required('messageExpression must be non-empty if specified'));
  if (ctx.minor < 29) return;
  if (typeof v.reason === 'string' && !REASONS.includes(v.reason)) r('reason', field.notSupported(v.reason, REASONS));
  const fp = str(v.fieldPath);
  if (fp.length > 0 && fp.trim() === '') r('fieldPath', field.invalid(fp, 'must be non-empty if specified'));
  if (newlines(fp)) r('fieldPath', field.invalid(fp, 'must not contain line breaks'));
  if (fp.length > 0 && fieldPathProblem(fp, s)) r('fieldPath', field.invalid(fp, 'must be a valid path'));
}

/** What the walk over one version's schema carries: the lower bounds of its rules' costs, summed. */
interface Walk { ctx: Ctx; total: number }

/**
 * A version's x-kubernetes-validations rules and message expressions: the libraries they call,
 * whether they compile (cel-expressions.ts) and what they cost (crd/cel-cost.ts). A rule's `self`
 * has the type of its node (apiextensions' CELSchemaContext.TypeInfo: the parent's field, or the
 * node's own schema converted); a node CEL gives no type (a field kept unknown without a type)
 * cannot have rules: the server fails to convert it and refuses the CRD.
 */
export function checkCelRules(ctx: Ctx, schema: any, root: SchemaPath): void {
  const w: Walk = { ctx, total: 0 };
  walk(w, schema, root, 0, 1);
  if (w.total > SCHEMA_COST_LIMIT) {
    ctx.report('crd.cel-cost-exceeded', `${root}`, `Forbidden: ${costOverMessage('x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema', w.total, SCHEMA_COST_LIMIT)}`);
  }
}

/**
 * `card`: how many times a rule here can run in one object, undefined when a list or map above has
 * no bound; `uncorrelated`: the list above whose items the server cannot pair with their old values
 * (any list but x-kubernetes-list-type: map), where no rule may read oldSelf.
 */
function walk(w: Walk, s: any, at: SchemaPath, depth: number, card: number | undefined, uncorrelated?: SchemaPath): void {
  const ctx = w.ctx;
  if (!isObj(s) || depth > 64) return;
  const rules = s['x-kubernetes-validations'];
  if (Array.isArray(rules) && rules.length > 0) {
    const root = depth === 0 || s['x-kubernetes-embedded-resource'] === true;
    const decl = declOf(s, root);
    if (schemaType(s, root) === undefined || !decl) {
      ctx.report('cel.compile-failed', `${at}.x-kubernetes-validations`, 'Internal error: failed to construct type information for x-kubernetes-validations rules: unable to convert structural schema to CEL declarations (a field with rules needs a type)');
    } else rules.forEach((v, i) => {
      if (!isObj(v)) return;
      checkRuleEntry(ctx, v, s, `${at}.x-kubernetes-validations[${i}]`);
      let compiles = true;
      for (const f of ['rule', 'messageExpression'] as const) {
        if (typeof v[f] !== 'string') continue;
        const lib = unavailableLibrary(v[f], ctx.minor);
        if (lib) {
          compiles = false;
          ctx.report('crd.cel-library-unavailable', `${at}.x-kubernetes-validations[${i}].${f}`,
            field.invalid(v[f], `compilation failed: the rule calls ${lib.name}, which a CRD created on Kubernetes 1.${ctx.minor} cannot use (from 1.${lib.introduced + 1})`));
        }
      }
      // the schema's root is the custom resource's: self.metadata has name and generateName only
      if (!compiles || !checkCrdRule(ctx, v, s, depth === 0, `${at}.x-kubernetes-validations[${i}]`)) return;
      if (uncorrelated && readsOldSelf(v.rule)) {
        ctx.report('cel.compile-failed', `${at}.x-kubernetes-validations[${i}].rule`, field.invalid(v.rule, `oldSelf cannot be used on the uncorrelatable portion of the schema within ${uncorrelated} (a list whose x-kubernetes-list-type is not map)`));
      }
      let ast;
      try { ast = parseCel(v.rule); } catch { return; }
      const cost = ruleCostLowerBound(ast, decl, { minor: ctx.minor, optionalOldSelf: v.optionalOldSelf === true }) * (card ?? unboundedCardinality(decl));
      w.total += cost;
      if (cost > RULE_COST_LIMIT) ctx.report('crd.cel-cost-exceeded', `${at}.x-kubernetes-validations[${i}].rule`, `Forbidden: ${costOverMessage('estimated rule cost', cost, RULE_COST_LIMIT)}`);
    });
  }
  const below = (f: number | undefined) => (card === undefined || f === undefined ? undefined : card * f);
  const props = s.properties;
  if (isObj(props)) for (const k in props) walk(w, props[k], at.prop(k), depth + 1, below(childFactor(s)), uncorrelated);
  if (isObj(s.items)) walk(w, s.items, at.at('items'), depth + 1, below(childFactor(s)), uncorrelated ?? (s['x-kubernetes-list-type'] === 'map' ? undefined : at));
  if (isObj(s.additionalProperties)) walk(w, s.additionalProperties, at.at('additionalProperties'), depth + 1, below(childFactor(s)), uncorrelated);
}
