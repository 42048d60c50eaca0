/**
 * Field paths in the API server's style (`field.Path`): dots for fields, `[i]` for list items,
 * `[key]` for map keys. A map key that is a plain identifier is written with a dot, as in
 * contract 2's `resources.requests.cpu`; any other key is bracketed
 * (`metadata.annotations[kubernetes.io/ingress-bandwidth]`).
 */

const PLAIN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function key(path: string, k: string): string {
  return PLAIN.test(k) ? child(path, k) : `${path}[${k}]`;
}

/** Splits a path into segments: strings for fields/keys, numbers for list indexes. */
export function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  let i = 0;
  let cur = '';
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (cur !== '') out.push(cur);
      cur = '';
      i++;
    } else if (c === '[') {
      if (cur !== '') out.push(cur);
      cur = '';
      const end = path.indexOf(']', i);
      const inner = end < 0 ? path.slice(i + 1) : path.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? path.length : end + 1;
    } else {
      cur += c;
      i++;
    }
  }
  if (cur !== '') out.push(cur);
  return out;
}

const segmentCache = new Map<string, Array<string | number>>();

/** Reads the value at a path, or undefined. */
export function getAt(obj: any, path: string): any {
  let segs = segmentCache.get(path);
  if (!segs) {
    segs = splitPath(path);
    if (segmentCache.size < 1000) segmentCache.set(path, segs);
  }
  let v = obj;
  for (const seg of segs) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[seg as any];
  }
  return v;
}
