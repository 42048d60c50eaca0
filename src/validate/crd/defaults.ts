/**
 * A custom resource with its CRD's defaults applied, as the API server applies them before it
 * validates (apiextensions-apiserver's structural defaulting): a field that is absent, or null
 * where the schema does not allow null, takes its `default`; then each field the schema
 * describes (by `properties`, else `additionalProperties`) and each list item is defaulted in
 * turn, defaults' own fields included. So a required field with a default is never missing.
 * Nulls the schema does not allow are then pruned (withoutNulls).
 */

const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** `value` with the defaults of `schema` (a CRD version's openAPIV3Schema or a node of it); the same value when none applies, else a copy. */
export function withDefaults(value: unknown, schema: unknown): unknown {
  if (!isObj(schema)) return value;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!isObj(items)) return value;
    let out = value;
    value.forEach((v, i) => {
      const d = withDefaults(v, items);
      if (d === v) return;
      if (out === value) out = [...value];
      out[i] = d;
    });
    return out;
  }
  if (!isObj(value)) return value;
  let out = value;
  const set = (k: string, v: unknown) => {
    if (out === value) out = { ...value };
    // a key `__proto__` stays an own property (assigned, it would set the prototype)
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
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
  const extra = isObj(schema.additionalProperties) ? schema.additionalProperties : undefined;
  for (const k of Object.keys(out)) {
    const sub = props && own(props, k) ? props[k] : extra;
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
    const items = schema.items;
    if (!isObj(items)) return value;
    let out = value;
    value.forEach((v, i) => {
      const d = withoutNulls(v, items);
      if (d === v) return;
      if (out === value) out = [...value];
      out[i] = d;
    });
    return out;
  }
  if (!isObj(value)) return value;
  const props = isObj(schema.properties) ? schema.properties : undefined;
  const extra = isObj(schema.additionalProperties) ? schema.additionalProperties : undefined;
  let out = value;
  for (const k of Object.keys(value)) {
    const sub = props && own(props, k) ? props[k] : extra;
    if (!sub) continue;
    const v = value[k];
    if (v === null && sub.nullable !== true) {
      if (out === value) out = { ...value };
      delete out[k];
      continue;
    }
    const d = withoutNulls(v, sub);
    if (d === v) continue;
    if (out === value) out = { ...value };
    Object.defineProperty(out, k, { value: d, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
