/**
 * Seeds for the sweeps that change one field of a real object (required.ts, values.ts): the
 * objects of the corpora, walked along their schema, grouped by (definition, field) pair.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseText } from '../../src/validate';
import { loadSchemas } from '../../src/validate/schema';
import { derefNode } from '../../src/validate/schema/refs';
import { Corpus } from './corpora';

export type SchemaSet = ReturnType<typeof loadSchemas>;

/** One field of one object: its (definition, field) pair and where it is. */
export interface Seed { pair: string; object: any; path: Array<string | number> }

/**
 * Walks an object along its kind's schema; `visit` sees each object node with its definition
 * name (when it has one) and where it is.
 */
export function walkObject(set: SchemaSet, object: any, visit: (node: any, name: string | undefined, value: Record<string, unknown>, at: Array<string | number>) => void): void {
  const walk = (value: any, schema: any, at: Array<string | number>, depth: number) => {
    if (value === null || typeof value !== 'object' || depth > 30) return;
    const [node, name] = derefNode(set, schema);
    if (!node) return;
    if (Array.isArray(value)) {
      if (node.items) value.forEach((v, i) => walk(v, node.items, [...at, i], depth + 1));
      return;
    }
    visit(node, name, value, at);
    for (const [k, v] of Object.entries(value)) {
      const child = node.properties?.[k] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      if (child) walk(v, child, [...at, k], depth + 1);
    }
  };
  const def = set.kinds[`${object.apiVersion}/${object.kind}`];
  if (def) walk(object, { $ref: `#/definitions/${def}` }, [], 0);
}

/** The first three seeds of each pair `pairsOf` finds, in corpus order (named objects only). */
export function seedsByPair<S extends Seed>(corpora: Corpus[], pairsOf: (object: any) => S[]): Map<string, S[]> {
  const byPair = new Map<string, S[]>();
  for (const c of corpora) {
    for (const f of c.files) {
      let objects;
      try {
        objects = parseText(fs.readFileSync(path.join(c.root, f), 'utf8'), f);
      } catch {
        continue;
      }
      for (const { object } of objects) {
        if (object === null || typeof object !== 'object' || !object.metadata?.name) continue;
        for (const seed of pairsOf(object)) {
          const list = byPair.get(seed.pair) ?? [];
          if (list.length < 3) byPair.set(seed.pair, [...list, seed]);
        }
      }
    }
  }
  return byPair;
}

/** A deep copy of `object` with the field at `at` changed by `change` (given the parent and the key). */
export function changedAt(object: any, at: Array<string | number>, change: (parent: any, key: string | number) => void): any {
  const copy = JSON.parse(JSON.stringify(object));
  let node = copy;
  for (const k of at.slice(0, -1)) node = node[k];
  change(node, at[at.length - 1]);
  return copy;
}
