/**
 * The CEL of CRD rules (x-kubernetes-validations) read into a syntax tree: the lexer and parser
 * for the part of CEL crd/cel.ts evaluates. What it cannot read throws CelUnsupported (the
 * rule is then not evaluated); a rule is parsed once.
 */
/** A rule podsmith does not evaluate. */
export class CelUnsupported extends Error {}
/** A runtime error the API server's CEL raises too: the rule fails with it. */
export class CelError extends Error {}
/**
 * Text that is no CEL whatever the parser lacks: an operand (a name, a number, a string) right
 * after a complete expression (`self.name == my name`), where CEL allows only an operator, a
 * selection, an index, a call, a message's fields or a closing bracket. Not evaluated, like
 * CelUnsupported, and reported by the compile check as the server's syntax error.
 */
export class CelSyntaxError extends CelUnsupported {}

/** CEL values: int as bigint, double as number. Maps are Map (keys are strings, ints or bools). */
export type Val = bigint | number | string | boolean | null | Val[] | Map<unknown, Val> | CelDuration | CelObject;

/** A value of a library's own type (cel-net.ts: an IP address, a CIDR). */
export abstract class CelObject {
  abstract equals(other: CelObject): boolean;
}

/** A CEL duration (google.protobuf.Duration): int64 nanoseconds. */
export class CelDuration {
  constructor(readonly nanos: bigint) {}
}

export type Node =
  | { t: 'lit'; v: Val; /** an unsigned literal (`1u`) */ u?: true }
  | { t: 'id'; name: string }
  | { t: 'sel'; of: Node; field: string; opt?: true }
  | { t: 'idx'; of: Node; index: Node; opt?: true }
  | { t: 'call'; name: string; target?: Node; args: Node[] }
  | { t: 'list'; items: Node[] }
  | { t: 'map'; entries: Array<[Node, Node]> }
  | { t: 'un'; op: '!' | '-'; of: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node };

/** CEL's int: int64. */
export const INT_MIN = -(2n ** 63n);
export const INT_MAX = 2n ** 63n - 1n;

export const unsupported = (why: string): never => { throw new CelUnsupported(why); };
export const fail = (why: string): never => { throw new CelError(why); };

// ---- lexer ---------------------------------------------------------------------------------

