/**
 * The exact reader: one document as sigs.k8s.io/yaml reads it (go-yaml v2 into interface{}, then
 * YAMLToJSON). The `yaml` package parses (block and flow styles, quoting, block scalars,
 * anchors, tags, CRLF) without resolving anything (failsafe schema, aliases not expanded); this
 * file gives each node go-yaml v2's meaning: scalar resolution (resolve.ts), `<<` merges in
 * go-yaml's order, duplicate keys kept last, aliases expanded under go-yaml's alias-ratio limit
 * (the CVE-2019-11253 fix), keys written as YAMLToJSON writes them, NaN and infinities refused.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node as YNode, Scalar, YAMLMap } from 'yaml';
import { badAnchorName } from './go-yaml';
import { tabProblem } from './go-tabs';
import { EXPLICIT_KEY_LINE, explicitKeyProblem, flowKeylessColon, keyProblem } from './go-keys';
import { earlyEnd, indentedRootBefore, rootEnd } from './go-first-node';
import { blockHeaderProblem } from './go-block-scalars';
import { tagProblem } from './go-props';
import { depthMessage, parsedText, parseFirst, scannedText } from './go-text';
import { MAX_DEPTH, ReadError, TOO_DEEP } from './read-error';
import { plainProblem } from './go-plain';
import { checkControl, ControlAt } from './go-reader';
import { hasLineLongerThan, lineAt, lineStarts } from './text-offsets';
import { badUnicodeEscape } from './go-scan';
import { blockLastLine, blockScalarValue, flowScalarValue, SeparatedText, separatorWithin } from './go-separators';
import { key as keyPath, index as indexPath } from '../path';
import { BINARY, jsonKey, MERGE, NonFinite, resolvePlainTyped, resolveTagged, Resolved, STR } from './resolve';

/** Line numbers (0-based, within the text read) of each mapping key and sequence item. */
export type LineTable = WeakMap<object, Map<string | number, number>>;

/** A key written twice in one mapping: kept last, as kubectl keeps it. */
export interface DuplicateKey {
  path: string;
  /** 0-based line within the text read where the repeated key's value starts (as go-yaml names it). */
  line: number;
  /** 0-based line of the earlier occurrence. */
  first: number;
}

export { MAX_DEPTH, ReadError, TOO_DEEP } from './read-error';

// go-yaml v2's alias-ratio limit (decode.go: allowedAliasRatio), the fix for CVE-2019-11253
const RATIO_LOW = 400_000;
const RATIO_HIGH = 4_000_000;
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= RATIO_LOW) return 0.99;
  if (decodeCount >= RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - RATIO_LOW) / (RATIO_HIGH - RATIO_LOW));
}

/** An escape go-yaml v2 does not know (`\/` is YAML 1.2's), preceded by an even run of backslashes. */
const SLASH_ESCAPE = /(^|[^\\])(\\\\)*\\\//;
/** A backslash that ends a line (an odd run of them) and a blank line after it. */
const ESCAPED_BREAK_THEN_BLANK = /(?:^|[^\\])(?:\\\\)*\\\n[ \t]*\n/;

/** What reading one document gives. */
export interface Composed {
  value: unknown;
  duplicates: DuplicateKey[];
}

/** A line whose first token is a value indicator: the key before it may be on an earlier line. */
const COLON_STARTS_LINE = /^[ \t]*(?:[-?][ \t]+)*:(?=[ \t\r\n]|$)/m;

