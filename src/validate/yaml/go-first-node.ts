/**
 * Where go-yaml v2 stops reading a document: after a root that is a flow collection or a scalar
 * (quoted, or plain and not empty), or an indented block collection, it reads no further than the
 * next token, so the yaml package's errors past that are not go-yaml's (go-yaml.ts has the other
 * differences between the two readers). Its scanner reads further while the first token of the
 * root's line may be a simple key: to the first token of the next line (keyLookahead).
 */
import { CST, Document, isMap, isScalar, isSeq, Lexer, Node as YNode } from 'yaml';
import { blankz, BLOCK_HEADER, blockColumn, closeOf, closes, DIRECTIVE_LINE, scannedClose, uriEscapesOk } from './go-scan';
import { tagAt } from './go-props';
import { rootBlockEnd } from './go-block-scalars';
import { parseFirst } from './go-text';
import { sourceTokens } from './tokens';

/**
 * Where go-yaml ends the root of a document that the yaml package read without an error, when
 * that is before where the yaml package ends it (rootEnd then says whether go-yaml reads on to
 * the next token or refuses it): a root block scalar whose text starts at column 0, a mapping
 * whose first key is a flow collection that saves no simple key (keylessFlow). Undefined otherwise.
 */
export function earlyEnd(doc: Document, text: string): number | undefined {
  const root = doc.contents;
  if (isScalar(root) && (root.type === 'BLOCK_LITERAL' || root.type === 'BLOCK_FOLDED')) return rootBlockEnd(text, root);
  if (!isMap(root) || (root as { flow?: boolean }).flow || !(text.includes('[') || text.includes('{'))) return undefined;
  const key = root.items[0]?.key as YNode | null;
  return (isMap(key) || isSeq(key)) && key.range && (key as { flow?: boolean }).flow && keylessFlow(text, key.range[0], key.range[1]) ? key.range[1] : undefined;
}

/**
 * The document read up to the line of its first error, when that is a block collection whose first
 * line is indented or a plain scalar, and where go-yaml ends it (rootEnd on it, against the whole
 * text): the yaml package may lose such a root to a token it cannot read on a later line. Undefined
 * otherwise.
 */
export function indentedRootBefore(doc: Document, text: string): { end: number; doc: Document } | undefined {
  const first = Math.min(...doc.errors.map((e) => e.pos[0]));
  const cut = text.lastIndexOf('\n', first - 1) + 1;
  if (cut === 0) return undefined;
  const before = parseFirst(text.slice(0, cut));
  const root = before?.contents as YNode | null | undefined;
  if (!before || before.errors.length > 0 || !root?.range) return undefined;
  // (or a plain scalar root that the yaml package lost that way: `x # c` then `- !!bi|nary x` is "x" to go-yaml)
  const lostPlain = isScalar(root) && root.type === 'PLAIN' && (doc.contents as YNode | null)?.range?.[0] !== root.range[0];
  if (!lostPlain) {
    if (!(isMap(root) || isSeq(root)) || (root as { flow?: boolean }).flow) return undefined;
    if (root.range[0] === text.lastIndexOf('\n', root.range[0] - 1) + 1) return undefined; // its first line is not indented
  }
  const end = firstNodeEnd(before, root, text, undefined, undefined);
  return end === false ? undefined : { end, doc: before };
}

/**
 * Where the root node ends when go-yaml reads it alone and stops, else undefined: `{a: 1}\nb: 2`
 * is {a: 1} to kubectl; so is an indented block collection, `  a: 1\nb: 2`, at the first line
 * less indented. Errors past the root are then not go-yaml's, unless the next token is one
 * go-yaml cannot scan (`@`, a backquote, a tab, a directive but %YAML and %TAG, an unclosed
 * quote, a bad anchor name). A flow collection ends at its closing bracket: the yaml package's
 * range may take in what follows it when that cannot be read (`{a} *y` then an unclosed quote),
 * go-yaml never reads that far. Also: properties before `,]}` or a second property (an empty
 * root), an empty flow collection (never a key), a directive line where a token may start.
 */
