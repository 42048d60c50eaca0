/**
 * Where go-yaml v2 (what kubectl and the API server run) reads a document otherwise than the yaml
 * package that compose.ts parses with, and what compose.ts does about each: the text mended before
 * reading (no line of the root moves), what follows the first node set aside, names go-yaml refuses found.
 * Each difference was found by test/yaml/reader-vs-go.test.ts against kubectl's own code.
 */
import { CST, Document, isAlias, Lexer, Node as YNode, visit } from 'yaml';
import { blankz, closeOf, closes } from './go-scan';

/**
 * The text mended where go-yaml reads what the yaml package refuses, and the document read again:
 * a quoted scalar whose later lines are no deeper than its key (go-yaml reads on to the closing
 * quote), and `\'` in double quotes (go-yaml knows it; YAML 1.2 dropped it).
 */
export function mend(text: string, doc: Document, parse: (text: string) => Document): { text: string; doc: Document } {
  // go-yaml v2 reads a quoted scalar on to its closing quote whatever the indentation of its later
  // lines; the yaml package ends it at a line indented no deeper than its parent: indent those
  // lines and read again (no line moves but after a root that such a scalar ends, rootEndsAfter;
  // leading blanks of a scalar's lines are not its content).
  // go-yaml v2 reads a flow collection on to its closing bracket whatever the indentation of its
  // later lines; the yaml package wants them deeper than the block collection it stands in
  // (`labels: {app: web,` then `tier: api}` under it): indent those lines and read again.
  // One may hide the other from the lexer (a flow collection cut before a cut quoted scalar):
  // both again while either mends something (a few passes at most: each only adds indentation).
  for (let pass = 0, mended = true; mended && pass < 8 && doc.errors.length > 0; pass++) {
    mended = false;
    if (doc.errors.length > 0) {
      const quoted = mendQuoted(text);
      if (quoted !== text) {
        text = quoted;
        doc = parse(text);
        mended = true;
      }
    }
    for (let last = -1; doc.errors.length > 0;) {
      const at = cutFlow(text);
      const fixed = at !== undefined && at > last ? indentFlowLines(text, at) : undefined;
      if (!fixed) break;
      last = at!;
      text = fixed;
      doc = parse(text);
      mended = true;
    }
  }
  return mendQuoteEscapes(text, doc, parse);
}

/**
 * go-yaml v2 knows `\'` in double quotes (YAML 1.2 dropped it): those the parse refuses spelt
 * `\x27` and read again; the text and parse as they are when there is none. (Other escapes the
 * yaml package refuses stay errors: go-yaml may never read that far.)
 */
