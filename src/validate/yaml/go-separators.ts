/**
 * Scalars that a LINE SEPARATOR (U+2028) or PARAGRAPH SEPARATOR (U+2029) breaks, as go-yaml v2
 * reads them. To go-yaml (YAML 1.1) both end a line, as \n does, but a scalar keeps them as they
 * are: where a \n between two lines of a scalar folds into a space, a separator stays itself
 * (`a: x\u2028  y` is "x\u2028y"), and a block scalar keeps it in place of its \n. compose.ts
 * reads such a document with every separator written as \n (the structure and the lines are
 * go-yaml's) and asks here for the value of each scalar that spans a line a separator ended.
 *
 * The rules are go-yaml's scanner's (scan_plain_scalar, scan_flow_scalar, scan_block_scalar):
 * blanks before a line break and at the start of a scalar's later lines are dropped; a run of
 * line breaks whose first is \n folds to a space when it is alone and to the rest of the run
 * otherwise; a run whose first is a separator is kept whole; in double quotes a backslash before
 * the line break drops the break.
 */
import { parseDocument } from 'yaml';

/** The text of a document split into lines, and the line break that ended each line where it was a separator. */
export interface SeparatedText {
  text: string;
  /** Where each line starts. */
  starts: number[];
  /** The separator that ended a line (0-based), for the lines a separator ended. */
  separators: Map<number, string>;
}

/** Which lines of a text end with a LINE or PARAGRAPH SEPARATOR (lines counted at \n, NEL and both separators, as go-yaml counts them). */
export function separatorLines(text: string): Map<number, string> {
  const out = new Map<number, string>();
  let line = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 0x85) line++;
    else if (c === 0x2028 || c === 0x2029) out.set(line++, text[k]);
  }
  return out;
}

/** The line break that ends line k: a separator, or \n. */
function breakOf(t: SeparatedText, k: number): string {
  return t.separators.get(k) ?? '\n';
}

function lineText(t: SeparatedText, k: number): string {
  const end = k + 1 < t.starts.length ? t.starts[k + 1] - 1 : t.text.length;
  return t.text.slice(t.starts[k], end);
}

