/**
 * What the API server's CEL compiler refuses before any object is evaluated, for the part podsmith
 * can tell for certain: a name no variable, macro, type or function namespace declares
 * ("undeclared reference to 'x'": a string left unquoted, `object` in a CRD rule, `cel.bind`, which
 * Kubernetes' environment does not have), a field an object's schema does not declare ("undefined
 * field 'x'"), a field of a list or a string ("does not support field selection"), a comparison
 * of an int with a string or a string function on an int ("found no matching overload"), a result of the
 * wrong type (a rule must give a bool, a message expression a string) and a `matches()`, `find()`
 * or `findAll()` pattern Go's regexp refuses. Types follow k8s.io/apiserver pkg/cel/common SchemaDeclType: an object
 * declares its properties (escaped: `__dash__`, `__namespace__`…; an object that keeps unknown
 * fields declares no others; a property without a type is no field), a resource root and an
 * embedded resource declare kind, apiVersion and metadata.name and .generateName only
 * (WithTypeAndObjectMeta), additionalProperties make a map, int-or-string is dyn. Wherever podsmith
 * is not sure (a call it does not type, a map's or dyn's fields, syntax its parser does not read)
 * it says nothing: a false alarm here would refuse a CRD the server accepts.
 */
import { CelSyntaxError, Node, parseCel } from './cel-parse';
import { goRegExp } from './go-regexp';
import { isObj } from './schema-walk';

/** A CEL type as far as podsmith follows it; 'dyn' is anything (not known). */
export type CelType =
  | { k: 'object'; schema: any; root: boolean }
  | { k: 'list'; elem: CelType }
  | { k: 'map'; value: CelType; /** keys are strings (a schema's map) */ stringKeys?: true }
  | { k: 'bool' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'duration' | 'timestamp' | 'null' | 'number' | 'type' | 'dyn' };

const DYN: CelType = { k: 'dyn' };
const BOOL: CelType = { k: 'bool' };
const STRING: CelType = { k: 'string' };
const INT: CelType = { k: 'int' };
/** A number of a kind not followed (int, uint or double): never a bool or a string. */
const NUMBER: CelType = { k: 'number' };

/** CEL's reserved words: a property of that name is `__name__` to CEL (apiserver pkg/cel/escaping.go). */
export const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** A property name as CEL reads it, or undefined where it cannot be named (escaping.go Escape). */
export function celFieldName(name: string): string | undefined {
  if (name === '' || /^[0-9]/.test(name)) return undefined;
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (/^[A-Za-z0-9_]*$/.test(name) && !name.includes('__')) return name;
  let ok = true;
  const out = name.replace(/__|[-./]|[^a-zA-Z0-9\-./_]/g, (s) => {
    switch (s) {
      case '__': return '__underscores__';
      case '.': return '__dot__';
      case '-': return '__dash__';
      case '/': return '__slash__';
      default: ok = false; return '';
    }
  });
  return ok ? out : undefined;
}

/**
 * The CEL type of a value a structural schema describes (SchemaDeclType); `root` for a resource
 * root or an embedded resource. Undefined where the compiler declares nothing: a schema without a
 * type, an array without items, a map or list of such; an object property of that kind is no field.
 * An object that keeps unknown fields declares only its properties
 * (apiextensions-apiserver schema/cel/model: "does not expose unknown fields").
 */
export function schemaType(s: any, root: boolean): CelType | undefined {
  if (!isObj(s)) return undefined;
  if (s['x-kubernetes-int-or-string'] === true) return DYN;
  const embedded = (x: any) => isObj(x) && x['x-kubernetes-embedded-resource'] === true;
  switch (s.type) {
    case 'array': {
      const elem = isObj(s.items) ? schemaType(s.items, embedded(s.items)) : undefined;
      return elem && { k: 'list', elem };
    }
    case 'object': {
      const ap = s.additionalProperties;
      if (isObj(ap)) {
        const value = schemaType(ap, embedded(ap));
        return value && { k: 'map', value, stringKeys: true };
      }
      return { k: 'object', schema: s, root };
    }
    case 'string':
      if (s.format === 'byte') return { k: 'bytes' };
      if (s.format === 'duration') return { k: 'duration' };
      if (s.format === 'date' || s.format === 'date-time') return { k: 'timestamp' };
      return STRING;
    case 'boolean': return BOOL;
    case 'number': return { k: 'double' };
    case 'integer': return INT;
    default: return undefined;
  }
}

