/**
 * One YAML or JSON stream read as kubectl reads it: cut into documents (documents.ts), each
 * document read by the fast block reader where it can (fast-yaml.ts, proven equal to the exact
 * reader by test/validate/yaml-oracle.test.ts) and by the exact reader (compose.ts) everywhere
 * else. Empty documents are skipped, as kubectl skips them. Reading stops at the first document
 * that cannot be read, as kubectl stops; the documents before it stand.
 */
import { BAIL, fastParseLines } from '../fast-yaml';
import { splitPath } from '../path';
import { composeDocument, LineTable, ReadError } from './compose';
import { splitDocuments } from './documents';
import { resolvePlain } from './resolve';

/** A document read: its value, its lines on demand, and the keys it repeats. */
export interface ReadDocument {
  value: unknown;
  /** 1-based line of the field at `path` (the document's first line for ''), or undefined. */
  lineOf: (path: string) => number | undefined;
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
  // JSON: one object, parsed natively (kubectl's decoder reads a stream that starts with { as JSON)
  const first = firstNonSpace(text);
  if (text[first] === '{') {
    try {
      const value = JSON.parse(text);
      each({ value, lineOf: lazyLines(text, 0, 0, text.length, false), duplicates: [] });
      return undefined;
    } catch {
      // not strict JSON: the YAML reader says where it fails
    }
  }
  const split = splitDocuments(text);
  const hasCr = text.includes('\r');
  for (const c of split.chunks) {
    const chunk = text.slice(c.start, c.end);
    let value: unknown = BAIL;
    let fast = false;
    let duplicates: ReadDocument['duplicates'] = [];
    if (!hasCr) {
      const lines = chunk.split('\n');
      value = fastParseLines(lines, 0, lines.length, resolvePlain);
      fast = value !== BAIL;
    }
    if (!fast) {
      try {
        const r = composeDocument(chunk);
        value = r.value;
        duplicates = r.duplicates.map((d) => ({ path: d.path, line: c.line + d.line + 1, first: c.line + d.first + 1 }));
      } catch (e) {
        if (!(e instanceof ReadError)) throw e;
        return { message: e.message, line: c.line + (e.line ?? 0) + 1 };
      }
    }
    if (value === null || value === undefined) continue;
    each({ value, lineOf: lazyLines(text, c.line, c.start, c.end, fast), duplicates });
  }
  if (split.error) return { message: split.error.message, line: split.error.line + 1 };
  return undefined;
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/**
 * Line lookup for one document, text[start, end) starting at line `from` (0-based): nothing is
 * parsed until a finding asks for a line; the document is then read again with a line table,
 * by the reader that read it the first time.
 */
function lazyLines(text: string, from: number, start: number, end: number, fast: boolean): (p: string) => number | undefined {
  let located: { root: unknown; table: LineTable; chunk: string } | null | undefined;
  return (p: string) => {
    if (located === undefined) {
      const chunk = text.slice(start, end);
      const table: LineTable = new WeakMap();
      let root: unknown = BAIL;
      if (fast) {
        const lines = chunk.split('\n');
        root = fastParseLines(lines, 0, lines.length, resolvePlain, table);
      }
      if (root === BAIL) {
        try {
          root = composeDocument(chunk, table).value;
        } catch {
          root = BAIL;
        }
      }
      located = root === BAIL ? null : { root, table, chunk };
    }
    if (!located) return undefined;
    let cur: any = located.root;
    let line: number | undefined;
    for (const seg of splitPath(p)) {
      if (cur === null || typeof cur !== 'object') return undefined;
      const l = located.table.get(cur)?.get(seg);
      if (l === undefined) return undefined;
      line = l;
      cur = cur[seg];
    }
    if (line !== undefined) return from + line + 1;
    // the object itself: its first content line
    const lines = located.chunk.split('\n');
    for (let k = 0; k < lines.length; k++) {
      const t = lines[k].trim();
      if (t !== '' && !t.startsWith('#') && !/^---\s*(#.*)?$/.test(t)) return from + k + 1;
    }
    return undefined;
  };
}
