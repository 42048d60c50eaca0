/**
 * A YAML stream cut into documents the way kubectl's decoder cuts it (apimachinery's
 * YAMLReader): a line that starts with `---` ends a document; the rest of that line may only be
 * blank or a comment, anything else (`--- !tag`, `--- {a: 1}`, `----`) is an invalid separator
 * and neither the document it ends nor anything after it is read. Separator lines belong to no
 * document.
 */

/** One document's text: text[start, end), whose first line is line `line` (0-based). */
export interface Chunk {
  start: number;
  end: number;
  line: number;
  /** The line after its last (the separator's), undefined for the last document of the text. */
  endLine?: number;
}

export interface Split {
  chunks: Chunk[];
  /** An invalid separator: what kubectl says and the 0-based line; the chunks before it stand. */
  error?: { message: string; line: number };
}

const SPACE = /^[\s\u0085\u00a0]*$/;

export function splitDocuments(text: string): Split {
  const chunks: Chunk[] = [];
  let start = 0; // where the current document starts
  let startLine = 0;
  let line = 0;
  let pos = 0;
  // `---` only counts at the start of a line; finding them with indexOf keeps a 50 MB file fast
  for (;;) {
    const at = text.startsWith('---', pos) ? pos : text.indexOf('\n---', pos);
    if (at < 0) break;
    const sep = at === pos && text.startsWith('---', pos) ? pos : at + 1;
    line += countLines(text, pos, sep);
    let eol = text.indexOf('\n', sep);
    if (eol < 0) eol = text.length;
    const rest = text.slice(sep + 3, eol).trim();
    if (rest !== '' && rest[0] !== '#') {
      // the document being read when the bad separator comes is lost too, as in kubectl
      return { chunks: nonEmpty(text, chunks), error: { message: `invalid Yaml document separator: ${rest}`, line } };
    }
    if (sep > start) chunks.push({ start, end: sep, line: startLine, endLine: line });
    start = eol + 1;
    line += 1;
    startLine = line;
    pos = start;
    if (pos >= text.length) break;
  }
  if (start < text.length) chunks.push({ start, end: text.length, line: startLine });
  return { chunks: nonEmpty(text, chunks) };
}

/** How many line feeds text[from, to) holds. */
export function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Blank chunks are no document (kubectl skips them). */
function nonEmpty(text: string, chunks: Chunk[]): Chunk[] {
  return chunks.filter((c) => !SPACE.test(text.slice(c.start, Math.min(c.end, c.start + 256))) || !SPACE.test(text.slice(c.start, c.end)));
}
