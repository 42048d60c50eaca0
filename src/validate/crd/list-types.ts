/**
 * The list types of a custom resource's schema, checked as the API server checks them after the
 * schema (apiextensions-apiserver's listtype validation): the items of an
 * `x-kubernetes-list-type: set` are unique, and those of a `map` are objects unique by their
 * `x-kubernetes-list-map-keys` (a key left out counts with its default). Each repeated value is
 * reported once, at its second item.
 */
import { field } from '../field';
import { key } from '../path';
import { fieldSchema, isObj, itemSchema, own } from './schema-walk';

export interface ListProblem { rule: string; path: string; message: string }


/** Go compares scalars by type and value and objects and lists by their JSON: so does this key. */
function identity(v: unknown): string {
  return v !== null && typeof v === 'object' ? `j${JSON.stringify(v)}` : `${typeof v}:${String(v)}`;
}

/** Repeated items of the lists under `value` that `schema` types as sets or maps. */
export function listProblems(value: unknown, schema: unknown, path = ''): ListProblem[] {
  const out: ListProblem[] = [];
  walk(value, schema, path, out, 0);
  return out;
}

function walk(value: unknown, schema: unknown, path: string, out: ListProblem[], depth: number): void {
  if (!isObj(schema) || depth > 100) return;
  if (Array.isArray(value)) {
    const type = schema['x-kubernetes-list-type'];
    if (type === 'set') duplicates(value, path, out, identity);
    else if (type === 'map') mapItems(value, schema, path, out);
    const items = itemSchema(schema);
    if (items) value.forEach((v, i) => walk(v, items, `${path}[${i}]`, out, depth + 1));
    return;
  }
  if (!isObj(value)) return;
  for (const k of Object.keys(value)) {
    const sub = fieldSchema(schema, k);
    if (sub) walk(value[k], sub, path === '' ? k : key(path, k), out, depth + 1);
  }
}

function duplicates(items: unknown[], path: string, out: ListProblem[], id: (v: unknown) => string): void {
  if (items.length <= 1) return;
  const seen = new Map<string, number>();
  items.forEach((v, i) => {
    const k = id(v);
    const times = seen.get(k) ?? 0;
    seen.set(k, times + 1);
    if (times === 1) out.push({ rule: 'crd.list-duplicate', path: `${path}[${i}]`, message: field.duplicate(v) });
  });
}

function mapItems(items: unknown[], schema: Record<string, any>, path: string, out: ListProblem[]): void {
  const keys: string[] = Array.isArray(schema['x-kubernetes-list-map-keys']) ? schema['x-kubernetes-list-map-keys'].filter((k: unknown) => typeof k === 'string') : [];
  const itemProps = isObj(schema.items) && isObj(schema.items.properties) ? schema.items.properties : {};
  const keyed: unknown[] = [];
  const at: number[] = [];
  items.forEach((x, i) => {
    if (!isObj(x)) {
      out.push({ rule: 'crd.list-duplicate', path: `${path}[${i}]`, message: field.invalid(x, 'must be an object for an array of list-type map') });
      return;
    }
    if (Object.keys(x).length === 0) {
      out.push({ rule: 'crd.list-duplicate', path: `${path}[${i}]`, message: field.invalid(x, 'must contain at least one key') });
      return;
    }
    const values: Record<string, unknown> = {};
    for (const k of keys) {
      if (own(x, k)) values[k] = x[k];
      else if (isObj(itemProps[k]) && itemProps[k].default !== undefined) values[k] = itemProps[k].default;
    }
    keyed.push(values);
    at.push(i);
  });
  // the key values of each item, compared as Go compares them; the item's own index in the path
  const seen = new Map<string, number>();
  keyed.forEach((v, j) => {
    const k = JSON.stringify(keys.map((name) => (own(v as object, name) ? identity((v as Record<string, unknown>)[name]) : null)));
    const times = seen.get(k) ?? 0;
    seen.set(k, times + 1);
    if (times === 1) out.push({ rule: 'crd.list-duplicate', path: `${path}[${at[j]}]`, message: field.duplicate(v) });
  });
}
