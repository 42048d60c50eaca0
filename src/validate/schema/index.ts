/**
 * The schema layer: the upstream OpenAPI v3 schemas (converted by scripts/gen-schemas.ts and
 * committed in schemas/) compiled with ajv. Unknown fields are errors, as with
 * `kubectl apply --validate=strict`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { _, ErrorObject, ValidateFunction } from 'ajv';
import { cachedValidator, storeValidator } from './disk-cache';
import { crdKindRules } from '../crd';
import { AJV_OPTIONS, formats } from './formats';
import { allDefinitions, definitionOf, readRelease } from './store';
import { gatedFieldProblems, newerReleaseWith } from './gated';
import { derefNode } from './refs';
import { POD_TEMPLATE_PATHS } from '../context';
import type { SchemaProblem, SchemaSet } from './types';
import { partOf } from './parts';
import { SUPPORTED_K8S_VERSIONS } from './versions';
import { field } from '../field';
import { key } from '../path';
import { pointerKeys, valueAt } from '../pointer';
import { crdSchemaDecodedLaxly } from './crd-lax';
import { RuleMeta } from '../types';

export const schemaRules: RuleMeta[] = [
  ...crdKindRules,
  {
    id: 'schema.unknown-field', severity: 'error', layer: 'schema', handbook: ['H30'],
    summary: 'a field that the kind\'s schema does not define',
    rationale: 'kubectl apply --validate=strict (the default since 1.27 for server-side field validation) rejects unknown fields; without strict validation a misspelt field such as livenessprobe is silently dropped and the setting never takes effect.',
    fix: 'fix the spelling or remove the field',
  },
  {
    id: 'schema.required', severity: 'error', layer: 'schema', handbook: ['H30'],
    summary: 'a field that the schema requires is missing',
    rationale: 'The API server rejects objects without their required fields (a container without name, a Deployment without selector).',
    fix: 'add the missing field',
  },
  {
    id: 'schema.type', severity: 'error', layer: 'schema', handbook: ['H30'],
    summary: 'a value of the wrong type',
    rationale: 'The API server decodes each field into a typed Go struct; a string where an integer is expected (or an object where a list is) fails to decode.',
    fix: 'write the value with the type the message names (quote strings, unquote numbers)',
  },
  {
    id: 'schema.format', severity: 'error', layer: 'schema', handbook: ['H16', 'H30'],
    summary: 'a value that does not match its format (quantity, int32, date-time, base64)',
    rationale: 'Quantities (500m, 128Mi), 32-bit integers, timestamps and base64 data are parsed by the API server; malformed values are rejected. A custom resource\'s string formats (date, date-time, duration, uuid, hostname, mac, byte, ip and cidr, k8s-short-name from 1.35, …) are checked as kube-openapi\'s format registry checks them, with the formats the release keeps.',
    fix: 'write the value in the format the message names',
  },
  {
    id: 'schema.field-needs-newer-release', severity: 'error', layer: 'schema', handbook: ['H30'],
    summary: 'a field that the chosen Kubernetes release does not know but a newer one serves',
    rationale: 'Fields arrive with releases (sidecar restartPolicy in 1.28, sleep hooks in 1.29): an older API server rejects them as unknown fields (strict field validation). Where a release knows a field but drops it while its feature gate is off by default, see schema.field-dropped.',
    fix: 'validate against the release the cluster runs (--k8s-version), or remove the field',
  },
  {
    id: 'schema.field-dropped', severity: 'warning', layer: 'schema', handbook: ['H30'],
    summary: 'a field that the API server accepts and drops: its feature gate is off by default in the chosen release, or it is no keyword of a CRD schema below items or additionalProperties',
    rationale: 'A field can be in a release\'s schema before its feature is on by default (a sidecar\'s restartPolicy in 1.28, hostUsers before 1.33, image volumes before 1.35): the API server accepts the object and removes the field, so the setting never takes effect. podsmith checks the rest of the object as the server does, without it. A CRD\'s schema below items, additionalProperties or dependencies is decoded without strict field validation: a key there that is no schema keyword (a property indented a level too far out) is dropped, where one level up it is refused.',
    fix: 'validate against the release the cluster runs (--k8s-version), enable the feature gate on the cluster, or remove the field',
  },
  {
    id: 'schema.kind-not-checked', severity: 'info', layer: 'schema', handbook: ['H30'],
    summary: 'a kind podsmith has no schema for (a CRD or an unbundled API) is not checked',
    rationale: 'podsmith bundles schemas for the built-in kinds around Pods; custom resources are passed through unchecked rather than rejected.',
    fix: 'give the CRD that defines the kind with --crds (or in the input) to check it; --strict-kinds makes this an error',
  },
];

export type { SchemaSet, SchemaProblem } from './types';

const cache = new Map<string, SchemaSet>();

/** The bundled versions, oldest first: `['1.27', …, '1.37']`. */
export function availableVersions(): string[] {
  return [...SUPPORTED_K8S_VERSIONS];
}

