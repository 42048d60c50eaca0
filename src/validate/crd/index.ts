/**
 * Custom resources: the CustomResourceDefinitions found in the input or given with `--crds`
 * make their kinds checkable. For each custom resource, the part of its version's schema that
 * the resource reaches is converted (convert.ts) and compiled with ajv (once per shape);
 * x-kubernetes-validations (CEL) rules are counted and reported
 * as not evaluated (`podsmith validate --exact` has the API server evaluate them).
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { isObj } from '../context';
import { field } from '../field';
import { AJV_OPTIONS, formats } from '../schema/formats';
import { key } from '../path';
import { pointerKeys, valueAt } from '../pointer';
import { withDefaults, withoutNulls } from './defaults';
import { CRD_FORMATS } from './formats';
import { FORMAT_DISPLAY } from './strfmt';
import { goRegExp } from './go-regexp';
import { listProblems } from './list-types';
import { celProblems } from './cel-rules';
export { crdKindRules } from './rules';
import { BOUND_FORMAT, conversionEra, convertCrdSchema, countCelRules, mayNotCompile, NUMBER_FORMATS_FROM, pruneFor } from './convert';

/** One served version of a CRD as registered: plain data, so that it can cross between worker threads. */
export interface CrdKind {
  /** `group/version/Kind` */
  key: string;
  schema: any;
  scope: 'n' | 'c';
  /** How many x-kubernetes-validations rules its schema has; -1 until a custom resource of the kind is checked (most CRDs of an input have none there). */
  celRules: number;
  source: string;
  /** The CRD lists the version with `served: false`: the API server has no such kind to create. */
  unserved?: true;
  /** The version has the status subresource: the server drops `.status` on create (after reading it strictly: unknown fields still count). */
  status?: true;
}

type CrdVersion = CrdKind;

export interface CrProblem { rule: string; path: string; message: string; fix?: string }

/**
 * Compiled validators by the text of the (pruned, converted) schema, shared by every registry of
 * the process: the same shape met again (another custom resource of the kind with the same
 * fields, another validatePaths call) is compiled once.
 */
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 1000;
let sharedAjv: Ajv | undefined;

/** ajv as it checks custom resources: the schema layer's options, and patterns read as Go reads them (the API server's regexp). */
export const CRD_AJV_OPTIONS = { ...AJV_OPTIONS, formats: { ...formats, ...CRD_FORMATS }, code: { regExp: goRegExp } };

/** Per CRD version's schema: why ajv refuses to compile it whole, or null when it compiles. */
const refusals = new WeakMap<object, string | null>();

/** What compiling the whole schema says, when it could fail (convert.ts mayNotCompile): compiled once per schema. */
function refusalOf(schema: any): string | null {
  let r = refusals.get(schema);
  if (r === undefined) {
    r = null;
    const whole = convertCrdSchema(schema);
    if (mayNotCompile(whole)) {
      try {
        compileOnce(whole);
      } catch (e) {
        r = (e as Error).message;
      }
    }
    refusals.set(schema, r);
  }
  return r;
}

function compileOnce(converted: any): ValidateFunction {
  const text = JSON.stringify(converted);
  let fn = compiled.get(text);
  if (!fn) {
    sharedAjv ??= new Ajv(CRD_AJV_OPTIONS);
    fn = sharedAjv.compile(converted);
    sharedAjv.removeSchema(converted); // the function stays usable; ajv need not keep every shape
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(text, fn);
  }
  return fn;
}

/**
 * A validator for `obj` against a CRD version's schema: the part of the schema the object
 * reaches (convert.ts pruneFor), compiled. Throws as compiling the whole schema throws.
 */
function compiledFor(schema: any, obj: unknown, minor: number): ValidateFunction {
  const refusal = refusalOf(schema);
  if (refusal !== null) throw new Error(refusal);
  // the pruned schema depends on the object's fields, not on its values: objects of one shape share it
  const shape = shapeOf(obj);
  if (shape === undefined) return compileOnce(convertCrdSchema(pruneFor(schema, [obj]), true, minor));
  const key = `${conversionEra(minor)}:${shape}`;
  let byShape = shapes.get(schema);
  if (!byShape) shapes.set(schema, (byShape = new Map()));
  let fn = byShape.get(key);
  if (!fn) {
    fn = compileOnce(convertCrdSchema(pruneFor(schema, [obj]), true, minor));
    if (byShape.size >= MAX_COMPILED) byShape.clear();
    byShape.set(key, fn);
  }
  return fn;
}

