/**
 * Comments as go-yaml v2 scans them: a `#` where a token may start begins a comment, blank before it
 * or not (`[a,#c` then `b]` is ["a", "b"]; `a: 'x'#c` is "x"); the yaml package refuses a comment
 * that no white space separates from the token before it. mendComments puts a space before such a
 * `#`: the same nodes to both readers, no line moves.
 */
import { closeOf } from './go-scan';
import { sourceTokens } from './tokens';

/** A `#` right after a flow indicator, a closing quote or a colon: a comment to go-yaml with no blank before it. */
const SUSPECT = /[,[\]{}'":]#/;

/** The text with a space before each comment that follows a token directly, or undefined when there is none. */
export function mendComments(text: string): string | undefined {
  if (!text.includes('#') || !SUSPECT.test(text)) return undefined;
  let out = '';
  let from = 0;
  // the yaml package's lexer ends a quoted scalar at an under-indented line; go-yaml's scan goes on
  // to its closing quote, and a `}#` before it is text: the lexer reads on from there, afresh
  for (let base = 0; base < text.length;) {
    let resume = -1;
    // (in a flow collection a `:` right after a JSON-like key is a value indicator, and a `#` after it a comment: `{"k":# c`;
    // in block context go-yaml wants a blank after the `:`, and the yaml package's comment there is refused as it is)
    let depth = 0;
    for (const tok of sourceTokens(base === 0 ? text : text.slice(base))) {
      const at = base + tok.at;
      if (tok.type === 'flow-map-start' || tok.type === 'flow-seq-start') depth++;
      else if ((tok.type === 'flow-map-end' || tok.type === 'flow-seq-end') && depth > 0) depth--;
      if (tok.type === 'single-quoted-scalar' || tok.type === 'double-quoted-scalar') {
        const close = closeOf(text, at + 1, text[at]);
        if (close !== at + tok.text.length - 1) { resume = close < 0 ? text.length : close + 1; break; }
      }
      if (at === 0 || tok.type !== 'comment' || ' \t\n\r'.includes(text[at - 1]) || (text[at - 1] === ':' && depth === 0)) continue;
      out += `${text.slice(from, at)} `;
      from = at;
    }
    if (resume < 0) break;
    base = resume;
  }
  return from === 0 ? undefined : out + text.slice(from);
}
