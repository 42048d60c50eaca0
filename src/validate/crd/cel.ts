/**
 * A CEL evaluator for the rules CRDs write in x-kubernetes-validations, for the part of CEL they
 * use most: field selection, `has()`, boolean logic with CEL's error absorption, comparisons,
 * int (int64, checked for overflow), double and string arithmetic, `in`, lists and maps,
 * `size()`, the macros `all`, `exists`, `exists_one`, `filter` and `map`, the string functions
 * `startsWith`, `endsWith`, `contains`, `matches` (RE2, go-regexp.ts), `lowerAscii`,
 * `upperAscii`, `split`, `substring`, `charAt`, `replace`, `trim`, `join`, the regex library's
 * `find` and `findAll`, `int()`, `uint()`, `double()`, `string()`, durations (`duration()`, comparison,
 * `+`/`-`, `getHours()`…`getMilliseconds()`), the ip and cidr libraries (cel-net.ts) and the url
 * library (cel-url.ts), optionals and the format library (cel-format.ts), the quantity library
 * (cel-quantity.ts). Anything else — the semver and authorizer libraries, optional list and map
 * literals, timestamps,
 * mixing int and double in one operation — throws CelUnsupported: the rule is not evaluated
 * rather than judged differently from the API server. Errors the server reports too (no such
 * key, division by zero, overflow, an index out of range) throw CelError.
 * test/validate/cel.test.ts and the CRD cases (test/support/crd-cases.ts, judged by the API
 * servers) hold it to the API server's verdicts.
 */
import { goRegExp } from './go-regexp';
import { parseGoDuration } from './strfmt';
import { CelDuration, CelError, CelObject, fail, INT_MAX, INT_MIN, Node, parseCel, unsupported, Val } from './cel-parse';
import { CelCIDR, CelIP, cidrOf, ipMethod, ipOf, isCanonicalIP, isCIDR, isIP } from './cel-net';
import { CelURL, isURL, urlMethod, urlOf } from './cel-url';
import { CelQuantity, isQuantity, quantityMethod, quantityOf } from './cel-quantity';
import { CelFormat, CelOptional, formatNamed, formatValidate, namedFormat, optionalFunction, optionalMember, optionalMethod, setOptionalEquality } from './cel-format';

export { CelDuration, CelError, CelUnsupported, readsOldSelf } from './cel-parse';
export type { Val } from './cel-parse';


function int(v: bigint): bigint {
  if (v < INT_MIN || v > INT_MAX) fail('integer overflow');
  return v;
}

function kind(v: Val): string {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Map) return 'map';
  if (v instanceof CelDuration) return 'duration';
  if (v instanceof CelIP) return 'net.IP';
  if (v instanceof CelCIDR) return 'net.IPNet';
  if (v instanceof CelURL) return 'kubernetes.URL';
  if (v instanceof CelOptional) return 'optional_type';
  if (v instanceof CelQuantity) return 'kubernetes.Quantity';
  if (v instanceof CelFormat) return 'kubernetes.NamedFormat';
  return typeof v;
}

function equal(a: Val, b: Val): boolean {
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== kb) {
    if ((ka === 'int' || ka === 'double') && (kb === 'int' || kb === 'double')) unsupported('int and double in one comparison');
    return false;
  }
  if (Array.isArray(a)) return a.length === (b as Val[]).length && a.every((x, i) => equal(x, (b as Val[])[i]));
  if (a instanceof Map) {
    const m = b as Map<unknown, Val>;
    if (a.size !== m.size) return false;
    for (const [k, v] of a) if (!m.has(k) || !equal(v, m.get(k)!)) return false;
    return true;
  }
  if (a instanceof CelDuration) return a.nanos === (b as CelDuration).nanos;
  if (a instanceof CelObject) return a.equals(b as CelObject);
  return a === b;
}
setOptionalEquality(equal);

function compare(a: Val, b: Val): number {
  const ka = kind(a);
  if (ka !== kind(b)) unsupported('an ordering of two types');
  if (ka === 'int' || ka === 'double' || ka === 'string' || ka === 'boolean') return a! < b! ? -1 : a! > b! ? 1 : 0;
  if (a instanceof CelDuration) return a.nanos < (b as CelDuration).nanos ? -1 : a.nanos > (b as CelDuration).nanos ? 1 : 0;
  return unsupported(`an ordering of ${ka}`);
}

type Env = Map<string, Val>;

function truth(v: Val): boolean {
  if (typeof v !== 'boolean') unsupported('a condition that is not a bool');
  return v as boolean;
}

