/**
 * Following a custom resource's value down its CRD's schema, as the API server's structural
 * schema does: an object's field by `properties`, else by `additionalProperties`; a list's items
 * by `items`. Shared by defaulting, null pruning, list types and CEL rules.
 */

export const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
export const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The schema of an object's field `k`, or undefined where the schema says nothing of it. */
export function fieldSchema(schema: Record<string, any>, k: string): Record<string, any> | undefined {
  if (isObj(schema.properties) && own(schema.properties, k)) return isObj(schema.properties[k]) ? schema.properties[k] : undefined;
  return isObj(schema.additionalProperties) ? schema.additionalProperties : undefined;
}

/** The schema of a list's items, when it is one. */
export function itemSchema(schema: Record<string, any>): Record<string, any> | undefined {
  return isObj(schema.items) ? schema.items : undefined;
}

/** The list with each item replaced by `f` of it; the same list when `f` changes none, else a copy. */
export function mapList(list: unknown[], f: (v: unknown) => unknown): unknown[] {
  let out = list;
  list.forEach((v, i) => {
    const d = f(v);
    if (d === v) return;
    if (out === list) out = [...list];
    out[i] = d;
  });
  return out;
}

/** An own property set as data (a key `__proto__` stays a property). */
export function setField(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
