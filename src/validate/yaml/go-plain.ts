/**
 * Plain scalars as go-yaml v2 scans them (scannerc.go, yaml_parser_scan_plain_scalar and
 * yaml_parser_fetch_next_token) where the yaml package reads YAML 1.2's rules:
 * - inside a flow collection a `:` ends a plain scalar only before a blank (space, tab, line
 *   break, end): `[001:db8::]` is the string `001:db8::` and `{k: v:}` maps k to `v:`, where
 *   YAML 1.2 ends the scalar at a `:` before `,`, `]` or `}` too and reads a key
 *   (`{"001:db8:": null}`) or refuses the text;
 * - inside a flow collection a `?` ends a plain scalar, and the `?` that follows is a key
 *   indicator that no flow collection takes there: `[a?b]`, `[a ?b]`, `{a?: 1}` are refused
 *   ("did not find expected ',' or ']'"), where YAML 1.2 reads `a?b`; a plain scalar that starts
 *   with `?` is a key: `[?a]` is `[{a: null}]`, where YAML 1.2 reads the string `?a`;
 * - inside a flow collection a colon right before `[` or `{` is part of the scalar, which the
 *   bracket then ends: `[a:[b]]` is refused, where YAML 1.2 reads `[{a: [b]}]`;
 * - a `-` before a blank is a block sequence entry wherever it stands: `a: -` and `[- ]` are
 *   refused, where YAML 1.2 reads the string `-`.
 * compose.ts mends the text before reading (no line moves: only columns shift): such a scalar and
 * its trailing colons single-quoted (the value is the same string: a plain scalar ending in `:`
 * resolves to nothing else), a space after a leading `?`; and refuses the others with go-yaml's
 * words.
 */
import { CST, Lexer } from 'yaml';
import { seqKeySkips } from './go-keys';
import { blankz } from './go-scan';
import { sourceTokens, VIRTUAL } from './tokens';


interface Plain {
  /** The plain scalar's source text and its offset. */
  text: string;
  at: number;
  /** The innermost flow collection's closing bracket; undefined in block context. */
  close?: ']' | '}';
}

/** The plain scalars of the text, with their offsets and flow collections, in the order of the text. */
function plainScalars(source: string): Plain[] {
  const out: Plain[] = [];
  const open: Array<']' | '}'> = [];
  let at = 0;
  let afterPrefix = false;
  for (const tok of new Lexer().lex(source)) {
    if (VIRTUAL.has(tok)) {
      afterPrefix = tok === '\x1f';
      if (tok === '\x18') open.length = 0;
      continue;
    }
    const type = CST.tokenType(tok);
    if (type === 'flow-seq-start') open.push(']');
    else if (type === 'flow-map-start') open.push('}');
    else if (type === 'flow-seq-end' || type === 'flow-map-end') open.pop();
    // (a plain scalar the lexer names after what it starts with is one too: `---`, `...` and `-`, as in `[---:]`)
    else if (afterPrefix && tok !== '' && (type === null || type === 'doc-start' || type === 'doc-end' || type === 'seq-item-ind')) out.push({ text: tok, at, close: open[open.length - 1] });
    afterPrefix = false;
    at += tok.length;
  }
  return out;
}

/** Blanks and line breaks between a flow plain scalar and a colon that go-yaml reads as part of it. */
const FLOW_GAP = /^[ \t]*(?:\n[ \t]*)*/;

/** Anchors and tags, each with the blanks after it. */
const PROPS_BEFORE = /^(?:[&!][^ \t\n,[\]{}]*[ \t\n]+)+/;

/**
 * The text as go-yaml reads its flow plain scalars (see above), or undefined when nothing in it
 * differs. Only called on text with a flow collection.
 */

export function mendFlowPlains(text: string): string | undefined {
  if (!text.includes(':') && !text.includes('?')) return undefined;
  let out = '';
  let from = 0;
  for (const p of plainScalars(text)) {
    if (p.close === undefined) continue;
    const end = p.at + p.text.length;
    let at = p.at;
    if (p.text.startsWith('?') && p.text.length > 1 && p.text[1] !== ' ') {
      out += `${text.slice(from, p.at)}? `;
      from = at = p.at + 1;
      // (an anchor or a tag right after the `?` is the key's, not its text: `[?&y a:, b]`)
      at += PROPS_BEFORE.exec(text.slice(at, end))?.[0].length ?? 0;
    }
    // (past blanks and line breaks: go-yaml's plain scalar goes on over them, folded as the quoted one is)
    const colon = FLOW_GAP.exec(text.slice(end, end + 256))![0].length + end;
    if (text[colon] !== ':' || !',]}'.includes(text[colon + 1] ?? '\n')) continue;
    // (a `?` inside it, or an `@`, a backquote or a `:` that starts it, is refused by go-yaml: that is said on the scalar as it stands)
    if (p.text.indexOf('?', 1) > 0 || p.text[0] === '@' || p.text[0] === '`' || p.text[0] === ':') continue;
    // (right after a closing quote go-yaml wants a `,` or a bracket: quoting it would join the two into one scalar, `'r''a:'`)
    if (text[at - 1] === "'" || text[at - 1] === '"') continue;
    // the yaml package split a colon off as a value indicator where go-yaml scans on to the bracket or comma
    out += `${text.slice(from, at)}'${text.slice(at, colon + 1).replace(/'/g, "''")}'`;
    from = colon + 1;
  }
  return from === 0 ? undefined : out + text.slice(from);
}

