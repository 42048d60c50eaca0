/**
 * A fast reader for the block-style YAML that cdk8s and most hand-written manifests use:
 * block mappings and sequences (also indentless), plain scalars (also wrapped over several
 * lines) and single-line quoted scalars,
 * literal block scalars and one-line flow collections (yaml/fast-flow.ts). Anything else (anchors, tags, folded
 * or multi-line scalars, complex keys, keys that are not strings, duplicate keys, odd
 * indentation, carriage returns) returns BAIL and the caller reads the document with the exact
 * reader (yaml/compose.ts). Plain scalars are resolved by the caller (go-yaml v2's rules). A
 * document it reads whole but for flow nesting past MAX_DEPTH is Refused, with the line where
 * the exact reader refuses it.
 * test/validate/fast-yaml.test.ts proves both readers give kubectl's values.
 */
import type { LineTable } from './yaml/compose';
import { MAX_DEPTH, TOO_DEEP } from './yaml/compose';
import { Flow } from './yaml/fast-flow';
import { BAIL, Bail, bail, closes, forbiddenStart, quoted, Resolve, tailMustBeEmpty } from './yaml/fast-scalars';

export type { LineTable };
export type { KeySplit };
export { BAIL };

/** A document the fast reader refuses as the exact reader would (nesting past MAX_DEPTH), with the 0-based line of the file. */
export class Refused {
  constructor(readonly message: string, readonly line: number) {}
}

export function fastParse(text: string, resolve: Resolve, track?: LineTable): unknown {
  if (text.includes('\r')) return BAIL;
  const lines = text.split('\n');
  return fastParseLines(lines, 0, lines.length, resolve, track);
}

/**
 * The indentation of each line, -1 for blank and comment lines, -2 for lines the fast reader
 * leaves to the exact reader: a directive, a document end (`%`, `...`), a tab where an
 * indentation or a dash's space goes. Computed once per file and shared by its documents.
 */
export function lineIndents(lines: string[]): Int32Array {
  const out = new Int32Array(lines.length);
  // (no character read past a line's end: V8 deoptimises the loop at each such read)
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    const n = l.length;
    if (n === 0) { out[k] = -1; continue; }
    const c = l.charCodeAt(0);
    if (c === 37 || (c === 46 && l.startsWith('...'))) { out[k] = -2; continue; }
    // (deep lines, CRDs' schemas: the regular expression counts a run of spaces faster than a loop)
    const i = c !== 32 ? 0 : n > 1 && l.charCodeAt(1) !== 32 ? 1 : l.search(NOT_SPACE);
    if (i < 0) { out[k] = -1; continue; }
    const d = l.charCodeAt(i);
    // a tab where an indentation or a dash's space goes: the exact reader's (go-yaml refuses most of them)
    if (d === 9 || (d === 45 && l.includes('\t', i))) { out[k] = -2; continue; }
    out[k] = d === 35 ? -1 : i;
  }
  return out;
}

/** One document made of lines[from, to) of a file split on newlines (no carriage returns). */
export function fastParseLines(lines: string[], from: number, to: number, resolve: Resolve, track?: LineTable, indents?: Int32Array): unknown {
  // a byte order mark that starts a document is dropped by go-yaml (files joined with `cat`): the exact reader's
  if (from < to && lines[from].charCodeAt(0) === 0xfeff) return BAIL;
  try {
    // a value JSON cannot carry (NaN, infinities) is the exact reader's to refuse
    const scalar: Resolve = (plain) => { const v = resolve(plain); return v !== null && typeof v === 'object' ? bail() : v; };
    const reader = new Reader(lines, indents ?? lineIndents(lines), from, to, scalar, track);
    const value = reader.document();
    return reader.deepAt >= 0 ? new Refused(TOO_DEEP, reader.deepAt) : value;
  } catch (e) {
    if (e instanceof Bail || e instanceof RangeError) return BAIL;
    throw e;
  }
}

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

class Reader {
  private i: number;
  /** splitKey's result, kept in fields to spare an allocation per key. */
  kKey = '';
  kRest = '';
  kQuoted = false;
  /** Collections open around the current line: past MAX_DEPTH the exact reader refuses the document. */
  depth = 0;
  /** The line of the first flow collection nested past MAX_DEPTH, -1 while there is none. */
  deepAt = -1;

