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
import { goRegExp } from './go-regexp';
import { K8S_NAME_FORMATS_FROM, normalizeFormat, STRING_FORMATS, supportedStringFormat, URI_STRICT, URI_STRICT_COLONS_FROM } from './strfmt';

/**
 * Number formats (int32, int64; float, double) the API server checks on custom resources from
 * 1.36 (kubernetes#136582); before, it strips them: `asn: 4200000000` under `format: int32` is
 * accepted by 1.33 and 1.34 (frr-k8s' samples), refused by 1.36 and 1.37. From 1.36 a `maximum`
 * or `minimum` outside the format's range makes the server refuse every value of the field
 * ("Maximum boundary value must be of type integer with format int32"): frr-k8s' `asn` has
 * maximum 4294967295 under int32.
 */
const NUMBER_FORMATS = new Set(['int32', 'int64', 'float', 'double']);
export const NUMBER_FORMATS_FROM = 36;

/** The range of each number format. */
const FORMAT_RANGE: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647], int64: [-9223372036854775808, 9223372036854775807],
  float: [-3.4028234663852886e38, 3.4028234663852886e38], double: [-Number.MAX_VALUE, Number.MAX_VALUE],
};

/** The formats that stand for "this field's maximum or minimum is outside its number format" (crd/formats.ts: every value fails them). */
export const BOUND_FORMAT = /^bound-(maximum|minimum)-(int32|int64|float|double)$/;

/** A number format whose node's maximum or minimum is outside its range: the format that refuses every value, else the format itself. */
function numberFormat(node: any, format: string): string {
  const [lo, hi] = FORMAT_RANGE[format];
  for (const bound of ['maximum', 'minimum'] as const) {
    const b = node[bound];
    if (typeof b === 'number' && (b < lo || b > hi)) return `bound-${bound}-${format}`;
  }
  return format;
}

/**
 * A node's format as ajv checks it at release 1.`minor` (apiextensions-apiserver's
 * formats.go): a string format the release supports, by its normalized name (crd/strfmt.ts);
 * from 1.36 a number format too, and each kind of format only on a node of its type (a string
 * format on an untyped or string node, int32/int64 on an integer, float/double on a number);
 * else none (the server drops it).
 */
function keptFormat(minor: number): (node: any, f: unknown) => string | undefined {
  return (node, f) => {
    if (typeof f !== 'string') return undefined;
    const string = () => {
      const name = normalizeFormat(f);
      if (name === 'uri' && minor >= URI_STRICT_COLONS_FROM) return URI_STRICT;
      return supportedStringFormat(name, minor) && STRING_FORMATS[name] ? name : undefined;
    };
    if (minor < NUMBER_FORMATS_FROM) return string();
    switch (node.type ?? '') {
      case '': case 'string': return string();
      case 'integer': return f === 'int32' || f === 'int64' ? numberFormat(node, f) : undefined;
      case 'number': return f === 'float' || f === 'double' ? numberFormat(node, f) : undefined;
      default: return undefined;
    }
  };
}

const IMPLICIT = {
  apiVersion: { type: ['string', 'null'] },
  kind: { type: ['string', 'null'] },
  metadata: { type: ['object', 'null'] },
};

function withNull(t: unknown): unknown {
  if (typeof t === 'string') return [t, 'null'];
  return t;
}

const celCounts = new WeakMap<object, number>();

/** The number of x-kubernetes-validations rules in a schema (counted once per schema object: a CRD given with --crds is registered by every run). */
export function countCelRules(node: any): number {
  if (node === null || typeof node !== 'object') return 0;
  let n = celCounts.get(node);
  if (n === undefined) celCounts.set(node, (n = countRules(node)));
  return n;
}

function countRules(node: any): number {
  if (node === null || typeof node !== 'object') return 0;
  if (Array.isArray(node)) return node.reduce((n, x) => n + countRules(x), 0);
  let n = Array.isArray(node['x-kubernetes-validations']) ? node['x-kubernetes-validations'].length : 0;
  for (const k in node) if (k !== 'x-kubernetes-validations' && Object.prototype.hasOwnProperty.call(node, k)) n += countRules(node[k]);
  return n;
}

/** What the conversion of a schema depends on of the release: releases with the same key convert every schema alike. */
export function conversionEra(minor: number): string {
  return `${minor >= NUMBER_FORMATS_FROM ? 'n' : ''}${minor >= K8S_NAME_FORMATS_FROM ? 'k' : ''}${minor >= URI_STRICT_COLONS_FROM ? 'u' : ''}`;
}

/** A CRD schema node as ajv checks it for release 1.`minor` (default: the newest). */
export function convertCrdSchema(node: any, root = true, minor = Number.MAX_SAFE_INTEGER): any {
  return convert(node, root, keptFormat(minor));
}

/**
 * `kept`: under a list that preserves unknown fields, each level of lists below it preserves them
 * too (the server's pruning skips the items of such a list: skipPrune in apiextensions' pruning
 * algorithm), while an object's properties and additionalProperties are pruned again: an
 * OpenTelemetry TargetAllocator's `scrapeConfigs: {type: array, x-kubernetes-preserve-unknown-fields:
 * true, items: {type: object}}` keeps every field of its items.
 */