/** Blank and comment lines only, to the end of the text or to a document marker (one that a lone CR, a NEL or a separator put at a line's start). */
const TRAILING_BLANKS = /^(?:[ \t]*(?:#[^\n]*)?(?:\n|$))*(?:$|(?=(?:---|\.\.\.)(?:[ \t\n]|$)))/;

/** A `-` alone after a key's colon: a block sequence entry to go-yaml, which no value takes there. */
const LONE_DASH = /:[ \t]+-[ \t]*(#.*)?\r?$/m;

/**
 * Reads one document (a chunk between `---` lines). Throws ReadError. `started`: a separator line
 * that kubectl's YAMLReader kept began the document (go-text.ts).
 */
export function composeDocument(text: string, track?: LineTable, started = false, separators?: Map<number, string>, control?: ControlAt): Composed {
  // go-yaml's reader refuses a control character if it decodes that far (go-reader.ts): as far as the scanner reads, give or take 512 bytes
  // (`furthest` in `read`, the text as mended for reading: the same lines, not the same columns)
  const reach = (furthest: number, read: string) => { if (control) checkControl(control, furthest, read); };
  const before = scannedText(text, started);
  if (before === null) { reach(0, text); return { value: null, duplicates: [] }; }
  const parsed = parsedText(before);
  if (!parsed) {
    reach(before.length, before);
    // no content: go-yaml's scanner still reads every line, and a tab among a line's leading blanks starts no token
    const tab = before.includes('\t') ? /^ *\t/m.exec(before) : null;
    if (tab) throw new ReadError('found character that cannot start any token', lineAt(lineStarts(before), tab.index));
    return { value: null, duplicates: [] };
  }
  text = parsed.text;
  let doc = parsed.doc;
  const starts = lineStarts(text);
  const early = doc.errors.length === 0 ? earlyEnd(doc, text) : undefined;
  let rootEnds = doc.errors.length > 0 || early !== undefined ? rootEnd(doc, text) : undefined;
  // go-yaml ends the root there, and cannot take the token after it (a stale key's `:`, an `@`, a bad directive)
  if (early !== undefined && rootEnds === undefined) throw new ReadError('found character that cannot start any token', lineAt(starts, tokenAfter(text, early)));
  if (rootEnds === undefined && doc.errors.length > 0) {
    // an indented block root that a later token the yaml package cannot read took from it (`x` in
    // `- >-: x`): the root read up to the line of the first error, what follows it judged as before
    const cut = indentedRootBefore(doc, text);
    if (cut) ({ end: rootEnds, doc } = cut);
  }
  const firstOnly = rootEnds !== undefined;
  // a flow or quoted root whose range took in what follows its closing bracket or quote: read up to it (no offset moves)
  if (rootEnds !== undefined && rootEnds < (doc.contents as YNode).range![1]) doc = parseFirst(text.slice(0, rootEnds)) ?? doc;
  if (doc.errors.length > 0 && !firstOnly) {
    const err = doc.errors[0];
    const line = lineAt(starts, err.pos[0]);
    const msg = /call stack/i.test(err.message) ? depthMessage(err) : err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ReadError(msg, line);
  }
  // tabs where go-yaml's scanner takes none (blank and comment lines indented with one, a tab after
  // a dash), within what go-yaml scans of the text: this document, up to the token after its
  // root when it reads the root only
  const readTo = firstOnly ? tokenAfter(text, (doc.contents as YNode).range![1]) : (doc.range?.[2] ?? text.length);
  // how far go-yaml scans: past a document it reads whole, the blank and comment lines after it too (`a:` then a tab line is
  // refused), up to the next document's start where a NEL, LINE or PARAGRAPH SEPARATOR put one in the text
  const trailing = firstOnly ? null : TRAILING_BLANKS.exec(text.slice(readTo));
  const scanTo = trailing ? readTo + trailing[0].length : readTo;
  reach(scanTo, text);
  const tab = text.includes('\t') ? tabProblem(doc, text, scanTo, before) : undefined;
  if (tab) throw new ReadError(tab.message, lineAt(starts, tab.offset));
  const tagBad = text.includes('!') || text.includes('&') || text.includes('*') ? tagProblem(text, readTo) : undefined;
  if (tagBad) throw new ReadError(tagBad.message, lineAt(starts, tagBad.offset));
  if (text.includes('\\/') || text.includes('\\u') || text.includes('\\U') || text.includes('[') || text.includes('{')) checkScalars(text, doc.contents as YNode | null, starts);
  const badName = text.includes('&') || text.includes('*') ? badAnchorName(doc) : undefined;
  if (badName) throw new ReadError(badName.message, lineAt(starts, badName.offset));
  const longLines = text.length > 1024 && hasLineLongerThan(text, 1024);
  const overLines = COLON_STARTS_LINE.test(text);
  const key = longLines || overLines || text.includes('{') || text.includes('[') ? keyProblem(doc, text, longLines, overLines) : undefined;
  if (key) throw new ReadError(key.message, lineAt(starts, key.offset));
  const flowColon = text.includes('{') || text.includes('[') ? flowKeylessColon(text, readTo, !parsed.seqKeysMended) : undefined;
  if (flowColon) throw new ReadError(flowColon.message, lineAt(starts, flowColon.offset));
  const header = text.includes('|') || text.includes('>') ? blockHeaderProblem(doc, text) : undefined;
  if (header) throw new ReadError(header.message, lineAt(starts, header.offset));
  const explicit = text.includes('?') && EXPLICIT_KEY_LINE.test(text) ? explicitKeyProblem(doc, text) : undefined;
  if (explicit) throw new ReadError(explicit.message, lineAt(starts, explicit.offset));
  const flow = text.includes('{') || text.includes('[');
  const plain = (flow && (text.includes('?') || text.includes(':[') || text.includes(':{') || text.includes('-'))) || LONE_DASH.test(text) ? plainProblem(text, readTo) : undefined;
  if (plain) throw new ReadError(plain.message, lineAt(starts, plain.offset));
  // scalars over lines that a LINE or PARAGRAPH SEPARATOR ended (written \n before reading: lines do not move) keep it
  const separated = separators?.size ? { text, starts, separators } : undefined;
  const c = new Composer(doc, text, starts, track, separated);
  try {
    c.count(false);
    const value = c.node(doc.contents as YNode | null, '');
    // NaN and infinities that a later duplicate key did not replace: YAMLToJSON cannot write them
    if (c.nonFinite) {
      const bad = findNonFinite(value);
      if (bad) throw new ReadError(`json: unsupported value: ${bad.text}`);
    }
    // keys YAMLToJSON cannot write (null), in a mapping that a later duplicate key did not replace
    if (c.badKeys.size > 0) {
      const bad = findBadKey(value, c.badKeys);
      if (bad) throw bad;
    }
    return { value, duplicates: c.duplicates };
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(depthMessage(e));
  }
}

/** The first mapping (in document order) of the finished value that held a key YAMLToJSON cannot write, with its error. */
function findBadKey(v: unknown, badKeys: Map<object, ReadError>): ReadError | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const own = badKeys.get(v);
  if (own) return own;
  for (const x of Object.values(v)) {
    const bad = findBadKey(x, badKeys);
    if (bad) return bad;
  }
  return undefined;
}

function findNonFinite(v: unknown): NonFinite | undefined {
  if (v instanceof NonFinite) return v;
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) {
      const bad = findNonFinite(x);
      if (bad) return bad;
    }
  }
  return undefined;
}

