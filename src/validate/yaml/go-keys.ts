/**
 * Mapping keys as go-yaml v2 reads them, where the yaml package reads otherwise: a simple key's
 * reach (1,024 characters), keys over lines, a `:` with no key, what follows an explicit key.
 * Each difference was found by test/yaml/reader-vs-go.test.ts against kubectl's own code.
 */
import { Document, isScalar, Node as YNode, visit } from 'yaml';
import { sourceTokens } from './tokens';

/** How far, in characters, go-yaml looks back from a `:` for the start of its key (a "simple key" further back is stale). */
const SIMPLE_KEY_REACH = 1024;

/**
 * The first implicit key go-yaml does not take as a key ("simple key"): in a flow collection one
 * that does not end on the line where it starts (its `:` must be on the key's first line), so
 * `{x` then `y: 1`, `{"b"` then `: 2`, or JSON with a comment line before a key (`/* c *\/` then
 * `"q": 2`, which reads as the plain key `/* c *\/ "q"`) are refused ("did not find expected ','
 * or '}'"); and, with `longLines`, anywhere one whose `:` is more than 1024 characters after its
 * start ("mapping values are not allowed in this context" in block context); with `overLines`, in
 * a block mapping, a key after its first whose `:` is on a later line (`a: 1`, `k`, `  : x`: the key
 * must be at the mapping's indentation, and is stale there: "could not find expected ':'"). The yaml
 * package reads them all. Keys after `?` may span lines and be long. Offset: where the key starts.
 */
export function keyProblem(doc: Document, text: string, longLines: boolean, overLines = false): { message: string; offset: number } | undefined {
  let bad: { message: string; offset: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      const open = map.range?.[0];
      if ((!map.flow && !longLines && !overLines) || open === undefined) return undefined;
      // a pair written in a flow sequence (`[a: 1]`) is a map of its own that starts at its key
      const closer = text[open] === '{' ? '}' : ']';
      for (const [i, pair] of map.items.entries()) {
        const at = (pair.key as YNode | null)?.range;
        if (at && !map.flow && overLines && explicitKey(text, at[0])) {
          // after `?`, a `:` that starts its line deeper than the mapping starts a mapping of its own there: no key for it
          const colon = colonAfter(text, at[1]);
          const lineStart = text.lastIndexOf('\n', colon - 1) + 1;
          if (colon > 0 && /^[ \t]*$/.test(text.slice(lineStart, colon)) && colon - lineStart > open - (text.lastIndexOf('\n', open - 1) + 1)) {
            bad = { message: 'did not find expected key', offset: colon };
            return visit.BREAK;
          }
        }
        const keyless = !at || (at[0] === at[1] && isScalar(pair.key) && !pair.key.tag && !pair.key.anchor);
        if (keyless && !map.flow && overLines) {
          // a `:` with no key before it (a plain value over lines is none) and no `?`: go-yaml's parser wants a key there
          const colon = keylessColon(text, i > 0 ? map.items[i - 1] : undefined, open);
          if (colon !== undefined) {
            bad = { message: 'did not find expected key', offset: colon };
            return visit.BREAK;
          }
        }
        if (!at || explicitKey(text, at[0], map.flow)) continue;
        const colon = colonAfter(text, at[1]);
        if (colon < 0) continue;
        // (in a flow collection an anchor or a tag on an earlier line is the key's: its simple key starts there)
        const key = text.slice(longLines || map.flow ? propsStart(text, at[0], map.flow) : at[0], colon);
        const stale = longLines && key.length > SIMPLE_KEY_REACH && [...key].length > SIMPLE_KEY_REACH;
        if (map.flow && (stale || key.includes('\n'))) bad = { message: `did not find expected ',' or '${closer}'`, offset: at[0] };
        else if (stale) bad = { message: 'mapping values are not allowed in this context', offset: colon };
        else if (!map.flow && overLines && i > 0 && text.lastIndexOf('\n', colon) >= at[0]) bad = { message: "could not find expected ':'", offset: colon };
        if (bad) return visit.BREAK;
      }
      return undefined;
    },
  });
  return bad;
}

/** The `:` of a pair with no key after `prev` (the mapping's first when undefined: at `open`), when no `?` comes before it. */
function keylessColon(text: string, prev: unknown, open: number): number | undefined {
  const p = prev as { key?: YNode | null; value?: YNode | null } | undefined;
  const end = p ? (p.value ?? p.key)?.range?.[1] : open;
  if (end === undefined) return undefined;
  const colon = colonAfter(text, end);
  return colon < 0 || explicitKey(text, colon) ? undefined : colon;
}

