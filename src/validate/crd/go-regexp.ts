/**
 * Go's regular expressions (RE2 syntax: what the API server compiles a CRD's `pattern` and
 * `patternProperties` with) as JavaScript RegExps with the `u` flag, matching the same strings:
 * flags `(?i)`, `(?s)`, `(?m)`, `(?U)` anywhere and scoped `(?i:…)`, `\A` and `\z`, `\Q…\E`,
 * POSIX classes `[[:alpha:]]`, `\pL` and `\p{Greek}`, `\x{…}`, octal escapes, any escaped
 * punctuation, `{` and `}` that are not a repetition, repeated assertions (`^*`), named groups
 * (names may repeat); `.` never matches `\n` (but does match `\r`) and `\s` is ASCII
 * `[\t\n\f\r ]`, as in Go. A pattern Go refuses (lookaround, a back reference) throws: the API
 * server refuses such a CRD. Case folding is Go's for ASCII letters, the Kelvin sign and long s,
 * and JavaScript's simple case mapping for other single letters. test/validate/go-regexp.test.ts
 * holds the translation to Go's own regexp package.
 */

/** A pattern this translation cannot give Go's meaning to (Go would refuse it, or it uses what only Go has). */
export class UnsupportedGoPattern extends Error {}

type Ranges = Array<[number, number]>;
const r = (text: string): Ranges => text.split(' ').map((span) => {
  const [a, b] = span.split('-').map((x) => parseInt(x, 16));
  return [a, b ?? a];
});

/** The POSIX classes, ASCII (Go's syntax.posixGroup). */
const POSIX: Record<string, Ranges> = {
  alnum: r('30-39 41-5a 61-7a'), alpha: r('41-5a 61-7a'), ascii: r('0-7f'), blank: r('9 20'), cntrl: r('0-1f 7f'), digit: r('30-39'),
  graph: r('21-7e'), lower: r('61-7a'), print: r('20-7e'), punct: r('21-2f 3a-40 5b-60 7b-7e'), space: r('9-d 20'), upper: r('41-5a'),
  word: r('30-39 41-5a 61-7a 5f'), xdigit: r('30-39 41-46 61-66'),
};

/** Go's Perl classes, ASCII only (JavaScript's \s also takes \v and Unicode spaces). */
const PERL: Record<string, Ranges> = { d: r('30-39'), s: r('9-a c-d 20'), w: r('30-39 41-5a 61-7a 5f') };

/** Ranges with what Go's case folding adds under `(?i)` (ASCII letters, the Kelvin sign, long s). */
function foldRanges(ranges: Ranges): Ranges {
  const out: Ranges = [...ranges];
  const has = (cp: number) => ranges.some(([a, b]) => a <= cp && cp <= b);
  for (const [a, b] of ranges) {
    const lo = Math.max(a, 0x61), hi = Math.min(b, 0x7a);
    if (lo <= hi) out.push([lo - 32, hi - 32]);
    const LO = Math.max(a, 0x41), HI = Math.min(b, 0x5a);
    if (LO <= HI) out.push([LO + 32, HI + 32]);
  }
  if (has(0x6b) || has(0x4b) || has(0x212a)) out.push([0x6b, 0x6b], [0x4b, 0x4b], [0x212a, 0x212a]);
  if (has(0x73) || has(0x53) || has(0x17f)) out.push([0x73, 0x73], [0x53, 0x53], [0x17f, 0x17f]);
  return out;
}