export function rootEnd(doc: Document, text: string): number | undefined {
  const root = doc.contents as YNode | null;
  if (!root?.range) return undefined;
  // a directive at a line's start where a token may start ends the document to go-yaml, when it scans
  const directive = doc.errors[0]?.pos[0];
  if (directive !== undefined && text[directive] === '%' && (directive === 0 || text[directive - 1] === '\n') && doc.errors.every((e) => e.pos[0] >= directive)) {
    // (in a flow collection left open, go-yaml's parser finds the directive where it wants a node: refused)
    return DIRECTIVE_LINE.test(text.slice(directive, text.indexOf('\n', directive) >>> 0)) && !inFlowAt(text, directive) ? directive : undefined;
  }
  const first = firstContent(text);
  // (the first property may be a simple key: go-yaml scans on to the end of its line, and the next token)
  if (first?.props && (first.second || ',]}'.includes(text[first.at]))) return keyLookahead(text, first.at, first.at) ? first.at : undefined;
  // an empty flow collection that starts the document is never a key to go-yaml
  // (yaml_parser_decrease_flow_level forgets the simple key of the token that opened it): `[]: 1`
  // is the root `[]`, then one token scanned. A `:` right after a `]` on a later line than the
  // `[` is refused there (the key is stale by then, and no key may start after `]`), and so is
  // the `:` of `&a []: 1` (the anchor is the key: an invalid one)
  const close = first && !first.props ? flowEnd(text, first.at) : undefined;
  // (one with entries must read without an error of its own)
  if (close && keylessFlow(text, first!.at, close) && doc.errors.every((e) => e.pos[0] >= close || EMPTY_FLOW.test(text.slice(first!.at, close)))) {
    const k = nextToken(text, close);
    const staleKey = text[k] === ':' && blankz(text[k + 1]) && text.lastIndexOf('\n', k - 1) >= first!.at && text.lastIndexOf('\n', k - 1) < close;
    return !staleKey && scannable(text, k, close) && laterKeyScans(text, k, close) ? close : undefined;
  }
  const ok = firstNodeEnd(doc, root, text, flowEnd(text, root.range[0]), quotedEnd(text, root.range[0]));
  return ok ? ok : undefined;
}

/** Whether a flow collection opened before text[at] is still open there, by the yaml package's lexer. */
function inFlowAt(text: string, at: number): boolean {
  let depth = 0;
  for (const t of sourceTokens(text)) {
    if (t.at >= at) break;
    if (t.type === 'flow-map-start' || t.type === 'flow-seq-start') depth++;
    else if ((t.type === 'flow-map-end' || t.type === 'flow-seq-end') && depth > 0) depth--;
  }
  return depth > 0;
}

/** Blanks and line breaks only (not JavaScript's trim(): a byte order mark or a no-break space is a plain scalar to go-yaml). */
const BLANKS_ONLY = /^[ \t\n]*$/;