  constructor(
    private readonly lines: string[],
    private readonly ind: Int32Array,
    private readonly from: number,
    private readonly end: number,
    private readonly resolve: Resolve,
    private readonly track: LineTable | undefined,
  ) {
    this.i = from;
  }

  private splitKey(line: string, start: number): boolean {
    return splitKeyInto(this, line, start);
  }

  private mark(container: object, key: string | number, line: number): void {
    let m = this.track!.get(container);
    if (!m) { m = new Map(); this.track!.set(container, m); }
    m.set(key, line - this.from);
  }

  document(): unknown {
    const first = this.skipBlank();
    if (first < this.end) {
      const l = this.lines[first];
      if (l.startsWith('---')) {
        if (l.length > 3 && l[3] !== ' ' && l[3] !== '\t') bail(); // `---#`: no document start to go-yaml
        // (past blanks: a no-break space is content to go-yaml, not JavaScript's trim()'s)
        const rest = l.slice(3).replace(/^[ \t]+/, '');
        if (rest !== '' && rest[0] !== '#') bail();
        this.i = first + 1;
      }
    }
    for (let k = this.from; k < this.end; k++) {
      if (this.ind[k] === -2 || (k !== first && this.ind[k] === 0 && this.lines[k].startsWith('---'))) bail();
    }
    const at = this.skipBlank();
    if (at >= this.end) return null;
    const value = this.block(this.ind[at]);
    if (this.skipBlank() < this.end) bail();
    return value;
  }

  /** Moves past blank and comment lines; returns the index of the next content line. */
  private skipBlank(): number {
    while (this.i < this.end && this.ind[this.i] === -1) this.i++;
    return this.i;
  }

  private block(n: number): unknown {
    const line = this.lines[this.i];
    if (this.ind[this.i] !== n) bail();
    const c = line.charCodeAt(n);
    if (c === 45 /* - */ && (line.length === n + 1 || line.charCodeAt(n + 1) === 32)) return this.seq(n);
    if (!this.splitKey(line, n)) bail(); // a bare scalar document or node: rare, let the exact reader decide
    return this.map(n);
  }

  /** A block mapping at indent n; `virtualAt` is a line whose key starts at n after a dash (`- key: v`). */
  private map(n: number, virtualAt = -1): unknown {
    if (++this.depth > MAX_DEPTH) bail();
    const obj: Record<string, unknown> = {};
    let count = 0;
    for (;;) {
      const at = this.skipBlank();
      if (at >= this.end) break;
      const line = this.lines[at];
      const ind = at === virtualAt ? n : this.ind[at];
      if (ind < n) break;
      if (ind > n) bail();
      if (!this.splitKey(line, n)) {
        if (line.charCodeAt(n) === 45) break; // a sequence at this indent ends the mapping (caller decides)
        bail();
      }
      const rest = this.kRest;
      const key = this.kKey;
      // a key that resolves to a number, boolean or null is written as YAMLToJSON writes it: not here
      if (!this.kQuoted && mayResolve(key) && typeof this.resolve(key) !== 'string') bail();
      // __proto__ and << (merge) have special meanings
      if (key === '__proto__' || key === '<<') bail();
      this.i = at + 1;
      if (this.track) this.mark(obj, key, at);
      obj[key] = this.value(rest, n, true);
      count++;
    }
    // a repeated key is a finding (the exact reader's): fewer keys than entries (counted once
    // here, not looked up at every key: a lookup by a key just cut from its line costs V8 more
    // than storing it)
    if (count > 1 && Object.keys(obj).length !== count) bail();
    this.depth--;
    return obj;
  }

  private seq(n: number): unknown {
    if (++this.depth > MAX_DEPTH) bail();
    const arr: unknown[] = [];
    for (;;) {
      const at = this.skipBlank();
      if (at >= this.end) break;
      const line = this.lines[at];
      const ind = this.ind[at];
      if (ind < n) break;
      if (ind > n) bail();
      if (line.charCodeAt(n) !== 45) break;
      if (this.track) this.mark(arr, arr.length, at);
      if (line.length === n + 1) {
        this.i = at + 1;
        arr.push(this.nested(n, false));
        continue;
      }
      if (line.charCodeAt(n + 1) !== 32) break;
      let m = n + 1;
      while (m < line.length && line.charCodeAt(m) === 32) m++;
      const content = line.slice(m);
      if (content === '' || content[0] === '#') {
        this.i = at + 1;
        arr.push(this.nested(n, false));
        continue;
      }
      if (content[0] === '-' && (content.length === 1 || content[1] === ' ')) bail(); // compact nested sequence
      if (content[0] !== '"' && content[0] !== "'" && content[0] !== '[' && content[0] !== '{' && this.splitKey(line, m)) {
        // "- key: value": a mapping whose first line starts after the dash
        this.i = at;
        arr.push(this.map(m, at));
        continue;
      }
      this.i = at + 1;
      arr.push(this.value(content, n, false));
    }
    this.depth--;
    return arr;
  }

