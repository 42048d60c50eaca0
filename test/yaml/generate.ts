/**
 * Writes random YAML streams in the styles people use, from a seed: block and flow collections,
 * indentless and compact sequences, plain scalars that YAML 1.1 resolves (booleans in every
 * spelling, octals, hex, underscores, floats, nulls, timestamps, `::1`), single- and
 * double-quoted scalars with escapes, literal and folded block scalars with chomping and
 * indentation indicators, tags, anchors and aliases, `<<` merges, duplicate keys, comments,
 * several documents, CRLF line endings and a byte order mark, flow collections wrapped over lines at
 * any indentation, NEL, LINE and PARAGRAPH SEPARATOR (line breaks to go-yaml), and documents whose
 * first lines are indented deeper than the rest, blank and comment lines indented with a tab,
 * directives, and spaces that are content to go-yaml (no-break, ideographic, em spaces: text pasted
 * from a web page) in plain scalars.
 */

/** A small seeded PRNG (mulberry32): the same seed writes the same text. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLAIN = [
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'yEs', 'oN', 'tRUE', '~', 'null', 'Null', 'NULL', 'nULL',
  '0', '1', '-1', '+1', '42', '0644', '0755', '0o14', '0O17', '0x1F', '0X1f', '0b101', '-0b11', '0b-101', '0b+11', '-0b-1', '1_000', '0_1', '08', '09',
  '1e3', '1E3', '1.5', '1.', '.5', '-.5', '+.5e2', '1.5e-3', '0.1', '00', '-0', '1__0', '1_0.5', '9223372036854775807',
  '9223372036854775808', '-9223372036854775809', '18446744073709551615', '18446744073709551616', '1e309', '0x', '0o', '0b',
  '.inf', '-.Inf', '.NaN', '.nan', '._', '190:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10',
  '=', '::1', 'host:port', 'a:b', 'http://x.example:80/a', '100m', '64Mi', '1.2.3', 'v1', 'apps/v1', 'a b c', 'x#y', 'NaN', 'Inf',
  'web', 'nginx:1.27', '-x', '?x', 'a,b', 'at@x', "it's", 'say "hi"', 'tab', '<<',
  // spaces that are content to go-yaml, not blanks (text pasted from a web page or a word processor)
  'nbsp\u00a0', '\u00a0lead', 'ideographic\u3000', 'em\u2003 space',
];

// a raw NEL inside quotes: a line break to go-yaml (LINE and PARAGRAPH SEPARATOR are too, kept as they are, and counted as lines: see goLineBreaks)
const DOUBLE = ['raw\u0085nel', 'pair \\ud83d\\ude00', 'plain', 'tab\\there', 'new\\nline', '\\x41\\u00e9\\U0001F600', 'quote \\" and \\\\', 'nel\\N nbsp\\_ esc\\e', 'bell\\a\\b\\v\\f\\r\\0', '\\/slash', '', 'yes', '0644', '1e3', ' lead', 'sq \\\' x'];
const SINGLE = ['raw\u0085nel', 'plain', "it''s", '', 'yes', '0644', '"dq"', '#x', 'a: b', ' lead ', '\\n'];
// go-yaml ends a flow plain scalar at a colon before a blank only (`001:db8::`, `a:` are strings), and at a `?` (`?a` is a key)
const FLOW_PLAIN = ['1', 'yes', 'off', 'y', '0644', '0x10', '1e3', '~', 'null', 'web', 'v1', '::1', 'a:b', '2001-12-14', '.5', '1_000', '001:db8::', 'a:', 'x::', 'true:', '~:', '?a', 'a:#', 'x\u00a0', '\u3000y'];
/** Flow plain scalars go-yaml refuses (a `?` inside, a bracket right after a colon): rare, or few documents would read. */
const FLOW_PLAIN_REFUSED = ['a?b', 'a ?b', 'x?', 'a:[b]', 'a:{b: 1}'];
const TAGGED = ['!!str 12', '!!str yes', '!!str', '!!int "12"', '!!int 0644', '!!int x', '!!float 3', '!!float "1.5"', '!!bool "yes"', '!!bool "y"', '!!null ""', '!!null ~', '!!null x', '!!binary aGVsbG8=', '!!binary "!!"', '!foo bar', '!!map x', '! 12', '!!timestamp 2001-12-14', '!!str 0x10'];
const KEYS = ['a', 'b', 'c', 'name', 'image', 'value', 'port', 'x-y', 'dotted.key', 'y', 'n', 'on', 'off', 'true', 'no', '1', '0644', '1.5', '1e3', '"quoted"', "'single'", 'key with space', '~k', '.k'];

