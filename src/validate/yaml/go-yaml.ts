/**
 * Where go-yaml v2 (what kubectl and the API server run) reads a document otherwise than the yaml
 * package that compose.ts parses with, and what compose.ts does about each: the text mended before
 * reading (no line moves), what follows the first node set aside, names go-yaml refuses found.
 * Each difference was found by test/yaml/reader-vs-go.test.ts against kubectl's own code.
 */
import { CST, Document, isAlias, isMap, isScalar, isSeq, Lexer, Node as YNode, visit } from 'yaml';

/**
 * The text mended where go-yaml reads what the yaml package refuses, and the document read again:
 * a quoted scalar whose later lines are no deeper than its key (go-yaml reads on to the closing
 * quote), and `\'` in double quotes (go-yaml knows it; YAML 1.2 dropped it).
 */
export function mend(text: string, doc: Document, parse: (text: string) => Document): { text: string; doc: Document } {
  // go-yaml v2 reads a quoted scalar on to its closing quote whatever the indentation of its later
  // lines; the yaml package ends it at a line indented no deeper than its parent: indent those
  // lines and read again (no line moves; leading blanks of a scalar's lines are not its content)
  for (let last = -1; doc.errors.length > 0;) {
    const cut = cutQuoted(text);
    const fixed = cut && cut.at > last ? indentQuotedLines(text, cut.at, cut.quote) : undefined;
    if (!fixed) break;
    last = cut!.at;
    text = fixed;
    doc = parse(text);
  }
  // go-yaml v2 knows `\'` in double quotes (YAML 1.2 dropped it): spell those `\x27` and read again
  const quotes = doc.errors.filter((e) => e.code === 'BAD_DQ_ESCAPE' && text.startsWith("\\'", e.pos[0]));
  if (quotes.length > 0 && quotes.length === doc.errors.filter((e) => e.code === 'BAD_DQ_ESCAPE').length) {
    let fixed = '';
    let at = 0;
    for (const e of quotes) { fixed += `${text.slice(at, e.pos[0])}\\x27`; at = e.pos[0] + 2; }
    text = fixed + text.slice(at); // no line moves: lines stay right
    doc = parse(text);
  }
  return { text, doc };
}

/**
 * Whether go-yaml reads this document's first node and stops: after a root that is a flow
 * collection or a scalar (quoted, or plain and not empty), it reads no further than the next token
 * (`{a: 1}\nb: 2` is {a: 1} to kubectl), so errors past the root are not go-yaml's, unless that
 * next token is one go-yaml cannot scan (`@`, a backquote, a tab, a directive, an unclosed quote,
 * a bad anchor name).
 */
