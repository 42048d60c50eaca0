/** Following `$ref`s through a release's definitions (shared by the schema walks). */
import type { SchemaSet } from './types';

/** The schema node a node refers to (itself when it has no `$ref`), and the name of the last definition followed. */
export function derefNode(set: SchemaSet, node: any): [any, string | undefined] {
  let name: string | undefined;
  for (let i = 0; i < 20 && node?.$ref; i++) {
    name = String(node.$ref).replace('#/definitions/', '');
    node = set.definition(name);
  }
  return [node, name];
}
