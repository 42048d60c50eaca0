/**
 * Lines of the fields of a JSON document (a stream that starts with `{`, read with JSON.parse),
 * found by one scan of its text: the line of each key, and of each item's first character, which
 * are the lines the exact reader (compose.ts) records when it reads the same text as YAML. A key
 * written twice has the line of its last occurrence, whose value JSON.parse keeps.
 * test/validate/json-lines.test.ts compares it with the exact reader's table on every JSON
 * document of the real-world corpus and on generated ones.
 */
import { index as indexPath, key as keyPath } from '../path';
import type { DuplicateKey, LineTable } from './compose';

/** The fields of one container: each key or index with its line and, for a container, its own fields. */
type Fields = Map<string | number, { line: number; fields: Fields | undefined }>;

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;

/** The line table of `root` (JSON.parse(text)), or undefined when the text is not the JSON that gave it. */
export function jsonLineTable(text: string, root: unknown): LineTable | undefined {
  const fields = scan(text);
  if (fields === null) return undefined; // not the text JSON.parse read (or nested past the stack): the exact reader's table then
  const table: LineTable = new WeakMap();
  const apply = (f: Fields, v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    const lines = new Map<string | number, number>();
    table.set(v, lines);
    for (const [k, x] of f) {
      lines.set(k, x.line);
      if (x.fields) apply(x.fields, (v as Record<string | number, unknown>)[k]);
    }
  };
  if (fields) apply(fields, root);
  return table;
}

/**
 * The keys a JSON document writes twice in one object (JSON.parse keeps the last, as kubectl's
 * decoder does; strict field validation names them), with 0-based lines of the last and the first.
 */
export function jsonDuplicates(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  scan(text, (path, line, first) => out.push({ path, line, first }));
  return out;
}

/** One scan of a JSON value's text: its fields with their lines (null when it is not JSON); `duplicate` hears of each key written twice in one object. */
function scan(text: string, duplicate?: (path: string, line: number, first: number) => void): Fields | undefined | null {
  let pos = 0;
  let line = 0;
  const n = text.length;
  const ws = (): void => {
    for (; pos < n; pos++) {
      const c = text.charCodeAt(pos);
      if (c === LF) line++;
      else if (c !== SPACE && c !== TAB && c !== CR) return;
    }
  };
  /** Past a string that starts at pos (JSON strings hold no raw line breaks); returns where it started. */
  const string = (): number => {
    const start = pos++;
    while (pos < n) {
      const c = text.charCodeAt(pos++);
      if (c === 92) pos++;
      else if (c === 34) return start;
    }
    throw new SyntaxError('unterminated string');
  };
  // the segments down to the current node, for a repeated key's path
  const stack: Array<string | number> = [];
  const pathOf = (k: string): string => keyPath(stack.reduce<string>((p, seg) => (typeof seg === 'number' ? indexPath(p, seg) : keyPath(p, seg)), ''), k);
  const node = (): Fields | undefined => {
    ws();
    const c = text.charCodeAt(pos);
    if (c === 123 || c === 91) {
      const map = c === 123;
      const close = map ? 125 : 93;
      const fields: Fields = new Map();
      pos++;
      ws();
      if (text.charCodeAt(pos) === close) { pos++; return fields; }
      for (let i = 0; ; i++) {
        ws();
        const at = line;
        let k: string | number = i;
        if (map) {
          const start = string();
          k = JSON.parse(text.slice(start, pos)) as string;
          ws();
          if (text.charCodeAt(pos++) !== 58) throw new SyntaxError('expected a colon');
        }
        const before = fields.get(k);
        if (before !== undefined && duplicate) duplicate(pathOf(k as string), at, before.line);
        stack.push(k);
        fields.set(k, { line: at, fields: node() });
        stack.pop();
        ws();
        const d = text.charCodeAt(pos++);
        if (d === 44) continue;
        if (d !== close) throw new SyntaxError('expected a comma or the end of a collection');
        return fields;
      }
    }
    if (c === 34) { string(); return undefined; }
    while (pos < n) {
      const d = text.charCodeAt(pos);
      if (d === 44 || d === 93 || d === 125 || d === SPACE || d === LF || d === CR || d === TAB) break;
      pos++;
    }
    return undefined;
  };
  try {
    return node();
  } catch {
    return null;
  }
}
