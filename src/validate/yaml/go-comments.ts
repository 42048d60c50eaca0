/**
 * Comments as go-yaml v2 scans them: a `#` where a token may start begins a comment, blank before it
 * or not (`[a,#c` then `b]` is ["a", "b"]; `a: 'x'#c` is "x"); the yaml package refuses a comment
 * that no white space separates from the token before it. mendComments puts a space before such a
 * `#`: the same nodes to both readers, no line moves.
 */
import { CST, Lexer } from 'yaml';

/** A `#` right after a flow indicator or a closing quote: a comment to go-yaml with no blank before it. */
const SUSPECT = /[,[\]{}'"]#/;

/** The yaml lexer's tokens that stand for no source text (document start, flow error end, scalar prefix). */
const VIRTUAL = new Set(['\x02', '\x18', '\x1f']);

/** The text with a space before each comment that follows a token directly, or undefined when there is none. */
export function mendComments(text: string): string | undefined {
  if (!text.includes('#') || !SUSPECT.test(text)) return undefined;
  let out = '';
  let from = 0;
  let at = 0;
  for (const tok of new Lexer().lex(text)) {
    if (VIRTUAL.has(tok)) continue;
    const start = at;
    at += tok.length;
    if (start === 0 || CST.tokenType(tok) !== 'comment' || ' \t\n\r'.includes(text[start - 1])) continue;
    out += `${text.slice(from, start)} `;
    from = start;
  }
  return from === 0 ? undefined : out + text.slice(from);
}