/** Evaluates a node; errors the server raises throw CelError. */
function ev(n: Node, env: Env): Val {
  switch (n.t) {
    case 'lit': return n.v;
    case 'id': {
      if (!env.has(n.name)) unsupported(`the name ${n.name}`);
      return env.get(n.name)!;
    }
    case 'sel': {
      const of = ev(n.of, env);
      if (n.opt) return optionalMember(of, n.field);
      if (!(of instanceof Map)) return unsupported('selecting a field of a non-map');
      if (!of.has(n.field)) fail(`no such key: ${n.field}`);
      return of.get(n.field)!;
    }
    case 'idx': {
      const of = ev(n.of, env);
      const i = ev(n.index, env);
      if (n.opt) return optionalMember(of, i);
      if (Array.isArray(of)) {
        if (typeof i !== 'bigint') return unsupported('a list index that is not an int');
        if (i < 0n || i >= BigInt(of.length)) fail(`index out of bounds: ${i}`);
        return of[Number(i)];
      }
      if (of instanceof Map) {
        if (!of.has(i)) fail(`no such key: ${String(i)}`);
        return of.get(i)!;
      }
      return unsupported('an index into a non-container');
    }
    case 'list': return n.items.map((x) => ev(x, env));
    case 'map': {
      const m = new Map<unknown, Val>();
      for (const [k, v] of n.entries) {
        const key = ev(k, env);
        if (m.has(key)) fail('duplicate map key');
        m.set(key, ev(v, env));
      }
      return m;
    }
    case 'un': {
      const v = ev(n.of, env);
      if (n.op === '!') return !truth(v);
      if (typeof v === 'bigint') return int(-v);
      if (typeof v === 'number') return -v;
      return unsupported('negating a non-number');
    }
    case 'cond': return truth(ev(n.c, env)) ? ev(n.a, env) : ev(n.b, env);
    case 'bin': return binary(n, env);
    case 'call': return call(n, env);
  }
}

/** A side of && or ||: its value, or the CelError it raised (absorbed when the other side decides). */
function side(n: Node, env: Env): boolean | CelError {
  try { return truth(ev(n, env)); } catch (e) { if (e instanceof CelError) return e; throw e; }
}

function binary(n: Extract<Node, { t: 'bin' }>, env: Env): Val {
  if (n.op === '&&' || n.op === '||') {
    const stop = n.op === '||';
    const l = side(n.l, env);
    if (l === stop) return stop;
    const r = side(n.r, env);
    if (r === stop) return stop;
    if (l instanceof CelError) throw l;
    if (r instanceof CelError) throw r;
    return !stop;
  }
  const l = ev(n.l, env);
  const r = ev(n.r, env);
  switch (n.op) {
    case '==': return equal(l, r);
    case '!=': return !equal(l, r);
    case '<': return compare(l, r) < 0;
    case '<=': return compare(l, r) <= 0;
    case '>': return compare(l, r) > 0;
    case '>=': return compare(l, r) >= 0;
    case 'in':
      if (Array.isArray(r)) return r.some((x) => equal(x, l));
      if (r instanceof Map) return r.has(l);
      return unsupported('in on a non-container');
    default: return arithmetic(n.op, l, r);
  }
}

function arithmetic(op: string, l: Val, r: Val): Val {
  if (typeof l === 'bigint' && typeof r === 'bigint') {
    if ((op === '/' || op === '%') && r === 0n) fail(op === '/' ? 'division by zero' : 'modulus by zero');
    switch (op) {
      case '+': return int(l + r);
      case '-': return int(l - r);
      case '*': return int(l * r);
      case '/': return int(l / r); // truncated toward zero, as Go's
      case '%': return l % r;
    }
  }
  if (typeof l === 'number' && typeof r === 'number' && op !== '%') {
    switch (op) {
      case '+': return l + r;
      case '-': return l - r;
      case '*': return l * r;
      case '/': return l / r;
    }
  }
  if (op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
  if ((op === '+' || op === '-') && l instanceof CelDuration && r instanceof CelDuration) return new CelDuration(int(op === '+' ? l.nanos + r.nanos : l.nanos - r.nanos));
  if (op === '+' && Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
  return unsupported(`${kind(l)} ${op} ${kind(r)}`);
}

function size(v: Val): bigint {
  if (typeof v === 'string') return BigInt([...v].length);
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof Map) return BigInt(v.size);
  return unsupported(`size of ${kind(v)}`);
}

/**
 * The strings extension's split: Go's strings.SplitN (n < 0: every piece; 0: none; n > 0: at most
 * n, the last one the rest; an empty separator splits between characters).
 */
function splitN(s: string, sep: string, n: bigint): string[] {
  if (n === 0n) return [];
  const chars = [...s];
  const all = sep === '' ? chars : s.split(sep);
  if (n < 0n || BigInt(all.length) <= n) return all;
  const k = Number(n);
  return sep === '' ? [...chars.slice(0, k - 1), chars.slice(k - 1).join('')] : [...all.slice(0, k - 1), all.slice(k - 1).join(sep)];
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'filter', 'map']);

