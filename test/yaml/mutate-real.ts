/**
 * Real files with careless edits: a manifest someone wrote, then one to three changes of the kind a
 * bad merge, a hand edit or a templating slip makes. The YAML that generate.ts writes has the
 * shapes podsmith's authors thought of; these have the shapes real projects have (long CRD
 * schemas, comments, block scalars, odd indentation) with the same mistakes put in. Read by
 * podsmith and by the Go oracle in realworld-mutated.test.ts.
 */
import { rng } from './generate';

/** Text put in at a random offset: tokens, blanks, line breaks of every kind, characters go-yaml refuses. */
const INSERTS = ["'r'", 'b', '# c', ',', '@a', ':', ': x', '[b, c]', '{b: c}', '*a0', '!t', '"r\\q"', '|', '- x', '? x', '}', ']', '`b', '&y', 'x:y', '\t', ' ',
  '"', "'", '{', '[', '-', '?', '#', '\n', '\n  ', '---', '...', '%', '!!str', '&', '*', '>', '|-', '\\', '\u00a0', '\f', '\n\t\n', '  ', '\r\n', '\r', '0',
  '>-', '|2', ' #', ': ', '- ', '\ufeff'];

/** Values put in place of a `key: value` line's value: YAML 1.1's resolution corners, tags, flow and block collections, escapes. */
const VALUES = ['0644', '0o644', '0x1F', '1e3', '1_000', '+12', '-0', '.5', '.inf', '-.Inf', '.nan', '~', 'null', 'Null', 'NULL', 'yes', 'No', 'ON',
  'off', 'y', 'n', 'true', 'True', 'TRUE', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '12:30:45', '190:20:30', '0b101', '0B1', '08', '09.5', '1:20',
  '"\\x41\\u00e9\\N\\_\\L"', "'it''s'", '!!str 5', '!!int "5"', '!!binary aGk=', '!!float 1', '!!bool yes', '!!null', '[]', '{}', '[a, {b: c}]',
  '{a: [1, 2], b: ~}', '""', "''", '|\n  x', '>-\n  a\n  b', '-', '- a', '? a', '"a\n  b"', 'a\n  b', '@x', '`x', '%x', 'a #b', 'a#b', '0.1.2', '1.0',
  '1.', '-1.5e-3', '6.8523015e+5', '685_230.15', '0o7', '00', '0', '-0x1', '+0b1', '12e', '1e', '0e0', '=', '<<', '!', '!!', '!t x', '&a x', '*a', '&b',
  '\u00a0', 'x\u0085y', '\u00e9', '"\\t"'];

/** The lines and their indexes that match a pattern. */
function linesLike(lines: string[], re: RegExp): number[] {
  const out: number[] = [];
  lines.forEach((l, k) => { if (re.test(l)) out.push(k); });
  return out;
}

/** One edit of the text, chosen by r. */
function edit(text: string, r: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const lines = text.split('\n');
  const li = Math.floor(r() * lines.length);
  switch (Math.floor(r() * 10)) {
    case 0:
    case 1: { // a token put in anywhere
      const at = Math.floor(r() * text.length);
      return text.slice(0, at) + pick(INSERTS) + text.slice(at);
    }
    case 2: { // one to three characters gone
      const at = Math.floor(r() * text.length);
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
    }
    case 3: // a line indented one column more, or one or two less
      lines[li] = r() < 0.5 ? ` ${lines[li]}` : lines[li].replace(/^ {1,2}/, '');
      return lines.join('\n');
    case 4: { // two lines swapped
      const lj = Math.floor(r() * lines.length);
      [lines[li], lines[lj]] = [lines[lj], lines[li]];
      return lines.join('\n');
    }
    case 5: // a line repeated elsewhere (a duplicate key, mostly)
      lines.splice(li, 0, pick(lines));
      return lines.join('\n');
    case 6:
    case 7: { // a value replaced
      const at = linesLike(lines, /: \S/);
      if (at.length === 0) return text;
      const k = pick(at);
      lines[k] = lines[k].slice(0, lines[k].indexOf(': ') + 2) + pick(VALUES);
      return lines.join('\n');
    }
    case 8: { // an anchor on one value, an alias for another
      const at = linesLike(lines, /^\s*[\w.-]+: [^&*!|>\s]/);
      if (at.length < 2) return text;
      const a = pick(at);
      const b = pick(at);
      if (a === b) return text;
      lines[a] = lines[a].replace(': ', ': &m ');
      lines[b] = lines[b].slice(0, lines[b].indexOf(': ') + 2) + '*m';
      return lines.join('\n');
    }
    default: { // a key over a nested node made a merge key, or an explicit `? key` with its `:` below
      const at = linesLike(lines, /^\s*[\w.-]+:\s*$/);
      if (at.length === 0) return text;
      const k = pick(at);
      const indent = /^\s*/.exec(lines[k])![0];
      lines[k] = r() < 0.5 ? lines[k].replace(/[\w.-]+:/, '<<:') : `${indent}? ${lines[k].trim().slice(0, -1)}\n${indent}:`;
      return lines.join('\n');
    }
  }
}

/** A real file's text with one to three edits, the same for the same seed. */
export function mutateReal(text: string, seed: number): string {
  const r = rng(seed ^ 0x7265);
  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) text = edit(text, r);
  return text;
}
