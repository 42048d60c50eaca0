/**
 * A custom resource's x-kubernetes-validations rules evaluated as the API server evaluates them
 * on create (cel.ts): at every node of its (defaulted) value that the rule's schema node
 * describes, with `self` bound to that node's value typed by the schema (integers as int,
 * numbers as double, objects as maps; at the root, metadata holds only name and generateName).
 * Transition rules (those reading `oldSelf`) apply to updates only. A rule whose value is false
 * or that fails (no such key, overflow) refuses the object; one podsmith cannot evaluate is
 * counted, not judged.
 */
import { field } from '../field';
import { key } from '../path';
import { CelError, CelUnsupported, evaluateCel, readsOldSelf, Val } from './cel';
import { CelStruct } from './cel-struct';
import { fieldSchema, isObj, itemSchema } from './schema-walk';

export interface CelProblem { rule: string; path: string; message: string }


/** Formats Kubernetes gives CEL types of their own (bytes, timestamp, duration): a rule reading one is not evaluated here. */
const TYPED_FORMATS = new Set(['byte', 'date', 'date-time', 'duration']);

/** A value as CEL sees it under its schema node. */
export function toCel(value: unknown, schema: unknown, root = false): Val {
  const s = isObj(schema) ? schema : {};
  if (typeof s.format === 'string' && TYPED_FORMATS.has(s.format) && typeof value === 'string') throw new CelUnsupported(`a ${s.format} string`);
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (s.type === 'number') return value;
    if (Number.isSafeInteger(value)) return BigInt(value);
    if (s.type === 'integer' || Number.isInteger(value)) throw new CelUnsupported('an integer JavaScript cannot hold exactly');
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((x) => toCel(x, s.items));
  if (typeof value === 'object') {
    if (root || s['x-kubernetes-embedded-resource'] === true || isObj(s.properties)) return structOf(value as Record<string, unknown>, s, root);
    // a map (additionalProperties), or an object that declares nothing
    const m = new Map<unknown, Val>();
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      const sub = fieldSchema(s, k);
      // a null the schema does not allow is absent (the server prunes it)
      if (v === null && !(isObj(sub) && sub.nullable === true)) continue;
      m.set(k, toCel(v, sub));
    }
    return m;
  }
  throw new CelUnsupported(`a ${typeof value}`);
}

/** The apiVersion, kind and metadata an embedded resource or the root declares whatever its schema says. */
const IMPLICIT = new Set(['apiVersion', 'kind', 'metadata']);
const STRING = { type: 'string' };
const IMPLICIT_SCHEMA: Record<string, Record<string, any>> = {
  apiVersion: STRING, kind: STRING, metadata: { type: 'object', properties: { name: STRING, generateName: STRING } },
};

/** An object with declared properties (or the root, or an embedded resource) as CEL sees it (cel-struct.ts). */
function structOf(value: Record<string, unknown>, s: Record<string, any>, root: boolean): CelStruct {
  const m = new CelStruct();
  const implicit = root || s['x-kubernetes-embedded-resource'] === true;
  for (const k of Object.keys(value)) {
    m.count();
    const v = value[k];
    const declared = isObj(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, k);
    // a null field is absent; so is one the schema does not declare
    if (v === null || v === undefined || !(declared || (implicit && IMPLICIT.has(k)))) continue;
    // the metadata of the root or an embedded resource holds only name and generateName (WithTypeAndObjectMeta)
    const sub = implicit && IMPLICIT.has(k) ? IMPLICIT_SCHEMA[k] : isObj(s.properties[k]) ? s.properties[k] : {};
    m.setField(k, toCel(v, sub));
  }
  return m;
}

/** The message of a failed rule: its message, its messageExpression's string, else "failed rule: <rule>". */
function messageOf(r: Record<string, any>, self: () => Val): string {
  if (typeof r.messageExpression === 'string') {
    try {
      const m = evaluateCel(r.messageExpression, self());
      if (typeof m === 'string' && m.trim() !== '') return m;
    } catch { /* the server falls back to message too */ }
  }
  if (typeof r.message === 'string' && r.message.trim() !== '') return r.message;
  return `failed rule: ${String(r.rule).trim()}`;
}

/** The rules' problems under a custom resource, and how many rules podsmith could not evaluate. */
export function celProblems(value: unknown, schema: unknown, skipStatus: boolean): { problems: CelProblem[]; unevaluated: number } {
  const out = { problems: [] as CelProblem[], unevaluated: 0 };
  walk(value, schema, '', out, 0, skipStatus);
  return out;
}

function walk(value: unknown, schema: unknown, path: string, out: { problems: CelProblem[]; unevaluated: number }, depth: number, skipStatus = false): void {
  if (!isObj(schema) || value === null || value === undefined || depth > 100) return;
  const rules = Array.isArray(schema['x-kubernetes-validations']) ? schema['x-kubernetes-validations'] : [];
  let self: Val | undefined;
  const selfOf = (): Val => (self ??= toCel(value, schema, depth === 0));
  for (const r of rules) {
    if (!isObj(r) || typeof r.rule !== 'string' || readsOldSelf(r.rule)) continue;
    const fieldPath = typeof r.fieldPath === 'string' ? r.fieldPath : '';
    const at = fieldPath === '' ? path : path === '' ? fieldPath.replace(/^\./, '') : `${path}${fieldPath.startsWith('[') ? '' : fieldPath.startsWith('.') ? '' : '.'}${fieldPath}`;
    const type = typeof schema.type === 'string' ? schema.type : 'object';
    try {
      const v = evaluateCel(r.rule, selfOf());
      if (v === true) continue;
      if (v !== false) { out.unevaluated++; continue; }
      out.problems.push({ rule: 'crd.validation-rule-failed', path: at, message: field.invalid(type, messageOf(r, selfOf)) });
    } catch (e) {
      if (e instanceof CelError) out.problems.push({ rule: 'crd.validation-rule-failed', path: at, message: field.invalid(type, `${e.message} evaluating rule: ${r.rule.trim()}`) });
      else if (e instanceof CelUnsupported) out.unevaluated++;
      else throw e;
    }
  }
  if (Array.isArray(value)) {
    const items = itemSchema(schema);
    if (items) value.forEach((v, i) => walk(v, items, `${path}[${i}]`, out, depth + 1));
    return;
  }
  if (!isObj(value)) return;
  for (const k of Object.keys(value)) {
    if (depth === 0 && (k === 'metadata' || (k === 'status' && skipStatus))) continue;
    const sub = fieldSchema(schema, k);
    if (sub) walk(value[k], sub, path === '' ? k : key(path, k), out, depth + 1);
  }
}
