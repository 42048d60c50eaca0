/**
 * Where a CRD's schema is decoded without strict field validation. apiextensions' custom JSON
 * decoders for `items` (JSONSchemaPropsOrArray), `additionalProperties` and `additionalItems`
 * (JSONSchemaPropsOrBool) and `dependencies` (JSONSchemaPropsOrStringArray) read the schema below
 * them with plain encoding/json: a key that is no schema keyword there (an entry indented a level
 * too far out, `podCertificate` beside `properties`) is dropped without a word, where the same key
 * one level up is refused as an unknown field (1.34 API server: dry-run create with
 * fieldValidation=Strict). A wrong type stays a decoding error in both.
 */
import { pointerKeys } from '../pointer';

/** Keywords whose value is a map of schemas by name, or a list of schemas. */
const BY_NAME = new Set(['properties', 'patternProperties', 'definitions']);
const LISTED = new Set(['allOf', 'anyOf', 'oneOf']);

/** Whether the object at `pointer` (whose unknown key was found) is read by a non-strict decoder: a CRD schema node below items, additionalProperties, additionalItems or dependencies. */
export function crdSchemaDecodedLaxly(obj: any, pointer: string): boolean {
  if (obj?.kind !== 'CustomResourceDefinition' || obj.apiVersion !== 'apiextensions.k8s.io/v1') return false;
  const t = pointerKeys(pointer);
  if (t[0] !== 'spec' || t[1] !== 'versions' || t[3] !== 'schema' || t[4] !== 'openAPIV3Schema') return false;
  let node: any = obj.spec?.versions?.[Number(t[2])]?.schema?.openAPIV3Schema;
  let lax = false;
  let i = 5;
  while (i < t.length && node !== null && typeof node === 'object') {
    const k = t[i];
    if (k === 'items') {
      lax = true;
      node = node.items;
      i++;
      if (Array.isArray(node) && i < t.length) node = node[Number(t[i++])];
    } else if (k === 'additionalProperties' || k === 'additionalItems' || k === 'not') {
      if (k !== 'not') lax = true;
      node = node[k];
      i++;
    } else if (k === 'dependencies') {
      lax = true;
      node = node.dependencies?.[t[i + 1]];
      i += 2;
    } else if (BY_NAME.has(k) || LISTED.has(k)) {
      node = node[k]?.[t[i + 1]];
      i += 2;
    } else {
      // a value that is no schema (externalDocs, a validation rule, a default): decoded as its schema node is
      return lax;
    }
  }
  return lax;
}
