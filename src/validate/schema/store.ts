/**
 * Reads the committed schemas on demand: a release's kind index (schemas/v<X.Y>.json, a few
 * dozen KB) when the release is first used, and a definition pool (schemas/defs/<package>.json)
 * only when a definition of that package is needed. Identical definitions are stored once for
 * every release (by content hash), see scripts/gen-schemas.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_DIR, SUPPORTED_K8S_VERSIONS } from './versions';

/** A release's index: what its API server serves by default, and its definitions by hash. */
export interface ReleaseDoc {
  /** The patch release the schemas come from: `v1.34.4`. */
  version: string;
  /** `apiVersion/kind` → [definition name, scope: `n` namespaced, `c` cluster, resource (plural)]. */
  kinds: Record<string, [string, 'n' | 'c', string]>;
  /** `apiVersion/kind`s the release's documents define but its API server does not serve by default. */
  disabled: string[];
  /** definition name → content hash in its package's pool. */
  defs: Record<string, string>;
}

const releases = new Map<string, ReleaseDoc>();
const pools = new Map<string, Record<string, any>>();

export function readRelease(minor: string): ReleaseDoc {
  let doc = releases.get(minor);
  if (!doc) {
    doc = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `v${minor}.json`), 'utf8')) as ReleaseDoc;
    releases.set(minor, doc);
  }
  return doc;
}

/**
 * What reading a definition adds to the committed schemas (part of the compiled validators' cache
 * key): a required string field refuses "" as it refuses absence. A Go string field that is not a
 * pointer reads "" exactly as absent, so the API server answers "Required value" for both
 * (npm run test:value-sweep: volume sources' names and paths, webhooks' names, ...). Any required
 * field refuses null as it refuses absence: Go's JSON decoding leaves a field written null as it
 * would be left out (a nil pointer, a zero value).
 */
export const DEFINITION_READING = 'byte-lists-1+crd-schema-either-1+required-strings-not-empty-or-null-3+required-as-newest-4+int-or-string-int32-1';

/**
 * An IntOrString holds an int32 (intstr.IntOrString's IntVal): a number past int32 is a decoding
 * error of the API server ("cannot unmarshal number 2147483648 into … of type int32"), so the
 * definition gets the int32 format, which reads numbers only (a string passes it).
 */
const INT_OR_STRING_PACKAGE = 'io.k8s.apimachinery.pkg.util.intstr';

/**
 * A Go []byte field (`format: byte`: Secret data, ConfigMap binaryData, caBundle, a CSR's request):
 * JSON decoding reads a base64 string, or a list of numbers 0–255 element by element (null is 0):
 * the API server accepts `password: [104, 105]` and `binaryData: {k: []}` and refuses `[256]`.
 */
function byteField(p: any): any {
  const { type, format, ...rest } = p;
  return { ...rest, if: { type: 'array' }, then: { items: { type: ['integer', 'null'], minimum: 0, maximum: 255 } }, else: { type, format } };
}

function readDefinition(def: any): any {
  if (def?.properties) {
    for (const [f, p] of Object.entries<any>(def.properties)) {
      if (p?.format === 'byte') def.properties[f] = byteField(p);
      else if (p?.additionalProperties?.format === 'byte') def.properties[f] = { ...p, additionalProperties: byteField(p.additionalProperties) };
    }
  }
  if (Array.isArray(def?.required) && def.properties) {
    for (const f of def.required) {
      const p = def.properties[f];
      const type = p?.type;
      if (!p || p.not !== undefined) continue;
      const isString = type === 'string' || (Array.isArray(type) && type.includes('string') && !type.includes('integer'));
      // null decodes as absence in Go (a nil pointer, or the field's zero value left as it was): `pdName: null`, `name: ~`
      def.properties[f] = { ...p, not: isString && p.format === undefined && p.enum === undefined ? { enum: ['', null] } : { const: null } };
    }
  }
  return def;
}

function pool(pkg: string): Record<string, any> {
  let p = pools.get(pkg);
  if (!p) {
    p = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'defs', `${pkg}.json`), 'utf8')) as Record<string, any>;
    for (const def of Object.values(p)) readDefinition(def);
    if (pkg === INT_OR_STRING_PACKAGE) for (const def of Object.values(p)) if (def.format === undefined) def.format = 'int32';
    pools.set(pkg, p);
  }
  return p;
}

const asNewest = new Map<string, any>();