interface Ctx {
  r: () => number;
  anchors: Array<{ name: string; map: boolean }>;
  depth: number;
}

const pick = <T>(c: Ctx, xs: T[]): T => xs[Math.floor(c.r() * xs.length)];
const chance = (c: Ctx, p: number) => c.r() < p;

function inlineScalar(c: Ctx): string {
  const k = c.r();
  if (k < 0.5) return pick(c, PLAIN);
  if (k < 0.65) return `"${pick(c, DOUBLE)}"`;
  if (k < 0.78) return `'${pick(c, SINGLE)}'`;
  if (k < 0.9) return pick(c, TAGGED);
  return String(Math.floor(c.r() * 100000) - 50000);
}

function flowScalar(c: Ctx): string {
  const k = c.r();
  if (k < 0.005) return pick(c, FLOW_PLAIN_REFUSED);
  if (k < 0.6) return pick(c, FLOW_PLAIN);
  if (k < 0.8) return `"${pick(c, DOUBLE)}"`;
  return `'${pick(c, SINGLE.filter((s) => !s.includes('#')))}'`;
}

function flowNode(c: Ctx, depth: number): string {
  const k = c.r();
  if (depth > 2 || k < 0.5) {
    if (c.anchors.length > 0 && chance(c, 0.1)) return `*${pick(c, c.anchors).name}`;
    return flowScalar(c);
  }
  const n = Math.floor(c.r() * 4);
  if (k < 0.75) return `[${Array.from({ length: n }, () => flowNode(c, depth + 1)).join(', ')}]`;
  return `{${Array.from({ length: n }, () => `${flowKey(c, pick(c, ['a', 'b', 'c', 'y', '1', '"k"']))}: ${flowNode(c, depth + 1)}`).join(', ')}}`;
}

/**
 * A flow mapping's key, at times not ending on its first line: its `:` on the next line, or a
 * comment line before it as in JSON with comments (`// note` then the key reads as one plain key
 * over two lines); go-yaml refuses both, a `?` before the key makes them keys again.
 */
function flowKey(c: Ctx, key: string): string {
  const k = c.r();
  const pad = ' '.repeat(Math.floor(c.r() * 4));
  if (k < 0.04) return `${key}\n${pad}`;
  if (k < 0.08) return `// note\n${pad}${key}`;
  if (k < 0.1) return `? // note\n${pad}${key}`;
  return key;
}

/**
 * A flow collection at times wrapped after its commas, its later lines at any indentation, no
 * deeper than its key too (go-yaml reads on to the closing bracket; `labels: {app: web,` with
 * `tier: api}` under it).
 */
function wrapFlow(c: Ctx, flow: string, indent: number): string {
  if (!chance(c, 0.3)) return flow;
  return flow.replace(/, /g, () => (chance(c, 0.5) ? `,\n${' '.repeat(Math.floor(c.r() * (indent + 4)))}` : ', '));
}

function blockScalar(c: Ctx, indent: number): string[] {
  const style = pick(c, ['|', '>']);
  const chomp = pick(c, ['', '-', '+']);
  const explicit = chance(c, 0.2);
  const extra = explicit ? 1 + Math.floor(c.r() * 2) : 0;
  const header = explicit ? `${style}${extra}${chomp}` : `${style}${chomp}`;
  const base = ' '.repeat(indent + (explicit ? extra : 2));
  const lines: string[] = [];
  const n = 1 + Math.floor(c.r() * 4);
  for (let i = 0; i < n; i++) {
    const k = c.r();
    if (i > 0 && k < 0.2) lines.push('');
    else if (k < 0.35 && i > 0) lines.push(`${base}  more indented ${i}`);
    else lines.push(`${base}${pick(c, ['line', 'echo "$HOME"', 'a: b', '# not a comment', 'yes', '0644', 'x  y'])} ${i}`);
  }
  if (chance(c, 0.3)) lines.push('');
  return [header, ...lines];
}