function call(n: Extract<Node, { t: 'call' }>, env: Env): Val {
  const { name, args } = n;
  if (!n.target) {
    if (name === 'has') {
      const a = args[0];
      if (args.length !== 1 || a.t !== 'sel') unsupported('has() of a non-selection');
      const of = ev((a as Extract<Node, { t: 'sel' }>).of, env);
      if (!(of instanceof Map)) return unsupported('has() on a non-map');
      return of.has((a as Extract<Node, { t: 'sel' }>).field);
    }
    const vals = args.map((x) => ev(x, env));
    if (name === 'size' && vals.length === 1) return size(vals[0]);
    if (name === 'int' && vals.length === 1) {
      const v = vals[0];
      if (typeof v === 'bigint') return v;
      if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return int(BigInt(v));
      if (typeof v === 'number' && Number.isFinite(v)) return int(BigInt(Math.trunc(v)));
      return unsupported('int() of this value');
    }
    if (name === 'uint' && vals.length === 1) {
      // uint values are held as int (bigint): where one would not fit an int the rule is not evaluated
      const v = vals[0];
      if (typeof v === 'string') {
        // strconv.ParseUint(s, 10, 64): decimal digits only, at most 2^64-1, else the server's conversion error
        const u = /^\d+$/.test(v) ? BigInt(v) : -1n;
        if (u < 0n || u > 2n ** 64n - 1n) fail(`type conversion error from 'string' to 'uint'`);
        if (u <= INT_MAX) return u;
      }
      if (typeof v === 'bigint' && v >= 0n) return v;
      return unsupported('uint() of this value');
    }
    if (name === 'double' && vals.length === 1) {
      const v = vals[0];
      if (typeof v === 'number') return v;
      if (typeof v === 'bigint') return Number(v);
      return unsupported('double() of this value');
    }
    if (name === 'duration' && vals.length === 1) {
      const v = vals[0];
      if (v instanceof CelDuration) return v;
      if (typeof v !== 'string') return unsupported('duration() of this value');
      // the standard library's string to duration: Go's time.ParseDuration
      const nanos = parseGoDuration(v);
      return nanos === undefined ? fail(`type conversion error from 'string' to 'google.protobuf.Duration'`) : new CelDuration(nanos);
    }
    if (vals.length === 1 && typeof vals[0] === 'string') {
      const s = vals[0];
      if (name === 'isIP') return isIP(s);
      if (name === 'ip') return ipOf(s);
      if (name === 'isCIDR') return isCIDR(s);
      if (name === 'cidr') return cidrOf(s);
      if (name === 'isURL') return isURL(s);
      if (name === 'url') return urlOf(s);
      if (name === 'isQuantity') return isQuantity(s);
      if (name === 'quantity') return quantityOf(s);
    }
    if (name === 'sign' && vals.length === 1 && vals[0] instanceof CelQuantity) return quantityMethod(vals[0], 'sign', [])!;
    if (name === 'string' && vals.length === 1) {
      const v = vals[0];
      if (typeof v === 'string') return v;
      if (v instanceof CelIP || v instanceof CelCIDR) return v.toString();
      if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
      return unsupported('string() of this value');
    }
    return unsupported(`the function ${name}`);
  }
  if (MACROS.has(name)) return macro(n, env);
  // the ip library's namespaced function ip.isCanonical(), where no variable is named ip
  if (name === 'isCanonical' && n.target.t === 'id' && n.target.name === 'ip' && !env.has('ip') && args.length === 1) {
    const s = ev(args[0], env);
    return typeof s === 'string' ? isCanonicalIP(s) : unsupported('ip.isCanonical() of this value');
  }
  // the optional and format libraries' namespaced functions, where no variable has their name
  if (n.target.t === 'id' && (n.target.name === 'optional' || n.target.name === 'format') && !env.has(n.target.name)) {
    const vals = args.map((x) => ev(x, env));
    if (n.target.name === 'optional') return optionalFunction(name, vals) ?? unsupported(`the function optional.${name}`);
    if (name === 'named' && vals.length === 1 && typeof vals[0] === 'string') return formatNamed(vals[0]);
    return (vals.length === 0 ? namedFormat(name) : undefined) ?? unsupported(`the function format.${name}`);
  }
  const target = ev(n.target, env);
  const vals = args.map((x) => ev(x, env));
  if (name === 'size' && vals.length === 0) return size(target);
  if (target instanceof CelQuantity) {
    const v = quantityMethod(target, name, vals);
    if (v !== undefined) return v;
  }
  if (target instanceof CelOptional) {
    const v = optionalMethod(target, name, vals);
    if (v !== undefined) return v;
  }
  if (target instanceof CelFormat && name === 'validate' && vals.length === 1 && typeof vals[0] === 'string') return formatValidate(target, vals[0]);
  if (target instanceof CelIP && vals.length === 0) {
    const v = ipMethod(target, name);
    if (v !== undefined) return v;
  }
  if (target instanceof CelURL && vals.length === 0) {
    const v = urlMethod(target, name);
    if (v !== undefined) return v;
  }
  if (target instanceof CelCIDR) {
    if (vals.length === 0 && name === 'ip') return target.ip;
    if (vals.length === 0 && name === 'masked') return target.masked();
    if (vals.length === 0 && name === 'prefixLength') return BigInt(target.prefix);
    const a = vals[0];
    if (vals.length === 1 && name === 'containsIP' && (a instanceof CelIP || typeof a === 'string')) return target.containsIP(typeof a === 'string' ? ipOf(a) : a);
    if (vals.length === 1 && name === 'containsCIDR' && (a instanceof CelCIDR || typeof a === 'string')) return target.containsCIDR(typeof a === 'string' ? cidrOf(a) : a);
  }
  if (target instanceof CelDuration && vals.length === 0) {
    // the total in each unit, truncated toward zero (Go's Duration.Hours() etc. as int)
    const per = ({ getHours: 3600000000000n, getMinutes: 60000000000n, getSeconds: 1000000000n, getMilliseconds: 1000000n } as Record<string, bigint>)[name];
    if (per !== undefined) return target.nanos / per;
  }
  if (typeof target === 'string') {
    const s = vals[0];
    if (vals.length === 1 && typeof s === 'string') {
      if (name === 'startsWith') return target.startsWith(s);
      if (name === 'endsWith') return target.endsWith(s);
      if (name === 'contains') return target.includes(s);
      if (name === 'matches') {
        let re: RegExp;
        try { re = goRegExp(s); } catch { return unsupported('a pattern podsmith cannot read'); }
        return re.test(target);
      }
    }
    if (name === 'split' && typeof vals[0] === 'string' && (vals.length === 1 || (vals.length === 2 && typeof vals[1] === 'bigint'))) {
      return splitN(target, vals[0], vals.length === 2 ? (vals[1] as bigint) : -1n);
    }
    if ((name === 'find' || name === 'findAll') && typeof vals[0] === 'string' && (vals.length === 1 || (name === 'findAll' && vals.length === 2 && typeof vals[1] === 'bigint'))) {
      return findRegex(target, name, vals[0], vals.length === 2 ? (vals[1] as bigint) : -1n);
    }
    if (name === 'substring' || name === 'charAt' || name === 'replace' || name === 'trim') {
      const v = stringsExtension(target, name, vals);
      if (v !== undefined) return v;
    }
    if (vals.length === 0 && name === 'lowerAscii') return target.replace(/[A-Z]+/g, (x) => x.toLowerCase());
    if (vals.length === 0 && name === 'upperAscii') return target.replace(/[a-z]+/g, (x) => x.toUpperCase());
  }
  if (Array.isArray(target) && name === 'join' && (vals.length === 0 || (vals.length === 1 && typeof vals[0] === 'string')) && target.every((x) => typeof x === 'string')) {
    return target.join(vals.length === 1 ? (vals[0] as string) : '');
  }
  return unsupported(`the method ${name}`);
}