/** Every code point not in the ranges. */
function complement(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: Ranges = [];
  let next = 0;
  for (const [a, b] of sorted) {
    if (a > next) out.push([next, a - 1]);
    next = Math.max(next, b + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

/** Ranges as class items. */
function items(ranges: Ranges): string {
  return ranges.map(([a, b]) => (a === b ? lit(a) : `${lit(a)}-${lit(b)}`)).join('');
}

/** A POSIX or Perl class's items, folded under `(?i)` as Go folds them, negated or not. */
function classItems(ranges: Ranges, f: Flags, negate: boolean): string {
  const set = f.i ? foldRanges(ranges) : ranges;
  return items(negate ? complement(set) : set);
}

/** Unicode general categories (JavaScript takes them bare; a script needs `Script=`). */
const CATEGORY = /^(?:[CLMNPSZ][a-z]?|L&)$/;

interface Flags { i: boolean; s: boolean; m: boolean; U: boolean }

/** A code point as an escape that means itself in any place of a `u` pattern. */
function lit(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** The other cases Go's case folding (unicode.SimpleFold) reaches from a code point: ASCII letters, and the Kelvin sign and long s. */
function folds(cp: number): number[] {
  const c = String.fromCodePoint(cp);
  const out = new Set<number>();
  for (const o of [c.toLowerCase(), c.toUpperCase()]) if ([...o].length === 1) out.add(o.codePointAt(0)!);
  if (cp === 0x6b || cp === 0x4b || cp === 0x212a) [0x6b, 0x4b, 0x212a].forEach((x) => out.add(x));
  if (cp === 0x73 || cp === 0x53 || cp === 0x17f) [0x73, 0x53, 0x17f].forEach((x) => out.add(x));
  out.delete(cp);
  return [...out];
}

/** A literal code point, with its other cases where case is folded. */
function literal(cp: number, f: Flags): string {
  const others = f.i ? folds(cp) : [];
  return others.length === 0 ? lit(cp) : `[${[cp, ...others].map(lit).join('')}]`;
}

class Translator {
  private at = 0;
  constructor(private readonly p: string) {}

  private fail(why: string): never {
    throw new UnsupportedGoPattern(`${why} at offset ${this.at}`);
  }

  private cp(): number {
    const c = this.p.codePointAt(this.at);
    if (c === undefined) this.fail('unexpected end');
    this.at += c > 0xffff ? 2 : 1;
    return c;
  }

  /** A whole alternation up to `)` or the end, under the flags given; flags set inside it end with it. */
  sequence(outer: Flags, depth: number): string {
    const f = { ...outer };
    let out = '';
    while (this.at < this.p.length) {
      const c = this.p[this.at];
      if (c === ')') {
        if (depth === 0) this.fail('unmatched )');
        return out;
      }
      if (c === '|') { this.at++; out += '|'; continue; }
      if (c === '(') { out += this.group(f, depth); continue; }
      if (c === '[') { out += this.cls(f); continue; }
      if (c === '\\') { out += this.escape(f, false); continue; }
      if (c === '.') { this.at++; out += f.s ? '[\\s\\S]' : '[^\\n]'; continue; }
      if (c === '^') { this.at++; out += f.m ? '(?:^|(?<=\\n))' : '(?:^)'; continue; }
      if (c === '$') { this.at++; out += f.m ? '(?:$|(?=\\n))' : '(?:$)'; continue; }
      if (c === '*' || c === '+' || c === '?') {
        this.at++;
        out += c + this.lazy(f);
        continue;
      }
      if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.at));
        if (m) {
          if (Number(m[1]) > 1000 || (m[3] && Number(m[3]) > 1000)) this.fail('a repeat count over 1000');
          this.at += m[0].length;
          out += m[0] + this.lazy(f);
          continue;
        }
      }
      out += literal(this.cp(), f);
    }
    if (depth > 0) this.fail('missing )');
    return out;
  }

  /** After a quantifier: `?` where it is lazy (a `?` after it, or none under Go's ungreedy `(?U)`). */
  private lazy(f: Flags): string {
    const mark = this.p[this.at] === '?';
    if (mark) this.at++;
    return mark !== f.U ? '?' : '';
  }

  private group(f: Flags, depth: number): string {
    this.at++; // (
    let open = '(';
    let inner = f;
    if (this.p[this.at] === '?') {
      const m = /^\?(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|([imsU-]*)(:|\)))/.exec(this.p.slice(this.at));
      if (!m) this.fail('a group Go does not have (lookaround, or an unknown flag)');
      this.at += m[0].length;
      if (m[1] !== undefined) open = '('; // Go lets names repeat; JavaScript does not, and a name changes no match
      else {
        const set = { ...f };
        let on = true;
        for (const ch of m[2]) {
          if (ch === '-') on = false;
          else set[ch as keyof Flags] = on;
        }
        if (m[3] === ')') {
          // flags for the rest of the enclosing group: applied to what follows in it
          Object.assign(f, set);
          return '';
        }
        open = '(?:';
        inner = set;
      }
    }
    const body = this.sequence(inner, depth + 1);
    this.at++; // )
    return `${open}${body})`;
  }

  /** A bracketed class. */
  private cls(f: Flags): string {
    this.at++; // [
    let negate = false;
    if (this.p[this.at] === '^') { negate = true; this.at++; }
    let out = '';
    let first = true;
    for (;;) {
      if (this.at >= this.p.length) this.fail('missing ]');
      const c = this.p[this.at];
      if (c === ']' && !first) { this.at++; break; }
      first = false;
      if (c === '[' && this.p[this.at + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.p.slice(this.at));
        if (m && POSIX[m[2]] !== undefined) {
          this.at += m[0].length;
          out += classItems(POSIX[m[2]], f, m[1] === '^');
          continue;
        }
      }
      let lo: number;
      if (c === '\\') {
        const e = this.classEscape(f);
        if (typeof e === 'string') { out += e; continue; }
        lo = e;
      } else lo = this.cp();
      if (this.p[this.at] === '-' && this.p[this.at + 1] !== ']' && this.at + 1 < this.p.length) {
        this.at++;
        let hi: number;
        if (this.p[this.at] === '\\') {
          const e = this.classEscape(f);
          if (typeof e === 'string') this.fail('a class as a range end');
          hi = e;
        } else hi = this.cp();
        if (hi < lo) this.fail('a range out of order');
        out += f.i ? items(foldRanges([[lo, hi]])) : `${lit(lo)}-${lit(hi)}`;
      } else {
        out += lit(lo) + (f.i ? folds(lo).map(lit).join('') : '');
      }
    }
    // Go's [^…] matches \n, as JavaScript's does (Go's regexp.Compile sets ClassNL)
    return `[${negate ? '^' : ''}${out}]`;
  }

  /** An escape inside a class: a code point, or what a class item stands for. */
  private classEscape(f: Flags): number | string {
    return this.escape(f, true);
  }

  /** An escape: outside a class its pattern text; inside one (`inClass`) a code point or class items. */
  private escape(f: Flags, inClass: true): number | string;
  private escape(f: Flags, inClass: false): string;
  private escape(f: Flags, inClass: boolean): number | string {
    this.at++; // \
    if (this.at >= this.p.length) this.fail('a trailing backslash');
    const c = this.p[this.at];
    const one = (cp: number) => (inClass ? cp : literal(cp, f));
    if (c === 'Q' && !inClass) {
      this.at++;
      const end = this.p.indexOf('\\E', this.at);
      const text = this.p.slice(this.at, end < 0 ? undefined : end);
      this.at = end < 0 ? this.p.length : end + 2;
      return [...text].map((ch) => literal(ch.codePointAt(0)!, f)).join('');
    }
    this.at++;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (simple[c] !== undefined) return one(simple[c]);
    const perl = c.toLowerCase();
    if (PERL[perl] !== undefined) {
      const text = classItems(PERL[perl], f, c !== perl);
      return inClass ? text : `[${text}]`;
    }
    if (!inClass) {
      // assertions in a group: Go repeats them (`^*`), JavaScript repeats only a group
      if (c === 'A') return '(?:^)';
      if (c === 'z') return '(?:$)';
      if (c === 'b') return '(?:\\b)';
      if (c === 'B') return '(?:\\B)';
    }
    if (c === 'p' || c === 'P') {
      let name: string;
      if (this.p[this.at] === '{') {
        const end = this.p.indexOf('}', this.at);
        if (end < 0) this.fail('a \\p{ without }');
        name = this.p.slice(this.at + 1, end);
        this.at = end + 1;
      } else name = this.p[this.at++] ?? '';
      let neg = c === 'P';
      if (name.startsWith('^')) { neg = !neg; name = name.slice(1); }
      if (name === 'Any') return inClass ? '\\u{0}-\\u{10ffff}' : neg ? '[^\\u{0}-\\u{10ffff}]' : '[\\s\\S]';
      const body = CATEGORY.test(name) ? (name === 'L&' ? 'LC' : name) : `Script=${name}`;
      return `\\${neg ? 'P' : 'p'}{${body}}`;
    }
    if (c === 'x') {
      const m = /^\{([0-9A-Fa-f]+)\}|^([0-9A-Fa-f]{2})/.exec(this.p.slice(this.at));
      if (!m) this.fail('a \\x escape');
      this.at += m[0].length;
      return one(parseInt(m[1] ?? m[2], 16));
    }
    if (c >= '0' && c <= '7') {
      const m = /^[0-7]{0,2}/.exec(this.p.slice(this.at))!;
      if (c !== '0' && m[0].length === 0) this.fail('a back reference');
      this.at += m[0].length;
      return one(parseInt(c + m[0], 8));
    }
    // any other punctuation escapes itself; a letter or digit Go does not know is refused there
    if (/[A-Za-z0-9]/.test(c)) this.fail(`\\${c}`);
    this.at--;
    return one(this.cp());
  }
}

/** The JavaScript source (for the `u` flag) that matches what the Go pattern matches. */
export function goPatternSource(pattern: string): string {
  const t = new Translator(pattern);
  return t.sequence({ i: false, s: false, m: false, U: false }, 0);
}

/** A Go pattern as a RegExp (ajv's `code.regExp`: it passes its own flags, `u`); throws UnsupportedGoPattern, saying why, where Go would refuse it. */
export function goRegExp(pattern: string, flags = 'u'): RegExp {
  const source = goPatternSource(pattern);
  try {
    return new RegExp(source, flags.includes('u') ? flags : `${flags}u`);
  } catch (e) {
    // JavaScript's message names the translated source: its reason is what counts ("Nothing to repeat")
    throw new UnsupportedGoPattern((e as Error).message.replace(/^.*: /, '').toLowerCase());
  }
}
/** ajv names the function in code it generates for standalone files: CRD validators are compiled at run time only. */
goRegExp.code = 'goRegExp';