  /** The node under a key or dash that has nothing after it on its line. */
  private nested(n: number, allowIndentless: boolean): unknown {
    const at = this.skipBlank();
    if (at >= this.end) return null;
    const line = this.lines[at];
    const ind = this.ind[at];
    if (ind > n) return this.block(ind);
    if (allowIndentless && ind === n && line.charCodeAt(n) === 45 && (line.length === n + 1 || line.charCodeAt(n + 1) === 32)) {
      return this.seq(n);
    }
    return null;
  }

  /** A value written after `key:` or `- `; `n` is the indent of the key or dash. */
  private value(rest: string, n: number, allowIndentless: boolean): unknown {
    if (rest === '' || rest[0] === '#') return this.nested(n, allowIndentless);
    const c = rest[0];
    if (c === '"' || c === "'") {
      let q: { value: string; end: number };
      try {
        q = quoted(rest, 0);
      } catch (e) {
        // not closed on its line: a quoted scalar over several lines
        if (e instanceof Bail) return this.multiQuoted(rest, n);
        throw e;
      }
      tailMustBeEmpty(rest, q.end);
      this.noContinuation(n);
      return q.value;
    }
    if (c === '|') return this.literal(rest, n);
    if (c === '[' || c === '{') {
      const line = this.i - 1;
      const p = new Flow(rest, this.resolve, this.depth);
      const value = p.node();
      tailMustBeEmpty(rest, p.pos);
      this.noContinuation(n);
      if (p.tooDeep && this.deepAt < 0) this.deepAt = line;
      return value;
    }
    // a `-` before a blank is a block sequence entry to go-yaml (`a: -` is refused): the exact reader says so
    if (forbiddenStart(rest.charCodeAt(0)) || (c === '-' && (rest.length === 1 || rest[1] === ' ' || rest[1] === '\t'))) bail();
    // a comment (' #') ends the scalar; ': ', a colon at its end or a tab before that is not for this reader
    // (found with indexOf: CRDs' descriptions make long lines)
    const hash = commentAt(rest);
    let end = hash < 0 ? rest.length : hash + 1;
    const tab = rest.indexOf('\t');
    const colon = rest.indexOf(': ');
    if ((tab >= 0 && tab < end) || (colon >= 0 && colon < end) || (hash < 0 && rest.charCodeAt(rest.length - 1) === 58)) bail();
    while (end > 0 && rest.charCodeAt(end - 1) === 32) end--;
    const plain = end === rest.length ? rest : rest.slice(0, end);
    if (plain.charCodeAt(plain.length - 1) === 58) bail(); // ends with ':'
    // wrapped text (controller-gen's CRD descriptions): more-indented lines continue the scalar
    if (end === rest.length && this.i < this.end && this.ind[this.i] > n) return this.resolve(this.continued(plain, n));
    this.noContinuation(n);
    return this.resolve(plain);
  }

