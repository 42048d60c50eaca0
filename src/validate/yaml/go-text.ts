/**
 * The text of one document as the yaml package can read it the way go-yaml v2 scans it: what
 * go-yaml reads no further than (a document end, a second document start, directives) and the
 * mends of go-*.ts, before the first parse and right after it. No mend moves a line: offsets within
 * a line may shift, so findings keep their lines.
 */
import { Document, parseAllDocuments } from 'yaml';
import { ReadError, TOO_DEEP } from './read-error';
import { mendBlockHeaders } from './go-block-scalars';
import { DIRECTIVE_LINE } from './go-scan';
import { mendComments } from './go-comments';
import { mendFlowDashes, mendFlowKeyColons, mendFlowPlains, mendSeqKeySkips } from './go-plain';
import { mendProps } from './go-props';
import { mend, mendQuoted, mendQuoteEscapes } from './go-yaml';

const PARSE = { version: '1.1' as const, schema: 'failsafe' as const, uniqueKeys: false, merge: false, strict: false, prettyErrors: false, keepSourceTokens: false };

/**
 * The document's text as go-yaml scans it, before it is parsed; null when go-yaml's document is
 * empty. Throws ReadError for directives and a document end where the document should start.
 * `started`: a separator line that kubectl's YAMLReader kept began the document, so `%` lines are no
 * directives of it.
 */
export function scannedText(text: string, started: boolean): string | null {
  const directive = !started && (text.includes('%') || text.includes('...')) ? directiveProblem(text) : undefined;
  if (directive) throw new ReadError(directive.message, directive.line);
  // after the separator line kept in the document, another document start before any content (after a
  // NEL, LINE or PARAGRAPH SEPARATOR ended a comment): go-yaml's document is empty, and all it reads
  if (started && (text.includes('---') || text.includes('...')) && STARTS_EMPTY.test(text)) return null;
  // after that separator line, a directive before any content: go-yaml's document is empty, when the directive scans
  const afterStart = started && text.includes('%') ? DIRECTIVE_AFTER_START.exec(text) : null;
  if (afterStart) {
    if (DIRECTIVE_LINE.test(afterStart[1])) return null;
    throw new ReadError('found unknown directive name', afterStart[0].split('\n').length - 1);
  }
  // a document end marker ends what go-yaml reads of the text: nothing after it, on its line or below, is scanned
  if (text.includes('...')) {
    const end = DOCUMENT_END.exec(text);
    if (end && end.index > 0) text = text.slice(0, end.index + 3);
  }
  // a large document that seems to wrap quoted scalars under their keys has them mended before it
  // is first parsed, not after: one parse saved (a document without errors has no quoted scalar
  // to mend, so the verdict is the same); so has one with properties to mend, which the lexer
  // finds only past such scalars
  // and so has a line that ends with an escaped quote (`\"` or `''`), which the yaml package takes for a closing one
  // (its lexer cuts the scalar there and reads no error): go-yaml's scalar goes on below
  if (((text.length > 4096 || /[!&*]/.test(text)) && QUOTE_LEFT_OPEN.test(text)) || (text.includes('\\"') && ESCAPED_QUOTE_ENDS_LINE.test(text)) || (text.includes("''") && ESCAPED_SINGLE_ENDS_LINE.test(text))) text = mendQuoted(text);
  // tags whose suffix has a `!`, `,` or bracket (go-yaml's URI characters) escaped, anchor names ended where
  // go-yaml ends them (go-props.ts); again after each mend, which may change how the lexer reads what follows
  text = mendPropsAll(text);
  // comments right after a flow indicator or a closing quote (go-comments.ts)
  if (text.includes('#')) text = mendComments(text) ?? text;
  // a byte order mark that starts a line past blank and comment lines only: content to go-yaml (its
  // scanner drops one where the stream starts, no later), a stream's mark to the yaml package's lexer
  // until a document starts: that first line is made the document's start (no line moves)
  const bom = text.includes('\ufeff') ? BOM_BEFORE_CONTENT.exec(text) : null;
  if (bom) text = `---${bom[1] ? ` ${bom[1]}` : ''}${text.slice(bom[0].length)}`;
  return text;
}

