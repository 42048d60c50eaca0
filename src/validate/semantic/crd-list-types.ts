/**
 * A CRD schema's list and map types as ValidateCustomResourceDefinitionOpenAPISchema checks them on
 * create (apiextensions-apiserver, the same in 1.27–1.37): x-kubernetes-map-type only on an
 * object, x-kubernetes-list-type only on an array, a known value of each; the items of a `set`
 * atomic; a `map` list's items one object schema whose x-kubernetes-list-map-keys name scalar
 * properties, each required or defaulted and none nullable (validateMapListKeysMapSet).
 */
import { Ctx, isObj } from '../context';
import { field } from '../field';
import { SchemaPath } from './schema-path';

const LIST_TYPES = ['atomic', 'set', 'map'];

export function checkListMapTypes(ctx: Ctx, s: Record<string, any>, at: SchemaPath): void {
  const r = (path: string, message: string) => ctx.report('crd.schema-not-structural', path, message);
  const typeless = s.type === undefined || s.type === null || s.type === '';
  const mapType = s['x-kubernetes-map-type'];
  if (typeof mapType === 'string') {
    if (s.type !== 'object') r(`${at}.type`, typeless ? field.required('must be object if x-kubernetes-map-type is specified') : field.invalid(s.type, 'must be object if x-kubernetes-map-type is specified'));
    if (mapType !== 'atomic' && mapType !== 'granular') ctx.report('fields.not-supported', `${at}.x-kubernetes-map-type`, field.notSupported(mapType, ['atomic', 'granular']));
  }
  const listType = s['x-kubernetes-list-type'];
  const items = isObj(s.items) ? s.items : undefined;
  if (typeof listType === 'string' && s.type !== 'array') {
    r(`${at}.type`, typeless ? field.required('must be array if x-kubernetes-list-type is specified') : field.invalid(s.type, 'must be array if x-kubernetes-list-type is specified'));
  } else if (listType === 'set' && items) {
    if (items.type === 'array' && typeof items['x-kubernetes-list-type'] === 'string' && items['x-kubernetes-list-type'] !== 'atomic') {
      r(`${at}.items.x-kubernetes-list-type`, field.invalid(items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
    if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      r(`${at}.items.x-kubernetes-map-type`, field.invalid(items['x-kubernetes-map-type'] ?? null, 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
  }
  if (typeof listType === 'string' && !LIST_TYPES.includes(listType)) ctx.report('fields.not-supported', `${at}.x-kubernetes-list-type`, field.notSupported(listType, LIST_TYPES));
  const mapKeys = s['x-kubernetes-list-map-keys'];
  const keys: unknown[] = Array.isArray(mapKeys) ? mapKeys : [];
  if (keys.length > 0 && listType == null) r(`${at}.x-kubernetes-list-type`, field.required('must be map if x-kubernetes-list-map-keys is non-empty'));
  else if (keys.length > 0 && listType !== 'map') r(`${at}.x-kubernetes-list-type`, field.invalid(listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  if (keys.length > 0 && new Set(keys).size < keys.length) r(`${at}.x-kubernetes-list-map-keys`, field.invalid(mapKeys, 'must not contain duplicate entries'));
  if (listType === 'map') {
    if (keys.length === 0) r(`${at}.x-kubernetes-list-map-keys`, field.required('must not be empty if x-kubernetes-list-type is map'));
    if (s.items === undefined || s.items === null) r(`${at}.items`, field.required('must have a schema if x-kubernetes-list-type is map'));
    else if (Array.isArray(s.items)) r(`${at}.items`, field.invalid(s.items, 'must only have a single schema if x-kubernetes-list-type is map'));
    else if (items && items.type !== 'object') r(`${at}.items.type`, field.invalid(items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
    else if (items) {
      const props = isObj(items.properties) ? items.properties : {};
      const required = new Set(Array.isArray(items.required) ? items.required : []);
      for (const k of keys) {
        if (typeof k !== 'string') continue;
        const p = props[k];
        if (!isObj(p)) { r(`${at}.x-kubernetes-list-map-keys`, field.invalid(mapKeys, 'entries must all be names of item properties')); continue; }
        if (p.type === 'array' || p.type === 'object') r(`${at}.items.properties[${k}].type`, field.invalid('object', "must be a scalar type if parent array's x-kubernetes-list-type is map"));
        if (!required.has(k) && p.default === undefined) r(`${at}.items.properties[${k}].default`, field.required('this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
        if (p.nullable === true) r(`${at}.items.properties[${k}].nullable`, field.forbidden('this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
      }
    }
  }
  // set and map list items cannot be nullable (validateMapListKeysMapSet)
  if ((listType === 'set' || listType === 'map') && items?.nullable === true) r(`${at}.items.nullable`, field.forbidden(`cannot be nullable when x-kubernetes-list-type is ${listType}`));
}
