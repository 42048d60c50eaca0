/**
 * Tabs where go-yaml v2's scanner takes none, in text the yaml package reads (it takes tabs as
 * blanks almost everywhere): leading blanks of blank and comment lines, after a dash or an explicit
 * key's `?`, before a line's first token, and inside a plain or block scalar shallower than its
 * indentation. Found by test/yaml/reader-vs-go.test.ts against kubectl's own code.
 */
import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import { blockColumn } from './go-scan';
import { lineFrom } from './go-yaml';

/**
 * A line blank but for spaces and tabs, or a comment, whose leading blanks hold a tab; or a
 * sequence's dash or an explicit key's `?` followed by a tab (group 1); or content after leading
 * blanks that hold a tab (group 2).
 */
const TAB_LINE = /^(?:[ \t]*\t[ \t]*(?:#.*)?|( *(?:[-?] +)*)[-?][ \t]*\t.*|( *)\t[ \t]*[^ \t#].*)$/gm;

/** A line's text up to an explicit key's scalar: its `?` and blanks last. */
const EXPLICIT_BEFORE = /(?:^|[ \t])\?[ \t]+$/;

/**
 * Where go-yaml v2's scanner meets a tab it does not take, outside quoted scalars (the yaml package
 * reads all of these). In a flow collection only where a plain scalar goes on over the tab's line
 * and the tab is shallower than the block the collection is in. Elsewhere a blank or comment line indented with a
 * tab is refused unless it continues a plain scalar and its tab is no shallower than that
 * scalar's indentation ("found a tab character that violates indentation"), or it is taken as a
 * token start ("found character that cannot start any token": a tab after a key's colon line,
 * after a comment, after a quoted scalar, or after a sequence's dash); in a block scalar a tab
 * shallower than its indentation is refused ("found a tab character where an indentation space
 * is expected"). Lines from `limit` on are not looked at (go-yaml's reading ends before them).
 * `written`: the text as written, line for line, where the reading indented a flow collection's
 * lines (a plain scalar's tab is checked at its column there). Its offset, with go-yaml's words.
 */
export function tabProblem(doc: Document, text: string, limit: number, written = text): { message: string; offset: number } | undefined {
  const quoted: Array<[number, number]> = [];
  /** Block scalars: their range, their text's indentation, and where go-yaml's detection of it ends (-1: the header gives it). */
  const blocks: Array<[number, number, number, number]> = [];
  const flows: Array<[number, number]> = [];
  /** Plain values and items, with the indentation their later lines need (a plain scalar's scanner takes a tab no shallower). */
  const plains: Array<[number, number, number]> = [];
  /** Scalars in the order they end: keys, values and items, with the indentation a plain value's later lines need. */
  const scalars: Array<{ end: number; plain: boolean; need: number }> = [];
  const walk = (n: unknown, indent: number, isKey: boolean): void => {
    if (isScalar(n) && n.range) {
      const [start, end] = n.range;
      if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') quoted.push([start, end]);
      if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') blocks.push([start, end, blockIndent(text, start, indent), detectionEnd(text, start)]);
      // (a key over lines is an explicit one, whose plain scalar goes on as a value's does; so is one after `? ` on its line,
      // whose scanner goes on to the lines after it: `? x` then a line with a tab)
      const value = !isKey || text.lastIndexOf('\n', end - 1) >= start || EXPLICIT_BEFORE.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start));
      scalars.push({ end, plain: n.type === 'PLAIN' && end > start && value, need: indent + 1 });
      if (n.type === 'PLAIN' && end > start && value) plains.push([start, end, indent + 1]);
      return;
    }
    if ((isMap(n) || isSeq(n)) && n.range) {
      if ((n as { flow?: boolean }).flow) {
        flows.push([n.range[0], n.range[1]]);
        scalars.push({ end: n.range[1], plain: false, need: 0 });
        flowPlainsIn(n, indent + 1);
        return;
      }
      // (go-yaml's indentation of a block mapping is the column of its first key's first token: an anchor or a tag before it)
      const column = blockColumn(text, n.range[0], isMap(n));
      for (const it of n.items) {
        if (isPair(it)) { walk(it.key, column, true); walk(it.value, column, false); } else walk(it, column, false);
      }
    }
  };
  /** Plain scalars in flow collections (their keys too), with the indentation of the block they are in, plus one. */
  const flowPlains: Array<{ start: number; end: number; need: number }> = [];
  const flowPlainsIn = (n: unknown, need: number): void => {
    if (isScalar(n) && n.range && n.type === 'PLAIN' && n.range[1] > n.range[0]) flowPlains.push({ start: n.range[0], end: n.range[1], need });
    else if (isMap(n) || isSeq(n)) for (const it of n.items) { if (isPair(it)) { flowPlainsIn(it.key, need); flowPlainsIn(it.value, need); } else flowPlainsIn(it, need); }
  };
  walk(doc.contents, -1, false);
  scalars.sort((a, b) => a.end - b.end);
  flowPlains.sort((a, b) => a.start - b.start);
  // each list holds ranges that do not overlap, in document order (flow collections' own plain scalars are listed apart): found by bisection,
  // so that a large document with many tab lines costs no more than its size
  const inside = <R extends [number, number, ...number[]]>(ranges: R[], at: number): R | undefined => {
    const k = lastIndex(ranges.length, (i) => ranges[i][0] < at);
    return k >= 0 && at < ranges[k][1] ? ranges[k] : undefined;
  };
  // the line as written that holds text[at] (lines are the same in both; the lines are looked up in order)
  let writtenLines: string[] | undefined;
  let lineNo = 0;
  let counted = 0;
  const writtenLine = (at: number): string => {
    writtenLines ??= written.split('\n');
    for (let k = text.indexOf('\n', counted); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) { lineNo++; counted = k + 1; }
    return writtenLines[lineNo] ?? '';
  };
  for (const m of text.matchAll(TAB_LINE)) {
    const at = m.index!;
    if (at >= limit) break;
    if (inside(quoted, at)) continue;
    if (inside(flows, at)) {
      // a flow collection takes tabs, but not where a plain scalar before the line goes on over it: go-yaml's scanner
      // then checks the tab against the indentation of the block the collection is in
      // (the scalar's later lines hold the line, or it ends before it with only blanks between)
      const last = flowPlains[lastIndex(flowPlains.length, (i) => flowPlains[i].start < at)] as (typeof flowPlains)[number] | undefined;
      // (its column as written: the reading may have indented a flow collection's lines)
      const tab = written === text ? m[0].indexOf('\t') : writtenLine(at).indexOf('\t');
      if (last && tab < last.need && (at < last.end || /^[ \t\n]*$/.test(text.slice(last.end, at)))) return { message: 'found a tab character that violates indentation', offset: at };
      continue;
    }
    const tab = m[0].indexOf('\t');
    const block = inside(blocks, at);
    if (block) {
      // (while go-yaml detects the indentation, a tab right after a line's leading spaces is refused wherever it stands)
      const detecting = at <= block[3] && /^ *$/.test(m[0].slice(0, tab));
      if (m[1] === undefined && (tab < block[2] || detecting)) return { message: 'found a tab character where an indentation space is expected', offset: at };
      continue;
    }
    // within a plain scalar's wrapped lines its scanner takes the line (a dash there is text)
    const plain = inside(plains, at);
    if (plain) {
      if (m[1] === undefined && tab < plain[2]) return { message: 'found a tab character that violates indentation', offset: at };
      continue;
    }
    // a dash and a tab, or a tab before a line's first token: go-yaml's scanner skips no tab where a simple key may start
    if (m[1] !== undefined || m[2] !== undefined) return { message: 'found character that cannot start any token', offset: at + tab };
    // the last scalar before the line: a plain value whose later lines may hold blanks
    const last = scalars[lastIndex(scalars.length, (i) => scalars[i].end <= at)] as (typeof scalars)[number] | undefined;
    if (last?.plain && /^[ \t\n]*$/.test(text.slice(last.end, at))) {
      if (tab < last.need) return { message: 'found a tab character that violates indentation', offset: at };
      continue;
    }
    return { message: 'found character that cannot start any token', offset: at };
  }
  return undefined;
}

