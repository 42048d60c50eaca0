/** The line a finding is reported at: that of its field, else of the nearest enclosing field the source has. */
import { splitPath } from './path';
import { InputObject } from './types';

/** The line of the nearest enclosing field that the source has. */
export function lineFor(input: InputObject, path: string): number | undefined {
  const parsed = parse(path);
  const segs = parsed.segs;
  if (input.lines && parsed.rebuilds) return input.lines.deepest(segs);
  const lineOf = input.lines ? (p: string) => input.lines!.lineOf(p) : input.lineOf;
  if (!lineOf) return undefined;
  for (let n = segs.length; n >= 0; n--) {
    const line = lineOf(rebuild(segs.slice(0, n)));
    if (line !== undefined) return line;
  }
  return undefined;
}

/** A path's segments, and whether they rebuild to it. */
interface Parsed {
  segs: Array<string | number>;
  rebuilds: boolean;
}

/**
 * Paths already parsed: findings name the same few thousand paths again and again (a container's
 * resources, its securityContext), so each is split once. Bounded: paths with map keys or list
 * indexes past the first few are not all worth keeping.
 */
const parsedPaths = new Map<string, Parsed>();
const PARSED_MAX = 20_000;

function parse(path: string): Parsed {
  let p = parsedPaths.get(path);
  if (p === undefined) {
    const segs = splitPath(path);
    p = { segs, rebuilds: rebuildsTo(segs) };
    if (parsedPaths.size >= PARSED_MAX) parsedPaths.clear();
    parsedPaths.set(path, p);
  }
  return p;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function rebuild(segs: Array<string | number>): string {
  let p = '';
  for (const s of segs) p += typeof s === 'number' ? `[${s}]` : (p === '' ? s : (IDENT.test(s) ? `.${s}` : `[${s}]`));
  return p;
}

/** Whether splitPath(rebuild(segs)) gives segs back: the segments can then be looked up as they are. */
function rebuildsTo(segs: Array<string | number>): boolean {
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (typeof s === 'number') {
      if (!Number.isSafeInteger(s) || s < 0) return false;
    } else if (i === 0) {
      if (s === '' || s.includes('.') || s.includes('[')) return false;
    } else if (!IDENT.test(s) && (s.includes(']') || /^\d+$/.test(s))) {
      return false;
    }
  }
  return true;
}