/** Whether a separator ends any of lines first..last-1 (the breaks inside a scalar that spans those lines). */
export function separatorWithin(t: SeparatedText, first: number, last: number): boolean {
  for (let k = first; k < last; k++) if (t.separators.has(k)) return true;
  return false;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

function trimStartBlanks(s: string): string {
  let k = 0;
  while (isBlank(s[k])) k++;
  return s.slice(k);
}

/** Where the content of a double-quoted line ends: past its last character that is not a blank, an escape counted whole. */
function escapedEnd(s: string): { end: number; escapedBreak: boolean } {
  let end = 0;
  for (let k = 0; k < s.length;) {
    if (s[k] === '\\') {
      if (k + 1 === s.length) return { end, escapedBreak: true }; // a backslash before the line break: the break is dropped
      const n = s[k + 1] === 'x' ? 4 : s[k + 1] === 'u' ? 6 : s[k + 1] === 'U' ? 10 : 2;
      k += n;
      end = Math.min(k, s.length);
    } else if (isBlank(s[k])) k++;
    else end = ++k;
  }
  return { end, escapedBreak: false };
}

/** A double-quoted scalar's piece (one line's, with no line break in it), its escapes read as the yaml package reads them in one line. */
function unescapeDouble(piece: string): string {
  if (!piece.includes('\\')) return piece;
  const v = parseDocument(`"${piece}"`, { version: '1.1', schema: 'failsafe' }).contents as { value?: unknown } | null;
  return String(v?.value ?? '');
}

/**
 * A plain or quoted scalar that starts at `start` and ends at `end` (its closing quote included),
 * over several lines of `t`.
 */
export function flowScalarValue(t: SeparatedText, start: number, end: number, style: 'plain' | 'single' | 'double', firstLine: number, lastLine: number): string {
  const quotedStyle = style !== 'plain';
  const lines: string[] = [];
  for (let k = firstLine; k <= lastLine; k++) {
    const from = Math.max(t.starts[k], start);
    const line = lineText(t, k);
    const to = k === lastLine ? end - t.starts[k] : line.length;
    lines.push(line.slice(from - t.starts[k], to));
  }
  if (quotedStyle) {
    lines[0] = lines[0].slice(1);
    lines[lines.length - 1] = lines[lines.length - 1].slice(0, -1);
  }
  const decode = (s: string) => (style === 'single' ? s.replace(/''/g, "'") : style === 'double' ? unescapeDouble(s) : s);
  let out = '';
  let piece = lines[0];
  for (let i = 0; ; ) {
    const last = i === lines.length - 1;
    let escapedBreak = false;
    if (last) {
      // (a plain scalar's range ends at its last character that is not a blank: kept as the range has it)
      out += decode(piece);
      break;
    }
    if (style === 'double') {
      const e = escapedEnd(piece);
      escapedBreak = e.escapedBreak;
      out += decode(escapedBreak ? piece.slice(0, -1) : piece.slice(0, e.end));
    } else {
      let e = piece.length;
      while (e > 0 && isBlank(piece[e - 1])) e--;
      out += decode(piece.slice(0, e));
    }
    // the run of line breaks after line i: its first, and those of the blank lines that follow
    const lead = escapedBreak ? '' : breakOf(t, firstLine + i);
    let trailing = '';
    i++;
    while (i < lines.length - 1 && trimStartBlanks(lines[i]) === '') {
      trailing += breakOf(t, firstLine + i);
      i++;
    }
    if (lead === '\n') out += trailing === '' ? ' ' : trailing;
    else out += lead + trailing;
    piece = trimStartBlanks(lines[i]);
  }
  return out;
}

/**
 * A block scalar whose header is on line `header` of `t`, as go-yaml reads it; `parentIndent`
 * is the indentation of the block collection it stands in (-1 at the root).
 */
export function blockScalarValue(t: SeparatedText, headerAt: number, header: number, parentIndent: number): string {
  const head = /^([|>])([-+]?)([1-9]?)([-+]?)/.exec(t.text.slice(headerAt))!;
  const literal = head[1] === '|';
  const sign = head[2] || head[4];
  const chomp = sign === '-' ? -1 : sign === '+' ? 1 : 0;
  const increment = Number(head[3] || 0);
  const count = t.starts.length;
  const spacesOf = (l: string) => { let k = 0; while (l[k] === ' ') k++; return k; };
  // the content's indentation: the indicator's, else the deepest of the leading blank lines and the first content line
  let indent = increment ? Math.max(parentIndent, 0) + increment : 0;
  let k = header + 1;
  if (!indent) {
    let max = 0;
    for (let j = k; j < count; j++) {
      const l = lineText(t, j);
      const s = spacesOf(l);
      max = Math.max(max, s);
      if (s < l.length || j === count - 1) break;
    }
    indent = Math.max(max, parentIndent + 1, 1);
  }
  /** The breaks of the lines that hold no more than `indent` spaces, from line k on. */
  const breaks = (): string => {
    let run = '';
    while (k < count - 1) {
      const l = lineText(t, k);
      if (spacesOf(l) !== l.length || l.length > indent) break;
      run += breakOf(t, k);
      k++;
    }
    return run;
  };
  let out = '';
  let leadingBreak = '';
  let leadingBlank = false;
  let trailing = breaks();
  while (k < count) {
    const l = lineText(t, k);
    if (spacesOf(l) < indent || (k === count - 1 && l === '')) break;
    const content = l.slice(indent);
    const trailingBlank = isBlank(content[0]);
    if (!literal && leadingBreak === '\n' && !leadingBlank && !trailingBlank) {
      if (trailing === '') out += ' ';
    } else out += leadingBreak;
    leadingBreak = '';
    out += trailing;
    leadingBlank = isBlank(content[0]);
    out += content;
    leadingBreak = k < count - 1 ? breakOf(t, k) : '';
    k++;
    trailing = breaks();
  }
  if (chomp !== -1) out += leadingBreak;
  if (chomp === 1) out += trailing;
  return out;
}

/** Where a block scalar whose header is on line `header` ends: the first line after it with content no deeper than `parentIndent` (the line count when none is: it reaches the end). */
export function blockLastLine(t: SeparatedText, header: number, parentIndent: number): number {
  const count = t.starts.length;
  for (let j = header + 1; j < count; j++) {
    const l = lineText(t, j);
    let s = 0;
    while (l[s] === ' ') s++;
    if (s < l.length && s <= parentIndent) return j;
  }
  return count;
}
