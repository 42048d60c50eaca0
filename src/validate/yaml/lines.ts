/**
 * Lines of fields in a document the fast block reader (fast-yaml.ts) read, found by walking the
 * document's lines along the field path: the mapping entries and sequence items at each level
 * are the lines at its indentation, so nothing is parsed or built, and a finding's line costs a
 * scan of the lines above it. The walk follows the fast reader's grammar step for step (block
 * mappings, `- key: v` items, indentless sequences), which is why it is only used on documents
 * that reader accepted; test/validate/lines.test.ts proves it gives the reader's own line table
 * for every field of the real-world corpus and of generated documents.
 */
import { BAIL, keyAt, KeySplit } from '../fast-yaml';
import { splitPath } from '../path';
import { DocLines } from '../types';
import { composeDocument, LineTable } from './compose';
import { jsonLineTable } from './json-lines';

/** A block collection: a mapping or sequence whose entries are at indent `n` from line `at`. */
interface Block {
  seq: boolean;
  n: number;
  at: number;
  /** A `- key: v` item's mapping: its first entry is on the dash line, at column n. */
  virtualAt: number;
  /** A mapping's entries found so far (a document's findings look up the same fields again and again). */
  keys?: Map<string, Hit>;
  /** A sequence's items found so far. */
  items?: Hit[];
  /** Where the search for further entries or items goes on. */
  scan?: number;
  /** Every entry or item has been found. */
  ended?: boolean;
}

/** Where keyAt puts the key of the entry being read: one for every walker (read at once, before anything else calls keyAt). */
const SPLIT: KeySplit = { kKey: '', kRest: '', kQuoted: false, kRestAt: 0 };

/** A field's line (0-based, shifted) and, when it holds a block collection, that block. */
interface Hit {
  line: number;
  child?: Block;
}

/** The lines of a document's fields, from the lines of its file (no carriage returns). */
export class BlockLines implements DocLines {
  /**
   * @param lines the file's lines
   * @param ind their indentation (fast-yaml's lineIndents: -1 blank or comment)
   * @param from the document's first line (0-based)
   * @param to the line after its last
   */
  constructor(private readonly lines: string[], private readonly ind: Int32Array, private readonly from: number, private readonly to: number, private readonly shift = 0) {}

  /** The document's top block, once found (null: not looked for yet); the blocks under it keep what was found in them. */
  private top: Block | undefined | null = null;

  lineOf(path: string): number | undefined {
    return this.exact(splitPath(path));
  }

  deepest(segs: Array<string | number>): number | undefined {
    let node = this.root();
    let line = -1;
    for (const seg of segs) {
      if (!node) break;
      const hit = typeof seg === 'number' ? (node.seq ? this.item(node, seg) : undefined) : (node.seq ? undefined : this.entry(node, seg));
      if (!hit) break;
      line = hit.line;
      node = hit.child;
    }
    return line >= 0 ? line + 1 : this.firstContent();
  }

  /** The line of exactly `segs` (every segment present), else undefined; [] is the first content line. */
  exact(segs: Array<string | number>): number | undefined {
    let node = this.root();
    let line = -1;
    for (const seg of segs) {
      const hit = !node ? undefined : typeof seg === 'number' ? (node.seq ? this.item(node, seg) : undefined) : (node.seq ? undefined : this.entry(node, seg));
      if (!hit) return undefined;
      line = hit.line;
      node = hit.child;
    }
    return line >= 0 ? line + 1 : this.firstContent();
  }

  detach(): DocLines {
    // join makes a new string: the copy does not hold on to the file's text
    return new DetachedLines(this.lines.slice(this.from, this.to).join('\n'), this.shift + this.from, this.ind.slice(this.from, this.to));
  }

