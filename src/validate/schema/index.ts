/**
 * The schema layer: the upstream OpenAPI v3 schemas (converted by scripts/gen-schemas.ts and
 * committed in schemas/) compiled with ajv. Unknown fields are errors, as with
 * `kubectl apply --validate=strict`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { field } from '../field';
import { key } from '../path';
import { RuleMeta } from '../types';

export const schemaRules: RuleMeta[] = [
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
    rationale: 'Quantities (500m, 128Mi), 32-bit integers, timestamps and base64 data are parsed by the API server; malformed values are rejected.',
    fix: 'write the value in the format the message names',
  },
  {
    id: 'schema.kind-not-checked', severity: 'info', layer: 'schema', handbook: ['H30'],
    summary: 'a kind podsmith has no schema for (a CRD or an unbundled API) is not checked',
    rationale: 'podsmith bundles schemas for the built-in kinds around Pods; custom resources are passed through unchecked rather than rejected.',
    fix: 'nothing to fix; validate custom resources with their own schema',
  },
];

export interface SchemaSet {
  version: string;
  kinds: Record<string, string>;
  validators: Map<string, ValidateFunction>;
  ajv: Ajv;
}

const SCHEMA_DIR = path.join(__dirname, '..', '..', '..', 'schemas');
const cache = new Map<string, SchemaSet>();

/** The bundled versions, newest last: `['1.27', '1.34']`. */
export function availableVersions(): string[] {
  let files: string[] = [];
  try {
    files = fs.readdirSync(SCHEMA_DIR);
  } catch {
    return [];
  }
  return files
    .map((f) => /^v(\d+\.\d+)\.json$/.exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function newAjv(): Ajv {
  return new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    allowUnionTypes: true,
    validateSchema: false,
    formats: {
      'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 },
      'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) },
      'double': true,
      'byte': /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
      'date-time': RFC3339,
      // the API server's quantity syntax (resource.ParseQuantity)
      'quantity': /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/,
    },
  });
}

export function loadSchemas(version: string): SchemaSet {
  const hit = cache.get(version);
  if (hit) return hit;
  const doc = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `v${version}.json`), 'utf8'));
  const ajv = newAjv();
  ajv.addSchema({ $id: 'k8s', definitions: doc.definitions });
  const set: SchemaSet = { version: doc.version, kinds: doc.kinds, validators: new Map(), ajv };
  cache.set(version, set);
  return set;
}

export interface SchemaProblem {
  rule: string;
  path: string;
  message: string;
  fix?: string;
}

/** Validates one object; undefined when the kind has no bundled schema. */
export function checkSchema(set: SchemaSet, obj: any): SchemaProblem[] | undefined {
  const gvk = `${obj.apiVersion}/${obj.kind}`;
  let validate = set.validators.get(gvk);
  if (!validate) {
    const def = set.kinds[gvk];
    if (!def) return undefined;
    validate = set.ajv.getSchema(`k8s#/definitions/${def}`)!;
    set.validators.set(gvk, validate);
  }
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => toProblem(e, obj)).filter((p): p is SchemaProblem => p !== undefined);
}

/** JSON pointer (`/spec/containers/0`) to the API path style (`spec.containers[0]`). */
function pointerToPath(pointer: string, obj: any): string {
  let p = '';
  let cur = obj;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
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

function valueAt(obj: any, pointer: string): unknown {
  let cur = obj;
  for (const raw of pointer.split('/').slice(1)) cur = cur?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  return cur;
}

function toProblem(e: ErrorObject, obj: any): SchemaProblem | undefined {
  const at = pointerToPath(e.instancePath, obj);
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((e.parentSchema as any)?.properties ?? {});
      const hint = suggest(name, known);
      return {
        rule: 'schema.unknown-field',
        path: join(at, name),
        message: `unknown field "${join(at, name)}"`,
        fix: hint ? `did you mean "${hint}"? fix the spelling or remove the field` : 'remove the field (it is not part of this kind\'s schema)',
      };
    }
    case 'required': {
      const name = (e.params as { missingProperty: string }).missingProperty;
      return { rule: 'schema.required', path: join(at, name), message: field.required() };
    }
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
      return { rule: 'schema.type', path: at, message: field.notSupported(valueAt(obj, e.instancePath), ((e.params as any).allowedValues ?? []).map(String)) };
    default:
      return { rule: 'schema.type', path: at, message: field.invalid(valueAt(obj, e.instancePath), e.message ?? 'invalid') };
  }
}
