/**
 * A corpus with careless edits of its values: each file copied with one or two `key: value` lines
 * given another value (YAML 1.1's corners, tags, collections, numbers past int32 and int64, names
 * no rule allows, empty and null values, quantities). The API server then judges what real
 * objects become with one value wrong, which neither the corpus (objects that work) nor the value
 * sweep (one field of one seed, "" and a misspelt word) reaches. Run by
 * `npm run test:realworld-edited` (edited-run.ts); it found the classes of 3a32ce1..d015ce3.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rng } from '../yaml/generate';
import { Corpus, walkedCorpus } from './corpora';

/** What a value is replaced with, written as YAML. */
export const EDITED_VALUES = ['0644', '0o644', '0x1F', '1e3', '1_000', '+12', '-0', '.5', '.inf', '~', 'null', 'yes', 'No', 'ON', 'off', 'y', 'n', 'true',
  'TRUE', '2001-12-14', '12:30:45', '190:20:30', '0b101', '08', '09.5', '1:20', "'it''s'", '!!str 5', '!!int "5"', '!!float 1', '[]', '{}', '[a]', '{a: b}',
  '""', "''", '-1', '0', '1', '2147483648', '-2147483649', '65536', '99999999999999999999', '1.5', '"1.5"', '"80"', '"-1"', '"true"', 'Sometimes', 'a/b', 'a b',
  '"*"', '" x"', 'A_b', '100%', '101%', '"100%"', '1Gi', '-1Gi', '1.5Gi', '0.5', '1m', '1e-3', 'x'.repeat(64), 'x'.repeat(254), '"10.0.0.1"', '"::1"',
  '"0.0.0.0/0"', '"2001:db8::/129"', '"1.2.3"'];

/** A line whose value may be replaced: `key: value`, not the kind or apiVersion (the object would no longer be one). */
const EDITABLE = /^\s*-?\s*[\w./-]+: \S/;
const TYPE_LINE = /^\s*(apiVersion|kind): /;

/** The text with one or two values replaced, the same for the same seed; undefined when it has no value to replace. */
export function editValues(text: string, seed: number): string | undefined {
  const r = rng(seed);
  const lines = text.split('\n');
  const at: number[] = [];
  lines.forEach((l, i) => { if (EDITABLE.test(l) && !TYPE_LINE.test(l)) at.push(i); });
  if (at.length === 0) return undefined;
  for (let n = 1 + Math.floor(r() * 2); n > 0; n--) {
    const i = at[Math.floor(r() * at.length)];
    const colon = lines[i].indexOf(': ') + 2;
    lines[i] = lines[i].slice(0, colon) + EDITED_VALUES[Math.floor(r() * EDITED_VALUES.length)];
  }
  return lines.join('\n');
}

/** The end (exclusive) of the list item or mapping entry that starts at line i: the lines after it indented deeper, or blank. */
function blockEnd(lines: string[], i: number): number {
  const indent = (l: string) => l.length - l.trimStart().length;
  // (a list item's own keys sit at the dash's column + 2)
  const own = indent(lines[i]);
  let j = i + 1;
  while (j < lines.length && (lines[j].trim() === '' || indent(lines[j]) > own)) j++;
  while (j > i + 1 && lines[j - 1].trim() === '') j--;
  return j;
}

const ITEM = /^\s*- \S/;
/** A mapping entry not in a list item's first line: `key:` with what it holds below, or `key: value`. */
const ENTRY = /^\s*[\w./-]+:(\s.*)?$/;

/**
 * The text with one or two careless edits of its structure, the same for the same seed: a
 * `key: value` line deleted (often a required field), a list item repeated (a container, a port,
 * an env var twice: names that must be unique), a whole entry deleted with what it holds, or a
 * value copied from another line of the file (a port where a name goes), an entry moved a level
 * out or in. Undefined when it has nothing to edit.
 */
export function editStructure(text: string, seed: number): string | undefined {
  const r = rng(seed);
  let lines = text.split('\n');
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  let edited = false;
  for (let n = 1 + Math.floor(r() * 2); n > 0; n--) {
    const values: number[] = [];
    const items: number[] = [];
    lines.forEach((l, i) => {
      if (EDITABLE.test(l) && !TYPE_LINE.test(l)) values.push(i);
      if (ITEM.test(l)) items.push(i);
    });
    if (values.length === 0) break;
    const what = Math.floor(r() * 5);
    if (what === 0) {
      // a line deleted; a list item's first line keeps its dash on the next key
      const i = pick(values);
      const m = /^(\s*)- /.exec(lines[i]);
      const next = lines[i + 1];
      if (m && next !== undefined && next.length - next.trimStart().length === m[1].length + 2 && next.trim() !== '') lines[i + 1] = `${m[1]}- ${next.trimStart()}`;
      lines.splice(i, 1);
    } else if (what === 1 && items.length > 0) {
      const i = pick(items);
      const end = blockEnd(lines, i);
      lines = [...lines.slice(0, end), ...lines.slice(i, end), ...lines.slice(end)];
    } else if (what === 2) {
      // a mapping entry and all it holds
      const entries = lines.flatMap((l, k) => (ENTRY.test(l) && !TYPE_LINE.test(l) ? [k] : []));
      if (entries.length === 0) continue;
      const i = pick(entries);
      lines.splice(i, blockEnd(lines, i) - i);
    } else if (what === 4) {
      // an entry moved a level out or in (two spaces less or more), with what it holds
      const entries = lines.flatMap((l, k) => (ENTRY.test(l) && !TYPE_LINE.test(l) && /^ {2}/.test(l) ? [k] : []));
      if (entries.length === 0) continue;
      const i = pick(entries);
      const out = r() < 0.5;
      const end = blockEnd(lines, i);
      for (let k = i; k < end; k++) if (lines[k].trim() !== '') lines[k] = out ? lines[k].slice(2) : `  ${lines[k]}`;
    } else {
      const i = pick(values);
      const from = pick(values);
      const colonTo = lines[i].indexOf(': ') + 2;
      const colonFrom = lines[from].indexOf(': ') + 2;
      lines[i] = lines[i].slice(0, colonTo) + lines[from].slice(colonFrom);
    }
    edited = true;
  }
  return edited ? lines.join('\n') : undefined;
}