/** The yaml package's words for a flow collection that its document ends before it closes. */
const FLOW_LEFT_OPEN = /^Flow (?:sequence|map)/;

/** Blank and comment lines up to a line that starts with a byte order mark; the first line (no tab in it) with its comment in group 1. */
const BOM_BEFORE_CONTENT = /^ *(#[^\n]*)?(?=\n(?:[ \t]*(?:#[^\n]*)?\n)*\ufeff)/;

/** The text parsed, and mended where the parse shows the yaml package reads otherwise than go-yaml; undefined for no document. */
export function parsedText(text: string): { text: string; doc: Document; seqKeysMended: boolean } | undefined {
  let doc = parseFirst(text);
  // (the tokens go-yaml skips after an empty key in a flow sequence blanked: what is left is no such key to judge again)
  let seqKeysMended = false;
  if (!doc) return undefined;
  // block scalar headers at their key's or entry's indentation (go-block-scalars.ts): one column deeper, all in one pass
  const headers = doc.errors.length > 0 ? mendBlockHeaders(text) : undefined;
  if (headers !== undefined) {
    text = headers;
    doc = parseFirst(text)!;
  }
  const unmended = text;
  ({ text, doc } = mend(text, doc, (t) => parseFirst(t)!));
  // tags and names again, where the lexer finds them only in the mended lines (a flow collection's under-indented lines)
  if (text !== unmended && /[!&*]/.test(text)) {
    const props = mendPropsAll(text);
    if (props !== text) { text = props; doc = parseFirst(text)!; }
  }
  // comments right after a token again, where the lexer reads the mended lines otherwise (a flow collection's under-indented lines)
  if (doc.errors.length > 0 && text.includes('#')) {
    const comments = mendComments(text);
    if (comments !== undefined) { text = comments; doc = parseFirst(text)!; }
  }
  // flow plain scalars as go-yaml scans them (a colon before `,]}` kept, a leading `?` a key), once
  // the text is what the lexer can follow (quoted lines indented, a NEL a line break)
  if (text.includes('[') || text.includes('{')) {
    const dashes = mendFlowDashes(text);
    if (dashes !== undefined) { text = dashes; doc = parseFirst(text)!; }
    const keys = mendFlowKeyColons(text);
    if (keys !== undefined) { text = keys; doc = parseFirst(text)!; }
    const skips = mendSeqKeySkips(text);
    if (skips !== undefined) { text = skips; doc = parseFirst(text)!; seqKeysMended = true; }
    const again = mendFlowPlains(text);
    if (again !== undefined) {
      // (a `?` set apart from what follows may leave a `-` before a bracket: `[?-]` is [{"-": null}],
      // or a tag that the lexer read into a plain scalar: `[?!t, x]` is the key `x` tagged `!t,`)
      text = mendFlowDashes(again) ?? again;
      if (/[!&*]/.test(text)) text = mendPropsAll(text);
      doc = parseFirst(text)!;
      // (and a double-quoted key that the lexer read into a plain scalar with its `?`: `[?"it\'s"]`)
      if (doc.errors.length > 0) ({ text, doc } = mendQuoteEscapes(text, doc, (t) => parseFirst(t)!));
    }
  }
  return { text, doc, seqKeysMended };
}

/** A line that ends with a backslash and a quote (then blanks): maybe an escaped quote in a double-quoted scalar that goes on below. */
const ESCAPED_QUOTE_ENDS_LINE = /\\"[ \t]*$/m;

/** A single-quoted scalar whose line ends with an escaped quote (`'x''`): the yaml package's lexer closes it there. */
const ESCAPED_SINGLE_ENDS_LINE = /(?:^|[ \t:,[{-])'(?:[^'\n]|'')*''[ \t]*$/m;

/** A line whose value starts with a quote and ends with something else: a quoted scalar that may go on below (a hint: a miss costs a parse, not a verdict). */
const QUOTE_LEFT_OPEN = /(?:[:-][ \t]+|[[{,][ \t]*)['"][^\n]*[^'"\s][ \t]*$/m;

/**
 * Blank and comment lines, then a document start marker (on a line of its own after a line break
 * go-yaml reads), or a document end marker (what follows it on its line is never scanned: `... doc`).
 * (A tab among a line's leading blanks there is a token go-yaml cannot scan: not empty.)
 */
const STARTS_EMPTY = /^(?:(?: *(?:#[^\n]*)?\n)+---|(?: *(?:#[^\n]*)?\n)*\.\.\.)(?:[ \t\n]|$)/;

/** Blank and comment lines, then a line that starts with `%` (its text: group 1). */
const DIRECTIVE_AFTER_START = /^(?:[ \t]*(?:#[^\n]*)?\n)*(%[^\n]*)/;

/** A document end marker: `...` at a line's start, then a blank or the line's end. */
const DOCUMENT_END = /^\.\.\.(?=[ \t\r\n]|$)/m;

/**
 * A document that starts with directives (`%YAML 1.1`, `%TAG …`): kubectl's YAMLReader cuts the
 * `---` after them into the next document, so go-yaml finds no document start after them; a
 * `%YAML` other than 1.1 it refuses first. Or one that starts with a document end (`...`). The
 * 0-based line, with go-yaml's words.
 */
function directiveProblem(text: string): { message: string; line: number } | undefined {
  let line = 0;
  for (let at = 0; at < text.length; line++) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const l = text.slice(at, eol);
    if (l.startsWith('%')) {
      const version = /^%YAML[ \t]+(\d+)\.(\d+)/.exec(l);
      if (version && (version[1] !== '1' || version[2] !== '1')) return { message: 'found incompatible YAML document', line };
      return { message: 'did not find expected <document start>', line };
    }
    // a document end marker where the document should start: go-yaml finds no node before it
    if (/^\.\.\.([ \t].*)?$/.test(l)) return { message: 'did not find expected node content', line };
    if (!/^[ \t]*(#.*)?$/.test(l)) return undefined;
    at = eol + 1;
  }
  return undefined;
}

/** mendProps until it has nothing more to mend (each mend may change how the lexer reads what follows), 16 times at most. */
function mendPropsAll(text: string): string {
  for (let again = 16, t = mendProps(text); t !== undefined && again > 0; again--, t = mendProps(text)) text = t;
  return text;
}

export function parseFirst(text: string): Document | undefined {
  let docs: Document[];
  // the parser's errors are read for their code, place and message, never their stack: a document
  // with thousands of them (quoted scalars cut before they are mended) spent a fifth of its reading
  // on stack traces
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    docs = parseAllDocuments(text, PARSE) as unknown as Document[];
  } catch (e) {
    throw new ReadError(depthMessage(e));
  } finally {
    Error.stackTraceLimit = limit;
  }
  if (!Array.isArray(docs) || docs.length === 0) return undefined;
  // a document start inside the text (after a line break go-yaml reads and kubectl's cutter does
  // not: NEL, LINE or PARAGRAPH SEPARATOR) ends what go-yaml reads; the yaml package may put the
  // next document's errors on the first
  const next = docs.length > 1 ? docs[1].range?.[0] : undefined;
  // (a flow collection the document start leaves open is the first document's: go-yaml finds the start where it wants a node)
  if (next !== undefined && docs[0].errors.some((e) => e.pos[0] >= next)) docs[0].errors = docs[0].errors.filter((e) => e.pos[0] < next || (e.pos[0] === next && FLOW_LEFT_OPEN.test(e.message)));
  return docs[0];
}

export function depthMessage(e: unknown): string {
  if (e instanceof RangeError || /call stack/i.test(String((e as Error)?.message))) return TOO_DEEP;
  return (e as Error)?.message?.split('\n')[0] ?? String(e);
}