/** A flow collection with no token in it: blanks, line breaks and comments between its brackets. */
const EMPTY_FLOW = /^(?:\[(?:[ \t\n]|#[^\n]*)*\]|\{(?:[ \t\n]|#[^\n]*)*\})$/;

/**
 * Whether the flow collection text[start, end) saves no simple key of its own to go-yaml's scanner:
 * it is empty, or each of its entries starts with a `?` (`{? x}`, `[? a: 1]`; after a `?` in a flow
 * collection no simple key is allowed). Closing it then forgets the simple key of the token that
 * opened it: it is never a key (`{? x}: 1` is the root {x: null}, then one token scanned).
 */
function keylessFlow(text: string, start: number, end: number): boolean {
  const flow = text.slice(start, end);
  if (EMPTY_FLOW.test(flow)) return true;
  if (!flow.includes('?')) return false;
  let depth = 0;
  let entry = false; // a token here starts an entry of the collection
  for (const t of sourceTokens(flow)) {
    if (t.type === 'space' || t.type === 'newline' || t.type === 'comment') continue;
    const opens = t.type === 'flow-map-start' || t.type === 'flow-seq-start';
    const closes = t.type === 'flow-map-end' || t.type === 'flow-seq-end';
    if (depth === 1 && entry && !closes) {
      // (go-yaml's `?` in a flow collection is a key's indicator also before a non-blank: `[?a]`)
      if (t.type !== 'explicit-key-ind' && !(t.type === null && t.text.startsWith('?'))) return false;
      entry = false;
    }
    if (opens) { depth++; entry = depth === 1; } else if (closes) depth--;
    else if (t.type === 'comma' && depth === 1) entry = true;
  }
  return true;
}

/**
 * Where a document's first node starts (past a document start, anchors and tags) and whether
 * anchors or tags come before it. A document whose properties are followed by a `,`, `]` or `}`,
 * or by a second anchor or tag (`second`), ends there to go-yaml: no node starts with one, so the
 * root is an empty node with those properties (`!t ,` and `!t- !!int "12"` are "", `&a ]` null)
 * and the parser reads no further.
 */
function firstContent(text: string): { at: number; props: boolean; second?: boolean } | undefined {
  let anchor = false;
  let tag = false;
  for (const t of sourceTokens(text)) {
    // a node takes one anchor and one tag: a second one ends it, as a `,` does
    if ((t.type === 'anchor' && anchor) || (t.type === 'tag' && tag)) return { at: t.at, props: true, second: true };
    if (t.type === 'anchor') anchor = true;
    else if (t.type === 'tag') tag = true;
    else if (t.type === 'space' || t.type === 'newline' || t.type === 'comment' || t.type === 'doc-start' || t.type === 'directive-line') continue;
    else return { at: t.at, props: anchor || tag };
  }
  return undefined;
}

/** Past the closing quote of the quoted scalar that starts at text[start] (undefined: none starts there, or it does not close). */
function quotedEnd(text: string, start: number): number | undefined {
  const q = text[start];
  if (q !== '"' && q !== "'") return undefined;
  const close = closeOf(text, start + 1, q);
  return close < 0 ? undefined : close + 1;
}

/** Whether a `:` that makes a key of what ends at text[at] follows it on its line (past blanks). */
function colonOnLine(text: string, at: number): boolean {
  let k = at;
  while (text[k] === ' ' || text[k] === '\t') k++;
  return text[k] === ':' && (k + 1 >= text.length || ' \t\n'.includes(text[k + 1]));
}

/** Past the closing bracket of the flow collection that starts at text[start], by the yaml package's lexer (quoted scalars and comments are single tokens). */
function flowEnd(text: string, start: number): number | undefined {
  if (text[start] !== '{' && text[start] !== '[') return undefined;
  let offset = 0;
  let depth = 0;
  for (const tok of new Lexer().lex(text)) {
    const type = CST.tokenType(tok);
    if (type === 'doc-mode' || type === 'scalar' || type === 'flow-error-end') continue;
    if (offset >= start) {
      if (type === 'flow-map-start' || type === 'flow-seq-start') depth++;
      else if ((type === 'flow-map-end' || type === 'flow-seq-end') && --depth === 0) return offset + 1;
    }
    offset += tok.length;
  }
  return undefined;
}

function firstNodeEnd(doc: Document, root: YNode, text: string, flowClose: number | undefined, quoteClose: number | undefined): number | false {
  if (!root.range) return false;
  // a flow collection that starts the document and is no key (no colon after it on its line) is the
  // root to go-yaml, whatever the yaml package made of the lines after it (an implicit key over lines);
  // so is a quoted scalar (`"2m",` then an unclosed quote: the yaml package made a mapping of it all)
  const flow = ((isMap(root) || isSeq(root)) && (root as { flow?: boolean }).flow === true) || (flowClose !== undefined && !colonOnLine(text, flowClose));
  const quotedKeyless = !flow && quoteClose !== undefined && !isScalar(root) && !colonOnLine(text, quoteClose);
  const quoted = (isScalar(root) && (root.type === 'QUOTE_DOUBLE' || root.type === 'QUOTE_SINGLE')) || quotedKeyless;
  const plain = isScalar(root) && root.type === 'PLAIN';
  // a block scalar ends at its first line less indented than its text: go-yaml's document ends there too
  const blockScalar = isScalar(root) && (root.type === 'BLOCK_LITERAL' || root.type === 'BLOCK_FOLDED');
  // an anchor or a tag before an alias (`&x *y`): to go-yaml the root is an empty node with those
  // properties, and the alias the next token (the yaml package refuses properties on an alias, and
  // what follows on later lines may make it a mapping's first key)
  const props = text[root.range[0]] === '*' && doc.errors.some((e) => e.code === 'ALIAS_PROPS' && e.pos[0] === root.range![0]);
  // a block collection whose first line is indented: a line less indented ends it, and the document
  const block = (isMap(root) || isSeq(root)) && !flow && !quotedKeyless && !props;
  const column = blockColumn(text, root.range[0], isMap(root));
  if (!flow && !quoted && !plain && !props && !blockScalar && !(block && column > 0)) return false;
  const end = flow ? flowClose ?? root.range[1] : quotedKeyless ? quoteClose! : props ? root.range[0] : blockScalar ? rootBlockEnd(text, root) ?? root.range[1] : root.range[1];
  // the root itself must be whole: a flow collection closed by its bracket, a quoted scalar by its quote
  const source = text.slice(root.range[0], end);
  if (!block && !props && !blockScalar && (flow ? !source.endsWith(text[root.range[0]] === '{' ? '}' : ']') : quoted ? !closes(source) : BLANKS_ONLY.test(source))) return false;
  // the next token (nextToken): every error must be past the root, at that token or after it (one
  // where the root ends is about the root: an indented block mapping's `!t` line without a colon ends it at the tag)
  // (a plain root's scanner takes the blanks and line breaks after it, tabs too, up to a comment or what ends it)
  let k: number;
  if (plain) {
    let j = end;
    while (text[j] === ' ' || text[j] === '\t' || text[j] === '\n') j++;
    k = text[j] === '#' ? nextToken(text, j) : j;
  } else k = nextToken(text, end);
  // a flow or quoted root over lines is no key to go-yaml (its line's simple key is stale by its
  // end), whatever the yaml package made of it; a `:` next on its line is then a value where no
  // key may start: refused (on a later line it starts a mapping go-yaml never reads)
  const overLines = (flow || quoted) && text.lastIndexOf('\n', end - 1) >= root.range[0];
  const aboutRootKey = (e: { code: string; pos: [number, number] }) => overLines && e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === root.range![0];
  if (!doc.errors.every((e) => e.pos[0] >= k || aboutRootKey(e))) return false;
  // a quoted scalar in the root that no quote closes: go-yaml scans it to the end of the text, and refuses it
  if (doc.errors.some((e) => e.code === 'MISSING_CHAR' && e.message.startsWith('Missing closing') && e.pos[0] <= end)) return false;
  if (overLines && text[k] === ':' && blankz(text[k + 1]) && text.lastIndexOf('\n', k - 1) < end) return false;
  if (block && k < text.length && k - (text.lastIndexOf('\n', k - 1) + 1) >= column) return false;
  // a flow collection in it that no bracket closes (mend() has indented the lines of those that close): go-yaml reads it on past the root's end, to the text's
  if (block && doc.errors.some((e) => e.code === 'BAD_INDENT' && e.message.includes('sufficiently indented and end with'))) return false;
  if (!scannable(text, k, end)) return false;
  if (!laterKeyScans(text, k, end)) return false;
  if ((flow || quoted || props) && !keyLookahead(text, root.range[0], end)) return false;
  return end;
}

/**
 * Whether go-yaml's scanner takes what follows the token at text[k], the first after the root that
 * ends at text[end], when that token starts a later line: a quoted scalar, an alias, a plain
 * scalar, a flow collection, a tag or an anchor there may be a simple key, and the scanner reads
 * on to the token after it (a plain scalar that runs to its line's end goes stale on the lines it
 * reads on). True when k starts no later line.
 */
function laterKeyScans(text: string, k: number, end: number): boolean {
  if (k >= text.length || text.lastIndexOf('\n', k - 1) < contentEnd(text, end)) return true;
  const c = text[k];
  const after = c === '*' ? nameEnd(text, k) : c === '"' || c === "'" ? quotedEnd(text, k) : PLAIN_START.test(text.slice(k, k + 2)) ? plainEndOnLine(text, k) : undefined;
  // (a quoted scalar over lines is a stale key at its end: nothing after it is scanned)
  const stale = after !== undefined && (c === '"' || c === "'") && text.lastIndexOf('\n', after - 1) >= k;
  // (a quoted scalar or an alias on one line stays a possible key: the scanner reads on to the line's end, `'a' "b" 'c` is refused)
  if (after !== undefined && !stale && !(c === '"' || c === "'" || c === '*' ? keyLookahead(text, k, after, true) : nextScans(text, after))) return false;
  // a flow collection there may be a simple key too: the scanner reads on to the end of its line
  // (not past an empty one, which is no key once closed: the scan stops at its bracket)
  if ((c === '{' || c === '[') && !keylessFlow(text, k, flowEnd(text, k) ?? k) && !keyLookahead(text, k, k, true)) return false;
  // so may a tag or an anchor: the scanner reads on past it (`!t - a` is refused there: no block entry after a property)
  if ((c === '!' || c === '&') && !keyLookahead(text, k, k, true)) return false;
  return true;
}

/** Past the name of the anchor or alias whose indicator is text[at] (go-yaml's name characters). */
function nameEnd(text: string, at: number): number {
  return at + 1 + /^[0-9A-Za-z_-]*/.exec(text.slice(at + 1, at + 256))![0].length;
}

/** Where what ends at text[end] has its last character (a block collection's range may end past its line break). */
function contentEnd(text: string, end: number): number {
  let last = end;
  while (last > 0 && (text[last - 1] === '\n' || text[last - 1] === ' ')) last--;
  return last;
}

/** A plain scalar's start in block context: no indicator, or `-`, `?` or `:` before a character that is no blank. */
const PLAIN_START = /^(?:[^-?:,[\]{}#&*!|>'"%@`\s]|[-?:][^\s])/;

/**
 * Where the block plain scalar that starts at text[at] ends when that is on its line: at `: ` (a
 * key's colon) or at the `#` of ` #`; undefined when it runs to the line's end (it goes on below).
 */
function plainEndOnLine(text: string, at: number): number | undefined {
  for (let k = at; k < text.length && text[k] !== '\n'; k++) {
    if (text[k] === ':' && blankz(text[k + 1])) return k;
    if ((text[k] === ' ' || text[k] === '\t') && text[k + 1] === '#') return k + 1;
  }
  return undefined;
}

/** What may come before a root's first token on its line for that line's first token to be a possible simple key: spaces, anchors and tags. */
const KEY_PREFIX = /^ *(?:[&!][^ \t\n]*[ \t]+)*$/;

/**
 * Whether go-yaml's scanner takes what it reads past a root that starts its line. The first token
 * of that line (the root's, or an anchor's or tag's before it) may be a simple key, so the scanner
 * reads on until that key goes stale (the line ends, or 1,024 characters pass), a `,` removes it,
 * or a `:` makes it a key: every token after the root on its line, and the first token after that
 * line (`{a} 'r'` then `@a`: go-yaml refuses the document; `{a} b` then `@a` is one plain scalar).
 * A `:` there makes the root a mapping's key: no root alone (false), unless `keyOk` (the token
 * after a root that starts its line, looked at the same way: what it is a key of is never read).
 */
function keyLookahead(text: string, rootAt: number, end: number, keyOk = false): boolean {
  const lineStart = text.lastIndexOf('\n', rootAt - 1) + 1;
  const prefix = text.slice(lineStart, rootAt);
  if (!KEY_PREFIX.test(prefix)) return true;
  const keyAt = lineStart + prefix.length - prefix.trimStart().length;
  let lineEnd = text.indexOf('\n', keyAt);
  if (lineEnd < 0) lineEnd = text.length;
  const limit = keyAt + 1024;
  let depth = 0;
  for (let p = end; ;) {
    if (p > lineEnd || p > limit) return true; // stale before the next token is fetched
    let t = p;
    while (text[t] === ' ' || text[t] === '\t') t++;
    if (t >= lineEnd || text[t] === '#') {
      // the rest of the line is a comment: the first token past it is fetched (the key goes stale there)
      return nextScans(text, lineEnd, depth > 0);
    }
    if (t > limit) return scannable(text, t, end);
    const c = text[t];
    const after = text[t + 1];
    if (c === '{' || c === '[') { depth++; p = t + 1; continue; }
    if (c === '}' || c === ']') { if (depth === 0) return true; depth--; p = t + 1; continue; } // (unopened: it removes the key)
    if (c === ',') { if (depth === 0) return true; p = t + 1; continue; } // a flow entry removes the key
    if (c === ':' && (depth > 0 || blankz(after))) { if (depth === 0) return keyOk; p = t + 1; continue; }
    if ((c === '?' || c === '-') && (blankz(after) || (c === '?' && depth > 0))) { if (depth === 0) return false; p = t + 1; continue; }
    if (c === '|' || c === '>') return depth === 0 && scannable(text, t, end); // a block scalar goes on below: the key is stale after it
    if (c === '"' || c === "'") {
      const close = scannedClose(text, t + 1, c);
      if (close < 0) return false;
      p = close + 1;
      continue;
    }
    if (c === '&' || c === '*') {
      if (!scannable(text, t, end)) return false;
      p = nameEnd(text, t);
      continue;
    }
    if (c === '!') {
      if (!scannable(text, t, end)) return false;
      p = t + 1;
      while (!blankz(text[p])) p++;
      continue;
    }
    if ('@`%'.includes(c)) return false;
    // a plain scalar: it ends at `: `, at ` #`, or (flow) at a flow indicator; past the line's end it goes on below
    let k = t;
    for (;;) {
      const d = text[k];
      if (k >= lineEnd) return true;
      if (d === ':' && (blankz(text[k + 1]))) break;
      if (depth > 0 && ',[]{}?'.includes(d) && k > t) break;
      if (d === ' ' || d === '\t') {
        let j = k;
        while (text[j] === ' ' || text[j] === '\t') j++;
        if (j >= lineEnd) return true;
        if (text[j] === '#') { k = j; break; }
        k = j;
        continue;
      }
      k++;
    }
    p = k;
  }
}

/**
 * Where the token after text[at] starts: past blanks, line breaks and comments, and lines of
 * blanks with a tab in them (go-yaml's scanner reads those as the last plain scalar's, or refuses
 * them: tabProblem judges them, up to the token after the root).
 */
function nextToken(text: string, at: number): number {
  let k = at;
  // on the line of what ends at `at`, after a token that allows no simple key there, go-yaml skips tabs as blanks
  if (at > 0 && text[at - 1] !== '\n') while (text[k] === ' ' || text[k] === '\t') k++;
  for (;;) {
    while (text[k] === ' ' || text[k] === '\n') k++;
    if (text[k] === '\t') {
      let eol = text.indexOf('\n', k);
      if (eol < 0) eol = text.length;
      if (!/^[ \t]*(#.*)?$/.test(text.slice(k, eol))) break;
      k = eol;
      continue;
    }
    if (text[k] !== '#') break;
    while (k < text.length && text[k] !== '\n') k++;
  }
  return k;
}

/**
 * Whether go-yaml's scanner takes the next token after what ends at text[at], when it fetches one
 * (tabProblem judges the lines up to the token after the root; this, those past it): past blanks and
 * a comment on that line, then lines of spaces and comments; a tab at a line's start, before its
 * first token, is refused there (`inFlow`: within a flow collection, where it is a blank).
 */
function nextScans(text: string, at: number, inFlow = false): boolean {
  let k = at;
  while (text[k] === ' ' || text[k] === '\t') k++;
  if (text[k] === '#') while (k < text.length && text[k] !== '\n') k++;
  if (text[k] !== '\n' && text[k] !== '\r') return scannable(text, k, at);
  for (;;) {
    const eol = text.indexOf('\n', k);
    if (eol < 0) return true;
    k = eol + 1;
    while (text[k] === ' ' || (inFlow && text[k] === '\t')) k++; // (in a flow collection a tab is a blank there too)
    if (text[k] === '\t') return false;
    if (text[k] === '#' || text[k] === '\n' || (text[k] === '\r' && text[k + 1] === '\n')) continue; // (from k, the line's end is found again)
    return k >= text.length || scannable(text, k, at);
  }
}

/** Whether go-yaml's scanner takes the token at text[k], which follows what ends at text[end]. */
function scannable(text: string, k: number, end: number): boolean {
  const c = text[k];
  if (c === undefined) return true;
  // `- ` or `? ` on the root's own line: go-yaml's scanner takes no block entry or key there
  if ((c === '-' || c === '?') && (k + 1 >= text.length || ' \t\n'.includes(text[k + 1]))) {
    if (text.lastIndexOf('\n', k - 1) < contentEnd(text, end)) return false;
  }
  // a directive at a line's start scans (the parser, done with the document, never looks at it)
  if (c === '%' && (k === 0 || text[k - 1] === '\n')) return DIRECTIVE_LINE.test(text.slice(k, text.indexOf('\n', k) >>> 0));
  if ('@`%\t'.includes(c)) return false;
  // a block scalar's header: its indicators, then only blanks and a comment (go-yaml scans the whole token)
  if (c === '|' || c === '>') {
    const eol = text.indexOf('\n', k);
    const header = text.slice(k, eol < 0 ? text.length : eol);
    return BLOCK_HEADER.test(header) && (eol < 0 || blockBodyScans(text, eol + 1, Number(/[1-9]/.exec(header.split('#')[0])?.[0] ?? 0)));
  }
  if (c === '"' || c === "'") return scannedClose(text, k + 1, c) >= 0;
  if (c === '&' || c === '*') return /^[0-9A-Za-z_-]+([ \t\r\n\u0085\u2028\u2029?:,\]}%@`]|$)/.test(text.slice(k + 1, k + 256));
  // a tag: then a blank or a line break (go-yaml's URI characters go on with it)
  if (c === '!' && text[k + 1] !== '<') {
    const end = tagAt(text, k).end;
    return blankz(text[end]) && uriEscapesOk(text.slice(k, end));
  }
  return true;
}

/**
 * Whether go-yaml scans the lines of a block scalar at the root's level that start at text[from]
 * (yaml_parser_scan_block_scalar_breaks): a tab where its indentation's spaces go is refused ("found
 * a tab character where an indentation space is expected"); `indent` is the header's, 0 when the
 * first line with content sets it.
 */
function blockBodyScans(text: string, from: number, indent: number): boolean {
  let at = from;
  let max = 0;
  while (at < text.length) {
    let col = 0;
    while ((indent === 0 || col < indent) && text[at + col] === ' ') col++;
    if (indent === 0 && col > max) max = col;
    const c = text[at + col];
    if ((indent === 0 || col < indent) && c === '\t') return false;
    const eol = text.indexOf('\n', at + col);
    const empty = c === undefined || c === '\n' || (c === '\r' && text[at + col + 1] === '\n');
    if (!empty) {
      if (indent === 0) indent = Math.max(max, 1);
      if (col < indent) return true; // a less indented line ends the scalar
    }
    if (eol < 0) return true;
    at = eol + 1;
  }
  return true;
}