/** Per CRD version's schema: its validators by the shape of the objects they were pruned for. */
const shapes = new WeakMap<object, Map<string, ValidateFunction>>();

/**
 * What pruneFor reads of a value: the keys of each mapping and the items of each list, down to the
 * scalars, whose values do not count. Undefined for objects of other kinds than plain ones (from
 * code, not from YAML): their fields are not told by their keys alone.
 */
function shapeOf(v: unknown): string | undefined {
  if (v === undefined) return 'u';
  if (v === null || typeof v !== 'object') return '0';
  let out = '';
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (!(i in v)) return undefined; // a hole: pruneFor's flat() skips it, an undefined item it keeps
      const s = shapeOf(v[i]);
      if (s === undefined) return undefined;
      out += `${s},`;
    }
    return `[${out}]`;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return undefined;
  for (const k of Object.keys(v)) {
    const s = shapeOf((v as Record<string, unknown>)[k]);
    if (s === undefined) return undefined;
    out += `${JSON.stringify(k)}:${s},`;
  }
  // without a prototype, inherited names (constructor, toString) read as absent: another shape
  return proto === null ? `<${out}>` : `{${out}}`;
}

/**
 * What a value breaks of a node of a CRD's schema (not its root), as the API server validates the
 * node's `default` when the CRD is created; nothing when the node does not compile (other checks
 * say why).
 */
export function valueProblems(node: any, value: unknown, minor: number): CrProblem[] {
  let fn: ValidateFunction;
  try {
    fn = compileOnce(convertCrdSchema(pruneFor(node, [value]), false, minor));
  } catch {
    return [];
  }
  return fn(value) ? [] : (fn.errors ?? []).map((e) => toProblem(e, value));
}

/** The custom kinds known from CRDs, keyed `group/version/Kind`. */
export class CrdRegistry {
  private readonly kinds = new Map<string, CrdVersion>();

  /** @param minor the release whose API server judges (its formats): default the newest */
  constructor(private readonly minor = Number.MAX_SAFE_INTEGER) {}

  /** Registers an apiextensions.k8s.io/v1 CRD object's versions (those not served as such); returns them. */
  add(crd: any, source = 'input'): CrdKind[] {
    if (!isObj(crd) || crd.kind !== 'CustomResourceDefinition' || crd.apiVersion !== 'apiextensions.k8s.io/v1') return [];
    const spec = isObj(crd.spec) ? crd.spec : {};
    const kind = spec.names?.kind;
    if (typeof spec.group !== 'string' || typeof kind !== 'string') return [];
    const out: CrdKind[] = [];
    for (const v of Array.isArray(spec.versions) ? spec.versions : []) {
      if (!isObj(v) || typeof v.name !== 'string') continue;
      if (v.served === false) {
        const entry: CrdKind = { key: `${spec.group}/${v.name}/${kind}`, schema: {}, scope: spec.scope === 'Cluster' ? 'c' : 'n', celRules: 0, source, unserved: true };
        this.kinds.set(entry.key, { ...entry });
        out.push(entry);
        continue;
      }
      const schema = v.schema?.openAPIV3Schema;
      const entry: CrdKind = {
        key: `${spec.group}/${v.name}/${kind}`,
        schema: isObj(schema) ? schema : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        scope: spec.scope === 'Cluster' ? 'c' : 'n',
        celRules: -1,
        source,
      };
      if (isObj(v.subresources) && isObj(v.subresources.status)) entry.status = true;
      this.kinds.set(entry.key, { ...entry });
      out.push(entry);
    }
    return out;
  }

  /** Registers versions that another registry's add() returned (a later one of a key replaces an earlier one). */
  addKinds(kinds: Iterable<CrdKind>): void {
    for (const k of kinds) this.kinds.set(k.key, { ...k });
  }

  /** Whether the CRD makes the kind namespaced ('n') or cluster-scoped ('c'); undefined when no CRD defines it. */
  scopeOf(apiVersion: string, kind: string): 'n' | 'c' | undefined {
    return this.kinds.get(`${apiVersion}/${kind}`)?.scope;
  }

  has(apiVersion: string, kind: string): boolean {
    return this.kinds.has(`${apiVersion}/${kind}`);
  }

