/**
 * Lists in the input: `kind: List` and every typed list expanded into their items, as kubectl
 * reads them.
 */
import { isObj } from './context';
import { InputObject } from './types';

/**
 * Expands `kind: List` and every typed list (`DeploymentList`, `ConfigMapList`, …) into their
 * items, as kubectl does: an item with neither kind nor apiVersion takes the list's apiVersion and
 * its kind without `List`.
 */
export function expandLists(inputs: InputObject[]): InputObject[] {
  const out: InputObject[] = [];
  for (const input of inputs) {
    const o = input.object;
    if (o === null || o === undefined) continue;
    if (isObj(o) && typeof o.kind === 'string' && o.kind.endsWith('List') && typeof o.apiVersion === 'string' && Array.isArray(o.items)) {
      const itemKind = o.kind.slice(0, -'List'.length);
      o.items.forEach((item: any, i: number) => {
        let object = item;
        if (itemKind !== '' && isObj(item) && item.kind === undefined && item.apiVersion === undefined) {
          object = { apiVersion: o.apiVersion, kind: itemKind, ...item };
        }
        out.push({
          object,
          file: input.file,
          lineOf: input.lineOf ? (p: string) => input.lineOf!(p === '' ? `items[${i}]` : `items[${i}].${p}`) : undefined,
          duplicates: input.duplicates?.filter((d) => d.path.startsWith(`items[${i}]`)).map((d) => ({ ...d, path: d.path.slice(`items[${i}]`.length).replace(/^\./, '') })),
        });
      });
      // a key repeated outside the items is reported on the first item, at its own line
      const outside = input.duplicates?.filter((d) => !d.path.startsWith('items[')) ?? [];
      if (outside.length > 0 && out.length > 0) {
        const firstItem = out[out.length - o.items.length];
        if (firstItem) firstItem.duplicates = [...(firstItem.duplicates ?? []), ...outside.map((d) => ({ ...d, path: '', listPath: d.path }))];
      }
    } else {
      out.push(input);
    }
  }
  return out;
}