function loadPrecompiled(version: string, part: 'common' | 'more'): Record<string, ValidateFunction> | undefined {
  const file = path.join(__dirname, `compiled-v${version}-${part}.js`);
  if (!fs.existsSync(file)) return undefined;
  try {
    return require(file);
  } catch {
    return undefined;
  }
}

export function loadSchemas(version: string, options: { precompiled?: boolean } = {}): SchemaSet {
  const cacheKey = `${version}/${options.precompiled !== false}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const doc = readRelease(version);
  let ajv: Ajv | undefined;
  const usePrecompiled = options.precompiled !== false;
  const parts: Partial<Record<'common' | 'more', Record<string, ValidateFunction> | null>> = {};
  const set: SchemaSet = {
    version: doc.version,
    minor: version,
    kinds: Object.fromEntries(Object.entries(doc.kinds).map(([k, [d]]) => [k, d])),
    scopes: Object.fromEntries(Object.entries(doc.kinds).map(([k, [, s]]) => [k, s])),
    resources: Object.fromEntries(Object.entries(doc.kinds).map(([k, [, , r]]) => [k, r])),
    disabled: new Set(doc.disabled),
    definition: (name) => definitionOf(doc, name),
    validators: new Map(),
    precompiledFor: (gvk) => {
      // each part is required on first use only: a bundle of workloads never loads the rest
      if (!usePrecompiled) return undefined;
      const part = partOf(gvk);
      if (parts[part] === undefined) parts[part] = loadPrecompiled(version, part) ?? null;
      return parts[part]?.[gvk];
    },
    ajv: () => {
      if (!ajv) {
        // code.source: the compiled code can be kept in the disk cache (disk-cache.ts)
        ajv = new Ajv({ ...AJV_OPTIONS, formats, code: { source: true, formats: _`require(${FORMATS_MODULE}).formats` } });
        ajv.addSchema({ $id: 'k8s', definitions: allDefinitions(doc) });
      }
      return ajv;
    },
  };
  cache.set(cacheKey, set);
  return set;
}

const FORMATS_MODULE = path.join(__dirname, 'formats');

/** A kind's validator without precompiled code: from the disk cache, else compiled and cached. */
function compileKind(set: SchemaSet, gvk: string, def: string): ValidateFunction {
  const doc = readRelease(set.minor);
  const cached = cachedValidator(doc, gvk, def);
  if (cached) return cached;
  const validate = set.ajv().getSchema(`k8s#/definitions/${def}`)!;
  storeValidator(set.ajv(), doc, gvk, def);
  return validate;
}

