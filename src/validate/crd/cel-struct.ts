/**
 * An object with declared properties as a CRD's CEL rules see it (apiserver
 * pkg/cel/common/valuesunstructured.go, unstructuredMap of an object with properties):
 * - its fields are named escaped (pkg/cel/escaping.go): a property `namespace` is
 *   `self.__namespace__`, `x-y` is `self.x__dash__y`; a key looked up (selection, `has()`, index,
 *   `in`, `.?`) is unescaped first, so `self['namespace']` finds it too; iterating gives the escaped
 *   names;
 * - a field written null is absent, nullable or not;
 * - only declared fields are there (an unknown field kept by x-kubernetes-preserve-unknown-fields
 *   is not), but `size()` counts every field written.
 * Crossplane's Usage rule `!has(self.of.resourceRef.__namespace__)` reads a `namespace` field this way.
 */
import { CEL_RESERVED, celFieldName } from './cel-check';
import type { Val } from './cel-parse';

/** A CEL name with its escapes undone, or undefined where an escape is not one (escaping.go Unescape). */
export function celUnescape(escaped: string): string | undefined {
  if (!escaped.includes('__')) return escaped;
  let ok = true;
  const out = escaped.replace(/__[^_]+__/g, (s) => {
    const inner = s.slice(2, -2);
    switch (inner) {
      case 'underscores': return '__';
      case 'dot': return '.';
      case 'dash': return '-';
      case 'slash': return '/';
    }
    if (CEL_RESERVED.has(inner)) {
      // a reserved word is escaped only as the whole name
      if (s.length !== escaped.length) ok = false;
      return inner;
    }
    ok = false;
    return '';
  });
  return ok ? out : undefined;
}

export class CelStruct extends Map<unknown, Val> {
  private written = 0;

  /** Adds a declared field by its name in the object (stored escaped). */
  setField(name: string, value: Val): void {
    super.set(celFieldName(name) ?? name, value);
  }

  /** Counts a field written in the object, declared or not, null or not (size()). */
  count(): void {
    this.written++;
  }

  get size(): number {
    return this.written;
  }

  has(key: unknown): boolean {
    return super.has(this.stored(key));
  }

  get(key: unknown): Val | undefined {
    return super.get(this.stored(key));
  }

  /** Where a key looked up is stored: unescaped as the server unescapes it, then escaped as stored. */
  private stored(key: unknown): unknown {
    if (typeof key !== 'string') return key;
    const raw = celUnescape(key);
    if (raw === undefined) return undefined;
    return celFieldName(raw) ?? raw;
  }
}
