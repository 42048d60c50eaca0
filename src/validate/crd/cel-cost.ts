/**
 * A lower bound of the cost the API server estimates for a CRD's CEL rule before it accepts the
 * CRD (apiextensions-apiserver's validation: a rule's estimated cost times the number of times it
 * can run in one object may not exceed 10,000,000, nor the sum over the schema 100,000,000). The
 * estimate is cel-go's checker/cost.go with Kubernetes' size estimator: the sizes come from the
 * schema (a string's maxLength ×4 bytes, an enum's longest value, otherwise what fits in a 3 MiB
 * request; a list's maxItems, otherwise what fits). podsmith counts only what it is sure the
 * server counts — identifiers and selections, the loops of macros over lists and maps of known
 * size, `matches()` and `contains()` on strings of known size, comparisons of strings — so its
 * figure is never above the server's: a rule it finds over budget, the server refuses too.
 */
import { Node } from './cel-parse';
import { CEL_RESERVED, celFieldName, resourceRootProperties } from './cel-check';
import { isObj } from './schema-walk';

/** celconfig.MaxRequestSizeBytes: what a request may hold, the bound of every size not declared. */
const MAX_REQUEST_BYTES = 3 * 1024 * 1024;
/** StaticEstimatedCostLimit: one rule. */
export const RULE_COST_LIMIT = 10_000_000;
/** StaticEstimatedCRDCostLimit: the rules of one version's schema together. */
export const SCHEMA_COST_LIMIT = 100_000_000;

/** A schema node as the cost estimator sees it: its kind, its most elements (string bytes, list items, map entries) and its smallest JSON. */
export interface Decl {
  k: 'object' | 'list' | 'map' | 'string' | 'scalar' | 'dyn';
  max: number;
  min: number;
  elem?: Decl;
  fields?: Map<string, Decl>;
}

const STRING_MAX = MAX_REQUEST_BYTES - 2;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const embedded = (s: any) => isObj(s) && s['x-kubernetes-embedded-resource'] === true;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? Math.max(0, v) : undefined);

/** SchemaDeclType's MaxElements and MinSerializedSize (k8s.io/apiserver pkg/cel/common/schemas.go); undefined where it gives no type. */
export function declOf(s: any, root: boolean): Decl | undefined {
  if (!isObj(s)) return undefined;
  if (s['x-kubernetes-int-or-string'] === true) return { k: 'dyn', max: num(s.maxLength) !== undefined ? num(s.maxLength)! * 4 : STRING_MAX, min: 1 };
  switch (s.type) {
    case 'array': {
      const elem = declOf(s.items, embedded(s.items));
      if (!elem) return undefined;
      return { k: 'list', elem, min: 2, max: num(s.maxItems) ?? Math.floor(STRING_MAX / (elem.min + 1)) };
    }
    case 'object': {
      const ap = s.additionalProperties;
      if (isObj(ap)) {
        const elem = declOf(ap, embedded(ap));
        if (!elem) return undefined;
        return { k: 'map', elem, min: 2, max: num(s.maxProperties) ?? Math.floor(STRING_MAX / (elem.min + 6)) };
      }
      const own: Record<string, any> = isObj(s.properties) ? s.properties : {};
      const props = root ? resourceRootProperties(own) : own;
      const required = new Set(Array.isArray(s.required) ? s.required : []);
      const fields = new Map<string, Decl>();
      let min = 2;
      for (const [name, p] of Object.entries(props)) {
        const d = declOf(p, embedded(p));
        if (!d) continue;
        const escaped = celFieldName(name);
        if (escaped !== undefined) fields.set(escaped, d);
        if (required.has(name) && (!isObj(p) || p.default === undefined)) min += bytes(name) + d.min + 4;
      }
      return { k: 'object', fields, min, max: 0 };
    }
    case 'string': {
      const maxLength = num(s.maxLength);
      switch (s.format) {
        case 'byte': return { k: 'scalar', min: 2, max: maxLength ?? STRING_MAX };
        case 'duration': return { k: 'scalar', min: 3, max: 32 };
        case 'date': return { k: 'scalar', min: 12, max: 12 };
        case 'date-time': return { k: 'scalar', min: 21, max: 32 };
      }
      const enumMax = Array.isArray(s.enum) && s.enum.length > 0 ? Math.max(0, ...s.enum.map((e: unknown) => (typeof e === 'string' ? bytes(e) : 0))) : undefined;
      return { k: 'string', min: 2, max: maxLength !== undefined ? maxLength * 4 : enumMax ?? STRING_MAX };
    }
    case 'boolean': return { k: 'scalar', min: 4, max: 0 };
    case 'number': case 'integer': return { k: 'scalar', min: 1, max: 0 };
    default: return undefined;
  }
}

/** How many times a rule at this node can run in one object when a list or map above it has no bound: what fits in a request. */
export function unboundedCardinality(d: Decl): number {
  return Math.floor(MAX_REQUEST_BYTES / (d.min + 1));
}

/** What a schema node multiplies the number of its children by (extractMaxElements); undefined when unbounded. */
export function childFactor(s: any): number | undefined {
  if (!isObj(s)) return 1;
  if (s.type === 'object') return s.additionalProperties !== undefined ? num(s.maxProperties) : 1;
  if (s.type === 'array') return num(s.maxItems);
  return 1;
}

interface Est { cost: number; decl?: Decl; size?: number }

const MACROS_ONE = new Set(['all', 'exists', 'exists_one', 'existsOne', 'filter', 'map', 'sortBy']);
const MACROS_TWO = new Set(['all', 'exists', 'existsOne', 'exists_one', 'transformList', 'transformMap', 'transformMapEntry']);

