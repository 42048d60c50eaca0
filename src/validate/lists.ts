/**
 * Lists in the input: `kind: List` and every typed list expanded into their items, as kubectl
 * reads them.
 */
import { isObj } from './context';
import { InputObject } from './types';

/**
 * The items kubectl sends for an object it reads as a list (apimachinery's UnstructuredJSONScheme,
 * then cli-runtime's FlattenListVisitor), undefined when it is not one: `kind: List`, every typed
 * list (`DeploymentList`, `PodList` as the API server returns it, …) and any other object with an
 * `items` list (`items: null` is a list of none). An item whose kind and apiVersion are both unset
 * (absent, null or "") takes the list's apiVersion and its kind without `List`. A list without a
 * kind or apiVersion of its own, or whose items are not a list, is not read as one here: it is
 * checked as it stands (kubectl refuses it as well).
 */
export function listItems(o: unknown): unknown[] | undefined {
  if (!isObj(o) || !('items' in o) || !(o.items === null || Array.isArray(o.items)) || !named(o.kind) || !named(o.apiVersion)) return undefined;
  const itemKind = o.kind.endsWith('List') ? o.kind.slice(0, -'List'.length) : o.kind;
  return (o.items ?? []).map((item: unknown) => (itemKind !== '' && isObj(item) && !named(item.kind) && !named(item.apiVersion)
    ? { ...item, apiVersion: o.apiVersion, kind: itemKind } : item));
}

/** Every list in the input expanded into its items (listItems), each with its lines and repeated keys. */
export function expandLists(inputs: InputObject[]): InputObject[] {
  const out: InputObject[] = [];
  for (const input of inputs) {
    const o = input.object;
    if (o === null || o === undefined) continue;
    const items = listItems(o);
    if (items) {
      items.forEach((object: unknown, i: number) => {
        out.push({
          object,
          file: input.file,
          lineOf: input.lineOf ? (p: string) => input.lineOf!(p === '' ? `items[${i}]` : `items[${i}].${p}`) : undefined,
          duplicates: input.duplicates?.filter((d) => d.path.startsWith(`items[${i}]`)).map((d) => ({ ...d, path: d.path.slice(`items[${i}]`.length).replace(/^\./, '') })),
        });
      });
      // a key repeated outside the items is reported on the first item, at its own line
      const outside = input.duplicates?.filter((d) => !d.path.startsWith('items[')) ?? [];
      if (outside.length > 0 && items.length > 0) {
        const firstItem = out[out.length - items.length];
        if (firstItem) firstItem.duplicates = [...(firstItem.duplicates ?? []), ...outside.map((d) => ({ ...d, path: '', listPath: d.path }))];
      }
    } else {
      out.push(input);
    }
  }
  return out;
}

/** A kind or apiVersion that is set: kubectl's reading (GetKind, GetAPIVersion) takes anything else for unset. */
function named(x: unknown): x is string {
  return typeof x === 'string' && x !== '';
}
