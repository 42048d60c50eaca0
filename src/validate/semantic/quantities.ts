/** Quantities as the semantic checks read them. */
import { Quantity } from '../../quantity';

const quantityCache = new Map<string | number, Quantity | null>();

/** Quantity.tryParse with a bounded cache: manifests repeat the same few values. */
export function quantityOf(raw: unknown): Quantity | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const hit = quantityCache.get(raw);
  if (hit !== undefined) return hit ?? undefined;
  const q = Quantity.tryParse(raw);
  if (quantityCache.size > 10_000) quantityCache.clear();
  quantityCache.set(raw, q ?? null);
  return q;
}
