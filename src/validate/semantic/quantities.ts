/** Quantities as the semantic checks read them. */
import { goTrimSpace } from '../../go-space';
import { isQuantityText, Quantity } from '../../quantity';

const quantityCache = new Map<string | number, Quantity | null>();

/** Quantity.tryParse with a bounded cache: manifests repeat the same few values. */
export function quantityOf(raw: unknown): Quantity | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const hit = quantityCache.get(raw);
  if (hit !== undefined) return hit ?? undefined;
  // the JSON text is trimmed before it is parsed (Quantity.UnmarshalJSON); the server reads a text
  // without a digit that its grammar takes (`m`, `.`, `Ki`) as 0, which Quantity.parse refuses
  const text = typeof raw === 'string' ? goTrimSpace(raw) : raw;
  const q = typeof text === 'string' && !/[0-9]/.test(text) && isQuantityText(text) ? Quantity.parse(0) : Quantity.tryParse(text);
  if (quantityCache.size > 10_000) quantityCache.clear();
  quantityCache.set(raw, q ?? null);
  return q;
}