  /**
   * A quoted scalar wrapped over several lines (no blank line inside), folded with single spaces
   * (controller-gen's CRD descriptions). In double quotes a backslash that ends a line escapes
   * the line break: the lines join with nothing between them (what yaml.Marshal writes); a
   * backslash before trailing blanks escapes a blank, which folds otherwise: the exact reader's.
   */
  private multiQuoted(rest: string, n: number): string {
    const double = rest[0] === '"';
    // YAML folds at spaces only (JavaScript's trim() also takes no-break spaces); NEL and the
    // Unicode line separators are line breaks to YAML 1.1: the exact reader's
    // (a tab is a blank that folds too, and may be escaped: the exact reader's)
    if (ODD_BREAKS.test(rest) || rest.indexOf('\t') >= 0) bail();
    let joined = spacesOffEnd(rest);
    let before = rest; // the line before, as written
    for (let j = this.i; j < this.end; j++) {
      const ind = this.ind[j];
      if (ind <= n) bail(); // blank lines, lines that look like comments, dedents: the exact reader's
      const line = this.lines[j];
      if (line.indexOf('\t') >= 0 || ODD_BREAKS.test(line)) bail();
      let sep = ' ';
      if (double && oddBackslashesAtEnd(joined)) {
        if (before.charCodeAt(before.length - 1) === 32) bail(); // an escaped blank before the line break
        joined = joined.slice(0, -1);
        sep = '';
      }
      joined += `${sep}${spacesOffEnd(line.slice(ind))}`;
      before = line;
      if (closes(joined)) {
        this.i = j + 1;
        const { value, end } = quoted(joined, 0);
        tailMustBeEmpty(joined, end);
        this.noContinuation(n);
        return value;
      }
    }
    return bail();
  }

  /** A plain scalar over several lines, folded with single spaces; anything unusual is the exact reader's. */
  private continued(first: string, n: number): string {
    let text = first;
    let j = this.i;
    for (; j < this.end; j++) {
      const ind = this.ind[j];
      if (ind < 0) bail(); // a blank or comment line inside: folding rules the exact reader knows
      if (ind <= n) break;
      const line = this.lines[j];
      const c = line.charCodeAt(ind);
      // indicators start any later line of a plain scalar, except a comment or what reads as an entry
      const d = line.charCodeAt(ind + 1);
      const entry = (c === 45 || c === 63 || c === 58) && (Number.isNaN(d) || d === 32);
      if (c === 35 || entry || line.indexOf('\t') >= 0 || line.includes(': ') || commentAt(line) >= 0 || line.endsWith(':')) bail();
      let e = line.length;
      while (e > ind && line.charCodeAt(e - 1) === 32) e--;
      text += ` ${line.slice(ind, e)}`;
    }
    this.i = j;
    return text;
  }

  /** A more-indented content line after a scalar would continue it (a multi-line scalar): not handled here. */
  private noContinuation(n: number): void {
    const at = this.skipBlank();
    if (at < this.end && this.ind[at] > n) bail();
  }