export function mendQuoteEscapes(text: string, doc: Document, parse: (text: string) => Document): { text: string; doc: Document } {
  const quotes = doc.errors.filter((e) => e.code === 'BAD_DQ_ESCAPE' && text.startsWith("\\'", e.pos[0]));
  if (quotes.length === 0) return { text, doc };
  let fixed = '';
  let at = 0;
  for (const e of quotes) { fixed += `${text.slice(at, e.pos[0])}\\x27`; at = e.pos[0] + 2; }
  text = fixed + text.slice(at); // no line moves: lines stay right
  return { text, doc: parse(text) };
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


/**
 * The text with each quoted scalar that the yaml package's lexer cuts mended in turn
 * (quotedLinesMended), first to last, as far as the first it cannot mend: what lexing the whole
 * text again after each mend finds, but lexed once. After a mended scalar the lexer's state at the
 * next line's start is known (block context; the indentation it wants of a scalar's later lines,
 * `indentNext`, is what it was in the scalar), so a new lexer given that state reads on from there
 * when the scalar's closing line holds nothing else and the next line has content. Otherwise the
 * text is lexed again from its start, as before. A file with hundreds of wrapped quoted
 * descriptions (OpenTelemetry's operator manifest: 256) is read in a second, not in minutes.
 */
export function mendQuoted(text: string): string {
  const done: string[] = [];
  let rest = text;
  let indentNext = 0;
  const rootColumn = firstContentColumn(text);
  for (let last = -1, base = 0; ;) {
    const cut = cutQuoted(rest, indentNext);
    const fix = cut && base + cut.at > last ? quotedLinesMended(rest, cut.at, cut.quote, rootColumn) : undefined;
    if (!cut || !fix) return done.join('') + rest;
    last = base + cut.at;
    const { close, end } = fix;
    const head = fix.head ?? rest.slice(0, cut.at + 1);
    const next = rest.slice(end + 1, rest.indexOf('\n', end + 1) >>> 0);
    if (cut.flowLevel === 0 && end < rest.length && /^[ \t]*(#.*)?$/.test(rest.slice(close + 1, end)) && /^[ \t]*[^ \t#\r\n]/.test(next) && !/^[%\ufeff]/.test(next)) {
      done.push(head, fix.lines, '\n');
      base += head.length + fix.lines.length + 1;
      rest = rest.slice(end + 1);
      indentNext = cut.indentNext;
    } else {
      rest = done.join('') + head + fix.lines + rest.slice(end);
      done.length = 0;
      base = 0;
      indentNext = 0;
    }
  }
}

/**
 * The first quoted scalar the yaml package's lexer ends at a line break before its closing quote
 * (`indentNext`: the lexer's state at the text's start, read on from a line start): where, its
 * quote, and the lexer's indentNext and flowLevel there.
 */
function cutQuoted(text: string, indentNext = 0): { at: number; quote: string; indentNext: number; flowLevel: number } | undefined {
  let offset = 0;
  let prev = '';
  const lexer = new Lexer();
  // the lexer's own state (not in its typings): where a version lacks it, mendQuoted lexes from the start
  const state = lexer as unknown as { indentNext?: number; flowLevel?: number };
  if (indentNext !== 0) state.indentNext = indentNext;
  // an anchor's or alias's name that go-yaml ends before the lexer does (`&a:0 'x`): what follows it,
  // the quote too, is a plain scalar to go-yaml, no quoted one (but for a lone indicator: `&a: 'x'`)
  let plainAfterName = false;
  for (const tok of lexer.lex(text)) {
    const type = CST.tokenType(tok);
    // the lexer's marks (a document, a scalar follows, a flow error) stand for no text
    if (type === 'doc-mode' || type === 'scalar' || type === 'flow-error-end') { prev = type; continue; }
    if (text.startsWith(tok, offset) === false) return undefined;
    if (type === 'anchor' || type === 'alias') {
      const rest = tok.slice(1).replace(/^[0-9A-Za-z_-]+/, '');
      plainAfterName = rest !== '' && rest !== ':' && rest !== '?' && rest.length < tok.length - 1;
    } else if (type !== 'space') {
      const plain = plainAfterName;
      plainAfterName = false;
      if (plain) { offset += tok.length; prev = type ?? ''; continue; }
    }
    // a block scalar's lines follow a `scalar` mark; a quoted scalar's own token does not
    if ((type === 'single-quoted-scalar' || type === 'double-quoted-scalar') && prev !== 'scalar' && !closes(tok) && text[offset + tok.length] === '\n') {
      const known = typeof state.indentNext === 'number' && typeof state.flowLevel === 'number';
      return { at: offset + tok.length, quote: tok[0], indentNext: known ? state.indentNext! : 0, flowLevel: known ? state.flowLevel! : -1 };
    }
    offset += tok.length;
    prev = type ?? '';
  }
  return undefined;
}

/**
 * The lines of the quoted scalar that the yaml package cut at `at` (the line break before a line
 * it found under-indented), from the line after the cut to the line of its closing quote,
 * indented deeper than the scalar's line before the cut: they replace text[at + 1, end), `close`
 * is its closing quote. Undefined when the scalar has no closing quote or a line of it starts with
 * a document marker (go-yaml refuses those too).
 */
function quotedLinesMended(text: string, at: number, quote: string, rootColumn = 0): { lines: string; close: number; end: number; head?: string } | undefined {
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
  const out: string[] = [];
  for (let s = at + 1; ;) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const line = text.slice(s, e);
    if (DOC_MARKER.test(line)) return undefined;
    if (e >= close) {
      const ended = rootEndsAfter(text, line, close - s, quote, rootColumn, out, at, pad);
      if (ended) return { ...ended, close, end: e };
    }
    out.push(BLANKS.test(line) && !line.includes('\t') ? line : pad + line); // a tab-only line is under-indented to the yaml package
    if (e >= close) return { lines: out.join('\n'), close, end: e };
    s = e + 1;
  }
}

/**
 * The first flow collection opened in block context whose later lines are no deeper than the
 * block collection it stands in (the yaml package ends it there; go-yaml reads on): where it opens.
 */
function cutFlow(text: string): number | undefined {
  let offset = 0;
  let depth = 0;
  for (const tok of new Lexer().lex(text)) {
    const type = CST.tokenType(tok);
    if (type === 'doc-mode' || type === 'scalar') continue;
    if (type === 'flow-error-end') return undefined; // a flow collection the lexer ended early that opened before: not one looked at here
    if (!text.startsWith(tok, offset)) return undefined;
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (depth === 0) {
        const lines = flowLines(text, offset);
        if (lines && lines.under.length > 0) return offset;
      }
      depth++;
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') {
      depth = Math.max(0, depth - 1);
    }
    offset += tok.length;
  }
  return undefined;
}