class Coster {
  constructor(private readonly self: Decl, private readonly oldSelf: Decl | undefined, private readonly keywords: boolean) {}

  est(n: Node, scope: ReadonlyMap<string, Decl | undefined>): Est {
    switch (n.t) {
      case 'lit': return { cost: 0, size: typeof n.v === 'string' ? [...n.v].length : undefined };
      case 'id': {
        const d = scope.has(n.name) ? scope.get(n.name) : n.name === 'self' ? this.self : n.name === 'oldSelf' ? this.oldSelf : undefined;
        return { cost: 1, decl: d, size: d?.max };
      }
      case 'sel': {
        const of = this.est(n.of, scope);
        if (n.opt) return { cost: of.cost };
        const o = of.decl;
        let d: Decl | undefined;
        if (o?.k === 'object') d = o.fields!.get(n.field) ?? (this.keywords && CEL_RESERVED.has(n.field) ? o.fields!.get(`__${n.field}__`) : undefined);
        else if (o?.k === 'map') d = o.elem;
        return { cost: of.cost + (o?.k === 'object' || o?.k === 'map' ? 1 : 0), decl: d, size: d?.max };
      }
      case 'idx': {
        const of = this.est(n.of, scope);
        const ix = this.est(n.index, scope);
        const d = !n.opt && (of.decl?.k === 'list' || of.decl?.k === 'map') ? of.decl.elem : undefined;
        return { cost: of.cost + ix.cost, decl: d, size: d?.max };
      }
      case 'list': return { cost: n.items.reduce((c, x) => c + this.est(x, scope).cost, 0), size: n.items.length };
      case 'map': return { cost: n.entries.reduce((c, [a, b]) => c + this.est(a, scope).cost + this.est(b, scope).cost, 0), size: n.entries.length };
      case 'un': return { cost: this.est(n.of, scope).cost };
      case 'cond': {
        const c = this.est(n.c, scope);
        return { cost: c.cost + Math.max(this.est(n.a, scope).cost, this.est(n.b, scope).cost) };
      }
      case 'bin': {
        const l = this.est(n.l, scope);
        const r = this.est(n.r, scope);
        let cost = l.cost + r.cost;
        // comparing strings walks the shorter (cel-go: O(n) for _==_, _!=_, _<_ … on strings)
        const str = (e: Est, x: Node) => e.decl?.k === 'string' || (x.t === 'lit' && typeof x.v === 'string');
        if (['==', '!=', '<', '<=', '>', '>='].includes(n.op) && str(l, n.l) && str(r, n.r) && l.size !== undefined && r.size !== undefined) {
          cost += Math.ceil(Math.min(l.size, r.size) * 0.1);
        }
        return { cost };
      }
      case 'call': return this.call(n, scope);
    }
  }

  private call(n: Extract<Node, { t: 'call' }>, scope: ReadonlyMap<string, Decl | undefined>): Est {
    const { name, target, args } = n;
    if (!target && name === 'has' && args.length === 1 && args[0].t === 'sel') return { cost: this.est(args[0].of, scope).cost };
    const ids = (k: number) => args.length > k && args.slice(0, k).every((a) => a.t === 'id');
    const two = target && MACROS_TWO.has(name) && (args.length === 3 || (args.length === 4 && name.startsWith('transform'))) && ids(2) && !(name === 'map');
    const one = !two && target && MACROS_ONE.has(name) && (args.length === 2 || (name === 'map' && args.length === 3)) && ids(1);
    if (target && (one || two)) {
      const range = this.est(target, scope);
      const d = range.decl;
      const inner = new Map(scope);
      const names = args.slice(0, two ? 2 : 1).map((a) => (a as Extract<Node, { t: 'id' }>).name);
      if (two) { inner.set(names[0], undefined); inner.set(names[1], d?.k === 'list' || d?.k === 'map' ? d.elem : undefined); }
      else inner.set(names[0], d?.k === 'list' ? d.elem : undefined);
      const body = args.slice(names.length).reduce((c, a) => c + this.est(a, inner).cost, 0);
      const count = d?.k === 'list' || d?.k === 'map' ? d.max : 0;
      return { cost: range.cost + count * body };
    }
    const t = target ? this.est(target, scope) : undefined;
    const as = args.map((a) => this.est(a, scope));
    let cost = (t?.cost ?? 0) + as.reduce((c, a) => c + a.cost, 0);
    if (t?.decl?.k === 'string' && t.size !== undefined && as.length === 1 && as[0].size !== undefined && (args[0].t === 'lit' || as[0].decl?.k === 'string')) {
      if (name === 'matches') cost += Math.ceil((t.size + 1) * 0.1) * Math.ceil(as[0].size * 0.25);
      else if (name === 'contains') cost += Math.ceil(t.size * 0.1) * Math.ceil(as[0].size * 0.1);
    }
    return { cost };
  }
}

/**
 * A lower bound of the estimated cost of one evaluation of a rule whose `self` is `self` (with
 * optionalOldSelf, `oldSelf` is an optional: not followed); `minor`: the server's release (reserved
 * words name their escaped fields from 1.32).
 */
export function ruleCostLowerBound(ast: Node, self: Decl, options: { minor: number; optionalOldSelf?: boolean }): number {
  return new Coster(self, options.optionalOldSelf ? undefined : self, options.minor - 1 >= 31).est(ast, new Map()).cost;
}

/** The server's words for a cost over its limit (getCostErrorMessage), for a figure that is at least `cost`. */
export function costOverMessage(what: string, cost: number, limit: number): string {
  const factor = cost / limit;
  const by = factor > 100 ? 'more than 100x' : `at least ${factor < 1.5 ? factor.toFixed(6) : factor.toFixed(1)}x`;
  return `${what} exceeds budget by factor of ${by} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}