/**
 * The Kubernetes regex library's find() and findAll() (Go's FindString and FindAllString): the
 * leftmost-first match, or every match up to `limit` (negative: all). An empty match in findAll
 * (Go drops one that abuts the previous match; JavaScript does not) leaves the rule unevaluated.
 */
function findRegex(s: string, name: string, pattern: string, limit: bigint): Val {
  let re: RegExp;
  try { re = goRegExp(pattern, 'gu'); } catch { return unsupported('a pattern podsmith cannot read'); }
  if (name === 'find') return re.exec(s)?.[0] ?? '';
  const out: string[] = [];
  if (limit === 0n) return out;
  for (const m of s.matchAll(re)) {
    if (m[0] === '') return unsupported('findAll() with an empty match');
    out.push(m[0]);
    if (limit > 0n && BigInt(out.length) >= limit) break;
  }
  return out;
}

/**
 * The CEL strings extension's substring, charAt, replace and trim (cel-go ext/strings.go): indexes
 * count code points; an index out of range is the server's error too. Undefined where the
 * arguments are not the extension's.
 */
function stringsExtension(s: string, name: string, vals: Val[]): Val | undefined {
  const ints = vals.every((v) => typeof v === 'bigint');
  if ((name === 'substring' && ints && (vals.length === 1 || vals.length === 2)) || (name === 'charAt' && ints && vals.length === 1)) {
    const chars = [...s];
    const len = BigInt(chars.length);
    const start = vals[0] as bigint;
    const end = name === 'charAt' ? (start === len ? len : start + 1n) : vals.length === 2 ? (vals[1] as bigint) : len;
    if (name === 'substring' && vals.length === 2 && start > end) fail(`invalid substring range. start: ${start}, end: ${end}`);
    if (start < 0n || start > len) fail(`index out of range: ${start}`);
    if (end < 0n || end > len) fail(`index out of range: ${end}`);
    return chars.slice(Number(start), Number(end)).join('');
  }
  if (name === 'replace' && (vals.length === 2 || (vals.length === 3 && typeof vals[2] === 'bigint')) && typeof vals[0] === 'string' && typeof vals[1] === 'string') {
    const [from, to] = vals as [string, string];
    // Go's strings.Replace: n < 0 every match, else at most n (an empty `from` matches between code points: not read here)
    if (from === '') return unsupported('replace() of an empty string');
    const n = vals.length === 3 ? (vals[2] as bigint) : -1n;
    if (n < 0n) return s.split(from).join(to);
    const parts = s.split(from);
    const k = Number(n < BigInt(parts.length) ? n : BigInt(parts.length - 1));
    return parts.slice(0, k + 1).join(to) + (k + 1 < parts.length ? from + parts.slice(k + 1).join(from) : '');
  }
  if (name === 'trim' && vals.length === 0) {
    // Go's strings.TrimSpace (unicode.IsSpace); JavaScript's trim() differs at U+0085 and U+FEFF
    if (/[\u0085\ufeff]/.test(s)) return unsupported('trim() of U+0085 or U+FEFF');
    return s.trim();
  }
  return undefined;
}