/** The last index below n for which `holds` is true, where it holds for a prefix of the indices (-1: none). */
function lastIndex(n: number, holds: (i: number) => boolean): number {
  let lo = -1;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (holds(mid)) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * Where go-yaml stops detecting a block scalar's indentation (the header at `start` gives none):
 * the start of the first line whose leading spaces are followed by something other than a line
 * break. -1 when the header gives the indentation.
 */
function detectionEnd(text: string, start: number): number {
  const eol = text.indexOf('\n', start);
  if (eol < 0 || /^[|>](?:[-+]?[1-9])/.test(text.slice(start, start + 3))) return -1;
  for (let k = eol + 1; k < text.length;) {
    let j = k;
    while (text[j] === ' ') j++;
    if (text[j] !== '\n') return k;
    k = j + 1;
  }
  return text.length;
}

/** The indentation of a block scalar's content: its header's indicator, else its first line with content (a key at `indent` needs at least indent + 1). */
function blockIndent(text: string, start: number, indent: number): number {
  const eol = text.indexOf('\n', start);
  const header = text.slice(start, eol < 0 ? text.length : eol);
  // the indicator stands right after | or >, before or after the chomping sign (a digit in a comment is none)
  const explicit = /^[|>](?:[-+]?([1-9])|([1-9])[-+]?)/.exec(header);
  if (explicit) return Math.max(indent, 0) + Number(explicit[1] ?? explicit[2]);
  for (let k = eol; k >= 0 && k < text.length; k = text.indexOf('\n', k + 1)) {
    const line = lineFrom(text, k + 1);
    const spaces = /^ */.exec(line)![0].length;
    if (spaces < line.length && line[spaces] !== '\t') return Math.max(spaces, indent + 1);
  }
  return indent + 1;
}
