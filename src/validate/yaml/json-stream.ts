/**
 * A stream that starts with `{` read as kubectl reads it (apimachinery's YAMLOrJSONDecoder, as
 * k8s.io/cli-runtime's StreamVisitor runs it): JSON values one after the other (`{…}{…}` or one
 * per line, what concatenated `kubectl get -o json` gives); when the first value is not JSON the
 * whole stream is YAML; when the second is not, the stream goes on as YAML from the line after the
 * first; from the third on, a value that is not JSON stops the stream with an error.
 * test/yaml/reader-vs-go.test.ts holds it to kubectl's own loop (cluster/go/yamlref).
 */
import { countLines } from './documents';

/** One JSON value of the stream: its text and the 0-based line where it starts. */
export interface JsonValue {
  text: string;
  value: unknown;
  line: number;
}

/** What the JSON reading gave: its values, then either the offset where YAML takes over, or the error that stopped the stream. */
export interface JsonStream {
  values: JsonValue[];
  /** Where the rest of the stream is read as YAML (0: all of it). */
  yamlFrom?: number;
  /** The JSON error that sent the stream to YAML: kubectl reports it, not YAML's, when the first YAML document cannot be read either. */
  jsonError?: { message: string; line: number };
  error?: { message: string; line: number };
}

const JSON_SPACE = new Set([' ', '\t', '\n', '\r']);

/** Whether kubectl reads this stream as JSON first: its first character that is not a space (Go's unicode.IsSpace) is `{`. */
export function startsAsJson(text: string): boolean {
  return GO_SPACES_THEN_BRACE.test(text);
}

/** Go's unicode.IsSpace: JavaScript's \s without the byte order mark, with NEL. */
const GO_SPACES_THEN_BRACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\{/;

/** The JSON values at the start of a stream that startsAsJson, as kubectl's decoder takes them. */
export function readJsonValues(text: string): JsonStream {
  const values: JsonValue[] = [];
  let pos = 0;
  let line = 0;
  for (;;) {
    const start = pos;
    while (pos < text.length && JSON_SPACE.has(text[pos])) pos++;
    line += countLines(text, start, pos);
    if (pos >= text.length) return { values };
    const end = valueEnd(text, pos);
    let value: unknown;
    let bad: string | undefined;
    if (end < 0) bad = 'unexpected end of JSON input';
    else {
      try {
        value = JSON.parse(text.slice(pos, end));
      } catch (e) {
        bad = (e as Error).message;
      }
    }
    if (bad !== undefined) {
      // the line of the offending character where JSON.parse names its position (a comment, a trailing comma), else of the value's start
      // (a value the text ends inside: the line where its text ends)
      const at = /at position (\d+)/.exec(bad);
      const to = at ? Math.min(text.length, pos + Number(at[1])) : end < 0 ? text.trimEnd().length : pos;
      const error = { message: `json: ${at ? bad.replace(/ at position \d+/, '') : bad}`, line: line + countLines(text, pos, to) };
      // a JSON stream past its second value stays JSON: the error stops it
      if (values.length > 1) return { values, error };
      // else YAML from where the last value ended, past spaces up to the end of that line, as the
      // decoder's consumeWhitespace goes: it reads 4 bytes at a time, so with fewer left (or a
      // rune it cannot decode) it gives up and the JSON error stands
      let from = values.length === 0 ? 0 : start;
      for (;;) {
        const c = text.codePointAt(from);
        if (c === undefined || c === 0xfffd || !fourBytesFrom(text, from)) return { values, error };
        if (!GO_SPACE.test(String.fromCodePoint(c))) break;
        from += c > 0xffff ? 2 : 1;
        if (c === 10) break;
      }
      return { values, yamlFrom: from, jsonError: error };
    }
    values.push({ text: text.slice(pos, end), value, line });
    line += countLines(text, pos, end);
    pos = end;
  }
}

/** Go's unicode.IsSpace. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** Whether at least 4 bytes of UTF-8 are left from text[at]. */
function fourBytesFrom(text: string, at: number): boolean {
  let bytes = 0;
  for (let k = at; k < text.length && bytes < 4; k++) {
    const c = text.charCodeAt(k);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3;
  }
  return bytes >= 4;
}

/**
 * Where the JSON value that starts at text[pos] ends, found by its brackets and strings (-1 when
 * the text ends first); whether it is valid JSON is JSON.parse's to say.
 */
function valueEnd(text: string, pos: number): number {
  const c = text[pos];
  if (c === '{' || c === '[' || c === '"') {
    let depth = 0;
    for (let k = pos; k < text.length; k++) {
      const ch = text[k];
      if (ch === '"') {
        for (k++; k < text.length && text[k] !== '"'; k++) if (text[k] === '\\') k++;
        if (k >= text.length) return -1;
        if (depth === 0) return k + 1;
      } else if (ch === '{' || ch === '[') depth++;
      else if ((ch === '}' || ch === ']') && --depth === 0) return k + 1;
    }
    return -1;
  }
  // a literal, or a number as long as JSON's grammar lets it go on (`0644` is 0, then 644; `1_000` is 1, then an error)
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, pos)) return pos + word.length;
  const digits = (k: number): number => { while (k < text.length && text[k] >= '0' && text[k] <= '9') k++; return k; };
  let k = pos;
  if (text[k] === '-') k++;
  if (text[k] === '0') k++;
  else if (text[k] >= '1' && text[k] <= '9') k = digits(k);
  else return pos + 1; // no value starts here: JSON.parse says why
  if (text[k] === '.') {
    if (!(text[k + 1] >= '0' && text[k + 1] <= '9')) return k + 1;
    k = digits(k + 1);
  }
  if (text[k] === 'e' || text[k] === 'E') {
    let e = k + 1;
    if (text[e] === '+' || text[e] === '-') e++;
    if (!(text[e] >= '0' && text[e] <= '9')) return e + 1;
    k = digits(e);
  }
  return k;
}
