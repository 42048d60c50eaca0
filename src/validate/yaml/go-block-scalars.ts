/**
 * Block scalars as go-yaml v2 places them: a block scalar's header may start the line after its
 * key at the key's own indentation (`k:` then `|` then `  text`), which go-yaml reads as the key's
 * value (its lines then need only be deeper than the mapping) and the yaml package refuses (an
 * implicit key over lines). mendBlockHeaders moves such a header one column deeper: the same
 * value to both readers, no line moves. A block scalar at the root has its text indented at
 * least one column to go-yaml (the yaml package takes column 0): rootBlockEnd says where it ends.
 */
import { Document, Node as YNode } from 'yaml';

/** A line that is a block scalar's header and nothing more (then blanks and a comment). */
const HEADER_LINE = /^[ ]*[|>](?:[+-][1-9]?|[1-9][+-]?)?[ \t]*(?:#.*)?$/;
/** A line whose last token is a key's `:` (then blanks and a comment), with what makes the key start where it does: a `- ` or `? ` before it. */
const KEY_LINE = /^((?:[ ]*[-?][ ]+)*[ ]*)[^\s#].*:[ \t]*(?:#.*)?$/;

/** The text with each header the yaml package refused at its key's indentation one space deeper, or undefined when there is none. */
export function mendBlockHeaders(text: string, doc: Document): string | undefined {
  const at = new Set<number>();
  for (const e of doc.errors) {
    const k = e.pos[0];
    if (e.code !== 'MULTILINE_IMPLICIT_KEY' || (text[k] !== '|' && text[k] !== '>')) continue;
    const start = text.lastIndexOf('\n', k - 1) + 1;
    let end = text.indexOf('\n', k);
    if (end < 0) end = text.length;
    if (!HEADER_LINE.test(text.slice(start, end).replace(/\r$/, ''))) continue;
    // the line before (past blank and comment lines) ends with a key's colon, the key at the header's column
    let prev = start - 1;
    let line = '';
    while (prev > 0) {
      const from = text.lastIndexOf('\n', prev - 1) + 1;
      line = text.slice(from, prev).replace(/\r$/, '');
      if (!/^[ \t]*(#.*)?$/.test(line)) break;
      prev = from - 1;
    }
    const key = KEY_LINE.exec(line);
    if (key && key[1].length === k - start) at.add(start);
  }
  if (at.size === 0) return undefined;
  let out = '';
  let from = 0;
  for (const start of [...at].sort((a, b) => a - b)) {
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
