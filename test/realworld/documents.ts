/**
 * A file's documents cut by text, the way kubectl's YAML reader (k8s.io/apimachinery
 * pkg/util/yaml YAMLReader) cuts them: a line that starts with `---` and has nothing after it but
 * spaces or a comment ends a document; the separator line belongs to neither side. Each
 * document keeps its own bytes as written, so the API server can be sent exactly those.
 */
import { parseDocument } from 'yaml';

export interface TextDocument {
  /** The document's text as written (line endings, comments, anchors and all). */
  text: string;
  /** 1-based line of the document's first line in the file, and of its last. */
  startLine: number;
  endLine: number;
  /** kubectl refuses the file here: a `---` line with content after it. */
  separatorError?: string;
}

/** Splits a file at its document separator lines. */
export function splitDocuments(file: string): TextDocument[] {
  const out: TextDocument[] = [];
  let start = 0;
  let startLine = 1;
  let line = 1;
  let pos = 0;
  const push = (end: number, endLine: number, separatorError?: string) => {
    const text = file.slice(start, end);
    if (text.length > 0 || separatorError) out.push({ text, startLine, endLine, ...(separatorError ? { separatorError } : {}) });
  };
  while (pos <= file.length) {
    const nl = file.indexOf('\n', pos);
    const end = nl < 0 ? file.length : nl + 1;
    const l = file.slice(pos, end);
    if (l.startsWith('---')) {
      const rest = l.slice(3).trim();
      if (rest.length === 0 || rest.startsWith('#')) {
        push(pos, line - 1);
        start = end;
        startLine = line + 1;
      } else {
        push(pos, line - 1);
        start = pos;
        startLine = line;
        out.push({ text: '', startLine: line, endLine: line, separatorError: `invalid Yaml document separator: ${rest}` });
      }
    }
    if (nl < 0) break;
    pos = end;
    line++;
  }
  push(file.length, line);
  return out;
}

/** Whether a document holds nothing but blank lines, comments and document markers (kubectl skips it). */
export function isBlank(text: string): boolean {
  return text.split('\n').every((l) => { const t = l.trim(); return t === '' || t.startsWith('#') || t === '...'; });
}

/** The type and name of a document, read only to choose the URL it is sent to. */
export interface DocumentMeta {
  value: unknown;
  apiVersion?: string;
  kind?: string;
  name?: string;
  generateName?: string;
  namespace?: string;
  /** Why the document could not be read here (the API server still decides where it can). */
  unreadable?: string;
}

export function readMeta(text: string): DocumentMeta {
  let value: unknown;
  try {
    // (logLevel error: a template's collection key, `{{ .x }}: y`, would print the yaml package's warning on every run)
    const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { version: '1.1', uniqueKeys: false, merge: true, logLevel: 'error' });
    if (doc.errors.length) return { value: undefined, unreadable: doc.errors[0].message.split('\n')[0] };
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (e) {
    return { value: undefined, unreadable: (e as Error).message.split('\n')[0] };
  }
  return { value, ...metaOf(value) };
}

export function metaOf(value: unknown): Omit<DocumentMeta, 'value'> {
  const o: any = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    apiVersion: str(o.apiVersion), kind: str(o.kind),
    name: str(o.metadata?.name), generateName: str(o.metadata?.generateName), namespace: str(o.metadata?.namespace),
  };
}