/** Where a node that starts at `at` starts with its anchor and tag (`&a !t key`): go-yaml's simple key starts at the first of them (`overLines`: on earlier lines too, as in a flow collection). */
function propsStart(text: string, at: number, overLines = false): number {
  for (let k = at; ;) {
    let j = k - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || (overLines && text[j] === '\n'))) j--;
    let i = j;
    while (i >= 0 && !' \t\n,[{'.includes(text[i])) i--;
    if (i === j || (text[i + 1] !== '&' && text[i + 1] !== '!')) return k;
    k = i + 1;
  }
}

/** Whether the key that starts at `at` follows a `?` (with spaces, a tag or an anchor between; `overLines`: props on earlier lines too). */
function explicitKey(text: string, at: number, overLines = false): boolean {
  let k = propsStart(text, at, overLines) - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t' || text[k] === '\n')) k--;
  return text[k] === '?';
}

/** The offset of the `:` that follows a key ending at `end` (past blanks, line breaks and comments), or -1 when something else comes first. */
function colonAfter(text: string, end: number): number {
  let k = end;
  while (k < text.length) {
    const c = text[k];
    if (c === ' ' || c === '\t' || c === '\n') k++;
    else if (c === '#') while (k < text.length && text[k] !== '\n') k++;
    else return c === ':' ? k : -1;
  }
  return -1;
}

/** A line that starts (past blanks and block sequence dashes) with an explicit key's `?`. */
export const EXPLICIT_KEY_LINE = /^[ \t]*(?:-[ \t]+)*\?(?:[ \t]|$)/m;

/**
 * The first explicit key in a block mapping that has no `:` after it and is followed by more than
 * the next key: `? x # c` then `  y` (a comment ends the key), or `? 'x'` then `  k: 1`. go-yaml's
 * parser finds a node where it wants a key ("did not find expected key"); the yaml package drops
 * what follows without a word. Offset: where that content starts.
 */