/** Where the first line with content at or after `at` starts (blank and comment lines passed). */
function tokenAfter(text: string, at: number): number {
  let start = text.lastIndexOf('\n', at - 1) + 1;
  for (;;) {
    let eol = text.indexOf('\n', start);
    if (eol < 0) eol = text.length;
    if (eol >= at && !/^[ \t]*(#.*)?$/.test(text.slice(Math.max(start, at), eol))) return Math.max(start, at);
    if (eol >= text.length) return text.length;
    start = eol + 1;
  }
}

/** Scalars go-yaml v2 refuses and the yaml package reads: `\/` in double quotes, a plain `:x` in a flow collection. */
function checkScalars(text: string, root: YNode | null, starts: number[]): void {
  const visit = (n: unknown, flow: boolean): void => {
    if (isScalar(n)) {
      if (n.type === 'QUOTE_DOUBLE' && n.range && SLASH_ESCAPE.test(text.slice(n.range[0], n.range[1]))) {
        throw new ReadError('found unknown escape character', lineAt(starts, n.range[0]));
      }
      if (n.type === 'QUOTE_DOUBLE' && n.range && badUnicodeEscape(text.slice(n.range[0], n.range[1]))) {
        throw new ReadError('found invalid Unicode character escape code', lineAt(starts, n.range[0]));
      }
      if (flow && n.type === 'PLAIN' && String(n.value).startsWith(':')) {
        throw new ReadError('did not find expected node content', lineAt(starts, n.range?.[0] ?? 0));
      }
    } else if (isMap(n) || isSeq(n)) {
      const inFlow = flow || n.flow === true;
      for (const it of n.items) {
        if (isPair(it)) { visit(it.key, inFlow); visit(it.value, inFlow); } else visit(it, inFlow);
      }
    }
  };
  visit(root, false);
}

function setKey(obj: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[k] = v;
}

class Composer {
  readonly duplicates: DuplicateKey[] = [];
  /** Whether a NaN or an infinity was read (the finished value is then searched for one). */
  nonFinite = false;
  /**
   * Mappings that held a key YAMLToJSON cannot write (a null key), with the error for the first:
   * go-yaml reads them, and YAMLToJSON refuses only what is left in the finished value (a later
   * duplicate key may have replaced the mapping), as with NaN.
   */
  readonly badKeys = new Map<object, ReadError>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly active = new Set<unknown>();

  /** The indentation of the block collection being read (-1 at the root): a block scalar's indentation indicator counts from it. */
  private column = -1;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly starts: number[],
    private readonly track: LineTable | undefined,
    private readonly separated?: SeparatedText,
  ) {}

  /** Runs f with `column` set to the indentation of block collection n. */
  private within<T>(n: YNode, f: () => T): T {
    const saved = this.column;
    const at = n.range?.[0];
    if (at !== undefined && !(n as { flow?: boolean }).flow) this.column = at - (this.text.lastIndexOf('\n', at - 1) + 1);
    try {
      return f();
    } finally {
      this.column = saved;
    }
  }

  /** A scalar's text as go-yaml reads it where a separator breaks it (go-separators.ts), else undefined. */
  private separatedText(n: Scalar): string | undefined {
    const t = this.separated!;
    const r = n.range;
    if (!r) return undefined;
    const first = lineAt(t.starts, r[0]);
    if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') {
      const line = this.text.slice(r[0], first + 1 < t.starts.length ? t.starts[first + 1] : this.text.length);
      const header = line.search(/[|>]/);
      if (header < 0) return undefined;
      const last = blockLastLine(t, first, this.column);
      return separatorWithin(t, first + 1, last) ? blockScalarValue(t, r[0] + header, first, this.column) : undefined;
    }
    const last = lineAt(t.starts, Math.max(r[0], r[1] - 1));
    if (last === first || !separatorWithin(t, first, last)) return undefined;
    return flowScalarValue(t, r[0], r[1], n.type === 'QUOTE_SINGLE' ? 'single' : n.type === 'QUOTE_DOUBLE' ? 'double' : 'plain', first, last);
  }

  /**
   * A double-quoted scalar with a line break escaped before a blank line (`"a\\` then an empty
   * line then `b"`), as go-yaml reads it: the escaped break is dropped and each blank line after it
   * is a line feed ("a\nb"; YAML's s-double-escaped); the yaml package folds them into a space.
   */
  private escapedBreakText(n: Scalar): string | undefined {
    const r = n.range;
    if (n.type !== 'QUOTE_DOUBLE' || !r || !ESCAPED_BREAK_THEN_BLANK.test(this.text.slice(r[0], r[1]))) return undefined;
    const t = this.separated ?? { text: this.text, starts: this.starts, separators: new Map<number, string>() };
    return flowScalarValue(t, r[0], r[1], 'double', lineAt(this.starts, r[0]), lineAt(this.starts, Math.max(r[0], r[1] - 1)));
  }

  /** go-yaml's decoder.unmarshal bookkeeping: every node decoded counts, those under an alias twice. */
  count(_alias: boolean): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new ReadError('document contains excessive aliasing');
    }
  }

  private line(n: unknown): number | undefined {
    const r = (n as YNode | null)?.range;
    return r ? lineAt(this.starts, r[0]) : undefined;
  }

  /** The line where a node starts, its anchor included (go-yaml's node line). */
  private propsLine(n: YNode | null): number | undefined {
    const anchor = (n as { anchor?: string } | null)?.anchor;
    const start = n?.range?.[0];
    if (anchor && start !== undefined) {
      const at = this.text.lastIndexOf(`&${anchor}`, start);
      if (at >= 0) return lineAt(this.starts, at);
    }
    return this.line(n);
  }

  private mark(container: object, k: string | number, n: unknown): void {
    const line = this.line(n);
    if (line === undefined) return;
    let m = this.track!.get(container);
    if (!m) { m = new Map(); this.track!.set(container, m); }
    m.set(k, line);
  }

  /** The node an alias names (the nearest anchor before it), counted as go-yaml counts it. */
  private deref(n: YNode, f: (target: YNode) => unknown): unknown {
    const name = (n as any).source as string;
    const target = (n as any).resolve(this.doc) as YNode | undefined;
    if (!target) throw new ReadError(`unknown anchor '${name}' referenced`, this.line(n));
    if (this.active.has(n)) throw new ReadError(`anchor '${name}' value contains itself`, this.line(n));
    this.active.add(n);
    this.aliasDepth++;
    try {
      return f(target);
    } finally {
      this.aliasDepth--;
      this.active.delete(n);
    }
  }

  private depth = 0;

  node(n: YNode | null, path: string): unknown {
    if (n === null || n === undefined) return null;
    if (isMap(n) || isSeq(n)) {
      if (++this.depth > MAX_DEPTH) throw new ReadError(TOO_DEEP, this.line(n));
      try {
        return this.collection(n, path);
      } finally {
        this.depth--;
      }
    }
    if (isAlias(n)) return this.deref(n, (t) => { this.count(true); return this.node(t, path); });
    if (isScalar(n)) return this.scalar(n);
    return null;
  }

  private collection(n: YNode, path: string): unknown {
    if (isMap(n)) {
      const obj: Record<string, unknown> = {};
      this.mapInto(n, obj, path, new Map());
      return obj;
    }
    if (isSeq(n)) {
      const arr: unknown[] = [];
      this.within(n, () => n.items.forEach((item, i) => {
        this.count(false);
        if (this.track) this.mark(arr, i, item);
        arr.push(this.node(item as YNode, indexPath(path, i)));
      }));
      return arr;
    }
    return null;
  }

  private typed(n: Scalar): Resolved {
    const text = (this.separated && this.separatedText(n)) ?? this.escapedBreakText(n) ?? String(n.value ?? '');
    if (!n.tag || n.tag === '!') {
      // quoted and block scalars, and the non-specific tag, are strings; plain ones resolve
      return n.type === 'PLAIN' && !n.tag ? resolvePlainTyped(text) : { tag: STR, value: text };
    }
    const r = resolveTagged(n.tag, text);
    if ('error' in r) throw new ReadError(r.error, this.line(n));
    return r.resolved ?? { tag: n.tag === BINARY ? STR : n.tag, value: r.value };
  }

  private scalar(n: Scalar): unknown {
    const v = this.typed(n).value;
    if (v instanceof NonFinite) this.nonFinite = true;
    return v;
  }

  /** A mapping's pairs into obj, in order; `seen` holds the keys written literally in this mapping. */
  private mapInto(m: YAMLMap, obj: Record<string, unknown>, path: string, seen: Map<string, number>): void {
    this.within(m as YNode, () => this.pairsInto(m, obj, path, seen));
  }

  private pairsInto(m: YAMLMap, obj: Record<string, unknown>, path: string, seen: Map<string, number>): void {
    for (const pair of m.items) {
      const kn = pair.key as YNode | null;
      if (this.isMerge(kn)) {
        this.merge(pair.value as YNode | null, obj, path);
        continue;
      }
      this.count(false);
      const k = this.key(kn);
      if (k instanceof ReadError) {
        if (!this.badKeys.has(obj)) this.badKeys.set(obj, k);
        this.count(false);
        this.node(pair.value as YNode | null, path); // read all the same: go-yaml's own errors in it stand
        continue;
      }
      const kPath = keyPath(path, k);
      const line = this.line(kn) ?? 0;
      const first = seen.get(k);
      // the line go-yaml's strict reading names: where the repeated key's value starts
      if (first !== undefined) this.duplicates.push({ path: kPath, line: this.propsLine(pair.value as YNode | null) ?? line, first });
      seen.set(k, line);
      this.count(false);
      if (this.track) this.mark(obj, k, kn);
      setKey(obj, k, this.node(pair.value as YNode | null, kPath));
    }
  }

  private isMerge(kn: YNode | null): boolean {
    if (!isScalar(kn) || kn.value !== '<<') return false;
    return (kn.type === 'PLAIN' && !kn.tag) || kn.tag === MERGE;
  }

  /** go-yaml v2's merge: a mapping, an alias of one, or a list of them, the earlier ones winning. */
  private merge(v: YNode | null, obj: Record<string, unknown>, path: string): void {
    const want = () => new ReadError('map merge requires map or sequence of maps as the value', this.line(v));
    const one = (n: YNode) => {
      this.count(false);
      if (isMap(n)) { this.mapInto(n, obj, path, new Map()); return; }
      if (isAlias(n)) {
        this.deref(n, (t) => {
          if (!isMap(t)) throw want();
          this.count(true);
          this.mapInto(t, obj, path, new Map());
          return undefined;
        });
        return;
      }
      throw want();
    };
    if (isMap(v) || isAlias(v)) return one(v);
    if (isSeq(v)) {
      for (let i = v.items.length - 1; i >= 0; i--) {
        const it = v.items[i] as YNode;
        if (!isMap(it) && !isAlias(it)) throw want();
        one(it);
      }
      return;
    }
    throw want();
  }

  /** A key as YAMLToJSON writes it, or the error YAMLToJSON gives for it (go-yaml itself reads it). */
  private key(kn: YNode | null): string | ReadError {
    let n: unknown = kn;
    if (isAlias(n)) {
      n = (n as any).resolve(this.doc);
      // an alias to no anchor is go-yaml's error wherever it stands, in a mapping a later key replaces too
      if (n === undefined) throw new ReadError(`unknown anchor '${(kn as any).source}' referenced`, this.line(kn));
    }
    if (n === null || n === undefined) return new ReadError('unsupported map key of type: <nil>', this.line(kn));
    if (!isScalar(n)) throw new ReadError('invalid map key: a mapping or a list', this.line(kn));
    const r = this.typed(n);
    const k = jsonKey(r);
    if (k === undefined) return new ReadError(`unsupported map key: ${r.value === null ? '<nil>' : String((n as Scalar).value)}`, this.line(kn));
    return k;
  }
}
