/**
 * Comments as go-yaml v2 scans them: a `#` where a token may start begins a comment, blank before it
 * or not (`[a,#c` then `b]` is ["a", "b"]; `a: 'x'#c` is "x"); the yaml package refuses a comment
 * that no white space separates from the token before it. mendComments puts a space before such a
 * `#`: the same nodes to both readers, no line moves.
 */
import { sourceTokens } from './tokens';

/** A `#` right after a flow indicator or a closing quote: a comment to go-yaml with no blank before it. */
const SUSPECT = /[,[\]{}'"]#/;

/** The text with a space before each comment that follows a token directly, or undefined when there is none. */
export function mendComments(text: string): string | undefined {
  if (!text.includes('#') || !SUSPECT.test(text)) return undefined;
  let out = '';
  let from = 0;
  for (const { type, at } of sourceTokens(text)) {
    if (at === 0 || type !== 'comment' || ' \t\n\r'.includes(text[at - 1])) continue;
    out += `${text.slice(from, at)} `;
    from = at;
  }
  return from === 0 ? undefined : out + text.slice(from);
}