/**
 * Where go-yaml's scan stops at a token nothing takes there: a `?` inside a flow plain scalar
 * (after its first character), a `[` or `{` right after a flow plain scalar's colon (`[a:[b]]`:
 * the scalar `a:`, then a bracket), a lone `-` before a blank (a block sequence entry: `a: -`,
 * `[- ]`). go-yaml's error, and its offset. Scalars from `limit` on are not looked at (go-yaml's
 * reading ends before them).
 */
export function plainProblem(text: string, limit = text.length): { message: string; offset: number } | undefined {
  for (const p of plainScalars(text)) {
    if (p.at >= limit) break; // past what go-yaml reads of the document
    if (p.text === '-' && blankz(text[p.at + 1])) {
      return { message: p.close === undefined ? 'block sequence entries are not allowed in this context' : 'did not find expected node content', offset: p.at };
    }
    if (p.close === undefined) continue;
    const q = p.text.indexOf('?', 1);
    if (q > 0) return { message: `did not find expected ',' or '${p.close}'`, offset: p.at + q };
    // (past blanks and line breaks too: go-yaml's plain scalar goes on over them to a colon that no blank follows)
    const end = p.at + p.text.length;
    const colon = FLOW_GAP.exec(text.slice(end, end + 256))![0].length + end;
    if (text[colon] === ':' && (text[colon + 1] === '[' || text[colon + 1] === '{')) return { message: `did not find expected ',' or '${p.close}'`, offset: colon + 1 };
  }
  return undefined;
}

/**
 * The text with each `-` that a closing bracket or a comma follows inside a flow collection
 * single-quoted (go-yaml scans the plain scalar `-`: `[-]` is ["-"], `{-}` is {"-": null}; the yaml
 * package reads a block sequence's entry there and refuses it), or undefined when there is none. No
 * line moves.
 */
export function mendFlowDashes(text: string): string | undefined {
  if (!/-[\]},]/.test(text)) return undefined;
  let out = '';
  let from = 0;
  let depth = 0;
  for (const { type, at } of sourceTokens(text)) {
    if (type === 'flow-seq-start' || type === 'flow-map-start') depth++;
    else if ((type === 'flow-seq-end' || type === 'flow-map-end') && depth > 0) depth--;
    else if (type === 'seq-item-ind' && depth > 0 && (text[at + 1] === ']' || text[at + 1] === '}' || text[at + 1] === ',')) {
      // (in double quotes right after a single-quoted scalar: `'a''-'` would be one scalar, "a'-")
      out += `${text.slice(from, at)}${text[at - 1] === "'" ? '"-"' : "'-'"}`;
      from = at + 1;
    }
  }
  return from === 0 ? undefined : out + text.slice(from);
}

/**
 * The text with a space after each `?` in a flow collection that a `:` follows at once (`{?: 1}`:
 * an empty key to go-yaml, which YAMLToJSON refuses; the yaml package reads the key "?"), or
 * undefined when there is none. No line moves.
 */
export function mendFlowKeyColons(text: string): string | undefined {
  if (!text.includes('?:')) return undefined;
  let out = '';
  let from = 0;
  let depth = 0;
  for (const t of sourceTokens(text)) {
    if (t.type === 'flow-map-start' || t.type === 'flow-seq-start') depth++;
    else if ((t.type === 'flow-map-end' || t.type === 'flow-seq-end') && depth > 0) depth--;
    else if (t.type === 'explicit-key-ind' && depth > 0 && text[t.at + 1] === ':') {
      out += `${text.slice(from, t.at + 1)} `;
      from = t.at + 1;
    }
  }
  return from === 0 ? undefined : out + text.slice(from);
}

/** The tokens go-yaml skips after an empty key in a flow sequence (go-keys.ts seqKeySkips) blanked, where it reads the stream: `[? :]` as `[?  ]`. */
export function mendSeqKeySkips(text: string): string | undefined {
  if (!text.includes('?')) return undefined;
  const { skips, error } = seqKeySkips(text, text.length);
  if (error || skips.length === 0) return undefined;
  let out = '';
  let from = 0;
  for (const at of skips) { out += `${text.slice(from, at)} `; from = at + 1; }
  return out + text.slice(from);
}