type Tok = { k: 'num' | 'str' | 'id' | 'op' | 'end'; v: string; n?: Val };

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    // CEL's blanks are these five (a no-break space is no token)
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const rest = src.slice(i);
    // (a float has digits after its dot: `1.` is the int 1 and a selection)
    const num = /^(0[xX][0-9a-fA-F]+[uU]?|\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\.\d+(?:[eE][+-]?\d+)?|\d+[uU]?)/.exec(rest);
    if (num && /[\d.]/.test(c)) {
      const t = num[0];
      const hex = /^0[xX]/.test(t);
      if ((t.includes('.') || /[eE]/.test(t)) && !hex) out.push({ k: 'num', v: t, n: Number(t) });
      else out.push({ k: 'num', v: t, n: BigInt(t.replace(/[uU]$/, '')) });
      i += t.length;
      continue;
    }
    const str = /^([rR]?)('''|"""|'|")/.exec(rest);
    if (str || ((c === 'b' || c === 'B') && /^[bB]['"]/.test(rest))) {
      if (!str) unsupported('bytes literals');
      const raw = str![1] !== '';
      const q = str![2];
      let j = i + str![0].length;
      let v = '';
      for (;;) {
        // (no CEL lexer reads a string that does not end, nor a line break in a one-quote string)
        if (j >= src.length) throw new CelSyntaxError(`Syntax error: token recognition error at: '${src.slice(i)}' (a string that is not closed)`);
        if (src.startsWith(q, j)) { j += q.length; break; }
        if (q.length === 1 && src[j] === '\n') throw new CelSyntaxError(`Syntax error: token recognition error at: '${src.slice(i, j)}' (a line break in a string)`);
        if (src[j] === '\\' && !raw) {
          const e = src[j + 1];
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', '?': '?', a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (simple[e] !== undefined) { v += simple[e]; j += 2; continue; }
          const u = /^\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|[xX]([0-9a-fA-F]{2}))/.exec(src.slice(j));
          if (u) { v += String.fromCodePoint(parseInt(u[1] ?? u[2] ?? u[3], 16)); j += u[0].length; continue; }
          const octal = /^\\([0-3][0-7]{2})/.exec(src.slice(j));
          if (octal) { v += String.fromCodePoint(parseInt(octal[1], 8)); j += 4; continue; }
          // any other escape is no CEL token (`'\q'`, `'\d'` meant for a regexp: write `'\\d'`)
          throw new CelSyntaxError(`Syntax error: token recognition error at: '${src.slice(i, j + 2)}' (no such escape in a string)`);
        }
        v += src[j++];
      }
      out.push({ k: 'str', v, n: v });
      i = j;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (id) { out.push({ k: 'id', v: id[0] }); i += id[0].length; continue; }
    const op = OPS.find((o) => rest.startsWith(o));
    // a backtick quotes a field name in newer CEL: not read here
    if (!op && c === '`') unsupported('a quoted field name');
    // characters no CEL token starts with: `#`, `;`, a lone `=`, `&` or `|`, a letter outside ASCII, a no-break space
    if (!op) throw new CelSyntaxError(`Syntax error: token recognition error at: '${c}'`);
    out.push({ k: 'op', v: op! });
    i += op!.length;
  }
  out.push({ k: 'end', v: '' });
  return out;
}

// ---- parser --------------------------------------------------------------------------------

class Parser {
  private at = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(v?: string): boolean {
    const t = this.toks[this.at];
    return v === undefined ? t.k !== 'end' : t.k === 'op' && t.v === v;
  }

  private take(v: string): void {
    if (!this.peek(v)) this.stray(`expected ${v}`);
    this.at++;
  }

  /**
   * Where a complete expression ended and something else came: certain when it is an operand, or
   * a `:` or `,` that no `?`, map literal, call or list holds (`2001:db8::/129`, `a > 1, true`,
   * `(a, b)`, `x[1:2]`: CEL has no tuples or slices).
   */
  private stray(why: string): never {
    const t = this.toks[this.at];
    if (t.k === 'num' || t.k === 'str' || (t.k === 'id' && t.v !== 'in')) {
      throw new CelSyntaxError(`Syntax error: extraneous input ${t.k === 'str' ? 'string' : `'${t.v}'`} after a complete expression (a text value needs quotes)`);
    }
    if (t.k === 'end') throw new CelSyntaxError(`Syntax error: mismatched input '<EOF>' (${why})`);
    if (t.k === 'op' && (t.v === ':' || t.v === ',')) {
      throw new CelSyntaxError(`Syntax error: mismatched input '${t.v}' (${why}; a text value needs quotes)`);
    }
    return unsupported(why);
  }

  whole(): Node {
    const n = this.expr();
    if (this.toks[this.at].k !== 'end') this.stray('text after the expression');
    return n;
  }

  private expr(): Node {
    const c = this.or();
    if (!this.peek('?')) return c;
    this.at++;
    const a = this.or();
    this.take(':');
    return { t: 'cond', c, a, b: this.expr() };
  }

  private binary(next: () => Node, ops: string[]): Node {
    let l = next();
    for (;;) {
      const t = this.toks[this.at];
      const isIn = t.k === 'id' && t.v === 'in' && ops.includes('in');
      if (!(t.k === 'op' && ops.includes(t.v)) && !isIn) return l;
      this.at++;
      l = { t: 'bin', op: t.v, l, r: next() };
    }
  }

  private or = (): Node => this.binary(this.and, ['||']);
  private and = (): Node => this.binary(this.rel, ['&&']);
  private rel = (): Node => this.binary(this.add, ['==', '!=', '<', '<=', '>', '>=', 'in']);
  private add = (): Node => this.binary(this.mul, ['+', '-']);
  private mul = (): Node => this.binary(this.unary, ['*', '/', '%']);

  private unary = (): Node => {
    if (this.peek('!')) { this.at++; return { t: 'un', op: '!', of: this.unary() }; }
    if (this.peek('-')) {
      this.at++;
      const t = this.toks[this.at];
      // a negative literal is one token to CEL (-9223372036854775808 fits)
      if (t.k === 'num') { this.at++; return this.member({ t: 'lit', v: typeof t.n === 'bigint' ? -t.n : -(t.n as number) }); }
      return { t: 'un', op: '-', of: this.unary() };
    }
    return this.member(this.primary());
  };

  private args(): Node[] {
    const out: Node[] = [];
    this.take('(');
    while (!this.peek(')')) {
      out.push(this.expr());
      if (!this.peek(')')) this.take(',');
    }
    this.take(')');
    return out;
  }

  private member(n: Node): Node {
    for (;;) {
      if (this.peek('.')) {
        this.at++;
        const opt = this.peek('?');
        if (opt) this.at++;
        const t = this.toks[this.at++];
        // a dot is followed by a name in CEL (reserved words too: `object.spec.if`); `1.` is an int and a dot
        if (t.k !== 'id') throw new CelSyntaxError(`Syntax error: mismatched input '${t.v || '<EOF>'}' (a name must follow the dot)`);
        if (opt) n = { t: 'sel', of: n, field: t.v, opt };
        else n = this.peek('(') ? macroChecked({ t: 'call', name: t.v, target: n, args: this.args() }) : { t: 'sel', of: n, field: t.v };
      } else if (this.peek('[')) {
        this.at++;
        const opt = this.peek('?');
        if (opt) this.at++;
        const index = this.expr();
        this.take(']');
        n = opt ? { t: 'idx', of: n, index, opt } : { t: 'idx', of: n, index };
      } else return n;
    }
  }

  private primary(): Node {
    const t = this.toks[this.at++];
    if (t.k === 'num' && /[uU]$/.test(t.v)) return { t: 'lit', v: t.n as Val, u: true };
    if (t.k === 'num' || t.k === 'str') return { t: 'lit', v: t.n as Val };
    if (t.k === 'id') {
      if (t.v === 'true' || t.v === 'false') return { t: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { t: 'lit', v: null };
      if (this.peek('(')) return macroChecked({ t: 'call', name: t.v, args: this.args() });
      return { t: 'id', name: t.v };
    }
    if (t.v === '(') { const n = this.expr(); this.take(')'); return n; }
    if (t.v === '[') {
      const items: Node[] = [];
      while (!this.peek(']')) {
        // `[?x]`: an optional element (CEL's optional types, in the API server's environment from 1.28), not read here
        if (this.peek('?')) unsupported('an optional list element');
        items.push(this.expr());
        if (!this.peek(']')) this.take(',');
      }
      this.take(']');
      return { t: 'list', items };
    }
    if (t.v === '{') {
      const entries: Array<[Node, Node]> = [];
      while (!this.peek('}')) {
        if (this.peek('?')) unsupported('an optional map entry'); // `{?k: v}`, as `[?x]`
        const k = this.expr();
        this.take(':');
        entries.push([k, this.expr()]);
        if (!this.peek('}')) this.take(',');
      }
      this.take('}');
      return { t: 'map', entries };
    }
    // the expression ends, or an operator or a closing bracket comes, where an operand must: no CEL (`100%`, `a ==`, `1 + * 2`);
    // a leading dot names a root identifier (`.name`), not read here
    if (t.k === 'end') throw new CelSyntaxError("Syntax error: mismatched input '<EOF>' (the expression ends where an operand must come)");
    if (t.k === 'op' && t.v !== '.') throw new CelSyntaxError(`Syntax error: mismatched input '${t.v}' (an operand must come here)`);
    return unsupported(`unexpected ${t.v || 'end'}`);
  }
}

/** Macros whose first argument names the comprehension's variable. */
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/**
 * What CEL's parser refuses as it expands a macro: `has()` of anything but a field selection
 * (`has(object)`, `has(m['k'])`), and a comprehension whose variable is no simple name
 * (`list.exists(c.name, true)`).
 */
function macroChecked(n: Node & { t: 'call' }): Node {
  if (n.name === 'has' && !n.target && n.args.length === 1) {
    const a = n.args[0];
    if (a.t === 'sel' && a.opt) unsupported('has() of an optional selection');
    if (a.t !== 'sel') throw new CelSyntaxError('invalid argument to has() macro');
  }
  if (n.target && COMPREHENSIONS.has(n.name) && (n.args.length === 2 || n.args.length === 3) && n.args[0].t !== 'id') {
    throw new CelSyntaxError(`argument must be a simple name (the first argument of ${n.name}())`);
  }
  return n;
}

const parsed = new Map<string, Node | CelUnsupported>();

const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Brackets that do not pair up (strings and comments already lexed out): no CEL, whatever else
 * the expression holds — the API server's parser answers "mismatched input" or "missing".
 */
function checkBrackets(toks: Tok[]): void {
  const open: string[] = [];
  for (const t of toks) {
    if (t.k !== 'op') continue;
    if (CLOSER[t.v]) open.push(t.v);
    else if (t.v === ')' || t.v === ']' || t.v === '}') {
      const o = open.pop();
      if (o === undefined) throw new CelSyntaxError(`Syntax error: extraneous input '${t.v}' (no bracket opens it)`);
      if (CLOSER[o] !== t.v) throw new CelSyntaxError(`Syntax error: mismatched input '${t.v}' expecting '${CLOSER[o]}'`);
    }
  }
  if (open.length > 0) throw new CelSyntaxError(`Syntax error: missing '${CLOSER[open[open.length - 1]]}' at the end of the expression`);
}

/** The rule parsed once (a CRD's rules are met once per custom resource). */
export function parseCel(src: string): Node {
  let n = parsed.get(src);
  if (n === undefined) {
    try {
      const toks = lex(src);
      checkBrackets(toks);
      n = new Parser(toks).whole();
    } catch (e) { if (e instanceof CelUnsupported) n = e; else throw e; }
    if (parsed.size > 5000) parsed.clear();
    parsed.set(src, n);
  }
  if (n instanceof CelUnsupported) throw n;
  return n;
}

/** Whether the rule reads `oldSelf` (a transition rule: the server evaluates it on update only). */
export function readsOldSelf(src: string): boolean {
  return /(?<![\w.])oldSelf\b/.test(src.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""'));
}
