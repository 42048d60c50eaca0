/**
 * Node properties as go-yaml v2 scans them. Anchors and aliases (yaml_parser_scan_anchor): a name
 * of letters, digits, `_` and `-`, which a `:`, `?`, `%`, `@` or backquote ends (`&a:0 x` is the
 * anchor `a` on the string ":0 x"); the yaml package reads those characters into the name. Tags
 * as go-yaml v2 scans them (scannerc.go, yaml_parser_scan_tag): a handle (`!`, `!!` or
 * `!name!`) and a suffix of URI characters, which include `!`, `,`, `[` and `]` also inside a flow
 * collection: `!!in[t "12"` is the string "12" (an unknown tag), `[!!str, x]` is `["x"]` (the tag
 * `!!str,`), `[!x]` is refused (the bracket is the tag's). The yaml package ends a tag at a flow
 * indicator and reads a second `!` as the end of a handle. mendProps writes those characters of a
 * suffix as the %-escapes both readers decode, and a space after an anchor's or alias's name where
 * go-yaml ends it: the same nodes to each, no line moves.
 */
import { closeOf, uriEscapesOk } from './go-scan';
import { sourceTokens } from './tokens';

/** A `!` where a token may start, followed by a tag with a character the yaml package takes otherwise. */
const SUSPECT = /(?:^|[\s[{,:])!(?:[0-9A-Za-z_-]*!)?[0-9A-Za-z_\-;/?:@&=+$.~*'()%]*[!,[\]]/m;

/** A tag with a `%` in it (an escape go-yaml decodes, or refuses). */
const TAG_ESCAPE = /![^ \t\n]*%/;

/** An anchor or a tag, then a `?` before a blank on its line: no key may start after a property to go-yaml, in block context. */
const PROPS_THEN_KEY = /[&!][^ \t\n]*[ \t]+\?(?:[ \t\n]|$)/;

/** go-yaml's word characters (is_alpha): a handle's name. */
const WORD = /[0-9A-Za-z_-]/;
/** go-yaml's URI characters (yaml_parser_scan_tag_uri), `%` escapes included. */
const URI = /[0-9A-Za-z_\-;/?:@&=+$,.!~*'()[\]%]/;
const ESCAPE: Record<string, string> = { '!': '%21', ',': '%2C', '[': '%5B', ']': '%5D' };

/** An anchor or alias name followed by an opening bracket (go-yaml refuses it; the yaml package ends the name there). */
const NAME_THEN_BRACKET = /[&*][0-9A-Za-z_-]+[[{]/;

/** An anchor or alias whose name (as go-yaml scans it) a character ends that the yaml package reads into it. */
const NAME_ENDED = /[&*][0-9A-Za-z_-]+[:?%@`]/;

/** The text with each tag's suffix and anchor's or alias's name as go-yaml scans it, or undefined when none needs it. */
export function mendProps(text: string): string | undefined {
  const tags = text.includes('!') && SUSPECT.test(text);
  if (!tags && !NAME_ENDED.test(text)) return undefined;
  let out = '';
  let from = 0;
  let flow = 0;
  // a quoted scalar goes on to its closing quote to go-yaml, whatever its lines' indentation: what
  // the lexer reads in it past an under-indented line (a tag at a line's start) is no token
  let quoted = 0;
  // (the lexer ends a flow collection at a less indented line: what it reads after that is block context to it, and mended as such)
  for (const { text: tok, type, at: start } of sourceTokens(text, true)) {
    if (type === 'flow-error-end') { flow = 0; continue; }
    if (start < from || start < quoted) continue;
    if (type === 'single-quoted-scalar' || type === 'double-quoted-scalar') {
      quoted = closeOf(text, start + 1, tok[0]) + 1;
      continue;
    }
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0) flow--;
    if (type === 'anchor' || type === 'alias') {
      const name = /^[0-9A-Za-z_-]+/.exec(tok.slice(1))?.[0];
      if (name && name.length + 1 < tok.length && ':?%@`'.includes(tok[name.length + 1])) {
        // (in a flow collection the `:` is a value indicator, blank or not: a space after it too)
        const cut = start + 1 + name.length;
        const value = flow > 0 && tok[name.length + 1] === ':';
        out += `${text.slice(from, cut)}${value ? ' : ' : ' '}`;
        from = cut + (value ? 1 : 0);
      }
      continue;
    }
    if (type !== 'tag' || text[start + 1] === '<') continue;
    const { suffixAt, end } = tagAt(text, start);
    const suffix = text.slice(suffixAt, end);
    if (!/[!,[\]]/.test(suffix)) continue;
    out += text.slice(from, suffixAt) + suffix.replace(/[!,[\]]/g, (c) => ESCAPE[c]);
    from = end;
  }
  return from === 0 ? undefined : out + text.slice(from);
}

/** Where the suffix of the tag that starts at text[start] starts (past its handle: `!`, `!!` or `!name!`; else the name is the suffix's start) and where the tag ends, as go-yaml scans it. */
export function tagAt(text: string, start: number): { suffixAt: number; end: number } {
  let j = start + 1;
  while (j < text.length && WORD.test(text[j])) j++;
  const suffixAt = text[j] === '!' ? j + 1 : start + 1;
  let end = suffixAt;
  while (end < text.length && URI.test(text[end])) end++;
  return { suffixAt, end };
}

/** A tag, then a character that neither goes on with it nor is a blank (`!!str#`, `{!!str}`, `!!str` then a no-break space). */
const TAG_THEN_OTHER = /(?:^|[\s[{,])!(?:[0-9A-Za-z_-]*!)?[0-9A-Za-z_\-;/?:@&=+$,.!~*'()[\]%]*[^0-9A-Za-z_\-;/?:@&=+$,.!~*'()[\]% \t\r\n\u0085\u2028\u2029]/m;

/**
 * The first tag before `limit` that go-yaml refuses for what follows it: anything but a blank or
 * a line break ("did not find expected whitespace or line break"; `!!str#` is no tag and a
 * comment, `{!!str}` no empty tagged key); or the first anchor or alias whose name an opening
 * bracket ends (`&y[]`). The yaml package reads them all. Its offset, with go-yaml's words.
 */
export function tagProblem(text: string, limit = text.length): { message: string; offset: number } | undefined {
  const names = (text.includes('&') || text.includes('*')) && NAME_THEN_BRACKET.test(text);
  const keys = text.includes('?') && PROPS_THEN_KEY.test(text);
  if (!names && !keys && (!text.includes('!') || (!TAG_THEN_OTHER.test(text) && !TAG_ESCAPE.test(text)))) return undefined;
  let depth = 0;
  // an anchor or a tag before it on its line, in block context (no simple key, so no `?`, may follow there)
  let afterProps = false;
  for (const { text: tok, type, at: start } of sourceTokens(text)) {
    if (start >= limit) break;
    if (type === 'space') continue;
    if (type === 'explicit-key-ind' && afterProps) return { message: 'mapping keys are not allowed in this context', offset: start };
    if (type === 'flow-map-start' || type === 'flow-seq-start') depth++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && depth > 0) depth--;
    afterProps = depth === 0 && (type === 'anchor' || type === 'tag');
    // an anchor's or alias's name that an opening bracket ends: go-yaml wants a blank or an indicator there
    if ((type === 'anchor' || type === 'alias') && (text[start + tok.length] === '[' || text[start + tok.length] === '{')) {
      return { message: 'did not find expected alphabetic or numeric character', offset: start };
    }
    if (type !== 'tag') continue;
    // (a verbatim tag, `!<…>`, is the yaml package's token; another ends where go-yaml ends it)
    const verbatim = text[start + 1] === '<';
    const end = verbatim ? start + tok.length : tagAt(text, start).end;
    if (!uriEscapesOk(text.slice(start, end))) return { message: 'did not find URI escaped octet', offset: start };
    if (verbatim) continue;
    const c = text[end];
    if (c !== undefined && !' \t\r\n\u0085\u2028\u2029'.includes(c)) return { message: 'did not find expected whitespace or line break', offset: start };
  }
  return undefined;
}
