/**
 * One YAML or JSON stream read as kubectl reads it: JSON values first when it starts with `{`
 * (json-stream.ts), then YAML cut into documents (documents.ts), each
 * document read by the fast block reader where it can (fast-yaml.ts, proven equal to the exact
 * reader by test/validate/fast-yaml.test.ts) and by the exact reader (compose.ts) everywhere
 * else. Empty documents are skipped, as kubectl skips them. Reading stops at the first document
 * that cannot be read, as kubectl stops; the documents before it stand.
 */
import { BAIL, fastParseLines, lineIndents, Refused } from '../fast-yaml';
import { DocLines } from '../types';
import { composeDocument, LineTable, ReadError } from './compose';
import { goLineBreaks, hasGoBreaks } from './go-yaml';
import { CONTROL_CHARACTER, controlAt, controlError } from './go-reader';
import { separatorLines } from './go-separators';
import { countLines, splitDocuments } from './documents';
import { jsonDuplicates } from './json-lines';
import { readJsonValues, startsAsJson } from './json-stream';
import { BlockLines, ComposedLines } from './lines';
import { resolvePlain } from './resolve';

/** A document read: its value, its lines on demand, and the keys it repeats. */
export interface ReadDocument {
  value: unknown;
  /** 1-based line of the field at `path` (the document's first line for ''), or undefined. */
  lineOf: (path: string) => number | undefined;
  /** The same lookups, and by path segments. */
  lines: DocLines;
  /** Keys written twice in one mapping (the last one kept), with 1-based lines. */
  duplicates: Array<{ path: string; line: number; first: number }>;
}

/** Why a stream could not be read to its end, with the 1-based line. */
export interface ReadProblem {
  message: string;
  line?: number;
}