/** A block node under a key or dash at `indent`: the text after `key:` (or `-`) and the lines below. */
function blockValue(c: Ctx, indent: number): { head: string; below: string[] } {
  // anchor names: go-yaml takes letters, digits, _ and - only (`&app.labels` is refused)
  const anchor = c.depth < 4 && chance(c, 0.12) ? `&${chance(c, 0.85) ? 'a' : pick(c, ['A_b-', 'app.', 'x/', '\u00e9'])}${c.anchors.length}` : '';
  const k = c.r();
  const withAnchor = (s: string) => (anchor ? `${anchor} ${s}` : s);
  if (c.depth >= 4 || k < 0.45) {
    const s = inlineScalar(c);
    if (anchor) c.anchors.push({ name: anchor.slice(1), map: false });
    return { head: ` ${withAnchor(s)}${chance(c, 0.1) ? ' # trailing' : ''}`, below: [] };
  }
  if (k < 0.52 && c.anchors.length > 0) return { head: ` *${pick(c, c.anchors).name}`, below: [] };
  if (k < 0.56) {
    // wrapped plain text, as controller-gen writes CRD descriptions
    const words = () => Array.from({ length: 1 + Math.floor(c.r() * 4) }, () => pick(c, ['word', 'yes', '0644', 'a:b', 'x-y', 'http://x.example/a', '(see', 'docs)', 'on', '1e3', 'trailing  ', '"2m",', "'q'", '[x]', '{a}', '&x', '*y', '!t', '|p', '>g', '%p', '@a', '`b', '-x', '?y', ':z', '~', 'null'])).join(' ');
    const below = Array.from({ length: 1 + Math.floor(c.r() * 3) }, () => `${' '.repeat(indent + 2 + Math.floor(c.r() * 3))}${words()}`);
    // at times a blank line with a tab among the wrapped lines (the plain scalar's scanner takes it when it is deep enough)
    if (chance(c, 0.1)) below.splice(Math.floor(c.r() * below.length), 0, `${' '.repeat(Math.floor(c.r() * (indent + 4)))}\t`);
    // at times a blank line among them (a line feed of the value)
    if (chance(c, 0.15)) below.splice(Math.floor(c.r() * below.length), 0, ' '.repeat(Math.floor(c.r() * (indent + 3))));
    if (chance(c, 0.5)) return { head: ` ${withAnchor(`text ${words()}`)}`, below };
    // wrapped quoted text; at times its later lines no deeper than its key (go-yaml reads on to the closing quote)
    if (chance(c, 0.3)) for (let j = 0; j < below.length; j++) below[j] = `${' '.repeat(Math.floor(c.r() * (indent + 1)))}${below[j].trimStart()}`;
    if (chance(c, 0.4)) {
      // at times a line break escaped with a backslash (dropped, and the blank lines after it are line feeds)
      let head = `"quoted ${words()}`;
      if (chance(c, 0.3)) {
        const j = Math.floor(c.r() * below.length);
        if (j === 0) head += pick(c, ['\\', ' \\', '\\\\']); else below[j - 1] += pick(c, ['\\', ' \\', '\\\\']);
      }
      // at times a line that ends with a tab (trailing blanks fold away) or an escaped quote (not the closing one)
      if (chance(c, 0.15)) {
        const j = Math.floor(c.r() * below.length);
        const end = pick(c, ['\t', ' \t', '\\"']);
        if (j === 0) head += end; else below[j - 1] += end;
      }
      below[below.length - 1] += pick(c, ['"', ' say \\"hi\\""', '" # c', '\\t  "']);
      return { head: ` ${withAnchor(head)}`, below };
    }
    if (chance(c, 0.1)) below[Math.floor(c.r() * below.length)] += '\t';
    below[below.length - 1] += pick(c, ["'", " it''s'", "' # c", "''  '"]);
    return { head: ` ${withAnchor(`'quoted ${words()}`)}`, below };
  }
  if (k < 0.6) {
    const [header, ...lines] = blockScalar(c, indent);
    return { head: ` ${withAnchor(header)}`, below: lines };
  }
  if (k < 0.68) {
    const f = wrapFlow(c, flowNode(c, 0), indent);
    if (anchor) c.anchors.push({ name: anchor.slice(1), map: f.startsWith('{') });
    return { head: ` ${withAnchor(f)}`, below: [] };
  }
  c.depth++;
  let below: string[];
  let isMap = false;
  if (k < 0.84) { below = blockMap(c, indent + 2); isMap = true; }
  else below = blockSeq(c, chance(c, 0.4) ? indent : indent + 2);
  c.depth--;
  if (anchor) c.anchors.push({ name: anchor.slice(1), map: isMap });
  return { head: anchor ? ` ${anchor}` : '', below };
}

function blockMap(c: Ctx, indent: number): string[] {
  const ind = ' '.repeat(indent);
  const out: string[] = [];
  const keys: string[] = [];
  const n = 1 + Math.floor(c.r() * 4);
  for (let i = 0; i < n; i++) {
    // a LINE or PARAGRAPH SEPARATOR in a comment ends it to go-yaml: what follows is content
    if (chance(c, 0.08)) out.push(`${ind}${pick(c, ['# a comment', '# a comment', '# see\u2029', `# a\u2028${ind}k9: 1`])}`);
    // a blank or comment line with a tab in its indentation (go-yaml refuses most: see tabProblem)
    if (chance(c, 0.03)) out.push(pick(c, ['\t', `${ind} \t`, `${ind}\t# tab`, `${ind}   \t`, `${ind}\t `]));
    if (chance(c, 0.1) && c.anchors.some((a) => a.map)) {
      const maps = c.anchors.filter((a) => a.map);
      out.push(chance(c, 0.5) ? `${ind}<<: *${pick(c, maps).name}` : `${ind}<<: [*${pick(c, maps).name}, *${pick(c, maps).name}]`);
      continue;
    }
    if (chance(c, 0.04)) { out.push(`${ind}<<: {a: 1, z: ${flowScalar(c)}}`); continue; }
    let key = chance(c, 0.3) ? pick(c, KEYS) : `k${Math.floor(c.r() * 6)}`;
    if (keys.length > 0 && chance(c, 0.06)) key = pick(c, keys); // a duplicate key
    keys.push(key);
    const v = blockValue(c, indent);
    out.push(`${ind}${key}:${v.head}`, ...v.below);
  }
  return out;
}

function blockSeq(c: Ctx, indent: number): string[] {
  const ind = ' '.repeat(indent);
  const out: string[] = [];
  const n = 1 + Math.floor(c.r() * 3);
  for (let i = 0; i < n; i++) {
    if (c.depth < 4 && chance(c, 0.35)) {
      // a compact mapping: "- key: value" with the rest of the mapping under it
      c.depth++;
      const m = blockMap(c, indent + 2);
      c.depth--;
      const first = m.findIndex((l) => !l.trimStart().startsWith('#'));
      m[first] = `${ind}- ${m[first].slice(indent + 2)}`;
      out.push(...m.slice(first));
      continue;
    }
    const v = blockValue(c, indent);
    out.push(`${ind}-${v.head}`, ...v.below);
  }
  return out;
}

/** One YAML stream from a seed. */
export function generateYaml(seed: number): string {
  const c: Ctx = { r: rng(seed), anchors: [], depth: 0 };
  const docs: string[] = [];
  const n = 1 + Math.floor(c.r() * 3);
  for (let i = 0; i < n; i++) {
    c.anchors = [];
    const k = c.r();
    const body = k < 0.75 ? blockMap(c, 0) : k < 0.9 ? blockSeq(c, 0) : [wrapFlow(c, flowNode(c, 0), 0)];
    // at times the first lines indented, as pasted from a larger file: a less indented line ends the document to go-yaml
    if (chance(c, 0.04) && body.length > 1) {
      const cut = 1 + Math.floor(c.r() * (body.length - 1));
      for (let j = 0; j < cut; j++) body[j] = `  ${body[j]}`;
    }
    docs.push(body.join('\n'));
  }
  // a later document may start with a byte order mark (files joined with `cat`; after a `---` that starts the stream it is another class, see the closing note of stop 18)
  let text = docs.map((d, i) => (i === 0 && chance(c, 0.7) ? d : `${pick(c, ['---', '--- # doc', '---  '])}\n${i > 0 && chance(c, 0.05) ? '\ufeff' : ''}${d}`)).join('\n');
  if (chance(c, 0.7)) text += '\n';
  // a NEL for a line break here and there (YAML 1.1: go-yaml reads it as \n; kubectl's document cutter does not)
  if (chance(c, 0.05)) text = text.replace(/\n/g, () => (chance(c, 0.3) ? '\u0085' : '\n'));
  // a LINE or PARAGRAPH SEPARATOR for a line break here and there: a line break to go-yaml that a scalar keeps as it is
  // (decided by a generator of its own: the other streams stay as they were)
  const s = rng(seed ^ 0x2028);
  if (s() < 0.04) text = text.replace(/\n/g, () => (s() < 0.25 ? (s() < 0.5 ? '\u2028' : '\u2029') : '\n'));
  // a first document whose root (a flow collection or a quoted scalar) is followed on its line by
  // more tokens: go-yaml reads the root only, but scans on while its line's first token may be a
  // simple key (decided by a generator of its own: the other streams stay as they were)
  const q = rng(seed ^ 0x7e1);
  if (q() < 0.04) {
    const of = (xs: string[]) => xs[Math.floor(q() * xs.length)];
    const roots = ['{a: 1}', '[a, b]', '"q"', "'q'", '&x {a}', '!t [a]', '{a,\n  b}', '  {a}'];
    const tokens = ["'r'", 'b', '# c', ',', '@a', ':', ': x', '[b, c]', '{b: c}', '*x', '!t', '"r\\q"', '"r\\n"', '|', '- x', '? x', '}', ']', '`b', '%p', 'b # c', '&y', 'x:y'];
    const line = [of(roots)];
    for (let n = Math.floor(q() * 3); n > 0; n--) line.push(of(tokens));
    text = `${line.join(' ')}\n${of(['', '@a', "'r'", 'k: 1', '# c', '  - x', '*y', '"r\\q"', '\tb'])}\n---\n${text}`;
  }
  if (chance(c, 0.2)) text = text.replace(/\n/g, '\r\n');
  // directives: kubectl's document cutter leaves them without their document
  if (chance(c, 0.02)) text = `${pick(c, ['%YAML 1.1', '%YAML 1.2', '%TAG ! tag:x,2000:', '# c\n%YAML 1.1'])}\n---\n${text}`;
  if (chance(c, 0.05)) text = `\ufeff${text}`;
  return text;
}

/**
 * What mutateYaml puts in: indicators, quotes, tags, anchors, comments, line breaks and markers, a
 * tab; spaces that are no blanks to go-yaml, and control characters its reader refuses (a form
 * feed, an escape from coloured terminal output).
 */
const INSERTS = ["'r'", 'b', '# c', ',', '@a', ':', ': x', '[b, c]', '{b: c}', '*a0', '!t', '"r\\q"', '|', '- x', '? x', '}', ']', '`b', '&y', 'x:y', '\t', ' ',
  '"', "'", '{', '[', '-', '?', '#', '\n', '\n  ', '---', '...', '%', '!!str', '&', '*', '>', '|-', '\\', '\u00a0', '\u3000', '\f', '\x1b[0m', '\n\t\n'];

/**
 * A generated stream with one or two of INSERTS put in at random offsets: YAML as it comes out of a
 * bad merge or a careless edit, mostly what kubectl refuses, and the paths of both readers that
 * well-formed streams never take.
 */
export function mutateYaml(seed: number): string {
  const r = rng(seed ^ 0x6d75);
  let text = generateYaml(seed);
  for (let n = 1 + Math.floor(r() * 2); n > 0; n--) {
    const at = Math.floor(r() * text.length);
    text = text.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)] + text.slice(at);
  }
  return text;
}
