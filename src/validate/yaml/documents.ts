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
  /** Its document started with a separator line that kubectl's YAMLReader kept in it (a `%` line after it is no directive of it). */
  started?: boolean;
}

export interface Split {
  chunks: Chunk[];
  /** An invalid separator: what kubectl says and the 0-based line; the chunks before it stand. */
  error?: { message: string; line: number };
}

/** Spaces and line feeds only: a tab there is refused by go-yaml, a no-break space is a string, a form feed a control character (the exact reader's to say). */
const SPACE = /^[ \n]*$/;

/** `from`: where the stream starts, after that many line feeds that stand for lines read otherwise (the JSON values before YAML). */
export function splitDocuments(text: string, from = 0): Split {
  const chunks: Chunk[] = [];
  let start = from; // where the current document starts
  let startLine = from;
  let line = from;
  let pos = from;
  /** The document being read holds its separator line (kept, in kubectl's YAMLReader). */
  let carried = false;
  // `---` only counts at the start of a line; finding them with indexOf keeps a 50 MB file fast
  for (;;) {
    const at = text.startsWith('---', pos) ? pos : text.indexOf('\n---', pos);
    if (at < 0) break;
    const sep = at === pos && text.startsWith('---', pos) ? pos : at + 1;
    line += countLines(text, pos, sep);
    let eol = text.indexOf('\n', sep);
    if (eol < 0) eol = text.length;
    const rest = goTrimSpace(text.slice(sep + 3, eol));
    if (rest !== '' && rest[0] !== '#') {
      // the document being read when the bad separator comes is lost too, as in kubectl
      return { chunks: nonEmpty(text, chunks), error: { message: `invalid Yaml document separator: ${rest}`, line } };
    }
    // a separator that comes before any line of its document is kept by the YAMLReader as the
    // first line of it (go-yaml reads it as the start of the document; the next separator then
    // ends that document, though it holds no other line): only a comment on it that a lone CR
    // (CRLF is LF by now), a NEL, a LINE or a PARAGRAPH SEPARATOR ends (a line break to go-yaml)
    // leaves content in it, and so does a space that Go's TrimSpace takes and go-yaml does not
    // (a no-break or ideographic space: a plain scalar; a form feed: refused), and so does a
    // comment right after the dashes (`---#`: no document start to go-yaml, a plain scalar)
    const kept: boolean = sep === start && !carried;
    const carriedBefore = carried;
    carried = kept;
    if (kept && (/[\r\v\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(text.slice(sep, eol)) || text[sep + 3] === '#')) {
      line += 1;
      pos = eol + 1;
      if (pos >= text.length) break;
      continue;
    }
    if (sep > start) chunks.push({ start, end: sep, line: startLine, endLine: line, ...(carriedBefore ? { started: true } : {}) });
    start = eol + 1;
    line += 1;
    startLine = line;
    pos = start;
    if (pos >= text.length) break;
  }
  if (start < text.length) chunks.push({ start, end: text.length, line: startLine, ...(carried ? { started: true } : {}) });
  return { chunks: nonEmpty(text, chunks) };
}

/** The text without the leading and trailing white space Go's strings.TrimSpace takes off (unicode.IsSpace: NEL too, not a byte order mark). */
export function goTrimSpace(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
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
