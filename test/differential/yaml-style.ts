/**
 * Writes an object as YAML text in the styles people write by hand or templates emit: block or
 * flow collections, plain, single- or double-quoted strings, literal and folded block scalars,
 * anchors, aliases and merge keys for repeated maps, comments, CRLF line endings, a byte order
 * mark, YAML 1.1 octal file modes (`defaultMode: 0644`), and — on purpose — plain `yes`/`on`/
 * numbers where a string was meant (the reader, not the writer, decides what they are). The API
 * server reads the text as kubectl does; podsmith must read the same text the same way.
 */
import fc from 'fast-check';
import { rng } from '../yaml/generate';

export interface YamlStyle {
  /** Collections at this depth and deeper are written in flow style (`{a: 1}`, `[x, y]`); 99 = never. */
  flowDepth: number;
  /** How strings are quoted when plain would read the same. */
  quote: 'plain' | 'single' | 'double' | 'mixed';
  /** Strings that read as something else when plain (`yes`, `on`, `0.5`, `null`) are written plain anyway. */
  plainTricky: boolean;
  /** Single-line strings with spaces as `|-` or `>-` block scalars. */
  blockScalars: boolean;
  /** Repeated maps and lists become anchors and aliases, maps that extend one a merge key (`<<: *a`). */
  anchors: boolean;
  comments: boolean;
  crlf: boolean;
  bom: boolean;
  /** File modes (defaultMode, mode) as YAML 1.1 octal: 0644. */
  octalModes: boolean;
  /** `key:\n- item` (kubectl's style) rather than `key:\n  - item`. */
  compactSequences: boolean;
  indent: 2 | 4;
  /** A `---` line first. */
  documentStart: boolean;
  /** Seed for per-node choices (mixed quoting, where comments go). */
  seed: number;
}

export const PLAIN_STYLE: YamlStyle = {
  flowDepth: 99, quote: 'plain', plainTricky: false, blockScalars: false, anchors: false, comments: false, crlf: false, bom: false,
  octalModes: false, compactSequences: false, indent: 2, documentStart: false, seed: 0,
};

export const yamlStyle: fc.Arbitrary<YamlStyle> = fc.record({
  flowDepth: fc.constantFrom(99, 99, 2, 3, 4, 5),
  quote: fc.constantFrom('plain', 'single', 'double', 'mixed') as fc.Arbitrary<YamlStyle['quote']>,
  plainTricky: fc.boolean(),
  blockScalars: fc.boolean(),
  anchors: fc.boolean(),
  comments: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  octalModes: fc.boolean(),
  compactSequences: fc.boolean(),
  indent: fc.constantFrom(2, 4) as fc.Arbitrary<2 | 4>,
  documentStart: fc.boolean(),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
});

