/**
 * The names around admission CEL (pkg/apis/admissionregistration/validation): a webhook's or an
 * admission policy's matchConditions — at most 64, each named by a qualified name (`exclude-leases`,
 * `example.com/skip`), none twice — and a policy's variables, each named by a CEL identifier that
 * is no reserved word. The expressions themselves are cel-expressions.ts'.
 */
import { arr, Ctx, isObj } from '../context';
import { CEL_RESERVED } from '../crd/cel-check';
import { field } from '../field';
import { qualifiedName } from '../names';

const MAX_MATCH_CONDITIONS = 64;

/** validateMatchConditions' names and count, reported under `rule`. */
export function checkMatchConditionNames(ctx: Ctx, rule: string, list: unknown, at: string): void {
  const items = arr(list);
  if (items.length > MAX_MATCH_CONDITIONS) ctx.report(rule, at, field.tooMany(items.length, MAX_MATCH_CONDITIONS));
  const seen = new Set<string>();
  items.forEach((m, i) => {
    if (!isObj(m) || typeof m.name !== 'string' || m.name === '') return; // (left out or "": the schema layer's Required)
    for (const msg of qualifiedName(m.name)) ctx.report(rule, `${at}[${i}].name`, field.invalid(m.name, msg));
    if (seen.has(m.name)) ctx.report(rule, `${at}[${i}].name`, field.duplicate(m.name));
    seen.add(m.name);
  });
}

/** validateVariable's name: a CEL identifier (`[_a-zA-Z][_a-zA-Z0-9]*`, no reserved word). */
export function checkVariableNames(ctx: Ctx, rule: string, list: unknown, at: string): void {
  arr(list).forEach((v, i) => {
    if (!isObj(v) || typeof v.name !== 'string' || v.name === '') return; // ("": the schema layer's Required)
    if (v.name.trim() === '') { ctx.report(rule, `${at}[${i}].name`, field.required('name is not specified')); return; }
    if (!/^[_a-zA-Z][_a-zA-Z0-9]*$/.test(v.name) || CEL_RESERVED.has(v.name)) ctx.report(rule, `${at}[${i}].name`, field.invalid(v.name, 'must be a valid CEL identifier'));
  });
}
