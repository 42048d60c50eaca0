/**
 * A custom resource with its CRD's defaults applied, as the API server applies them before it
 * validates (apiextensions-apiserver's structural defaulting): a field that is absent, or null
 * where the schema does not allow null, takes its `default`; then each field the schema
 * describes (by `properties`, else `additionalProperties`) and each list item is defaulted in
 * turn, defaults' own fields included. So a required field with a default is never missing.
 * Nulls the schema does not allow are then pruned (withoutNulls).
 */
import { fieldSchema, isObj, itemSchema, mapList, own, setField } from './schema-walk';

/** `value` with the defaults of `schema` (a CRD version's openAPIV3Schema or a node of it); the same value when none applies, else a copy. */
export function withDefaults(value: unknown, schema: unknown): unknown {
  if (!isObj(schema)) return value;
  if (Array.isArray(value)) {
    const items = itemSchema(schema);
    return items ? mapList(value, (v) => withDefaults(v, items)) : value;
  }
  if (!isObj(value)) return value;
  let out = value;
  const set = (k: string, v: unknown) => {
    if (out === value) out = { ...value };
    setField(out, k, v);
  };
  const props = isObj(schema.properties) ? schema.properties : undefined;
  if (props) {
    for (const k of Object.keys(props)) {
      const p = props[k];
      if (!isObj(p) || p.default === undefined) continue;
      const cur = own(value, k) ? value[k] : undefined;
      if (cur === undefined || (cur === null && p.nullable !== true)) set(k, structuredClone(p.default));
    }
  }
  for (const k of Object.keys(out)) {
    const sub = fieldSchema(schema, k);
    if (!sub) continue;
    const v = out[k];
    const d = withDefaults(v, sub);
    if (d !== v) set(k, d);
  }
  return out;
}

/**
 * `value` without the nulls of fields whose schema does not allow null (`nullable: true`): the
 * server prunes them, so a required field written `template:` with nothing after it is missing.
 */
export function withoutNulls(value: unknown, schema: unknown): unknown {
  if (!isObj(schema)) return value;
  if (Array.isArray(value)) {
    const items = itemSchema(schema);
    return items ? mapList(value, (v) => withoutNulls(v, items)) : value;
  }
  if (!isObj(value)) return value;
  let out = value;
  for (const k of Object.keys(value)) {
    const sub = fieldSchema(schema, k);
    if (!sub) continue;
    const v = value[k];
    const d = v === null && sub.nullable !== true ? undefined : withoutNulls(v, sub);
    if (d === v) continue;
    if (out === value) out = { ...value };
    if (d === undefined) delete out[k];
    else setField(out, k, d);
  }
  return out;
}
