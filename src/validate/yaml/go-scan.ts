/** How go-yaml v2's scanner reads a few characters and quoted scalars: shared by the go-*.ts modules that hold the yaml package's reading against it. */

/** A blank to go-yaml's scanner after an indicator (a space, a tab, a line break, the end). */
export const blankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** A `%YAML` or `%TAG` directive line as go-yaml's scanner takes it (another name is refused). */
export const DIRECTIVE_LINE = /^%(?:YAML[ \t]+[0-9]+\.[0-9]+|TAG[ \t]+!(?:[0-9A-Za-z_-]*!)?[ \t]+[^ \t\n]+)[ \t]*(?:#.*)?$/;

/** Anchors and tags before a block mapping's first key, on its line. */
const KEY_PROPS = /(?:[&!][^ \t\n]*[ \t]+)+$/;

/**
 * The column go-yaml v2 indents a block collection at that starts at text[start]: a mapping's is
 * its first key's first token, an anchor or a tag before the key (a tag saves the simple key, and
 * no key may start after it on its line).
 */
export function blockColumn(text: string, start: number, mapping: boolean): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const props = mapping ? KEY_PROPS.exec(text.slice(lineStart, start)) : null;
  return start - lineStart - (props ? props[0].length : 0);
}

/** A block scalar's header as go-yaml's scanner takes it: chomping and indentation (1–9) in either order, then only blanks and a comment. */
export const BLOCK_HEADER = /^[|>](?:[+-][1-9]?|[1-9][+-]?)?[ \t]*(?:#.*)?$/;

/** Whether a quoted scalar's source ends with its closing quote. */
export function closes(source: string): boolean {
  return closeOf(source, 1, source[0]) === source.length - 1;
}

/** Where a scalar in `quote`s that goes on at text[from] closes (-1: it does not). */
export function closeOf(text: string, from: number, quote: string): number {
  for (let k = from; k < text.length; k++) {
    if (quote === '"' && text[k] === '\\') { k++; continue; }
    if (text[k] !== quote) continue;
    if (quote === "'" && text[k + 1] === "'") { k++; continue; }
    return k;
  }
  return -1;
}

/**
 * Whether a double-quoted scalar's source has a `\u` or `\U` escape go-yaml v2 refuses: a
 * surrogate (`\ud83d\ude00`, which the yaml package joins into one character) or past U+10FFFF.
 */
export function badUnicodeEscape(source: string): boolean {
  for (let k = source.indexOf('\\'); k >= 0; k = source.indexOf('\\', k)) {
    const e = source[k + 1];
    const digits = e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (digits > 0 && /^[0-9a-fA-F]+$/.test(source.slice(k + 2, k + 2 + digits)) && source.length >= k + 2 + digits) {
      const code = parseInt(source.slice(k + 2, k + 2 + digits), 16);
      if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return true;
    }
    k += 2 + digits;
  }
  return false;
}

/** The escapes go-yaml v2 takes after a backslash in double quotes, but `x`, `u`, `U` and a line break. */
const SIMPLE_ESCAPES = '0abt\tnvfre "\'\\N_LP';

/** A line of a quoted scalar that starts with a document indicator. */
const DOCUMENT_INDICATOR_LINE = /\n(?:---|\.\.\.)(?=[ \t\n])/;

/**
 * The closing quote of the quoted scalar whose text starts at text[from], as go-yaml's scanner reads
 * it: -1 when it does not close, has an escape go-yaml refuses (`\q`, `\x4`, a surrogate) or a
 * line that starts with `---` or `...`.
 */
export function scannedClose(text: string, from: number, quote: string): number {
  const close = closeOf(text, from, quote);
  if (close < 0) return close;
  // a document indicator that starts one of its lines ("found unexpected document indicator")
  if ((text.includes('\n---', from) || text.includes('\n...', from)) && DOCUMENT_INDICATOR_LINE.test(text.slice(from, close))) return -1;
  if (quote === "'") return close;
  for (let k = text.indexOf('\\', from); k >= 0 && k < close; k = text.indexOf('\\', k + 2)) {
    const e = text[k + 1];
    if (e === '\n' || SIMPLE_ESCAPES.includes(e)) continue;
    const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (digits === 0 || !/^[0-9a-fA-F]+$/.test(text.slice(k + 2, k + 2 + digits)) || k + 2 + digits > close) return -1;
  }
  return badUnicodeEscape(text.slice(from - 1, close + 1)) ? -1 : close;
}


/**
 * Whether every `%` escape of a tag is one go-yaml's scanner decodes (yaml_parser_scan_uri_escapes):
 * two hex digits, the escapes in a row forming whole UTF-8 sequences (a leading octet, then as many
 * trailing ones as it says). Otherwise go-yaml refuses the tag ("did not find URI escaped octet").
 */
export function uriEscapesOk(tag: string): boolean {
  for (let k = tag.indexOf('%'); k >= 0; k = tag.indexOf('%', k)) {
    let want = 0;
    do {
      if (!/^%[0-9A-Fa-f]{2}$/.test(tag.slice(k, k + 3))) return false;
      const octet = parseInt(tag.slice(k + 1, k + 3), 16);
      if (want === 0) {
        want = octet < 0x80 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (want === 0) return false;
      } else if ((octet & 0xc0) !== 0x80) return false;
      k += 3;
      want--;
    } while (want > 0);
  }
  return true;
}