  get size(): number {
    return this.kinds.size;
  }

  /** Checks a custom resource against its CRD; undefined when no CRD defines the kind. */
  check(obj: any): CrProblem[] | undefined {
    const v = this.kinds.get(`${obj.apiVersion}/${obj.kind}`);
    if (!v) return undefined;
    if (v.unserved) {
      return [{
        rule: 'crd.version-not-served', path: 'apiVersion',
        message: `the CustomResourceDefinition of ${obj.kind} (${v.source}) does not serve ${obj.apiVersion} (served: false): the API server answers "no matches for kind"`,
      }];
    }
    // the server validates the object with its CRD's defaults applied
    const defaulted = withoutNulls(withDefaults(obj, v.schema), v.schema);
    const validate = compiledFor(v.schema, defaulted, this.minor);
    const out: CrProblem[] = [];
    // with the status subresource the server reads .status (unknown fields are errors) and then drops it
    const dropsStatus = v.status === true && isObj(defaulted) && (defaulted as any).status !== undefined;
    const judged = (e: ErrorObject) => !dropsStatus || !/^\/status(\/|$)/.test(e.instancePath) || e.keyword === 'additionalProperties';
    if (!validate(defaulted)) for (const e of validate.errors ?? []) if (judged(e)) out.push(toProblem(e, defaulted));
    out.push(...listProblems(defaulted, v.schema).filter((p) => !dropsStatus || !/^status(\.|\[|$)/.test(p.path)));
    // the server evaluates the CEL rules of an object that is otherwise valid
    if (v.celRules < 0) v.celRules = countCelRules(v.schema);
    if (v.celRules > 0 && out.length === 0) {
      const cel = celProblems(defaulted, v.schema, dropsStatus);
      out.push(...cel.problems);
      if (cel.unevaluated > 0) {
        out.push({
          rule: 'crd.cel-not-evaluated', path: '',
          message: `${cel.unevaluated} x-kubernetes-validations rule${cel.unevaluated === 1 ? '' : 's'} of the ${obj.kind} CRD (${v.source}) not evaluated: ${cel.unevaluated === 1 ? 'it uses' : 'they use'} CEL podsmith does not evaluate (the semver or authorizer library, timestamps, two-variable comprehensions)`,
        });
      }
    }
    return out;
  }
}

function pointerToPath(pointer: string): string {
  let p = '';
  for (const seg of pointerKeys(pointer)) {
    p = /^\d+$/.test(seg) ? `${p}[${seg}]` : p === '' ? seg : key(p, seg);
  }
  return p;
}

function toProblem(e: ErrorObject, obj: any): CrProblem {
  const at = pointerToPath(e.instancePath);
  const join = (n: string) => (at === '' ? n : key(at, n));
  const v = valueAt(obj, e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = (e.params as { additionalProperty: string }).additionalProperty;
      return { rule: 'schema.unknown-field', path: join(name), message: `unknown field "${join(name)}"`, fix: 'remove the field (the CRD\'s schema does not define it)' };
    }
    case 'required':
      return { rule: 'schema.required', path: join((e.params as { missingProperty: string }).missingProperty), message: field.required() };
    case 'type': {
      const want = String((e.params as { type: string | string[] }).type).split(',').filter((t) => t !== 'null').join(' or ');
      return { rule: 'schema.type', path: at, message: field.invalid(v, `must be of type ${want}`) };
    }
    case 'format': {
      const format = (e.params as { format: string }).format;
      const bound = BOUND_FORMAT.exec(format);
      if (bound) return { rule: 'schema.format', path: at, message: field.invalid(v, `the CRD's ${bound[1]} for this field is outside format ${bound[2]}: from Kubernetes 1.${NUMBER_FORMATS_FROM} the API server refuses every value of it`), fix: `fix the CRD: keep ${bound[1]} within ${bound[2]}, or drop the format` };
      return { rule: 'schema.format', path: at, message: field.invalid(v, `must be a valid ${FORMAT_DISPLAY[format] ?? format}`) };
    }
    case 'enum':
      return { rule: 'schema.type', path: at, message: field.notSupported(v, ((e.params as any).allowedValues ?? []).map(String)) };
    default:
      return { rule: 'schema.type', path: at, message: field.invalid(v, e.message ?? 'invalid') };
  }
}