function macro(n: Extract<Node, { t: 'call' }>, env: Env): Val {
  const { name, args } = n;
  const v = args[0];
  if ((args.length !== 2 && !(name === 'map' && args.length === 3)) || v.t !== 'id') unsupported(`${name}() with these arguments`);
  const target = ev(n.target!, env);
  const items: Val[] = Array.isArray(target) ? target : target instanceof Map ? [...target.keys()] as Val[] : unsupported(`${name}() over ${kind(target)}`);
  const scope = new Map(env);
  const at = (x: Val, node: Node) => { scope.set((v as Extract<Node, { t: 'id' }>).name, x); return ev(node, scope); };
  switch (name) {
    case 'all': {
      let err: CelError | undefined;
      for (const x of items) {
        try { if (!truth(at(x, args[1]))) return false; } catch (e) { if (e instanceof CelError) err ??= e; else throw e; }
      }
      if (err) throw err;
      return true;
    }
    case 'exists': {
      let err: CelError | undefined;
      for (const x of items) {
        try { if (truth(at(x, args[1]))) return true; } catch (e) { if (e instanceof CelError) err ??= e; else throw e; }
      }
      if (err) throw err;
      return false;
    }
    case 'exists_one': return items.filter((x) => truth(at(x, args[1]))).length === 1;
    case 'filter': return items.filter((x) => truth(at(x, args[1])));
    default: // map
      return args.length === 2 ? items.map((x) => at(x, args[1])) : items.filter((x) => truth(at(x, args[1]))).map((x) => at(x, args[2]));
  }
}

/** The rule's value with `self` bound; CelUnsupported or CelError when it has none. */
export function evaluateCel(rule: string, self: Val): Val {
  return ev(parseCel(rule), new Map([['self', self]]));
}
