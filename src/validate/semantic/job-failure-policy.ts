/**
 * A Job's podFailurePolicy and podReplacementPolicy (pkg/apis/batch/validation:
 * validatePodFailurePolicy and the rule validators, validatePodReplacementPolicy, and the
 * template's restartPolicy, which must be Never beside a failure policy). Reported as
 * job.spec-invalid, or fields.not-supported for an unknown value; fields left out are the schema
 * layer's (schema.required).
 */
import { arr, Ctx, isInt, isObj } from '../context';
import { field } from '../field';
import { qualifiedName } from '../names';

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['False', 'True', 'Unknown'];
const REPLACEMENTS = ['Failed', 'TerminatingOrFailed'];
const MAX_RULES = 20;
const MAX_VALUES = 255;
const MAX_PATTERNS = 20;

/** Go's %q of a string list: ["a" "b"]. */
const quotedList = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/** The two ways a field of the policy is refused: an invalid value, or one outside the supported set. */
function reporters(ctx: Ctx) {
  return {
    r: (p: string, m: string) => ctx.report('job.spec-invalid', p, m),
    unsupported: (p: string, v: unknown, valid: string[]) => ctx.report('fields.not-supported', p, field.notSupported(v, valid)),
  };
}

export function checkPodFailurePolicy(ctx: Ctx, spec: any, path: string): void {
  const { r, unsupported } = reporters(ctx);
  const policy = spec.podFailurePolicy;
  const replacement = spec.podReplacementPolicy;
  if (typeof replacement === 'string') {
    if (policy != null && replacement !== 'Failed') unsupported(`${path}.podReplacementPolicy`, replacement, ['Failed']);
    else if (policy == null && !REPLACEMENTS.includes(replacement)) unsupported(`${path}.podReplacementPolicy`, replacement, REPLACEMENTS);
  }
  if (!isObj(policy)) return;
  const template = spec.template?.spec;
  if (isObj(template) && template.restartPolicy === 'OnFailure') {
    r(`${path}.template.spec.restartPolicy`, field.invalid('OnFailure', 'only "Never" is supported when podFailurePolicy is specified'));
  }
  const rulesPath = `${path}.podFailurePolicy.rules`;
  const rules = arr(policy.rules);
  if (rules.length > MAX_RULES) r(rulesPath, field.tooMany(rules.length, MAX_RULES));
  const containers = new Set<unknown>();
  if (isObj(template)) for (const c of [...arr(template.containers), ...arr(template.initContainers)]) if (isObj(c)) containers.add(c.name);
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const rp = `${rulesPath}[${i}]`;
    const action = rule.action;
    if (action === '') r(`${rp}.action`, field.required(`valid values: ${quotedList(ACTIONS)}`));
    else if (action === 'FailIndex') {
      if (spec.backoffLimitPerIndex == null) r(`${rp}.action`, field.invalid(action, 'requires the backoffLimitPerIndex to be set'));
    } else if (typeof action === 'string' && !ACTIONS.includes(action)) unsupported(`${rp}.action`, action, ACTIONS);
    const codes = rule.onExitCodes;
    const conditions = arr(rule.onPodConditions);
    if (isObj(codes)) checkExitCodes(ctx, codes, `${rp}.onExitCodes`, containers);
    if (conditions.length > MAX_PATTERNS) r(`${rp}.onPodConditions`, field.tooMany(conditions.length, MAX_PATTERNS));
    conditions.forEach((c, j) => {
      if (!isObj(c)) return;
      const cp = `${rp}.onPodConditions[${j}]`;
      const type = typeof c.type === 'string' ? c.type : '';
      for (const m of qualifiedName(type)) r(`${cp}.type`, field.invalid(type, m));
      // (from 1.34 an empty status defaults to True before validation: semantic/defaulted.ts leaves it out)
      if (c.status === '') r(`${cp}.status`, field.required(`valid values: ${quotedList(STATUSES)}`));
      else if (typeof c.status === 'string' && !STATUSES.includes(c.status)) unsupported(`${cp}.status`, c.status, STATUSES);
    });
    if (codes != null && conditions.length > 0) r(rp, 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported');
    if (codes == null && conditions.length === 0) r(rp, 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required');
  });
}

function checkExitCodes(ctx: Ctx, codes: any, p: string, containers: Set<unknown>): void {
  const { r, unsupported } = reporters(ctx);
  const op = codes.operator;
  if (op === '') r(`${p}.operator`, field.required(`valid values: ${quotedList(OPERATORS)}`));
  else if (typeof op === 'string' && !OPERATORS.includes(op)) unsupported(`${p}.operator`, op, OPERATORS);
  if (typeof codes.containerName === 'string' && !containers.has(codes.containerName)) {
    r(`${p}.containerName`, field.invalid(codes.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  if (!Array.isArray(codes.values)) return;
  const values: unknown[] = codes.values;
  if (values.length === 0) r(`${p}.values`, field.invalid(values, 'at least one value is required'));
  else if (values.length > MAX_VALUES) r(`${p}.values`, field.tooMany(values.length, MAX_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (!isInt(v)) return;
    if (op === 'In' && v === 0) r(`${p}.values[${j}]`, field.invalid(0, 'must not be 0 for the In operator'));
    if (seen.has(v)) r(`${p}.values[${j}]`, field.duplicate(v));
    seen.add(v);
    const before = values[j - 1];
    if (j > 0 && isInt(before) && before > v) ordered = false;
  });
  if (!ordered) r(`${p}.values`, field.invalid(values, 'must be ordered'));
}