export function firstNodeOnly(doc: Document, text: string): boolean {
  const root = doc.contents as YNode | null;
  if (!root?.range) return false;
  const flow = (isMap(root) || isSeq(root)) && (root as { flow?: boolean }).flow === true;
  const quoted = isScalar(root) && (root.type === 'QUOTE_DOUBLE' || root.type === 'QUOTE_SINGLE');
  const plain = isScalar(root) && root.type === 'PLAIN';
  if (!flow && !quoted && !plain) return false;
  const end = root.range[1];
  // the root itself must be whole: a flow collection closed by its bracket, a quoted scalar by its quote
  const source = text.slice(root.range[0], end);
  if (flow ? !source.endsWith(isMap(root) ? '}' : ']') : quoted ? !closes(source) : source.trim() === '') return false;
  if (!doc.errors.every((e) => e.pos[0] >= end)) return false;
  // the next token: past blanks, line breaks and comments
  let k = end;
  for (;;) {
    while (text[k] === ' ' || text[k] === '\n') k++;
    if (text[k] !== '#') break;
    while (k < text.length && text[k] !== '\n') k++;
  }
  const c = text[k];
  if (c === undefined) return true;
  if ('@`%\t'.includes(c)) return false;
  if (c === '"' || c === "'") return closeOf(text, k + 1, c) >= 0;
  if (c === '&' || c === '*') return /^[0-9A-Za-z_-]+([\s?:,\]}%@`]|$)/.test(text.slice(k + 1, k + 256));
  return true;
}

/** go-yaml v2's anchor and alias names: letters, digits, `_` and `-` (the yaml package takes any other character too). */
const ANCHOR_NAME = /^[0-9A-Za-z_-]+$/;

/** The first anchor or alias whose name go-yaml refuses (`&app.labels`, `*x/y`, `&café`): its offset, with go-yaml's words. */
export function badAnchorName(doc: Document): { message: string; offset: number } | undefined {
  let bad: { message: string; offset: number } | undefined;
  visit(doc, (_key, n) => {
    const name = isAlias(n) ? n.source : (n as { anchor?: string } | null)?.anchor;
    if (name !== undefined && !ANCHOR_NAME.test(name)) {
      bad = { message: 'did not find expected alphabetic or numeric character', offset: (n as YNode).range?.[0] ?? 0 };
      return visit.BREAK;
    }
    return undefined;
  });
  return bad;
}

/** The first quoted scalar the yaml package's lexer ends at a line break before its closing quote: where, and its quote. */
function cutQuoted(text: string): { at: number; quote: string } | undefined {
  let offset = 0;
  let prev = '';
  for (const tok of new Lexer().lex(text)) {
    const type = CST.tokenType(tok);
    // the lexer's marks (a document, a scalar follows, a flow error) stand for no text
    if (type === 'doc-mode' || type === 'scalar' || type === 'flow-error-end') { prev = type; continue; }
    if (text.startsWith(tok, offset) === false) return undefined;
    // a block scalar's lines follow a `scalar` mark; a quoted scalar's own token does not
    if ((type === 'single-quoted-scalar' || type === 'double-quoted-scalar') && prev !== 'scalar' && !closes(tok) && text[offset + tok.length] === '\n') {
      return { at: offset + tok.length, quote: tok[0] };
    }
    offset += tok.length;
    prev = type ?? '';
  }
  return undefined;
}

/** Whether a quoted scalar's source ends with its closing quote. */
function closes(source: string): boolean {
  return closeOf(source, 1, source[0]) === source.length - 1;
}

/** Where a scalar in `quote`s that goes on at text[from] closes (-1: it does not). */
function closeOf(text: string, from: number, quote: string): number {
  for (let k = from; k < text.length; k++) {
    if (quote === '"' && text[k] === '\\') { k++; continue; }
    if (text[k] !== quote) continue;
    if (quote === "'" && text[k + 1] === "'") { k++; continue; }
    return k;
  }
  return -1;
}

/**
 * The text with the lines of the quoted scalar that the yaml package cut at `at` (the line break
 * before a line it found under-indented) indented deeper than the scalar's line before the cut;
 * undefined when the scalar has no closing quote or a line of it starts with a document marker
 * (go-yaml refuses those too).
 */
function indentQuotedLines(text: string, at: number, quote: string): string | undefined {
  if (text[at] !== '\n' || (quote !== '"' && quote !== "'")) return undefined;
  const close = closeOf(text, at + 1, quote);
  if (close < 0) return undefined;
  // the last line before the cut with content is part of the scalar and indented deeper than its parent
  let end = at;
  let start = text.lastIndexOf('\n', end - 1) + 1;
  while (start > 0 && BLANKS.test(text.slice(start, end))) {
    end = start - 1;
    start = text.lastIndexOf('\n', end - 1) + 1;
  }
  const pad = ' '.repeat(end - start + 1);
  let out = text.slice(0, at + 1);
  for (let s = at + 1; ;) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const line = text.slice(s, e);
    if (/^(---|\.\.\.)([ \t]|$)/.test(line)) return undefined;
    out += BLANKS.test(line) ? line : pad + line;
    if (e >= close) return out + text.slice(e);
    out += '\n';
    s = e + 1;
  }
}

/** Spaces and tabs only (YAML's blanks; a no-break space is content). */
const BLANKS = /^[ \t]*$/;