/** Words and forms YAML 1.1 does not read as strings when plain. */
const NOT_A_STRING = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(?:\.[0-9]|[0-9])[0-9a-fA-FxXoO._:e+-]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|<<|=)$/;
/** Characters that end or change a plain scalar somewhere. */
const UNSAFE_ANYWHERE = /^[-?:,[\]{}#&*!|>'"%@`\s]|\s$|: |\s#|[\n\r\t\u0000-\u001f\u007f\ufeff]|:$/;
const UNSAFE_IN_FLOW = /[,[\]{}:#]/;
const MODE_KEYS = new Set(['defaultMode', 'mode']);


const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const canonical = (v: unknown): string => JSON.stringify(v);

interface Plan {
  /** anchor name for a node (by path) that a later node refers to */
  anchors: Map<string, string>;
  /** alias (whole node) or merge (a map's base) for a node by path */
  refs: Map<string, { anchor: string; merge?: string[] }>;
}

/** First pass: which collections repeat an earlier one (alias) or extend it (merge key). */
function plan(root: unknown): Plan {
  const anchors = new Map<string, string>();
  const refs = new Map<string, { anchor: string; merge?: string[] }>();
  const seen: Array<{ path: string; value: unknown; text: string; size: number }> = [];
  let n = 0;
  const anchorOf = (path: string) => {
    let a = anchors.get(path);
    if (!a) anchors.set(path, (a = `a${++n}`));
    return a;
  };
  const walk = (v: unknown, path: string, depth: number) => {
    if (v === null || typeof v !== 'object') return;
    const size = Array.isArray(v) ? v.length : Object.keys(v).length;
    if (depth >= 2 && size >= 2) {
      const text = canonical(v);
      const same = seen.find((s) => s.text === text && !path.startsWith(`${s.path}.`));
      if (same) {
        refs.set(path, { anchor: anchorOf(same.path) });
        return;
      }
      if (isMap(v)) {
        // an earlier map whose every entry this one repeats: `<<: *base` plus the rest
        const base = seen.find((s) => isMap(s.value) && s.size >= 2 && s.size < size && !path.startsWith(`${s.path}.`)
          && Object.entries(s.value as Record<string, unknown>).every(([k, x]) => k in v && canonical(v[k]) === canonical(x)));
        if (base) refs.set(path, { anchor: anchorOf(base.path), merge: Object.keys(base.value as object) });
      }
      seen.push({ path, value: v, text, size });
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`, depth + 1));
    else for (const [k, x] of Object.entries(v)) if (!refs.get(path)?.merge?.includes(k)) walk(x, `${path}.${k}`, depth + 1);
  };
  walk(root, '', 0);
  return { anchors, refs };
}

/** The YAML text of `value` in `style`. */
export function writeYaml(valueIn: unknown, style: YamlStyle): string {
  // the value as JSON has it: no undefined fields
  const value: unknown = JSON.parse(JSON.stringify(valueIn));
  const rand = rng(style.seed);
  const p = style.anchors ? plan(value) : { anchors: new Map<string, string>(), refs: new Map() };
  const pad = (depth: number) => ' '.repeat(style.indent * depth);

  const quoteOf = (): 'plain' | 'single' | 'double' => (style.quote === 'mixed' ? (['plain', 'single', 'double'] as const)[Math.floor(rand() * 3)] : style.quote);
  const str = (s: string, flow: boolean, key: boolean): string => {
    const safe = !NOT_A_STRING.test(s) && !UNSAFE_ANYWHERE.test(s) && s !== '' && !(flow && UNSAFE_IN_FLOW.test(s));
    let q = key ? (safe ? 'plain' : 'double') : quoteOf();
    if (q === 'plain' && !safe) q = style.plainTricky && NOT_A_STRING.test(s) && !UNSAFE_ANYWHERE.test(s) && !(flow && UNSAFE_IN_FLOW.test(s)) && s !== '' ? 'plain' : 'double';
    if (q === 'single' && /[\n\r\t\u0000-\u001f\u007f\ufeff]/.test(s)) q = 'double';
    if (q === 'plain') return s;
    if (q === 'single') return `'${s.replace(/'/g, "''")}'`;
    return JSON.stringify(s);
  };
  const scalar = (v: unknown, key: string | undefined, flow: boolean): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'number') {
      if (style.octalModes && key !== undefined && MODE_KEYS.has(key) && Number.isInteger(v) && v >= 0 && v <= 0o7777) return `0${v.toString(8)}`;
      return String(v);
    }
    return str(String(v), flow, false);
  };
  const comment = () => (style.comments && rand() < 0.15 ? ` # ${['set by hand', 'see the docs', 'TODO: review', 'keep: in sync'][Math.floor(rand() * 4)]}` : '');

  const flowText = (v: unknown, path: string): string => {
    const ref = p.refs.get(path);
    if (ref && !ref.merge) return `*${ref.anchor}`;
    const anchor = p.anchors.has(path) ? `&${p.anchors.get(path)} ` : '';
    if (Array.isArray(v)) return `${anchor}[${v.map((x, i) => flowText(x, `${path}.${i}`)).join(', ')}]`;
    if (isMap(v)) {
      const parts = Object.entries(v).filter(([k, x]) => x !== undefined && !ref?.merge?.includes(k)).map(([k, x]) => `${str(k, true, true)}: ${flowText(x, `${path}.${k}`)}`);
      if (ref?.merge) parts.unshift(`<<: *${ref.anchor}`);
      return `${anchor}{${parts.join(', ')}}`;
    }
    return scalar(v, path.split('.').pop(), true);
  };

  const lines: string[] = [];
  /** Writes `prefix` (a key or a `- ` marker) and the value after it. */
  const node = (v: unknown, path: string, depth: number, prefix: string, indentOfChildren: number, key?: string) => {
    const ref = p.refs.get(path);
    const anchor = p.anchors.has(path) ? ` &${p.anchors.get(path)}` : '';
    if (ref && !ref.merge) {
      lines.push(`${prefix} *${ref.anchor}`);
      return;
    }
    const empty = (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
    if (v !== null && typeof v === 'object' && (depth >= style.flowDepth || empty)) {
      lines.push(`${prefix} ${flowText(v, path)}`);
      return;
    }
    if (Array.isArray(v)) {
      lines.push(`${prefix}${anchor}${comment()}`);
      const ind = style.compactSequences && key !== undefined ? indentOfChildren - 1 : indentOfChildren;
      v.forEach((x, i) => item(x, `${path}.${i}`, depth + 1, Math.max(ind, 0)));
      return;
    }
    if (isMap(v)) {
      lines.push(`${prefix}${anchor}${comment()}`);
      entries(v, path, depth + 1, indentOfChildren, ref?.merge ? ref : undefined);
      return;
    }
    const s = typeof v === 'string' && style.blockScalars && / /.test(v) && /^\S(.*\S)?$/.test(v) && !/[\n\r\t\ufeff]/.test(v) && rand() < 0.5
      ? `${rand() < 0.5 ? '|-' : '>-'}\n${pad(indentOfChildren)}${v}` : scalar(v, key, false);
    lines.push(`${prefix} ${s}${s.includes('\n') ? '' : comment()}`);
  };
  const entries = (m: Record<string, unknown>, path: string, depth: number, ind: number, merge?: { anchor: string; merge?: string[] }) => {
    if (merge) lines.push(`${pad(ind)}<<: *${merge.anchor}`);
    for (const [k, x] of Object.entries(m)) {
      if (x === undefined || merge?.merge?.includes(k)) continue;
      if (style.comments && rand() < 0.05) lines.push(`${pad(ind)}# ${k}`);
      node(x, `${path}.${k}`, depth, `${pad(ind)}${str(k, false, true)}:`, ind + 1, k);
    }
  };
  /** A sequence item: `- ` then the value; a map's first entry goes on the dash's line. */
  const item = (x: unknown, path: string, depth: number, ind: number) => {
    const ref = p.refs.get(path);
    if (isMap(x) && Object.keys(x).length > 0 && depth < style.flowDepth && !(ref && !ref.merge) && !p.anchors.has(path)) {
      const start = lines.length;
      entries(x, path, depth + 1, ind + 1, ref?.merge ? ref : undefined);
      // fold the first entry onto the dash: "- key: value"
      const first = lines[start];
      lines[start] = `${pad(ind)}${'-'.padEnd(style.indent)}${first.slice(style.indent * (ind + 1))}`;
      return;
    }
    node(x, path, depth, `${pad(ind)}-`, ind + 1);
  };

  if (isMap(value)) entries(value, '', 1, 0);
  else node(value, '', 0, '', 0);
  const body = [...(style.documentStart ? ['---'] : []), ...(style.comments ? ['# written by the differential test'] : []), ...lines];
  return `${style.bom ? '\ufeff' : ''}${body.join(style.crlf ? '\r\n' : '\n')}${style.crlf ? '\r\n' : '\n'}`;
}
