/**
 * A CRD validation rule's `fieldPath` as the API server reads it (apiextensions-apiserver
 * schema/cel ValidFieldPath): `.name` or `['name']` steps from the rule's schema node into its
 * properties, or to any key of a map (additionalProperties); no list indexes.
 */
import { isObj } from './schema-walk';

/** The path cut as the server's scanner cuts it: `.`, `[` and `]` alone, a quoted string whole, names between. */
function tokens(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === "'") {
      let j = i + 1;
      while (j < path.length && !(path[j] === "'" && path[j - 1] !== '\\')) j++;
      out.push(path.slice(i, Math.min(j + 1, path.length)));
      i = j + 1;
    } else if ('.[]'.includes(path[i])) {
      out.push(path[i++]);
    } else {
      let j = i;
      while (j < path.length && !'.[]'.includes(path[j])) j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', "'": "'", '\\': '\\' };

/** Where a path leads: the schema it names and its steps, or why it names nothing. */
export type FieldPathResult = { schema: any; steps: string[] } | { error: string };

/** `path` followed from `schema` (with `arrays: false`, `['name']` steps are refused: a selectable field's jsonPath). */
export function resolveFieldPath(path: string, schema: any, options: { arrays?: boolean } = {}): FieldPathResult {
  const toks = tokens(path);
  let s = schema;
  const steps: string[] = [];
  const step = (name: string): string | undefined => {
    if (isObj(s) && isObj(s.properties)) {
      if (!isObj(s.properties[name])) return 'does not refer to a valid field';
      s = s.properties[name];
    } else if (isObj(s) && s.additionalProperties !== undefined && s.additionalProperties !== false) {
      s = s.additionalProperties;
    } else return 'does not refer to a valid field';
    steps.push(name);
    return undefined;
  };
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (tok === '.') {
      if (k + 1 >= toks.length) return { error: 'unexpected end of JSON path' };
      const p = step(toks[++k]);
      if (p) return { error: p };
    } else if (tok === '[') {
      if (options.arrays === false) return { error: 'array notation is not allowed' };
      if (k + 1 >= toks.length) return { error: 'unexpected end of JSON path' };
      const q = toks[++k];
      if (q.length < 2 || q[0] !== "'" || q[q.length - 1] !== "'") return { error: `expected single quoted string but got ${q}` };
      let bad = false;
      const name = q.slice(1, -1).replace(/\\[\s\S]/g, (m) => ESCAPES[m[1]] ?? ((bad = true), ''));
      if (bad) return { error: 'invalid string literal' };
      const p = step(name);
      if (p) return { error: p };
      if (toks[k + 1] !== ']') return { error: k + 1 >= toks.length ? 'unexpected end of JSON path' : `expected ] but got ${toks[k + 1]}` };
      k++;
    } else return { error: `expected [ or . but got: ${tok}` };
  }
  return { schema: s, steps };
}

/** Why `path` does not name a field under `schema`, or undefined when it does. */
export function fieldPathProblem(path: string, schema: any): string | undefined {
  const r = resolveFieldPath(path, schema);
  return 'error' in r ? r.error : undefined;
}
