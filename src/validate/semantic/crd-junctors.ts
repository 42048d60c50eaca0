/**
 * A structural schema's logic junctors — `allOf`, `anyOf`, `oneOf` and `not` — as
 * apiextensions-apiserver's structural validation reads them (pkg/apiserver/schema:
 * validateValueValidation, validateNestedValueValidation, complete.go):
 *
 * - under a junctor a schema only validates values: no `type`, `additionalProperties`, `default`,
 *   `title`, `description`, `nullable: true`, no `x-kubernetes-*` structure extension or
 *   `x-kubernetes-validations`, no property named `metadata`; the one exception is int-or-string's
 *   `anyOf: [{type: integer}, {type: string}]` (also as the first `allOf`'s `anyOf`), exactly so;
 * - every property and `items` a junctor of the root names is specified outside it too, at the same
 *   place (validateStructuralCompleteness starts at the root's junctors only: those of a deeper
 *   node are not held to it).
 */
import { Ctx, isObj } from '../context';
import { field } from '../field';
import { SchemaPath } from './schema-path';

type Report = (path: string, message: string) => void;

const JUNCTORS = ['anyOf', 'allOf', 'oneOf'] as const;

/** The int-or-string pattern, exactly: `[{type: integer}, {type: string}]` and nothing else in either. */
function isIntOrStringAnyOf(list: unknown): boolean {
  if (!Array.isArray(list) || list.length !== 2) return false;
  const only = (x: unknown, type: string) => isObj(x) && x.type === type && Object.keys(x).every((k) => k === 'type' || (k === 'nullable' && x.nullable === false));
  return only(list[0], 'integer') && only(list[1], 'string');
}

/** validateValueValidation: the junctors of a schema node (a structural one or one under a junctor). */
function valueValidation(r: Report, s: Record<string, any>, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, at: SchemaPath, depth: number): void {
  if (depth > 64) return;
  if (!skipAnyOf && Array.isArray(s.anyOf)) s.anyOf.forEach((x: unknown, i: number) => nested(r, x, false, false, at.at(`anyOf[${i}]`), depth + 1));
  if (Array.isArray(s.allOf)) s.allOf.forEach((x: unknown, i: number) => nested(r, x, skipFirstAllOfAnyOf && i === 0, false, at.at(`allOf[${i}]`), depth + 1));
  if (Array.isArray(s.oneOf)) s.oneOf.forEach((x: unknown, i: number) => nested(r, x, false, false, at.at(`oneOf[${i}]`), depth + 1));
  if (isObj(s.not)) nested(r, s.not, false, false, at.at('not'), depth + 1);
}

/** validateNestedValueValidation: a schema under a junctor validates values only. */
function nested(r: Report, v: unknown, skipAnyOf: boolean, skipAllOfAnyOf: boolean, at: SchemaPath, depth: number): void {
  if (!isObj(v) || depth > 64) return;
  valueValidation(r, v, skipAnyOf, skipAllOfAnyOf, at, depth);
  if (isObj(v.items)) nested(r, v.items, false, false, at.at('items'), depth + 1);
  if (isObj(v.properties)) for (const k in v.properties) nested(r, v.properties[k], false, false, at.prop(k), depth + 1);
  const forbid = (k: string, m: string) => r(`${at}.${k}`, field.forbidden(m));
  if (typeof v.type === 'string' && v.type !== '') forbid('type', 'must be empty to be structural');
  // additionalProperties: a schema, or true; false leaves nothing to validate
  if (isObj(v.additionalProperties) || v.additionalProperties === true) forbid('additionalProperties', 'must be undefined to be structural');
  if (v.default !== undefined && v.default !== null) forbid('default', 'must be undefined to be structural');
  if (typeof v.title === 'string' && v.title !== '') forbid('title', 'must be empty to be structural');
  if (typeof v.description === 'string' && v.description !== '') forbid('description', 'must be empty to be structural');
  if (v.nullable === true) forbid('nullable', 'must be false to be structural');
  if (v['x-kubernetes-preserve-unknown-fields'] === true) forbid('x-kubernetes-preserve-unknown-fields', 'must be false to be structural');
  if (v['x-kubernetes-embedded-resource'] === true) forbid('x-kubernetes-embedded-resource', 'must be false to be structural');
  if (v['x-kubernetes-int-or-string'] === true) forbid('x-kubernetes-int-or-string', 'must be false to be structural');
  if (Array.isArray(v['x-kubernetes-list-map-keys']) && v['x-kubernetes-list-map-keys'].length > 0) forbid('x-kubernetes-list-map-keys', 'must be empty to be structural');
  if (typeof v['x-kubernetes-list-type'] === 'string') forbid('x-kubernetes-list-type', 'must be undefined to be structural');
  if (typeof v['x-kubernetes-map-type'] === 'string') forbid('x-kubernetes-map-type', 'must be undefined to be structural');
  if (Array.isArray(v['x-kubernetes-validations']) && v['x-kubernetes-validations'].length > 0) forbid('x-kubernetes-validations', 'must be empty to be structural');
  if (isObj(v.properties) && 'metadata' in v.properties) r(`${at.prop('metadata')}`, field.forbidden('must not be specified in a nested context'));
}

/** complete.go: what a junctor (at `vAt`) names under a node must be specified at the node (`s`, at `sAt`). */
function completeness(r: Report, v: Record<string, any>, s: unknown, sAt: SchemaPath, vAt: SchemaPath, depth: number): void {
  if (depth > 64) return;
  if (!isObj(s)) { r(`${sAt}`, field.required(`because it is defined in ${vAt}`)); return; }
  if (isObj(v.not)) nestedCompleteness(r, v.not, s, sAt, vAt.at('not'), depth + 1);
  for (const j of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(v[j])) v[j].forEach((x: unknown, i: number) => { if (isObj(x)) nestedCompleteness(r, x, s, sAt, vAt.at(`${j}[${i}]`), depth + 1); });
  }
}

function nestedCompleteness(r: Report, v: Record<string, any>, s: Record<string, any>, sAt: SchemaPath, vAt: SchemaPath, depth: number): void {
  completeness(r, v, s, sAt, vAt, depth);
  if (isObj(v.items)) {
    if (!isObj(s.items)) r(`${sAt.at('items')}`, field.required(`because it is defined in ${vAt.at('items')}`));
    else nestedCompleteness(r, v.items, s.items, sAt.at('items'), vAt.at('items'), depth + 1);
  }
  if (isObj(v.properties)) {
    const props = isObj(s.properties) ? s.properties : {};
    for (const k in v.properties) {
      if (!isObj(v.properties[k])) continue;
      if (!isObj(props[k])) r(`${sAt.prop(k)}`, field.required(`because it is defined in ${vAt.prop(k)}`));
      else nestedCompleteness(r, v.properties[k], props[k], sAt.prop(k), vAt.prop(k), depth + 1);
    }
  }
}

/** One node of the structural walk (crd.ts' structural()): its junctors, and at the root what they name. */
export function checkJunctors(ctx: Ctx, s: Record<string, any>, at: SchemaPath, depth: number, root: boolean): void {
  if (!JUNCTORS.some((j) => Array.isArray(s[j])) && !isObj(s.not)) return;
  const r: Report = (p, m) => ctx.report('crd.schema-not-structural', p, m);
  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const skipFirstAllOfAnyOf = Array.isArray(s.allOf) && isObj(s.allOf[0]) && isIntOrStringAnyOf(s.allOf[0].anyOf);
  valueValidation(r, s, skipAnyOf, skipFirstAllOfAnyOf, at, depth);
  if (root) completeness(r, s, s, at, at, depth);
}
