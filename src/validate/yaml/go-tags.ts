/**
 * Tags as go-yaml v2 scans them (scannerc.go, yaml_parser_scan_tag): a handle (`!`, `!!` or
 * `!name!`) and a suffix of URI characters, which include `!`, `,`, `[` and `]` also inside a flow
 * collection: `!!in[t "12"` is the string "12" (an unknown tag), `[!!str, x]` is `["x"]` (the tag
 * `!!str,`), `[!x]` is refused (the bracket is the tag's). The yaml package ends a tag at a flow
 * indicator and reads a second `!` as the end of a handle. mendTags writes those characters of a
 * suffix as the %-escapes both readers decode: the same tag to each, no line moves.
 */
import { CST, Lexer } from 'yaml';

/** A `!` where a token may start, followed by a tag with a character the yaml package takes otherwise. */
const SUSPECT = /(?:^|[\s[{,])!(?:[0-9A-Za-z_-]*!)?[0-9A-Za-z_\-;/?:@&=+$.~*'()%]*[!,[\]]/m;

/** go-yaml's word characters (is_alpha): a handle's name. */
const WORD = /[0-9A-Za-z_-]/;
/** go-yaml's URI characters (yaml_parser_scan_tag_uri), `%` escapes included. */
const URI = /[0-9A-Za-z_\-;/?:@&=+$,.!~*'()[\]%]/;
/** The yaml lexer's tokens that stand for no source text (document start, flow error end, scalar prefix). */
const VIRTUAL = new Set(['\x02', '\x18', '\x1f']);
const ESCAPE: Record<string, string> = { '!': '%21', ',': '%2C', '[': '%5B', ']': '%5D' };

/** The text with each tag's suffix as go-yaml scans it, or undefined when no tag needs it. */
export function mendTags(text: string): string | undefined {
  if (!text.includes('!') || !SUSPECT.test(text)) return undefined;
  let out = '';
  let from = 0;
  let at = 0;
  for (const tok of new Lexer().lex(text)) {
    if (VIRTUAL.has(tok)) continue;
    const start = at;
    at += tok.length;
    if (start < from || CST.tokenType(tok) !== 'tag' || text[start + 1] === '<') continue;
    // the handle: `!`, `!!` or `!name!`; else the name is the suffix's start
    let j = start + 1;
    while (j < text.length && WORD.test(text[j])) j++;
    const suffixAt = text[j] === '!' ? j + 1 : start + 1;
    let end = suffixAt;
    while (end < text.length && URI.test(text[end])) end++;
    const suffix = text.slice(suffixAt, end);
    if (!/[!,[\]]/.test(suffix)) continue;
    out += text.slice(from, suffixAt) + suffix.replace(/[!,[\]]/g, (c) => ESCAPE[c]);
    from = end;
  }
  return from === 0 ? undefined : out + text.slice(from);
}