const STRING_SCHEMA = { type: 'string' };
const META_SCHEMA = { type: 'object', properties: { name: STRING_SCHEMA, generateName: STRING_SCHEMA } };

/** The properties an object type declares, by the name CEL reads (a resource root's as WithTypeAndObjectMeta makes them). */
function propertiesOf(t: Extract<CelType, { k: 'object' }>): Record<string, any> {
  const props = isObj(t.schema.properties) ? t.schema.properties : {};
  return t.root ? resourceRootProperties(props) : props;
}

/**
 * A resource root's properties as apiserver's WithTypeAndObjectMeta makes them: kind and
 * apiVersion strings and a metadata of name and generateName, unless the schema declares them so
 * itself (cel-cost.ts sizes the same declaration).
 */
export function resourceRootProperties(props: Record<string, any>): Record<string, any> {
  const has = (s: any, type: string) => isObj(s) && s.type === type;
  const meta = props.metadata;
  if (has(props.kind, 'string') && has(props.apiVersion, 'string') && has(meta, 'object') && isObj(meta.properties)
    && has(meta.properties.name, 'string') && has(meta.properties.generateName, 'string')) return props;
  return { ...props, kind: STRING_SCHEMA, apiVersion: STRING_SCHEMA, metadata: META_SCHEMA };
}

/**
 * The type of field `name` (as CEL writes it) of an object type, or undefined when the object
 * declares no such field. With `keywords` (a compatibility version of 1.31 on: DeclTypeProvider's
 * recognizeKeywordAsFieldName) a reserved word names its escaped field: `self.namespace` is
 * `self.__namespace__`.
 */
function fieldType(t: Extract<CelType, { k: 'object' }>, name: string, keywords: boolean): CelType | undefined {
  const props = propertiesOf(t);
  const find = (want: string): CelType | undefined => {
    for (const k in props) {
      if (celFieldName(k) !== want) continue;
      const s = props[k];
      return schemaType(s, isObj(s) && s['x-kubernetes-embedded-resource'] === true);
    }
    return undefined;
  };
  return find(name) ?? (keywords && CEL_RESERVED.has(name) ? find(`__${name}__`) : undefined);
}

class CompileError extends Error {}

/** Names every CEL environment declares: type identifiers, and the roots of qualified type names. */
const TYPE_NAMES = new Set(['bool', 'bytes', 'double', 'int', 'list', 'map', 'null_type', 'string', 'type', 'uint', 'optional_type', 'dyn']);
const QUALIFIED_ROOTS = new Set(['google', 'kubernetes', 'net']);
/** The namespaces of functions in Kubernetes' CEL environment (k8s.io/apiserver pkg/cel/environment/base.go), of any release. */
const NAMESPACES = new Set(['optional', 'strings', 'sets', 'lists', 'format', 'ip', 'jsonpatch']);

/** Macros that bind variables, by how many they bind for a number of arguments (undefined: not a macro call). */
function boundVariables(name: string, args: Node[]): number | undefined {
  const ids = (n: number) => args.slice(0, n).every((a) => a.t === 'id') ? n : undefined;
  switch (name) {
    case 'all': case 'exists': case 'existsOne': case 'exists_one':
      return args.length === 2 ? ids(1) : args.length === 3 ? ids(2) : undefined;
    case 'filter': case 'sortBy': case 'optMap': case 'optFlatMap':
      return args.length === 2 ? ids(1) : undefined;
    case 'map':
      return args.length === 2 || args.length === 3 ? ids(1) : undefined;
    case 'transformList': case 'transformMap': case 'transformMapEntry':
      return args.length === 3 || args.length === 4 ? ids(2) : undefined;
    default: return undefined;
  }
}

/** What a call gives, for the functions whose result type is certain whatever their receiver. */
const RESULTS: Record<string, CelType> = {
  size: INT, matches: BOOL, startsWith: BOOL, endsWith: BOOL, string: STRING, int: INT, double: { k: 'double' },
  lowerAscii: STRING, upperAscii: STRING, trim: STRING, substring: STRING, charAt: STRING, join: STRING, quote: STRING,
  duration: { k: 'duration' }, timestamp: { k: 'timestamp' }, isURL: BOOL, isIP: BOOL, isCIDR: BOOL, isQuantity: BOOL, isSemver: BOOL,
};