export function explicitKeyProblem(doc: Document, text: string): { message: string; offset: number } | undefined {
  let bad: { message: string; offset: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      if (map.flow || !map.range) return undefined;
      for (const pair of map.items) {
        const key = pair.key as YNode | null;
        if (!key?.range || !explicitKey(text, key.range[0])) continue;
        let k = key.range[1];
        for (;;) {
          while (text[k] === ' ' || text[k] === '\t' || text[k] === '\n') k++;
          if (text[k] !== '#') break;
          while (k < text.length && text[k] !== '\n') k++;
        }
        if (k >= text.length || text[k] === ':') continue;
        const lineStart = text.lastIndexOf('\n', k - 1) + 1;
        // more on the key's own line after a quoted or flow key (`? 'q' x`): no key, no `:` (the yaml package drops it)
        if (lineStart <= key.range[1] && (isScalar(key) ? key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE' : true)) {
          bad = { message: 'did not find expected key', offset: k };
          return visit.BREAK;
        }
        if (pair.value !== null) continue;
        // on a later line, deeper than the `?` (what is no deeper is the next key, or ends the mapping)
        const mark = text.lastIndexOf('?', key.range[0]);
        const column = mark - (text.lastIndexOf('\n', mark - 1) + 1);
        // (or a block sequence's entry at its column: no value of it without a `:`)
        const entry = text[k] === '-' && ' \t\n'.includes(text[k + 1] ?? '\n') && k - lineStart === column;
        if (lineStart <= key.range[1] || (k - lineStart <= column && !entry)) continue;
        bad = { message: 'did not find expected key', offset: k };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return bad;
}

/** A `:` after a flow collection's bracket, a comma or a `?`, or a `?` after a `?`, maybe past blanks, line breaks and comments. */
const FLOW_COLON = /[[{,?][ \t\n]*(?:#[^\n]*\n[ \t\n]*)*:|\?[ \t\n]*(?:#[^\n]*\n[ \t\n]*)*\?|[\]}][ \t]*:/;

/**
 * The first `:` where a flow collection wants a node: right after its bracket or a comma, with no
 * key and no `?` before it (`[: x]`, `{a: 1, : 2}`); or a second `?` right after a `?` in a flow
 * collection (`[? ?x]`, `{??k: v}`: go-yaml's `?` is a key's indicator there before any
 * character). go-yaml's parser finds no node content there; the yaml package reads a pair with
 * an empty key, which a later duplicate key may replace, or a key that starts with `?`. Also a `:`
 * right after a flow collection that is a block mapping's value on its key's line (`b: {a: 1}: x`):
 * no mapping value is allowed there, the yaml package reads a pair with an empty key. And what
 * go-yaml refuses after an empty key in a flow sequence (seqKeySkips), unless `seqKeys` is false:
 * the text has those tokens blanked already. Tokens from `limit` on are not looked at. Its offset,
 * with go-yaml's words.
 */
export function flowKeylessColon(text: string, limit: number, seqKeys = true): { message: string; offset: number } | undefined {
  if (!FLOW_COLON.test(text) && !(seqKeys && text.includes('?'))) return undefined;
  /** The open flow collections, innermost last: true for a sequence. */
  const open: boolean[] = [];
  let wantNode = false;
  let afterKey = false;
  /** In block context: the last token was a key's `:` (past properties), a flow collection opened there is a value on its key's line. */
  let afterValueInd = false;
  let valueFlow = false;
  let valueFlowClosed = false;
  const seq = seqKeys && text.includes('?') ? seqKeySkips(text, limit) : undefined;
  for (const t of sourceTokens(text)) {
    if (t.at >= limit) break;
    if (seq?.error && t.at >= seq.error.offset) return seq.error;
    if (seq?.skips.includes(t.at)) continue; // no token to go-yaml
    if (t.type === 'newline' || t.type === 'comment') { afterValueInd = false; valueFlowClosed = false; }
    if (t.type === 'space' || t.type === 'newline' || t.type === 'comment') continue;
    if (open.length === 0) {
      if (t.type === 'map-value-ind' && valueFlowClosed) return { message: 'mapping values are not allowed in this context', offset: t.at };
      valueFlowClosed = false;
      if (t.type === 'flow-map-start' || t.type === 'flow-seq-start') valueFlow = afterValueInd;
      if (t.type !== 'anchor' && t.type !== 'tag') afterValueInd = t.type === 'map-value-ind';
    }
    const keyInd = t.type === 'explicit-key-ind' || (t.type === null && t.text.startsWith('?'));
    if (open.length > 0 && ((afterKey && keyInd) || (t.type === null && t.text.startsWith('??')))) return { message: 'did not find expected node content', offset: t.at };
    if (t.type === 'map-value-ind' && open.length > 0 && wantNode) return { message: 'did not find expected node content', offset: t.at };
    if (t.type === 'flow-map-start' || t.type === 'flow-seq-start') open.push(t.type === 'flow-seq-start');
    else if ((t.type === 'flow-map-end' || t.type === 'flow-seq-end') && open.length > 0) {
      open.pop();
      valueFlowClosed = open.length === 0 && valueFlow;
    }
    wantNode = open.length > 0 && (t.type === 'flow-map-start' || t.type === 'flow-seq-start' || t.type === 'comma');
    afterKey = open.length > 0 && t.type === 'explicit-key-ind';
  }
  return seq?.error;
}

/**
 * go-yaml v2's parser in a flow sequence, after a `?` whose key is empty (the next token a `:`, a
 * `,` or a `]`), skips that token (yaml_parser_parse_flow_sequence_entry_mapping_key): then a `:`
 * still brings the key's value, a `,` or a `]` ends the pair, and anything else is refused. So
 * `[? :]`, `[?, ]` and `[?, : x]` are one pair with an empty key (`{null: x}`), while `[? : x]`,
 * `[?, b]` and `[?]` (the sequence stays open) are refused: "did not find expected ',' or ']'".
 * The yaml package reads a pair and goes on. The offsets of the tokens go-yaml skips, and its
 * error; tokens from `limit` on are not looked at.
 */
export function seqKeySkips(text: string, limit: number): { skips: number[]; error?: { message: string; offset: number } } {
  const skips: number[] = [];
  const error = (offset: number) => ({ skips, error: { message: "did not find expected ',' or ']'", offset } });
  /** The open flow collections, innermost last: true for a sequence. */
  const open: boolean[] = [];
  let afterKey = false;
  let skipped = false;
  for (const t of sourceTokens(text)) {
    if (t.at >= limit) break;
    if (t.type === 'space' || t.type === 'newline' || t.type === 'comment') continue;
    if (skipped) {
      skipped = false;
      if (t.type === 'map-value-ind') { afterKey = false; continue; } // the empty key's value follows
      if (t.type !== 'comma' && t.type !== 'flow-seq-end') return error(t.at);
    } else if (afterKey && open[open.length - 1] && (t.type === 'map-value-ind' || t.type === 'comma' || t.type === 'flow-seq-end')) {
      if (t.type === 'flow-seq-end') return error(t.at); // the sequence stays open: what follows is no `,` or `]`
      skips.push(t.at);
      skipped = true;
      afterKey = false;
      continue;
    }
    if (t.type === 'flow-map-start' || t.type === 'flow-seq-start') open.push(t.type === 'flow-seq-start');
    else if ((t.type === 'flow-map-end' || t.type === 'flow-seq-end') && open.length > 0) open.pop();
    afterKey = open.length > 0 && t.type === 'explicit-key-ind';
  }
  return { skips };
}
