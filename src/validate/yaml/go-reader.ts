/**
 * go-yaml's reader (readerc.go): before its scanner sees a character, it decodes the input in raw
 * chunks of 512 bytes and refuses a chunk that holds a character outside YAML 1.1's printable set
 * ("control characters are not allowed"): C0 controls but tab, LF and CR; DEL; C1 controls but NEL;
 * U+FFFE and U+FFFF. Comments are no exception, nor is text after `...`: a whole chunk is checked
 * at once, so such a character within 512 bytes of what the scanner read is refused too.
 */
import { ReadError } from './read-error';

/** A character go-yaml's reader refuses (a lone surrogate cannot come out of decoding a file). */
export const CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/** go-yaml's raw input chunk (input_raw_buffer_size). */
const RAW_CHUNK = 512;
/** How far past a character the scanner looks before it takes a token (its longest lookahead: a document indicator and a blank). */
const LOOKAHEAD = 4;

/** The index of the first character go-yaml's reader refuses in text[from, to), or -1. */
export function controlAt(text: string, from = 0, to = text.length): number {
  const m = CONTROL_CHARACTER.exec(from === 0 && to === text.length ? text : text.slice(from, to));
  return m ? from + m.index : -1;
}

/**
 * Whether go-yaml decodes the refused character at source[at] when its scanner reads up to
 * source[furthest]: every raw chunk up to the one that holds furthest (and the scanner's lookahead
 * past it) is decoded. `source` is what go-yaml is given (a separator line kubectl's YAMLReader kept
 * in the document counts; a stream's byte order mark does not).
 */
export function controlReached(source: string, at: number, furthest: number): boolean {
  if (at <= furthest + LOOKAHEAD) return true;
  const lastChunk = Math.floor(Buffer.byteLength(source.slice(0, furthest + LOOKAHEAD)) / RAW_CHUNK);
  return Buffer.byteLength(source.slice(0, at)) < (lastChunk + 1) * RAW_CHUNK;
}

/**
 * The reader's error for the refused character at text[at], on its 0-based line counted from
 * text[from]: NEL and the Unicode line and paragraph separators are line breaks to go-yaml, as
 * LF is (a lone CR is too, but the text given here has it written LF already).
 */
export function controlError(text: string, at: number, from = 0): ReadError {
  const code = text.codePointAt(at)!;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  let line = 0;
  for (let k = from; k < at; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 0x85 || c === 0x2028 || c === 0x2029) line++;
  }
  const escape = code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  return new ReadError(`control characters are not allowed: ${name} here; remove it, or write it as the escape ${escape} in a double-quoted string`, line);
}

/**
 * Where read[at] is in source (from source[from] on): on the same line, at the same column or its
 * end. `read` is the text as read, source's line breaks (NEL and the separators too) written \n,
 * and lines perhaps indented further by the reading's mends.
 */
export function writtenOffset(read: string, at: number, source: string, from: number): number {
  let line = 0;
  let lineStart = 0;
  for (let k = read.indexOf('\n'); k >= 0 && k < at; k = read.indexOf('\n', k + 1)) { line++; lineStart = k + 1; }
  let p = from;
  for (; line > 0 && p < source.length; p++) if (LINE_BREAK.test(source[p])) line--;
  let end = p;
  while (end < source.length && !LINE_BREAK.test(source[end])) end++;
  return Math.min(p + (at - lineStart), end);
}

const LINE_BREAK = /[\n\u0085\u2028\u2029]/;

/**
 * A character go-yaml's reader refuses, at text[at] of the text read. `source` is what go-yaml
 * decodes (NEL and the separators as they are, for their bytes; the separator line kubectl kept in
 * the document), where text[0] is source[shift].
 */
export interface ControlAt {
  at: number;
  source: string;
  shift: number;
}

/** Throws the reader's error for the control character when go-yaml decodes it, reading up to read[furthest] (the text as mended for reading: the same lines, not the same columns). */
export function checkControl(control: ControlAt, furthest: number, read: string): void {
  if (controlReached(control.source, control.at + control.shift, writtenOffset(read, furthest, control.source, control.shift))) {
    throw controlError(control.source, control.at + control.shift, control.shift);
  }
}