/** The kind of value an operator compares, for the types that never compare with each other; undefined where podsmith cannot tell. */
function family(t: CelType): 'number' | 'string' | 'bool' | 'bytes' | undefined {
  switch (t.k) {
    case 'int': case 'uint': case 'double': return 'number';
    case 'string': return 'string';
    case 'bool': return 'bool';
    case 'bytes': return 'bytes';
    default: return undefined;
  }
}

class Checker {
  constructor(private readonly declared: ReadonlyMap<string, CelType>, private readonly keywords: boolean) {}

  type(n: Node, scope: ReadonlyMap<string, CelType>): CelType {
    switch (n.t) {
      case 'lit': {
        const v = n.v;
        if (n.u) return { k: 'uint' };
        if (typeof v === 'bigint' || typeof v === 'number') return typeof v === 'bigint' ? INT : { k: 'double' };
        if (typeof v === 'string') return STRING;
        if (typeof v === 'boolean') return BOOL;
        return v === null ? { k: 'null' } : DYN;
      }
      case 'id': {
        const t = scope.get(n.name) ?? this.declared.get(n.name);
        if (t) return t;
        if (TYPE_NAMES.has(n.name)) return { k: 'type' };
        if (QUALIFIED_ROOTS.has(n.name)) return DYN;
        throw new CompileError(`undeclared reference to '${n.name}' (in container '')`);
      }
      case 'sel': {
        const of = this.type(n.of, scope);
        if (n.opt) return DYN;
        if (of.k === 'object') {
          const f = fieldType(of, n.field, this.keywords);
          if (f === undefined) throw new CompileError(`undefined field '${n.field}'`);
          return f;
        }
        if (of.k === 'map') return of.value;
        // a list, a string, a number or a bool has no fields (self.items.name: an item's name is self.items[0].name)
        if (NO_FIELDS.has(of.k)) throw new CompileError(`type '${celTypeName(of)}' does not support field selection`);
        return DYN;
      }
      case 'idx': {
        const of = this.type(n.of, scope);
        const index = this.type(n.index, scope);
        if (n.opt) return DYN;
        // a list is indexed by an int, a schema's map by a string
        if ((of.k === 'list' && EXACT.has(index.k) && index.k !== 'int' && index.k !== 'uint') || (of.k === 'map' && of.stringKeys && EXACT.has(index.k) && index.k !== 'string')) {
          noOverload('_[_]', of, index);
        }
        return of.k === 'list' ? of.elem : of.k === 'map' ? of.value : DYN;
      }
      case 'call': return this.call(n, scope);
      // the API server's CEL wants the items of a literal list or map of one type (HomogeneousAggregateLiterals)
      case 'list': homogeneous(n.items.map((x) => this.type(x, scope))); return { k: 'list', elem: DYN };
      case 'map': {
        const keys: CelType[] = [];
        const values: CelType[] = [];
        for (const [a, b] of n.entries) { keys.push(this.type(a, scope)); values.push(this.type(b, scope)); }
        homogeneous(keys);
        homogeneous(values);
        return { k: 'map', value: DYN };
      }
      case 'un': {
        const of = this.type(n.of, scope);
        if (n.op === '!' ? EXACT.has(of.k) && of.k !== 'bool' : NOT_NEGATABLE.has(of.k)) noOverload(n.op === '!' ? '!_' : '-_', of);
        return n.op === '!' ? BOOL : NUMBER;
      }
      case 'bin': {
        const l = this.type(n.l, scope);
        const r = this.type(n.r, scope);
        if (['==', '!=', '<', '<=', '>', '>='].includes(n.op)) {
          const a = family(l);
          const b = family(r);
          // (ints and doubles compare across types from 1.28; that is left to the server)
          if (a && b && a !== b) throw new CompileError(`found no matching overload for '_${n.op}_' applied to '(${l.k}, ${r.k})'`);
          // equality across types is no overload either (1 == 1.0, a string == null, an object == 'a')
          if ((n.op === '==' || n.op === '!=') && l.k !== r.k && ((PRIMITIVE.has(l.k) && (EXACT.has(r.k) || r.k === 'null')) || (PRIMITIVE.has(r.k) && (EXACT.has(l.k) || l.k === 'null')))) {
            noOverload(`_${n.op}_`, l, r);
          }
        }
        if ((n.op === '&&' || n.op === '||') && ((EXACT.has(l.k) && l.k !== 'bool') || (EXACT.has(r.k) && r.k !== 'bool'))) noOverload(`_${n.op}_`, l, r);
        if (n.op === 'in') {
          const item = r.k === 'list' ? r.elem : r.k === 'map' && r.stringKeys ? STRING : undefined;
          if (item && PRIMITIVE.has(item.k) && PRIMITIVE.has(l.k) && item.k !== l.k) noOverload('@in', l, r);
        }
        if (n.op === '+' && ((PRIMITIVE.has(l.k) && PRIMITIVE.has(r.k) && (l.k !== r.k || l.k === 'bool')) || (l.k === 'list' && PRIMITIVE.has(r.k)) || (r.k === 'list' && PRIMITIVE.has(l.k)))) noOverload('_+_', l, r);
        if (['-', '*', '/', '%'].includes(n.op) && (NOT_ARITHMETIC.has(l.k) || NOT_ARITHMETIC.has(r.k) || (NUMERIC.has(l.k) && NUMERIC.has(r.k) && l.k !== r.k))) noOverload(`_${n.op}_`, l, r);
        if (['&&', '||', '==', '!=', '<', '<=', '>', '>=', 'in'].includes(n.op)) return BOOL;
        if (n.op !== '+') return NUMBER;
        if (l.k === 'string' && r.k === 'string') return STRING;
        if (l.k === 'list' && r.k === 'list') return { k: 'list', elem: DYN };
        return DYN;
      }
      case 'cond': {
        const c = this.type(n.c, scope);
        if (EXACT.has(c.k) && c.k !== 'bool') noOverload('_?_:_', c);
        const a = this.type(n.a, scope);
        const b = this.type(n.b, scope);
        return a.k === b.k && (a.k === 'bool' || a.k === 'string' || a.k === 'int') ? a : DYN;
      }
    }
  }

