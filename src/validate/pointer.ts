/**
 * JSON pointers (RFC 6901: `/spec/containers/0`), as ajv reports where a value failed and as the
 * schema layer names what the API server drops: their keys, and the value they point at.
 */

/** The keys of a pointer, unescaped (`~1` is `/`, `~0` is `~`); '' has none. */
export function pointerKeys(pointer: string): string[] {
  return pointer.split('/').slice(1).map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer of a key under `parent`, escaped. */
export function pointerChild(parent: string, k: string): string {
  return `${parent}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The value at a pointer into plain data; undefined where the path does not exist. */
export function valueAt(obj: any, pointer: string): any {
  let cur = obj;
  for (const k of pointerKeys(pointer)) cur = cur?.[k];
  return cur;
}