/**
 * The flow collection that opens at text[at], read as go-yaml reads it (brackets nest, quoted
 * scalars and comments hide them): the indentation its later lines need (deeper than the
 * block collection of the line it opens on, `- ` items included) and where those lines start that
 * are not that deep; undefined when it does not close or a line of it is a document marker.
 */
function flowLines(text: string, at: number): { need: number; under: number[] } | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const need = /^ *(?:- +)*/.exec(text.slice(lineStart, at))![0].length + 1;
  const under: number[] = [];
  let depth = 0;
  // inside a plain scalar, which goes on over blanks and line breaks to `: `, ` #` or a flow
  // indicator: a quote there is content (`z:"`, a line that starts with `"`), no quoted scalar
  let plain = false;
  for (let k = at; k < text.length; k++) {
    const c = text[k];
    if (c === '\n') {
      const line = lineFrom(text, k + 1);
      if (DOC_MARKER.test(line)) return undefined;
      const indent = /^ */.exec(line)![0].length;
      if (!BLANKS.test(line) && indent < need) under.push(k + 1);
    } else if (c === ' ' || c === '\t' || c === '\r') {
      continue;
    } else if (c === '[' || c === '{') {
      depth++;
      plain = false;
    } else if (c === ']' || c === '}') {
      if (--depth === 0) return { need, under };
      plain = false;
    } else if (c === ',') {
      plain = false;
    } else if (c === ':' && blankz(text[k + 1])) {
      plain = false;
    } else if (c === '#' && /\s/.test(text[k - 1])) {
      const end = text.indexOf('\n', k);
      if (end < 0) return undefined;
      k = end - 1;
      plain = false;
    } else if (plain) {
      continue;
    } else if (c === '"' || c === "'") {
      const end = closeOf(text, k + 1, c);
      if (end < 0) return undefined;
      for (let n = text.indexOf('\n', k); n >= 0 && n < end; n = text.indexOf('\n', n + 1)) {
        const line = lineFrom(text, n + 1);
        if (DOC_MARKER.test(line)) return undefined;
        if (!BLANKS.test(line) && /^ */.exec(line)![0].length < need) under.push(n + 1);
      }
      k = end;
    } else if (c === '&' || c === '*') {
      // an anchor or an alias: its name (go-yaml's letters, digits, `_` and `-`), no plain scalar
      while (/[0-9A-Za-z_-]/.test(text[k + 1] ?? '')) k++;
    } else if (c === '!') {
      // a tag: to a blank (its `,` and brackets are escaped by now: mendProps)
      while (k + 1 < text.length && !blankz(text[k + 1])) k++;
    } else if (c === ':' || ((c === '?' || c === '-') && blankz(text[k + 1]))) {
      // an indicator where a token starts (in a flow collection a `:` there is a value, whatever follows it)
    } else {
      plain = true;
    }
  }
  return undefined;
}

/** The text with the lines of the flow collection that opens at `at` indented as deep as it needs (no line moves; leading blanks in a flow collection are not content). */
function indentFlowLines(text: string, at: number): string | undefined {
  const lines = flowLines(text, at);
  if (!lines || lines.under.length === 0) return undefined;
  let out = '';
  let from = 0;
  for (const start of lines.under) {
    const indent = /^ */.exec(text.slice(start, start + lines.need))![0].length;
    out += text.slice(from, start) + ' '.repeat(lines.need - indent);
    from = start;
  }
  return out + text.slice(from);
}