/** An entry line's key (`key:` or `- key:`): what comes before it (indent and dash), and the key. */
const KEY_AT = /^(\s*(?:- )?)([\w./-]+):(?=\s|$)/;

/**
 * The text with one or two careless edits of its keys, the same for the same seed: a key's case
 * changed (`ContainerPort`, `containerport`: Go's encoding/json matches keys regardless of case
 * where the API server's own decoder does not), a letter dropped or two swapped, a key renamed to
 * another key of the file, a `key: value` line written twice (a duplicate key), or an entry line
 * copied from elsewhere in the file to the indent of another (a field where it does not belong).
 * Undefined when it has nothing to edit.
 */
export function editKeys(text: string, seed: number): string | undefined {
  const r = rng(seed);
  const lines = text.split('\n');
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  let edited = false;
  for (let n = 1 + Math.floor(r() * 2); n > 0; n--) {
    const keyed = lines.flatMap((l, k) => (KEY_AT.test(l) && !TYPE_LINE.test(l) ? [k] : []));
    if (keyed.length === 0) break;
    const i = pick(keyed);
    const [, lead, key] = KEY_AT.exec(lines[i])!;
    const rest = lines[i].slice(lead.length + key.length);
    const what = Math.floor(r() * 5);
    let to: string;
    if (what === 0) {
      const humps = [...key].flatMap((c, k) => (k === 0 || /[A-Z]/.test(c) ? [k] : []));
      const k = pick(humps);
      const c = key[k];
      to = r() < 0.3 ? key.toLowerCase() : key.slice(0, k) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + key.slice(k + 1);
    } else if (what === 1) {
      if (key.length < 2) continue;
      const k = Math.floor(r() * (key.length - 1));
      to = r() < 0.5 ? key.slice(0, k) + key.slice(k + 1) : key.slice(0, k) + key[k + 1] + key[k] + key.slice(k + 2);
    } else if (what === 2) {
      to = KEY_AT.exec(lines[pick(keyed)])![2];
    } else if (what === 3) {
      // the same key again, with the value of another line (or its own)
      if (!/^: \S/.test(rest)) continue;
      const from = lines[pick(keyed)];
      const value = from.slice(from.indexOf(':') + 1);
      lines.splice(i + 1, 0, `${' '.repeat(lead.length)}${key}:${/^ \S/.test(value) ? value : rest.slice(1)}`);
      edited = true;
      continue;
    } else {
      // a one-line entry of the file copied to sit beside line i (same indent as its key)
      const ones = keyed.filter((k) => /^: \S/.test(lines[k].slice(KEY_AT.exec(lines[k])![0].length - 1)));
      if (ones.length === 0) continue;
      const from = lines[pick(ones)];
      const [, fromLead] = KEY_AT.exec(from)!;
      const copy = ' '.repeat(lead.length) + from.slice(fromLead.length);
      // before line i, as a sibling of its key; after a list item's first line when that holds its value (a key of the item)
      if (!lead.endsWith('- ')) lines.splice(i, 0, copy);
      else if (/^: \S/.test(rest)) lines.splice(i + 1, 0, copy);
      else continue;
      edited = true;
      continue;
    }
    if (to === key || to === '') continue;
    lines[i] = lead + to + rest;
    edited = true;
  }
  return edited ? lines.join('\n') : undefined;
}

/** How a file is edited: its values (editValues), its structure (editStructure) or its keys (editKeys). */
export type EditKind = 'values' | 'structure' | 'keys';

/**
 * `copies` edited copies of a corpus under `dir` (copy k in `e<k>/`, the corpus's own paths below),
 * as a corpus. Files over `maxBytes` (by default 200 KB: the CRD bundles, one value among
 * thousands), files with CRLF line ends and, given `containing`, files without that text are left out.
 */
export function editedCorpus(corpus: Corpus, dir: string, seed: number, copies: number, kind: EditKind = 'values', maxBytes = 200_000, containing?: string): Corpus {
  let n = 0;
  for (const f of corpus.files) {
    const text = fs.readFileSync(path.join(corpus.root, f), 'utf8');
    if (text.length > maxBytes || text.includes('\r') || (containing !== undefined && !text.includes(containing))) continue;
    for (let k = 0; k < copies; k++) {
      const edited = (kind === 'structure' ? editStructure : kind === 'keys' ? editKeys : editValues)(text, seed * 1_000_003 + n++);
      if (edited === undefined) continue;
      const out = path.join(dir, `e${k}`, f);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, edited);
    }
  }
  return walkedCorpus(`${corpus.name}, edited ${kind} (seed ${seed})`, dir);
}
