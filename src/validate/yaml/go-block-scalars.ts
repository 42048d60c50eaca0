/**
 * Block scalars as go-yaml v2 places them: a block scalar's header may start the line after its
 * key at the key's own indentation (`k:` then `|` then `  text`), which go-yaml reads as the key's
 * value (its lines then need only be deeper than the mapping) and the yaml package refuses (an
 * implicit key over lines); so is a header below a lone `-` at the dash's column (`-` then `|`).
 * mendBlockHeaders moves such a header one column deeper: the same
 * value to both readers, no line moves. A block scalar at the root has its text indented at
 * least one column to go-yaml (the yaml package takes column 0): rootBlockEnd says where it ends.
 */
import { Document, Node as YNode, visit } from 'yaml';
import { BLOCK_HEADER } from './go-scan';

/** A line whose last token is a key's `:` (then anchors and tags, blanks and a comment), with what makes the key start where it does: a `- ` or `? ` before it. */
const KEY_LINE = /^((?:[ ]*[-?][ ]+)*[ ]*)[^\s#].*:(?:[ \t]+[&!][^ \t]*)*[ \t]*(?:#.*)?$/;

/** A line whose last token is a lone `-` (then anchors and tags, blanks and a comment): a block sequence entry whose value is below, with what comes before the dash. */
const DASH_LINE = /^((?:[ ]*[-?][ ]+)*[ ]*)-(?:[ \t]+[&!][^ \t]*)*[ \t]*(?:#.*)?$/;

/**
 * The text with each header at its key's or its entry's indentation on the line after it (`k:`
 * or `-`, then `|` below at the key's or the dash's column) one space deeper, or undefined when
 * there is none. Only called on a document the yaml package refused.
 */
export function mendBlockHeaders(text: string): string | undefined {
  if (!text.includes('|') && !text.includes('>')) return undefined;
  const at: number[] = [];
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const column = line.length - line.replace(/^ +/, '').length;
    if (BLOCK_HEADER.test(line.slice(column))) {
      // the line before (past blank and comment lines) ends with a key's colon or a lone dash, the key or the dash at the header's column
      let prev = start - 1;
      let before = '';
      while (prev > 0) {
        const from = text.lastIndexOf('\n', prev - 1) + 1;
        before = text.slice(from, prev).replace(/\r$/, '');
        if (!/^[ \t]*(#.*)?$/.test(before)) break;
        prev = from - 1;
      }
      const key = KEY_LINE.exec(before) ?? DASH_LINE.exec(before);
      if (key && key[1].length === column) at.push(start);
    }
    start = end + 1;
  }
  if (at.length === 0) return undefined;
  let out = '';
  let from = 0;
  for (const start of at) {
    out += `${text.slice(from, start)} `;
    from = start;
  }
  return out + text.slice(from);
}

/**
 * Where go-yaml ends the block scalar that is a document's root when its first line of text is at
 * column 0: there (go-yaml's block scalar at the root is indented one column at least, when its
 * header gives no indentation; the yaml package reads column 0 as its text). Undefined otherwise.
 */
export function rootBlockEnd(text: string, root: YNode): number | undefined {
  const start = root.range![0];
  let eol = text.indexOf('\n', start);
  if (eol < 0 || /^[|>][+-]?[1-9]/.test(text.slice(start, eol))) return undefined; // an indentation indicator: the same to both readers
  while (eol < root.range![1]) {
    const from = eol + 1;
    eol = text.indexOf('\n', from);
    if (eol < 0) eol = text.length;
    if (/^ *$/.test(text.slice(from, eol))) continue;
    return text[from] === ' ' || text[from] === '\t' ? undefined : from;
  }
  return undefined;
}

/**
 * The first block scalar whose header line goes on with something else than blanks and a comment
 * (`|- &a x`, `>- "q"`): go-yaml refuses it ("did not find expected comment or line break"); the
 * yaml package reads an empty scalar. Its offset, with go-yaml's words.
 */
export function blockHeaderProblem(doc: Document, text: string): { message: string; offset: number } | undefined {
  let bad: { message: string; offset: number } | undefined;
  visit(doc, {
    Scalar(_key, n) {
      if ((n.type !== 'BLOCK_LITERAL' && n.type !== 'BLOCK_FOLDED') || !n.range) return undefined;
      const at = n.range[0];
      let eol = text.indexOf('\n', at);
      if (eol < 0) eol = text.length;
      if (BLOCK_HEADER.test(text.slice(at, eol))) return undefined;
      bad = { message: 'did not find expected comment or line break', offset: at };
      return visit.BREAK;
    },
  });
  return bad;
}