/** Validates one object; undefined when the kind has no bundled schema. */
export function checkSchema(set: SchemaSet, obj: any): SchemaProblem[] | undefined {
  const gvk = `${obj.apiVersion}/${obj.kind}`;
  let validate = set.validators.get(gvk);
  if (!validate) {
    const def = set.kinds[gvk];
    if (!def) return undefined;
    validate = set.precompiledFor(gvk) ?? compileKind(set, gvk, def);
    set.validators.set(gvk, validate);
  }
  const gated = gatedFieldProblems(set, obj, set.kinds[gvk], (p) => pointerToPath(p, obj));
  // a spec left out (or null) decodes as its zero value: the API server validates an empty spec,
  // and what that lacks is as missing as in `spec: {}` (an Ingress, an HPA, a CSR without spec)
  const target = (obj.spec === undefined || obj.spec === null) && hasSpec(set, gvk) ? { ...obj, spec: {} } : obj;
  if (validate(target)) return gated;
  return [...(validate.errors ?? []).map((e) => toProblem(e, target, set)).filter((p): p is SchemaProblem => p !== undefined && !inStatusRequired(p) && !templateRequired(p, obj.kind)), ...gated];
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const metaValidators = new WeakMap<SchemaSet, ValidateFunction>();

/**
 * A custom resource's metadata as the API server decodes it: strictly, as any object's ObjectMeta
 * (`labels: {a: 31}`, `namespace: 65536`, an unknown field are refused before its CRD's schema is
 * read). Its types, unknown fields and formats; what it requires is checkMetadata's.
 */
export function checkObjectMeta(set: SchemaSet, metadata: unknown): SchemaProblem[] {
  if (metadata === undefined || metadata === null) return [];
  let validate = metaValidators.get(set);
  if (!validate) {
    validate = set.ajv().compile({ type: 'object', properties: { metadata: { $ref: `k8s#/definitions/${OBJECT_META}` } } });
    metaValidators.set(set, validate);
  }
  if (validate({ metadata })) return [];
  // (named as a ConfigMap's: a built-in kind whose metadata is the same ObjectMeta, for the names a misspelt field is close to)
  const stand = { apiVersion: 'v1', kind: 'ConfigMap', metadata };
  return (validate.errors ?? []).map((e) => toProblem(e, stand, set)).filter((p): p is SchemaProblem => p !== undefined && p.rule !== 'schema.required');
}

/**
 * A required field missing under the object's status: the API server resets status when it
 * creates an object (each kind's PrepareForCreate), so what a status lacks is never checked — a
 * manifest taken from `kubectl get -o yaml` with its status cut down is accepted (npm run
 * test:required-sweep). Its fields' types and names still are (strict decoding).
 */
function inStatusRequired(p: SchemaProblem): boolean {
  return p.rule === 'schema.required' && (p.path.startsWith('status.') || p.path.startsWith('status['));
}

/**
 * A Pod template left out (`spec.template` of a Deployment, a CronJob's `spec.jobTemplate`): the
 * API server validates the empty template and names what it lacks (its labels, its containers),
 * which the semantic layer reports at the server's own paths — not the template itself
 * (test/e2e/semantic-details.test.ts, "Deployment without a spec").
 */
function templateRequired(p: SchemaProblem, kind: string): boolean {
  if (p.rule !== 'schema.required') return false;
  const spec = POD_TEMPLATE_PATHS[kind]?.spec;
  return spec !== undefined && spec !== 'spec' && spec.startsWith(`${p.path}.`);
}

const specKinds = new WeakMap<SchemaSet, Map<string, boolean>>();

/** Whether a kind's objects have a spec (an object-valued field of that name). */
function hasSpec(set: SchemaSet, gvk: string): boolean {
  let known = specKinds.get(set);
  if (!known) specKinds.set(set, known = new Map());
  const seen = known.get(gvk);
  if (seen !== undefined) return seen;
  const [node] = derefNode(set, set.definition(set.kinds[gvk])?.properties?.spec);
  const has = node !== undefined && node !== null && (node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || node.properties !== undefined);
  known.set(gvk, has);
  return has;
}

/** The schema that applies at an instance path (a JSON pointer into the object), following $refs. */
function schemaForInstance(set: SchemaSet, obj: any, pointer: string): any {
  const deref = (n: any): any => {
    for (let i = 0; i < 20 && n?.$ref; i++) n = set.definition(String(n.$ref).replace('#/definitions/', ''));
    return n;
  };
  let node = deref({ $ref: `#/definitions/${set.kinds[`${obj.apiVersion}/${obj.kind}`]}` });
  for (const seg of pointerKeys(pointer)) {
    if (node?.properties?.[seg] !== undefined) node = deref(node.properties[seg]);
    else if (node?.items !== undefined && /^\d+$/.test(seg)) node = deref(node.items);
    else if (node?.additionalProperties && typeof node.additionalProperties === 'object') node = deref(node.additionalProperties);
    else return undefined;
  }
  return node;
}

/** JSON pointer (`/spec/containers/0`) to the API path style (`spec.containers[0]`). */
function pointerToPath(pointer: string, obj: any): string {
  let p = '';
  let cur = obj;
  for (const seg of pointerKeys(pointer)) {
    if (Array.isArray(cur)) p = `${p}[${seg}]`;
    else p = p === '' ? (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg) ? seg : `[${seg}]`) : key(p, seg);
    cur = cur?.[seg];
  }
  return p;
}

