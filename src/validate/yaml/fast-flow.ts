/**
 * One-line flow collections (`[a, "b"]`, `{k: v}`, nested) for the fast block reader
 * (fast-yaml.ts). Read with a stack of its own rather than the JavaScript stack, so that nesting
 * as deep as a hostile file goes costs what its length costs: a collection nested deeper than
 * MAX_DEPTH (counting the block collections around the flow, as the exact reader counts) is
 * noted in `tooDeep`, and the reader refuses the document there just as the exact reader would,
 * without handing it to the exact reader (whose YAML parser takes seconds on a million levels).
 */
import { MAX_DEPTH } from './compose';
import { bail, PLAIN_FORBIDDEN_START, quoted, Resolve } from './fast-scalars';

/** A collection being read: a sequence, or a mapping and the key whose value comes next. */
type Open = { arr: unknown[]; obj?: undefined; key?: undefined } | { arr?: undefined; obj: Record<string, unknown>; key: string };

export class Flow {
  pos = 0;
  /** Whether a collection is nested deeper than MAX_DEPTH: the document is refused on this line. */
  tooDeep = false;

  /**
   * @param s the text from the flow collection's first character to the end of its line
   * @param resolve resolves plain scalars
   * @param outer how many block collections enclose the flow collection
   */
  constructor(private readonly s: string, private readonly resolve: Resolve, private readonly outer = 0) {}

  private ws(): void {
    while (this.s[this.pos] === ' ') this.pos++;
  }

  /** The node at pos (a collection, a quoted or a plain scalar). */
  node(): unknown {
    const open: Open[] = [];
    for (;;) {
      // one node starts here: a collection opens (and maybe closes at once), or a scalar is read
      let value: unknown;
      this.ws();
      const c = this.s[this.pos];
      if (c === '[' || c === '{') {
        if (this.outer + open.length + 1 > MAX_DEPTH) this.tooDeep = true;
        this.pos++;
        this.ws();
        if (c === '[') {
          const arr: unknown[] = [];
          if (this.s[this.pos] !== ']') { open.push({ arr }); continue; }
          this.pos++;
          value = arr;
        } else {
          const obj: Record<string, unknown> = {};
          if (this.s[this.pos] === '}') {
            this.pos++;
            value = obj;
          } else {
            const key = this.key(obj);
            open.push({ obj, key });
            if (!this.valueIsNull()) continue;
            value = null;
          }
        }
      } else {
        value = this.scalar();
      }
      // the node is complete: it goes into the collection around it, which may close in turn
      for (;;) {
        const top = open[open.length - 1];
        if (top === undefined) return value;
        if (top.arr) top.arr.push(value);
        else top.obj[top.key] = value;
        this.ws();
        const d = this.s[this.pos];
        const close = top.arr ? ']' : '}';
        if (d === ',') {
          this.pos++;
          this.ws();
          if (this.s[this.pos] !== close) {
            if (top.obj) {
              top.key = this.key(top.obj);
              if (this.valueIsNull()) { value = null; continue; }
            }
            break; // the next item or value is a node of its own
          }
        } else if (d !== close) {
          bail();
        }
        this.pos++;
        open.pop();
        value = top.arr ?? top.obj;
      }
    }
  }

  /** `key:` in a flow mapping (a string key, not seen before in it); pos is then after the colon. */
  private key(obj: Record<string, unknown>): string {
    this.ws();
    const c = this.s[this.pos];
    if (c === '[' || c === '{') bail(); // a key that is a collection: the exact reader
    const from = this.pos;
    const k = this.scalar();
    if (typeof k !== 'string') bail(); // keys that resolve to other types: the exact reader
    if (this.pos - from > 1000) bail(); // a key go-yaml may find too far from its colon: the exact reader decides
    const key = k as string;
    this.ws();
    if (this.s[this.pos] !== ':') bail();
    this.pos++;
    if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(obj, key)) bail();
    return key;
  }

  /** After `key:`: whether the value is left out (null: `{a: , b}`, `{a:}`). */
  private valueIsNull(): boolean {
    this.ws();
    const c = this.s[this.pos];
    return c === ',' || c === '}';
  }

  private scalar(): unknown {
    this.ws();
    const c = this.s[this.pos];
    if (c === '"' || c === "'") {
      const { value, end } = quoted(this.s, this.pos);
      this.pos = end;
      return value;
    }
    return this.plain();
  }

  private plain(): unknown {
    const start = this.pos;
    // a `-` before a blank is a block sequence entry to go-yaml (`[- ]` is refused): the exact reader says so
    if (this.s[start] === '-' && (start + 1 >= this.s.length || this.s[start + 1] === ' ' || this.s[start + 1] === '\t')) bail();
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos];
      if (ch === ',' || ch === ']' || ch === '}') break;
      // a flow indicator inside a plain scalar, or a colon that is not the `key: value` one, is
      // where YAML parsers differ (js-yaml once wrote `[.:[]`, which it could not read back): decline
      if (ch === '[' || ch === '{' || ch === '?') bail();
      if (ch === ':') {
        // go-yaml ends a plain scalar at a colon before a blank only (`[001:db8::]` is one string): the rest to the exact reader
        if (this.s[this.pos + 1] === ' ') break;
        bail();
      }
      if (ch === '#' && this.s[this.pos - 1] === ' ') bail();
      this.pos++;
    }
    // (blanks end it, not JavaScript's trim(): a no-break or ideographic space, or a byte order mark, is content to go-yaml)
    let end = this.pos;
    while (end > start && this.s[end - 1] === ' ') end--;
    const text = this.s.slice(start, end);
    if (text === '' || PLAIN_FORBIDDEN_START.test(text) || text.includes('\t')) bail();
    return this.resolve(text);
  }
}
