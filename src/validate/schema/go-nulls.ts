/**
 * What a null becomes when the API server decodes it (Go's encoding/json): a struct field written
 * null is as if left out, but a null value of a map of strings is the empty string, its key kept
 * (`matchLabels: {app: }` is `{app: ""}`, so a ReplicationController's selector defaulted from
 * such labels is not empty), and so is a null item of a list of strings; a null quantity of a map
 * (`limits: {memory: }`) is 0, and a null struct value of a map is the empty struct (a CRD schema's
 * `properties: {namespace: }` is the empty schema). The semantic layer drops
 * the other nulls (semantic/index.ts' withoutNulls).
 */
import { derefNode } from './refs';
import type { SchemaSet } from './types';

/** The object with the nulls that decode as "" written "", along its kind's schema (itself when there is none). */
export function nullsAsGo(set: SchemaSet, obj: any): any {
  const def = set.kinds[`${obj?.apiVersion}/${obj?.kind}`];
  return def === undefined ? obj : walk(set, obj, { $ref: `#/definitions/${def}` }, 0);
}

function isString(node: any): boolean {
  const t = node?.type;
  return t === 'string' || (Array.isArray(t) && t.includes('string') && !t.includes('object') && !t.includes('array'));
}

function isObject(node: any): boolean {
  const t = node?.type;
  return t === 'object' || (Array.isArray(t) && t.includes('object') && !t.includes('string') && !t.includes('array'));
}

function walk(set: SchemaSet, v: any, schema: any, depth: number): any {
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  const [node] = derefNode(set, schema);
  if (!node) return v;
  // a schema that is one of two by the value's shape (store.ts' EITHER: a CRD schema's items, a []byte field)
  if (node.if !== undefined && node.properties === undefined) {
    const branch = Array.isArray(v) ? node.then : node.else;
    return branch === undefined ? v : walk(set, v, branch, depth + 1);
  }
  if (Array.isArray(v)) {
    if (!node.items) return v;
    const scalar = isString(derefNode(set, node.items)[0]);
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const y = x === null ? (scalar ? '' : null) : walk(set, x, node.items, depth + 1);
      if (y !== x) (out ??= v.slice())[i] = y;
    }
    return out ?? v;
  }
  const props = node.properties;
  const values = node.additionalProperties !== null && typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
  let out: Record<string, unknown> | undefined;
  for (const k in v) {
    const x = v[k];
    const field = props?.[k];
    const sub = field ?? values;
    if (sub === undefined) continue;
    let y: unknown;
    if (x === null) {
      if (field !== undefined) continue;
      const valueNode = derefNode(set, sub)[0];
      // (a map's struct value written null is the struct's zero value, its key kept: a CRD schema's `namespace:` is the empty schema)
      if (isObject(valueNode)) y = {};
      else if (!isString(valueNode)) continue;
      // (a Quantity's zero value is 0: `limits: {memory: }` is a limit of 0)
      else y = valueNode.format === 'quantity' ? '0' : '';
    } else if (typeof x === 'object') {
      y = walk(set, x, sub, depth + 1);
    } else continue;
    if (y !== x) (out ??= { ...v })[k] = y;
  }
  return out ?? v;
}