/** Reads every document of a stream; returns the problem that stopped it, if any. */
export function readStream(text: string, each: (doc: ReadDocument) => void): ReadProblem | undefined {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // kubectl drops a byte order mark
  let yamlStart = 0;
  // the JSON error kubectl reports when the YAML after it fails at once (its decoder returns the first error of the two)
  let jsonError: ReadProblem | undefined;
  // a stream that starts with { is JSON values first, as kubectl's decoder reads it (json-stream.ts)
  if (startsAsJson(text)) {
    const json = readJsonValues(text);
    for (const v of json.values) {
      if (v.value === null) continue;
      // keys written twice: JSON.parse keeps the last, as kubectl's decoder does; strict field validation names them
      const duplicates = jsonDuplicates(v.text).map((d) => ({ path: d.path, line: v.line + d.line + 1, first: v.line + d.first + 1 }));
      each(documentOf(v.value, new ComposedLines(v.text, v.line, undefined, true), duplicates));
    }
    if (json.error) return { message: json.error.message, line: json.error.line + 1 };
    if (json.yamlFrom === undefined) return undefined;
    if (json.jsonError) jsonError = { message: json.jsonError.message, line: json.jsonError.line + 1 };
    // the rest is YAML, each of its lines where it is in the file
    if (json.yamlFrom > 0) {
      // (a byte order mark that starts the YAML is dropped by go-yaml, which reads it as a stream of its own)
      yamlStart = countLines(text, 0, json.yamlFrom);
      text = '\n'.repeat(yamlStart) + text.slice(text.charCodeAt(json.yamlFrom) === 0xfeff ? json.yamlFrom + 1 : json.yamlFrom);
    }
  }
  // CRLF line ends (files written on Windows) read as LF: YAML reads every line break in a scalar
  // as \n, so the values and lines are the same and the fast reader can read the file
  if (text.includes('\r')) text = text.replace(/\r\n/g, '\n');
  const split = splitDocuments(text, yamlStart);
  const controls = CONTROL_CHARACTER.test(text);
  // the fast reader reads the file's lines, split once and shared by its documents; it leaves a
  // file with line breaks other than \n to the exact reader, which reads them as go-yaml does
  const lines = text.includes('\r') || hasGoBreaks(text) ? undefined : text.split('\n');
  const indents = lines ? lineIndents(lines) : undefined;
  for (const [k, c] of split.chunks.entries()) {
    const to = c.endLine ?? lines?.length ?? 0;
    // a byte order mark that starts a document (files joined with `cat`): go-yaml drops it, but after that first `---` it is content (the fast reader leaves both to the exact reader)
    const bom = text.charCodeAt(c.start) === 0xfeff;
    // a character go-yaml's reader refuses (go-reader.ts): whether it reads that far is the exact reader's to say
    // (also on the separator line kubectl's YAMLReader kept in the document: go-yaml decodes it first)
    // (a document whose chunk holds its separator line already, one with a NEL or a comment right after the dashes, starts at it)
    const given = c.started && !text.startsWith('---', c.start) ? text.lastIndexOf('\n', c.start - 2) + 1 : c.start;
    const control = controls ? controlAt(text, given, c.end) : -1;
    const value = lines && control < 0 ? fastParseLines(lines, c.line, to, resolvePlain, undefined, indents) : BAIL;
    if (value instanceof Refused) return (k === 0 && jsonError) || { message: value.message, line: value.line + 1 };
    if (value !== BAIL) {
      if (value !== null && value !== undefined) each(documentOf(value, new BlockLines(lines!, indents!, c.line, to), []));
      continue;
    }
    let r: ReturnType<typeof composeDocument>;
    // kubectl's document cutter keeps a `---` line that comes before any line of its document in
    // it (the stream's first, or one right after another separator): a mark after that line is
    // content to go-yaml, which read the `---` first, so the document is read with that line;
    // elsewhere without the mark, which go-yaml drops
    const from = bom ? (c.started ? text.lastIndexOf('\n', c.start - 2) + 1 : c.start + 1) : c.start;
    const base = c.line - (from < c.start ? 1 : 0);
    if (control >= 0 && control < from) return (k === 0 && jsonError) || { message: controlError(text, control).message, line: c.line };
    // kubectl's YAMLReader hands go-yaml each line with a \n after it, the last one too (a keep-chomped
    // block scalar that ends the stream after a NEL keeps one line break more for it)
    const ended = text.endsWith('\n', c.end) || c.end === from;
    const cut = ended ? text.slice(from, c.end) : `${text.slice(from, c.end)}\n`;
    // a lone \r (what is left after CRLF) is a line break to kubectl's YAML reader, though not to
    // the YAMLReader that cut the documents (it cuts at \n only): a line break here, within the document
    const lf = cut.includes('\r') ? cut.replace(/\r/g, '\n') : cut;
    // NEL, LINE and PARAGRAPH SEPARATOR end lines too to go-yaml (YAML 1.1), not to the YAMLReader that cut the documents
    const separated = hasGoBreaks(lf);
    const chunk = separated ? goLineBreaks(lf) : lf;
    // the line table is filled as the document is read: most documents that need the exact reader have findings
    const table: LineTable = new WeakMap();
    try {
      r = composeDocument(chunk, table, c.started, separated ? separatorLines(lf) : undefined, control < 0 ? undefined : { at: control - from, source: text.slice(given, c.end).replace(/\r/g, '\n'), shift: from - given });
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      // (an error at the end of the text is on its last line, not on the one the added \n opens)
      const line = ended ? (e.line ?? 0) : Math.min(e.line ?? 0, chunk.split('\n').length - 2);
      return (k === 0 && jsonError) || { message: e.message, line: base + line + 1 };
    }
    if (r.value === null || r.value === undefined) continue;
    const duplicates = r.duplicates.map((d) => ({ path: d.path, line: base + d.line + 1, first: base + d.first + 1 }));
    each(documentOf(r.value, new ComposedLines(chunk, base, { root: r.value, table }), duplicates));
  }
  if (split.error) return (split.chunks.length === 0 && jsonError) || { message: split.error.message, line: split.error.line + 1 };
  return undefined;
}

function documentOf(value: unknown, lines: DocLines, duplicates: ReadDocument['duplicates']): ReadDocument {
  return { value, lineOf: (p) => lines.lineOf(p), lines, duplicates };
}
