/**
 * The Kubernetes CEL quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go, from 1.28)
 * as CRD rules call it: `isQuantity()`, `quantity()`, `sign()`, and a quantity's `isGreaterThan()`,
 * `isLessThan()`, `compareTo()`, `asInteger()`, `isInteger()`, `asApproximateFloat()`, `add()` and
 * `sub()` (of a quantity or an int), read with resource.ParseQuantity's rules (src/quantity.ts:
 * exact, to the nano). `==` compares values; a quantity made by add() or sub() on its right is
 * not evaluated (the server's Equal takes no such operand).
 */
import { isQuantityText, Quantity } from '../../quantity';
import { CelObject, fail, INT_MAX, INT_MIN, unsupported, Val } from './cel-parse';

export class CelQuantity extends CelObject {
  /** `made`: the result of add() or sub() (a pointer on the server, which its Equal does not take). */
  constructor(readonly q: Quantity, readonly made = false) { super(); }
  equals(other: CelObject): boolean {
    if (!(other instanceof CelQuantity)) return false;
    if (other.made) return unsupported('== with a computed quantity on its right');
    return this.q.equals(other.q);
  }
}

/** resource.ParseQuantity: the quantity, or undefined where it refuses the text (not trimmed). */
function parse(s: string): Quantity | undefined {
  if (!isQuantityText(s)) return undefined;
  // a text without a digit that the grammar takes (`m`, `Ki`) is 0 to the server
  const q = /[0-9]/.test(s) ? Quantity.tryParse(s) : Quantity.parse(0);
  return q ?? unsupported('a quantity podsmith cannot hold (an exponent beyond 1000)');
}

/** The library's isQuantity(). */
export const isQuantity = (s: string): boolean => parse(s) !== undefined;

/** The library's quantity(): the quantity, or the server's parse error. */
export function quantityOf(s: string): CelQuantity {
  const q = parse(s);
  return q ? new CelQuantity(q) : fail("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
}

/** Quantity.AsInt64: the value where it is a whole number within int64. */
function asInt64(q: Quantity): bigint | undefined {
  if (!q.isWhole()) return undefined;
  const v = q.value();
  return v < INT_MIN || v > INT_MAX ? undefined : v;
}

/** A quantity's methods (sign() also as a function); undefined for another name or other arguments. */
export function quantityMethod(t: CelQuantity, name: string, vals: Val[]): Val | undefined {
  const q = t.q;
  if (vals.length === 0) {
    switch (name) {
      case 'sign': return BigInt(q.nanos < 0n ? -1 : q.nanos > 0n ? 1 : 0);
      case 'isInteger': return asInt64(q) !== undefined;
      case 'asInteger': return asInt64(q) ?? fail('cannot convert value to integer');
      case 'asApproximateFloat': return unsupported('asApproximateFloat()'); // Go's float rounding is not read here
      default: return undefined;
    }
  }
  const o = vals[0];
  if (vals.length !== 1) return undefined;
  if (o instanceof CelQuantity) {
    switch (name) {
      case 'isGreaterThan': return q.compare(o.q) === 1;
      case 'isLessThan': return q.compare(o.q) === -1;
      case 'compareTo': return BigInt(q.compare(o.q));
      case 'add': return new CelQuantity(q.add(o.q), true);
      case 'sub': return new CelQuantity(q.sub(o.q), true);
      default: return undefined;
    }
  }
  if (typeof o === 'bigint' && (name === 'add' || name === 'sub')) {
    const n = Quantity.parse(o.toString());
    return new CelQuantity(name === 'add' ? q.add(n) : q.sub(n), true);
  }
  return undefined;
}
