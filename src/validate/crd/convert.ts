/**
 * A CRD version's openAPIV3Schema as the API server applies it to custom resources, converted
 * to a JSON schema for ajv:
 * - unknown fields are errors (strict field validation: the server would prune them) unless the
 *   node has x-kubernetes-preserve-unknown-fields;
 * - x-kubernetes-int-or-string admits integers and strings;
 * - x-kubernetes-embedded-resource objects and the root take apiVersion, kind and metadata;
 * - null is absent (the server drops nulls of non-nullable fields);
 * - defaults, descriptions and formats the verdict does not depend on are dropped.
 */

/** Formats the API server checks on custom resources that podsmith checks too. */
const KEPT_FORMATS = new Set(['int32', 'int64', 'byte', 'date-time']);

const IMPLICIT = {
  apiVersion: { type: ['string', 'null'] },
  kind: { type: ['string', 'null'] },
  metadata: { type: ['object', 'null'] },
};

function withNull(t: unknown): unknown {
  if (typeof t === 'string') return [t, 'null'];
  return t;
}

/** The number of x-kubernetes-validations rules in a schema. */
export function countCelRules(node: any): number {
  if (node === null || typeof node !== 'object') return 0;
  if (Array.isArray(node)) return node.reduce((n, x) => n + countCelRules(x), 0);
  let n = Array.isArray(node['x-kubernetes-validations']) ? node['x-kubernetes-validations'].length : 0;
  for (const [k, v] of Object.entries(node)) if (k !== 'x-kubernetes-validations') n += countCelRules(v);
  return n;
}

export function convertCrdSchema(node: any, root = true): any {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return {};
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-') || k === 'description' || k === 'default' || k === 'example' || k === 'externalDocs' || k === 'nullable' || k === 'title') continue;
    switch (k) {
      case 'type': out.type = withNull(v); break;
      case 'format': if (KEPT_FORMATS.has(v as string)) out.format = v; break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, convertCrdSchema(s, false)]));
        break;
      case 'items': out.items = Array.isArray(v) ? v.map((s) => convertCrdSchema(s, false)) : convertCrdSchema(v, false); break;
      case 'additionalProperties': out.additionalProperties = typeof v === 'boolean' ? v : convertCrdSchema(v, false); break;
      case 'allOf': case 'anyOf': case 'oneOf': out[k] = (v as any[]).map((s) => convertCrdSchema(s, false)); break;
      case 'not': out.not = convertCrdSchema(v, false); break;
      default: out[k] = v;
    }
  }
  const embedded = node['x-kubernetes-embedded-resource'] === true;
  // ObjectMeta whatever the CRD says of metadata (the server allows only name/generateName rules there)
  if (root || embedded) out.properties = { ...(out.properties ?? {}), ...IMPLICIT };
  if (node['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string', 'null'];
  const isObject = node.type === 'object' || root || embedded;
  if (isObject && node['x-kubernetes-preserve-unknown-fields'] !== true && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