  private call(n: Extract<Node, { t: 'call' }>, scope: ReadonlyMap<string, CelType>): CelType {
    const { name, target, args } = n;
    if (!target && name === 'has' && args.length === 1 && args[0].t === 'sel') { this.type(args[0], scope); return BOOL; }
    const vars = target ? boundVariables(name, args) : undefined;
    if (target && vars !== undefined) {
      const over = this.type(target, scope);
      const inner = new Map(scope);
      const names = args.slice(0, vars).map((a) => (a as Extract<Node, { t: 'id' }>).name);
      // (a schema's map has string keys; a literal map's are not followed)
      const key = over.k === 'map' && over.stringKeys ? STRING : DYN;
      if (vars === 1) inner.set(names[0], over.k === 'list' ? over.elem : key);
      else {
        inner.set(names[0], over.k === 'list' ? INT : key);
        inner.set(names[1], over.k === 'list' ? over.elem : over.k === 'map' ? over.value : DYN);
      }
      for (const a of args.slice(vars)) this.type(a, inner);
      if (['all', 'exists', 'existsOne', 'exists_one'].includes(name)) return BOOL;
      if (name === 'filter' || name === 'sortBy') return over;
      return name === 'map' || name === 'transformList' ? { k: 'list', elem: DYN } : DYN;
    }
    // a function of a namespace (optional.of, strings.quote, sets.contains, format.named…): its name is not a
    // variable; a namespace no library has (cel.bind, math.greatest: not in Kubernetes' environment) is an undeclared name
    const namespaced = target?.t === 'id' && !scope.has(target.name) && !this.declared.has(target.name);
    if (namespaced && !NAMESPACES.has(target.name)) throw new CompileError(`undeclared reference to '${target.name}' (in container '')`);
    const on = target && !namespaced ? this.type(target, scope) : undefined;
    for (const a of args) this.type(a, scope);
    // a string function given what is certainly not a string to look for
    if (on?.k === 'string' && (name === 'startsWith' || name === 'endsWith' || name === 'matches') && args.length === 1) {
      const a = this.type(args[0], scope);
      if (EXACT.has(a.k) && a.k !== 'string') noOverload(name, on, a);
    }
    // a string function called on what is certainly not a string
    if (on && STRING_METHODS.has(name) && NOT_STRING.has(on.k)) throw new CompileError(`found no matching overload for '${name}' applied to '${celTypeName(on)}.(${args.map(() => 'string').join(', ')})'`);
    if (!target && name === 'size' && args.length === 1) {
      const a = this.type(args[0], scope);
      if (NUMERIC_OR_BOOL.has(a.k)) throw new CompileError(`found no matching overload for 'size' applied to '(${celTypeName(a)})'`);
    }
    // a literal pattern is compiled with the program: matches() (and the regex library's find() and findAll())
    if (name === 'matches' || (target && (name === 'find' || name === 'findAll'))) {
      const pattern = target ? args[0] : args[1];
      if (pattern?.t === 'lit' && typeof pattern.v === 'string') {
        try { goRegExp(pattern.v); } catch (e) { throw new CompileError(`invalid regular expression ${JSON.stringify(pattern.v)}: ${(e as Error).message}`); }
      }
    }
    if (namespaced) return DYN;
    return RESULTS[name] ?? DYN;
  }
}