/** Spaces and tabs only (YAML's blanks; a no-break space is content). */
const BLANKS = /^[ \t]*$/;

/** The column of a text's first line of content (no comment, directive or document marker): where its root starts. */
function firstContentColumn(text: string): number {
  for (let s = 0; s < text.length;) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const line = text.slice(s, e);
    const c = line.search(/[^ ]/);
    if (c >= 0 && line[c] !== '#' && line[c] !== '%' && !(c === 0 && DOC_MARKER.test(line))) return c;
    s = e + 1;
  }
  return 0;
}

/**
 * A quoted scalar whose closing quote starts its line and is followed there by more, less indented
 * than the document's root (`  k: 'a\n'q' x`): go-yaml ends the root with the scalar and reads
 * no further than that next token. Padding the line (quotedLinesMended) would move the token into
 * the root, so the quote goes to the end of the line before instead (the value is the same: the
 * line break between them folds into a space) and the line keeps its own columns, the quote a
 * blank. After a blank line (`  k: 'a\n\n'q`) the line breaks are the value's ("a\n") and no quote
 * on a line before keeps them: the quote gets a line of its own, padded as the scalar's other
 * lines, and what followed it the next line, in its own columns: the one place a mend moves a
 * line, after the root, where go-yaml reads nothing but that token. Undefined where that does not
 * hold, or the token is a `- `, `? ` or `: ` that go-yaml refuses on the scalar's own line.
 */
function rootEndsAfter(text: string, line: string, q: number, quote: string, rootColumn: number, out: string[], at: number, pad: string): { lines: string; head?: string } | undefined {
  if (!/^ *$/.test(line.slice(0, q))) return undefined;
  const after = line.slice(q + 1);
  const k = after.search(/[^ \t]/);
  if (k < 0 || after[k] === '#' || q + 1 + k >= rootColumn) return undefined;
  // (a `:` there is a value with no key: the scalar over lines is none, and go-yaml refuses it: `  - "x\n": y`)
  if ((after[k] === '-' || after[k] === '?' || after[k] === ':') && (k + 1 >= after.length || ' \t'.includes(after[k + 1]))) return undefined;
  const start = text.lastIndexOf('\n', at - 1) + 1; // the cut line, when the quote closes on the next
  const before = out.length > 0 ? out[out.length - 1] : text.slice(start, at);
  const rest = ' '.repeat(q + 1) + after;
  if (BLANKS.test(before)) {
    out.push(pad + line.slice(0, q + 1), rest);
    return { lines: out.join('\n') };
  }
  const kept = before.replace(/[ \t]+$/, '');
  // the line break folds into a space; escaped (a backslash that ends the line in double quotes) it is nothing
  const closed = quote === '"' && /(^|[^\\])(\\\\)*\\$/.test(kept) ? `${kept.slice(0, -1)}"` : `${kept} ${quote}`;
  if (out.length > 0) {
    out[out.length - 1] = closed;
    out.push(rest);
    return { lines: out.join('\n') };
  }
  return { lines: rest, head: `${text.slice(0, start)}${closed}\n` };
}

/** A line that starts or ends a document (`---`, `...`). */
const DOC_MARKER = /^(---|\.\.\.)([ \t]|$)/;

/** The line of the text that starts at offset `start`, without its line break. */
export function lineFrom(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Whether the text has a character besides \n and \r that go-yaml v2 reads as a line break (YAML 1.1: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR). */
export function hasGoBreaks(text: string): boolean {
  return text.includes('\u0085') || text.includes('\u2028') || text.includes('\u2029');
}

/**
 * The text with go-yaml's other line breaks written as \n, so that the yaml package (YAML 1.2:
 * they are content there) sees the lines go-yaml sees: NEL, LINE SEPARATOR and PARAGRAPH
 * SEPARATOR (one character for one: no offset moves). NEL is a \n to go-yaml everywhere (its
 * read_line gives \n for it); the separators stay themselves in a scalar's value, which
 * go-separators.ts gives for each scalar they break.
 */
export function goLineBreaks(text: string): string {
  return text.replace(/[\u0085\u2028\u2029]/g, '\n');
}