function join(parent: string, name: string): string {
  return parent === '' ? name : key(parent, name);
}

function suggest(name: string, known: string[]): string | undefined {
  const lower = name.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestD) { bestD = d; best = k; }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 99;
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

function toProblem(e: ErrorObject, obj: any, set: SchemaSet): SchemaProblem | undefined {
  const at = pointerToPath(e.instancePath, obj);
  switch (e.keyword) {
    case 'if':
      // (store.ts' EITHER: the branch's own errors say what is wrong)
      return undefined;
    case 'additionalProperties': {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      if (crdSchemaDecodedLaxly(obj, e.instancePath)) {
        return {
          rule: 'schema.field-dropped',
          path: join(at, name),
          message: `field "${join(at, name)}" is no keyword of a CRD schema: below items, additionalProperties or dependencies the API server drops it without a word`,
          fix: 'remove the field, or move it where it belongs (a property goes under properties, indented under its parent)',
        };
      }
      const parent = schemaForInstance(set, obj, e.instancePath);
      const known = Object.keys(parent?.properties ?? {});
      const hint = suggest(name, known);
      const newer = newerReleaseWith(set, obj, e.instancePath, name, schemaForInstance, loadSchemas);
      if (newer && 'version' in newer) {
        return {
          rule: 'schema.field-needs-newer-release',
          path: join(at, name),
          message: `field "${join(at, name)}" needs Kubernetes ≥ ${newer.version}; ${set.minor} does not know it`,
          fix: `validate with --k8s-version ${newer.version} or newer if the cluster runs it, or remove the field`,
        };
      }
      if (newer) {
        return {
          rule: 'schema.field-needs-newer-release',
          path: join(at, name),
          message: `field "${join(at, name)}" needs a newer Kubernetes with the feature gate ${newer.gate} on; ${set.minor} does not know it`,
          fix: `remove the field (no bundled release turns ${newer.gate} on by default)`,
        };
      }
      return {
        rule: 'schema.unknown-field',
        path: join(at, name),
        message: `unknown field "${join(at, name)}"`,
        fix: hint ? `did you mean "${hint}"? fix the spelling or remove the field` : 'remove the field (it is not part of this kind\'s schema)',
      };
    }
    case 'required': {
      const name = (e.params as { missingProperty: string }).missingProperty;
      return { rule: 'schema.required', path: join(at, name), message: field.required(), validation: true };
    }
    case 'not':
      // a required field written null, or a required string written "" (store.ts' DEFINITION_READING: `not`, the only `not` of the built-in schemas): the API server reads it as absent
      return { rule: 'schema.required', path: at, message: field.required(), emptyRequired: true, validation: true };
    case 'type': {
      const want = String((e.params as { type: string | string[] }).type).split(',').filter((t) => t !== 'null').join(' or ');
      return { rule: 'schema.type', path: at, message: field.invalid(valueAt(obj, e.instancePath), `must be of type ${want}`) };
    }
    case 'format': {
      const fmt = (e.params as { format: string }).format;
      const v = valueAt(obj, e.instancePath);
      const detail = fmt === 'quantity'
        ? "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        : fmt === 'byte' ? 'must be base64-encoded' : `must be a valid ${fmt}`;
      return { rule: 'schema.format', path: at, message: field.invalid(v, detail) };
    }
    case 'enum':
      return { rule: 'schema.type', path: at, message: field.notSupported(valueAt(obj, e.instancePath), ((e.params as any).allowedValues ?? []).map(String)), validation: true };
    default:
      return { rule: 'schema.type', path: at, message: field.invalid(valueAt(obj, e.instancePath), e.message ?? 'invalid') };
  }
}
