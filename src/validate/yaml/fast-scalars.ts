/**
 * What the fast readers (fast-yaml.ts for blocks, fast-flow.ts for one-line flow collections)
 * share: how they give up on a document (BAIL: the exact reader, compose.ts, reads it instead),
 * the characters a plain scalar may not start with, and single-line quoted scalars as go-yaml v2
 * reads them.
 */

/** What a fast reader returns for a document it leaves to the exact reader. */
export const BAIL: unique symbol = Symbol('bail');

/** Resolves a plain scalar (go-yaml v2's rules: null, booleans, numbers, else the string). */
export type Resolve = (plain: string) => unknown;

/**
 * Thrown inside a fast reader to give the document up; caught where the document starts. Not an
 * Error: nothing reads its stack, and capturing one at every give-up would cost more than reading.
 */
export class Bail {}
const GIVE_UP = new Bail();
export const bail = (): never => { throw GIVE_UP; };

/** First characters that can start a YAML indicator a plain scalar may not start with. */
export const PLAIN_FORBIDDEN_START = /^[[\]{}#&*!|>'"%@`,?:]/;
const FORBIDDEN_START = new Uint8Array(128);
for (const ch of '[]{}#&*!|>\'"%@`,?:') FORBIDDEN_START[ch.charCodeAt(0)] = 1;

/** Whether a plain scalar may not start with this character code (a YAML indicator). */
export function forbiddenStart(c: number): boolean {
  return c < 128 && FORBIDDEN_START[c] === 1;
}

/** Whether a quoted scalar that starts s ends on it. */
export function closes(s: string): boolean {
  try {
    quoted(s, 0);
    return true;
  } catch (e) {
    if (e instanceof Bail) return false;
    throw e;
  }
}

/** Only blanks or a comment may follow a value on its line. */
export function tailMustBeEmpty(s: string, pos: number): void {
  // blanks are spaces and tabs (JavaScript's \s also takes the no-break space, content to YAML)
  const tail = s.slice(pos);
  if (/^[ \t]*$/.test(tail)) return;
  if (/^[ \t]+#/.test(tail)) return;
  bail();
}

// go-yaml v2 (YAML 1.1) has no `\/`; rarer escapes are left to the exact reader
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', 'n': '\n', 't': '\t', 'r': '\r', '0': '\0', ' ': ' ' };

/** A quoted scalar starting at s[pos] that ends on the same line. */
export function quoted(s: string, pos: number): { value: string; end: number } {
  const q = s[pos];
  let out = '';
  let k = pos + 1;
  if (q === "'") {
    for (;;) {
      const e = s.indexOf("'", k);
      if (e < 0) bail();
      out += s.slice(k, e);
      if (s[e + 1] === "'") { out += "'"; k = e + 2; continue; }
      return { value: out, end: e + 1 };
    }
  }
  for (;;) {
    // the text up to the next quote or backslash, taken whole
    let e = k;
    for (let c = s.charCodeAt(e); e < s.length && c !== 34 && c !== 92; c = s.charCodeAt(++e));
    if (e >= s.length) bail();
    if (e > k) out = out === '' ? s.slice(k, e) : out + s.slice(k, e);
    k = e;
    if (s.charCodeAt(k) === 34) return { value: out, end: k + 1 };
    // a backslash: an escape
    const nx = s[k + 1];
    if (nx === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(k + 2, k + 6))) {
      const code = parseInt(s.slice(k + 2, k + 6), 16);
      if (code >= 0xd800 && code <= 0xdfff) bail(); // a surrogate: go-yaml refuses it (the exact reader says so)
      out += String.fromCharCode(code);
      k += 6;
      continue;
    }
    if (nx === undefined || !(nx in ESCAPES)) bail();
    out += ESCAPES[nx];
    k += 2;
  }
}