  private firstContent(): number | undefined {
    for (let k = this.from; k < this.to; k++) {
      const t = this.lines[k].trim();
      if (t !== '' && !t.startsWith('#') && !/^---\s*(#.*)?$/.test(t)) return this.shift + k + 1;
    }
    return undefined;
  }

  private next(i: number): number {
    while (i < this.to && this.ind[i] === -1) i++;
    return i;
  }

  private root(): Block | undefined {
    if (this.top === null) this.top = this.findRoot();
    return this.top;
  }

  private findRoot(): Block | undefined {
    let i = this.next(this.from);
    if (i < this.to && this.lines[i].startsWith('---')) i = this.next(i + 1);
    return i < this.to ? this.blockAt(i, this.ind[i]) : undefined;
  }

  private blockAt(at: number, n: number): Block {
    return { seq: isDash(this.lines[at], n), n, at, virtualAt: -1 };
  }

  /** The node under a key or dash with nothing after it on its line, when it is a block collection. */
  private nested(after: number, n: number, indentless: boolean): Block | undefined {
    const at = this.next(after);
    if (at >= this.to) return undefined;
    const ind = this.ind[at];
    if (ind > n) return this.blockAt(at, ind);
    if (indentless && ind === n && isDash(this.lines[at], n)) return { seq: true, n, at, virtualAt: -1 };
    return undefined;
  }

  /** The next line at indent n or less after a value that starts on line `at`. */
  private skip(at: number, n: number): number {
    let i = this.next(at + 1);
    while (i < this.to && this.ind[i] > n) i = this.next(i + 1);
    return i;
  }

  /**
   * The entry `key` of a block mapping. The entries passed on the way are kept with the block, and
   * the next search goes on from where this one stopped: each line is read once per document.
   */
  private entry(map: Block, key: string): Hit | undefined {
    const keys = (map.keys ??= new Map());
    const known = keys.get(key);
    if (known !== undefined || map.ended) return known;
    const { n } = map;
    for (let i = map.scan ?? map.at; ;) {
      const at = this.next(i);
      const k = SPLIT;
      const line = at < this.to && (at === map.virtualAt ? n : this.ind[at]) === n ? this.lines[at] : undefined;
      if (line === undefined || !keyAt(k, line, n)) {
        map.ended = true;
        return undefined;
      }
      const found = k.kKey;
      const nested = k.kRestAt! >= line.length || line.charCodeAt(k.kRestAt!) === 35;
      const hit: Hit = { line: this.shift + at, child: nested ? this.nested(at + 1, n, true) : undefined };
      if (!keys.has(found)) keys.set(found, hit);
      i = this.skip(at, n);
      // an indentless sequence under the key: its items are at this indent too
      if (nested && i < this.to && this.ind[i] === n && isDash(this.lines[i], n) && this.next(at + 1) === i) {
        while (i < this.to && (this.ind[i] > n || (this.ind[i] === n && isDash(this.lines[i], n)))) i = this.next(i + 1);
      }
      map.scan = i;
      if (found === key) return hit;
    }
  }

  /** Item `index` of a block sequence; the items passed on the way are kept, as entries are. */
  private item(seq: Block, index: number): Hit | undefined {
    const items = (seq.items ??= []);
    if (index < items.length) return items[index];
    if (seq.ended) return undefined;
    const { n } = seq;
    for (let i = seq.scan ?? seq.at; ;) {
      const at = this.next(i);
      const line = at < this.to && this.ind[at] === n ? this.lines[at] : undefined;
      if (line === undefined || line.charCodeAt(n) !== 45) {
        seq.ended = true;
        return undefined;
      }
      // `-x` ends the sequence, but the fast reader has marked its line as the next item's
      if (line.length !== n + 1 && line.charCodeAt(n + 1) !== 32) {
        items.push({ line: this.shift + at });
        seq.ended = true;
        return index < items.length ? items[index] : undefined;
      }
      items.push({ line: this.shift + at, child: this.itemValue(line, at, n) });
      seq.scan = i = this.skip(at, n);
      if (items.length - 1 === index) return items[index];
    }
  }

  private itemValue(line: string, at: number, n: number): Block | undefined {
    if (line.length === n + 1) return this.nested(at + 1, n, false);
    let m = n + 1;
    while (m < line.length && line.charCodeAt(m) === 32) m++;
    const c = line[m];
    if (c === undefined || c === '#') return this.nested(at + 1, n, false);
    if (c !== '"' && c !== "'" && c !== '[' && c !== '{' && keyAt(SPLIT, line, m)) return { seq: false, n: m, at, virtualAt: at };
    return undefined;
  }
}

/**
 * A detached document's lines: its own text, split into lines only when a finding first asks for
 * one (most documents kept for the cross-object rules never have a finding there).
 */
class DetachedLines implements DocLines {
  private walker: BlockLines | undefined;

  /**
   * @param text the document's lines, joined
   * @param from its first line in the file (0-based)
   * @param ind their indentation (a copy: computing it again costs more than keeping it)
   */
  constructor(private readonly text: string, private readonly from: number, private readonly ind: Int32Array) {}

  private lines(): BlockLines {
    if (!this.walker) {
      const own = this.text.split('\n');
      this.walker = new BlockLines(own, this.ind, 0, own.length, this.from);
    }
    return this.walker;
  }

  lineOf(path: string): number | undefined {
    return this.lines().lineOf(path);
  }

  deepest(segs: Array<string | number>): number | undefined {
    return this.lines().deepest(segs);
  }

  detach(): DocLines {
    return this;
  }
}

function isDash(line: string, n: number): boolean {
  return line.charCodeAt(n) === 45 && (line.length === n + 1 || line.charCodeAt(n + 1) === 32);
}

/**
 * Lines of a document the exact reader read (anchors, flow over several lines, lone CRs, JSON…):
 * from the line table the reader filled as it read, or, without one (JSON, a detached copy),
 * by reading the document again with a table when a finding first asks for a line.
 */
export class ComposedLines implements DocLines {
  /**
   * @param chunk the document's text
   * @param from its first line in the file (0-based)
   * @param located the value read and its line table, when the reader kept them
   * @param json whether the chunk is a JSON document (read with JSON.parse)
   */
  constructor(private readonly chunk: string, private readonly from: number, private located?: { root: unknown; table: LineTable } | null, private readonly json = false) {}

  lineOf(path: string): number | undefined {
    const at = this.walk(splitPath(path));
    return at.found === at.segs ? at.line : undefined;
  }

  deepest(segs: Array<string | number>): number | undefined {
    return this.walk(segs).line;
  }

  detach(): DocLines {
    return new ComposedLines(Buffer.from(this.chunk, 'utf8').toString('utf8'), this.from, undefined, this.json);
  }

  /** How many of `segs` the document has (in a row), and the line of the last of them. */
  private walk(segs: Array<string | number>): { found: number; segs: number; line: number | undefined } {
    const located = this.locate();
    if (!located) return { found: -1, segs: segs.length, line: undefined };
    let cur: any = located.root;
    let line: number | undefined;
    let found = 0;
    for (const seg of segs) {
      if (cur === null || typeof cur !== 'object') break;
      const l = located.table.get(cur)?.get(seg);
      if (l === undefined) break;
      line = l;
      cur = cur[seg];
      found++;
    }
    return { found, segs: segs.length, line: line !== undefined ? this.from + line + 1 : this.firstContent() };
  }

  private locate(): { root: unknown; table: LineTable } | null {
    if (this.located === undefined && this.json) {
      // a JSON document: its lines from one scan of the text, not from reading it again as YAML
      const root: unknown = JSON.parse(this.chunk);
      const table = jsonLineTable(this.chunk, root);
      if (table) this.located = { root, table };
    }
    if (this.located === undefined) {
      const table: LineTable = new WeakMap();
      let root: unknown = BAIL;
      try {
        root = composeDocument(this.chunk, table).value;
      } catch {
        root = BAIL;
      }
      this.located = root === BAIL ? null : { root, table };
    }
    return this.located;
  }

  /** The object itself: its first content line. */
  private firstContent(): number | undefined {
    const lines = this.chunk.split('\n');
    for (let k = 0; k < lines.length; k++) {
      const t = lines[k].trim();
      if (t !== '' && !t.startsWith('#') && !/^---\s*(#.*)?$/.test(t)) return this.from + k + 1;
    }
    return undefined;
  }
}