/** Types without fields, and without the string functions; their names as CEL writes them. */
const NO_FIELDS = new Set(['list', 'string', 'int', 'uint', 'double', 'bool']);
const NOT_STRING = new Set(['list', 'map', 'object', 'int', 'uint', 'double', 'bool']);
const NUMERIC_OR_BOOL = new Set(['int', 'uint', 'double', 'bool']);
/** Types the checker knows exactly ('number' is an int, uint or double not followed; 'dyn' anything). */
const EXACT = new Set(['int', 'uint', 'double', 'string', 'bool', 'bytes', 'list', 'map', 'object', 'duration', 'timestamp']);
/** Scalars whose operators take only their own type. */
const PRIMITIVE = new Set(['int', 'uint', 'double', 'string', 'bool', 'bytes']);
const NUMERIC = new Set(['int', 'uint', 'double']);
/** Types no arithmetic (`-`, `*`, `/`, `%`) takes. */
const NOT_ARITHMETIC = new Set(['string', 'bool', 'bytes', 'list', 'map', 'object', 'null']);
/** Types without a negation. */
const NOT_NEGATABLE = new Set(['string', 'bool', 'bytes', 'list', 'map', 'object', 'null', 'timestamp']);

/** "found no matching overload": an operator or function given types it has no overload for. */
function noOverload(fn: string, ...types: CelType[]): never {
  throw new CompileError(`found no matching overload for '${fn}' applied to '(${types.map(celTypeName).join(', ')})'`);
}

/** A literal list's items (or a map's keys or values) of two scalar types: the API server's checker refuses them. */
function homogeneous(types: CelType[]): void {
  const first = types.find((t) => PRIMITIVE.has(t.k));
  const other = first && types.find((t) => PRIMITIVE.has(t.k) && t.k !== first.k);
  if (first && other) throw new CompileError(`expected type '${celTypeName(first)}' but found '${celTypeName(other)}'`);
}
const STRING_METHODS = new Set(['startsWith', 'endsWith', 'matches', 'lowerAscii', 'upperAscii', 'trim', 'substring', 'charAt', 'split']);

function celTypeName(t: CelType): string {
  switch (t.k) {
    case 'list': return 'list';
    case 'map': return 'map';
    case 'object': return 'object';
    default: return t.k;
  }
}

/** Types that are certainly not `want`. */
function certainlyNot(t: CelType, want: 'bool' | 'string'): boolean {
  return t.k !== want && t.k !== 'dyn' && t.k !== 'type';
}

/** Why the API server's compiler refuses an expression: a compile error (its text after "ERROR: "), or a result of the wrong type. */
export type CelCompileProblem = { error: string } | { wrongType: 'bool' | 'string' };

/** How the server compiles: the release whose API server it is (its CEL environment is the release before's). */
export interface CelCompileOptions {
  /** What the expression must give. */
  result?: 'bool' | 'string';
  /** The API server's minor release. */
  minor: number;
}

/**
 * Why the API server's compiler refuses `expr` (declared: the environment's variables and their
 * types), or undefined when it compiles or podsmith cannot tell.
 */
export function celCompileProblem(expr: string, declared: ReadonlyMap<string, CelType>, options: CelCompileOptions): CelCompileProblem | undefined {
  const { result, minor } = options;
  let ast: Node;
  try {
    ast = parseCel(expr);
  } catch (e) {
    if (e instanceof CelSyntaxError) return { error: e.message };
    return undefined; // CelUnsupported: syntax podsmith's parser does not read (a struct literal, bytes…)
  }
  try {
    const t = new Checker(declared, minor - 1 >= 31).type(ast, new Map());
    return result && certainlyNot(t, result) ? { wrongType: result } : undefined;
  } catch (e) {
    if (e instanceof CompileError) return { error: e.message };
    throw e;
  }
}

/** Every variable of an environment as dyn: admission policies' `object`, `request`…, a device selector's `device`. */
export function dynVariables(...names: string[]): ReadonlyMap<string, CelType> {
  return new Map(names.map((n) => [n, DYN]));
}