/**
 * A definition with the required fields the newest release's document dropped left out (the
 * definition itself where none is). Those were corrections of the document: validation never
 * required them (a struct or non-pointer value whose absence decodes as its zero value, or a field
 * the API server defaults), so they are not required at any release: a StatefulSet's serviceName
 * (listed up to 1.32), a NetworkPolicy's podSelector (up to 1.33), a Job pod-condition pattern's
 * status (up to 1.34; defaulted to True at every release), a ControllerRevision's revision (up to
 * 1.36) — judged by the API servers of 1.31 and 1.33 (test/support/release-cases.ts;
 * npm run test:required-sweep -- --release 1.31). A field made optional by a change of validation
 * would be required before it; none is among 1.27–1.37.
 */
function requiredAsNewest(doc: ReleaseDoc, name: string, def: any): any {
  if (!Array.isArray(def?.required)) return def;
  const newestMinor = SUPPORTED_K8S_VERSIONS[SUPPORTED_K8S_VERSIONS.length - 1];
  if (newestMinor === undefined) return def;
  const newestDoc = readRelease(newestMinor);
  if (newestDoc === doc) return def;
  const newestHash = newestDoc.defs[name];
  if (newestHash === undefined || newestHash === doc.defs[name]) return def;
  const newest = pool(name.slice(0, name.lastIndexOf('.')))[newestHash];
  const still = new Set<string>(Array.isArray(newest?.required) ? newest.required : []);
  const dropped = (def.required as string[]).filter((f) => !still.has(f));
  if (dropped.length === 0) return def;
  const key = `${doc.version}/${name}`;
  let out = asNewest.get(key);
  if (!out) {
    const properties = { ...def.properties };
    // a dropped string field takes "" as the API server does: as left out (readDefinition's `not` was for a required one)
    for (const f of dropped) if (properties[f]?.not !== undefined) { const { not: _, ...rest } = properties[f]; properties[f] = rest; }
    const required = (def.required as string[]).filter((f) => !dropped.includes(f));
    out = { ...def, properties };
    if (required.length > 0) out.required = required; else delete out.required;
    asNewest.set(key, out);
  }
  return out;
}

/**
 * A CRD schema's `items`, `additionalProperties` and `dependencies` values, which the OpenAPI
 * documents leave untyped ({}): apiextensions' UnmarshalJSON reads a schema there (strictly, as
 * any JSONSchemaProps: `minLength: "80"` under `items` is refused), or a list of them, a boolean,
 * a list of strings. The keyword `if` picks the branch the decoder takes.
 */
const EITHER: Record<string, (schema: object) => object> = {
  JSONSchemaPropsOrArray: (schema) => ({ if: { type: 'array' }, then: { items: schema }, else: schema }),
  JSONSchemaPropsOrBool: (schema) => ({ if: { type: 'boolean' }, else: schema }),
  JSONSchemaPropsOrStringArray: (schema) => ({ if: { type: 'array' }, then: { items: { type: 'string' } }, else: schema }),
};

/** One converted definition of a release, or undefined when the release has none by that name. */
export function definitionOf(doc: ReleaseDoc, name: string): any {
  const hash = doc.defs[name];
  if (hash === undefined) return undefined;
  const dot = name.lastIndexOf('.');
  const either = name.startsWith('io.k8s.apiextensions-apiserver.') ? EITHER[name.slice(dot + 1)] : undefined;
  if (either && doc.defs[`${name.slice(0, dot)}.JSONSchemaProps`] !== undefined) return either({ $ref: `#/definitions/${name.slice(0, dot)}.JSONSchemaProps` });
  return requiredAsNewest(doc, name, pool(name.slice(0, dot))[hash]);
}

/** Every definition a definition reaches through $refs (itself included), by name. */
export function closureOf(doc: ReleaseDoc, root: string): Record<string, any> {
  const out: Record<string, any> = {};
  const queue = [root];
  while (queue.length) {
    const name = queue.pop()!;
    if (name in out) continue;
    const def = definitionOf(doc, name);
    if (def === undefined) throw new Error(`schemas/v${doc.version}: definition ${name} is missing`);
    out[name] = def;
    const text = JSON.stringify(def);
    for (const m of text.matchAll(/"#\/definitions\/([^"]+)"/g)) if (!(m[1] in out)) queue.push(m[1]);
  }
  return out;
}

/** Every definition of a release (loads all of its pools). */
export function allDefinitions(doc: ReleaseDoc): Record<string, any> {
  const out: Record<string, any> = {};
  for (const name of Object.keys(doc.defs)) out[name] = definitionOf(doc, name);
  return out;
}