  /** `|`, `|-`, `|+` literal block scalars (no explicit indentation indicator). */
  private literal(header: string, n: number): string {
    const m = /^\|([+-]?)[ \t]*(#.*)?$/.exec(header); // (blanks only: a no-break space there is refused by go-yaml)
    if (!m) bail();
    const chomp = m![1];
    const body: string[] = [];
    let contentIndent = -1;
    let j = this.i;
    for (; j < this.end; j++) {
      const l = this.lines[j];
      // (the table's indentation: -1 is a blank line or one whose content starts with #; no tab is left in an indentation)
      const known = this.ind[j];
      if (known < 0 && BLANK.test(l)) {
        if (contentIndent < 0 && l.length > n + 1 && indentOf(l) === l.length) {
          // leading blank lines longer than the content indent are an error or content: let the exact reader decide
          bail();
        }
        body.push(contentIndent < 0 ? '' : l.slice(contentIndent));
        continue;
      }
      const ind = known >= 0 ? known : indentOf(l);
      if (contentIndent < 0) {
        if (ind <= n) break;
        // text at column 0 ends a block scalar at the root to go-yaml (its text is indented one column at least): the exact reader's
        if (ind === 0) bail();
        contentIndent = ind;
      }
      if (ind < contentIndent) break;
      body.push(l.slice(contentIndent));
    }
    // trailing blank lines that belong to what follows are not content
    let end = body.length;
    let trailing = 0;
    while (end > 0 && BLANK.test(body[end - 1])) { end--; trailing++; }
    if (trailing > 0 && body.slice(end).some((l) => l !== '')) bail();
    if (j >= this.end && chomp === '+') bail(); // keep-chomping at the end of the text: the exact reader decides
    this.i = j;
    const content = body.slice(0, end).join('\n');
    if (chomp === '-') return content;
    if (chomp === '+') return content === '' ? '\n'.repeat(trailing) : `${content}\n${'\n'.repeat(trailing)}`;
    return content === '' ? '' : `${content}\n`;
  }
}

/** Where splitKeyInto puts what it splits; kRestAt is where the rest starts on the line (kRest is only set when asked for). */
interface KeySplit { kKey: string; kRest: string; kQuoted: boolean; kRestAt?: number }

/** `key: rest` or `key:` starting at line[start] (result in kKey/kRest/kQuoted, and kRestAt); false when it is not a mapping entry. */
function splitKeyInto(r: KeySplit, line: string, start: number, wantRest = true): boolean {
  const c = line.charCodeAt(start);
  if (c === 34 || c === 39) {
    const s = line.slice(start);
    let q: { value: string; end: number };
    try {
      q = quoted(s, 0);
    } catch {
      return false;
    }
    let e = q.end;
    while (s[e] === ' ') e++;
    if (s[e] !== ':' || (e + 1 < s.length && s[e + 1] !== ' ')) return false;
    if (e > 1000) bail(); // a key go-yaml may find too far from its colon: the exact reader decides
    r.kKey = q.value;
    // (past spaces only: a no-break space is content to go-yaml, not trimStart()'s)
    e++;
    while (s[e] === ' ') e++;
    r.kRest = s.slice(e);
    r.kRestAt = line.length - r.kRest.length;
    r.kQuoted = true;
    return true;
  }
  let idx = -1;
  for (let k = line.indexOf(':', start); k >= 0; k = line.indexOf(':', k + 1)) {
    if (k + 1 === line.length || line.charCodeAt(k + 1) === 32) { idx = k; break; }
  }
  if (idx <= start) return false;
  if (idx - start > 1000) bail(); // a key go-yaml may find too far from its colon: the exact reader decides
  let kend = idx;
  while (kend > start && line.charCodeAt(kend - 1) === 32) kend--;
  if (c === 45 /* - */ && (kend === start + 1 || line.charCodeAt(start + 1) === 32)) return false; // a sequence entry
  if (forbiddenStart(c)) bail();
  // a tab or ' #' in the key (read char by char: keys are short)
  for (let k = start; k < kend; k++) {
    const d = line.charCodeAt(k);
    if (d === 9 || (d === 35 && k > start && line.charCodeAt(k - 1) === 32)) bail();
  }
  const key = line.slice(start, kend);
  let rs = idx + 1;
  while (rs < line.length && line.charCodeAt(rs) === 32) rs++;
  r.kKey = key;
  r.kRest = rs === line.length || !wantRest ? '' : line.slice(rs);
  r.kRestAt = rs;
  r.kQuoted = false;
  return true;
}

/**
 * The key of a `key: rest` line whose key starts at line[start], as the reader splits it, into
 * `r` (kKey, and kRestAt: where the rest starts, the line's length when there is none); false
 * when it is not one. No allocation but the key's: the line walker (yaml/lines.ts) calls it for
 * every entry it passes.
 */
export function keyAt(r: KeySplit, line: string, start: number): boolean {
  try {
    return splitKeyInto(r, line, start, false);
  } catch (e) {
    if (e instanceof Bail) return false;
    throw e;
  }
}

/** The first character that is not a space. */
const NOT_SPACE = /[^ ]/;

/**
 * Where ' #' first stands in s (-1: nowhere), as s.indexOf(' #'), found from the `#`s: a search
 * for a space stops at every word of a long line.
 */
function commentAt(s: string): number {
  for (let k = s.indexOf('#', 1); k >= 0; k = s.indexOf('#', k + 1)) if (s.charCodeAt(k - 1) === 32) return k - 1;
  return -1;
}

/** A line of blanks only (spaces and tabs: a no-break space is content to YAML). */
const BLANK = /^[ \t]*$/;

/** Characters YAML 1.1 reads as line breaks besides the line feed (and the carriage return, which the fast reader never sees). */
const ODD_BREAKS = /[\u0085\u2028\u2029]/;

/** s without the spaces at its end (only spaces: a no-break space is content to YAML). */
function spacesOffEnd(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Whether s ends with an odd run of backslashes (its last one escapes what follows). */
function oddBackslashesAtEnd(s: string): boolean {
  let k = s.length;
  while (k > 0 && s.charCodeAt(k - 1) === 92) k--;
  return (s.length - k) % 2 === 1;
}

/** Whether a plain key could resolve to something other than itself (null, bool, number). */
function mayResolve(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 126 || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return true;
  // n N t T f F y Y o O: only short words (null, true, false, yes, no, on, off, y, n) resolve
  return s.length <= 5 && 'nNtTfFyYoO'.includes(s[0]);
}