function convert(node: any, root: boolean, kept: (node: any, f: unknown) => string | undefined, underPreserve = false): any {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return {};
  const out: any = {};
  const preserves = node['x-kubernetes-preserve-unknown-fields'] === true || underPreserve;
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-') || k === 'description' || k === 'default' || k === 'example' || k === 'externalDocs' || k === 'nullable' || k === 'title') continue;
    switch (k) {
      case 'type': out.type = withNull(v); break;
      case 'format': { const f = kept(node, v); if (f !== undefined) out.format = f; break; }
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, convert(s, false, kept)]));
        break;
      case 'items': out.items = Array.isArray(v) ? v.map((s) => convert(s, false, kept, preserves)) : convert(v, false, kept, preserves); break;
      case 'additionalProperties': out.additionalProperties = typeof v === 'boolean' ? v : convert(v, false, kept); break;
      case 'allOf': case 'anyOf': case 'oneOf': out[k] = (v as any[]).map((s) => convert(s, false, kept)); break;
      case 'not': out.not = convert(v, false, kept); break;
      default: out[k] = v;
    }
  }
  // OpenAPI 3.0 (a CRD's dialect) writes exclusive bounds as booleans beside maximum and minimum; ajv reads them as numbers
  for (const [ex, bound] of [['exclusiveMaximum', 'maximum'], ['exclusiveMinimum', 'minimum']] as const) {
    if (typeof node[ex] !== 'boolean') continue;
    delete out[ex];
    if (node[ex] && typeof node[bound] === 'number') {
      out[ex] = node[bound];
      delete out[bound];
    }
  }
  const embedded = node['x-kubernetes-embedded-resource'] === true;
  // ObjectMeta whatever the CRD says of metadata (the server allows only name/generateName rules there)
  if (root || embedded) out.properties = { ...(out.properties ?? {}), ...IMPLICIT };
  if (node['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string', 'null'];
  const isObject = node.type === 'object' || root || embedded;
  if (isObject && !preserves && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The part of a schema that validating `values` (the data at this node) can reach: the schema of
 * a property none of the values has becomes {} (the validator never applies it: a property's
 * schema applies only to a value that is there), and so on down properties, items,
 * additionalProperties and the combinators; every other keyword is kept as it is. Validating a
 * value against the pruned schema gives the same verdict and errors as against the whole one,
 * and a CRD of 800 KB compiles in milliseconds instead of a second.
 */
export function pruneFor(node: any, values: unknown[]): any {
  if (!isPlain(node)) return node;
  const out: any = { ...node };
  const objects = values.filter(isPlain);
  if (isPlain(node.properties)) {
    const props: any = {};
    for (const [p, s] of Object.entries(node.properties)) {
      const under = objects.map((o) => o[p]).filter((v) => v !== undefined);
      props[p] = under.length ? pruneFor(s, under) : {};
    }
    out.properties = props;
  }
  if (isPlain(node.additionalProperties) && node.patternProperties === undefined) {
    const known = isPlain(node.properties) ? node.properties : {};
    const under = objects.flatMap((o) => Object.keys(o).filter((k) => !Object.prototype.hasOwnProperty.call(known, k)).map((k) => o[k]));
    out.additionalProperties = under.length ? pruneFor(node.additionalProperties, under) : {};
  }
  const arrays = values.filter(Array.isArray) as unknown[][];
  if (isPlain(node.items)) {
    const under = arrays.flat();
    out.items = under.length ? pruneFor(node.items, under) : {};
  } else if (Array.isArray(node.items)) {
    out.items = node.items.map((s: any, i: number) => {
      const under = arrays.filter((a) => a.length > i).map((a) => a[i]);
      return under.length ? pruneFor(s, under) : s;
    });
  }
  for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[k])) out[k] = node[k].map((s: any) => pruneFor(s, values));
  if (isPlain(node.not)) out.not = pruneFor(node.not, values);
  return out;
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
const NUMBER_KEYWORDS = new Set(['multipleOf', 'maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties']);
const ONE_SCHEMA = new Set(['additionalProperties', 'additionalItems', 'not', 'propertyNames', 'contains', 'if', 'then', 'else']);

function validPattern(p: unknown): boolean {
  if (typeof p !== 'string') return false;
  try {
    goRegExp(p); // as ajv compiles a CRD's patterns (crd/index.ts)
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether ajv might refuse to compile a converted schema (a keyword's value of the wrong type, a
 * pattern JavaScript cannot read, a keyword this check does not know): only the keywords and
 * value types listed here are known to compile. The whole schema must then be compiled to say
 * why, as before pruning (pruneFor keeps a custom resource away from the parts it does not reach,
 * and so would keep it from an error there).
 */
export function mayNotCompile(node: unknown): boolean {
  if (typeof node === 'boolean') return false;
  if (!isPlain(node)) return true;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'type') {
      const types = Array.isArray(v) ? v : [v];
      if (types.length === 0 || !types.every((t) => JSON_TYPES.has(t as string))) return true;
    } else if (k === 'properties' || k === 'patternProperties') {
      if (!isPlain(v) || Object.values(v).some(mayNotCompile)) return true;
      if (k === 'patternProperties' && !Object.keys(v).every(validPattern)) return true;
    } else if (k === 'items') {
      if (Array.isArray(v) ? v.length === 0 || v.some(mayNotCompile) : mayNotCompile(v)) return true;
    } else if (ONE_SCHEMA.has(k)) {
      if (mayNotCompile(v)) return true;
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      if (!Array.isArray(v) || v.length === 0 || v.some(mayNotCompile)) return true;
    } else if (k === 'required') {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return true;
    } else if (k === 'enum') {
      if (!Array.isArray(v) || v.length === 0) return true;
    } else if (NUMBER_KEYWORDS.has(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return true;
    } else if (k === 'uniqueItems') {
      if (typeof v !== 'boolean') return true;
    } else if (k === 'pattern') {
      if (!validPattern(v)) return true;
    } else if (k === 'format') {
      if (!Object.prototype.hasOwnProperty.call(STRING_FORMATS, v as string) && v !== URI_STRICT && !NUMBER_FORMATS.has(v as string) && !BOUND_FORMAT.test(v as string)) return true;
    } else if (k !== 'const') {
      return true;
    }
  }
  return false;
}
