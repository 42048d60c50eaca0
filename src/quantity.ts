/**
 * Kubernetes resource quantities (H16): parse, compare, add and format them exactly as the
 * API server does (`k8s.io/apimachinery/pkg/api/resource`), without floating point.
 *
 * A quantity is held as an exact count of nano-units (10^-9); finer precision is rounded up,
 * as the API server does. The suffix family (binary `Ki…Ei`, decimal `n u m k M G T P E`, or
 * an `e`/`E` exponent) is kept, because the canonical form depends on it.
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** Raised for a string that is not a Kubernetes quantity. */
export class QuantityError extends Error {
  constructor(readonly input: string, reason: string) {
    super(`'${input}' is not a quantity: ${reason} (examples: 500m, 2, 128Mi, 1G)`);
    this.name = 'QuantityError';
  }
}

const BINARY: Record<string, bigint> = {
  Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n,
};
const DECIMAL: Record<string, number> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const NANO = 1_000_000_000n;

// resource.ParseQuantity's grammar: sign, digits (maybe none: `m` and `.` are 0), an optional
// point and digits, a suffix (binary, decimal, or an exponent that Go's ParseInt reads)
const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const INT64_MAX = 9223372036854775807n;
/** An exponent suffix's power of ten as the API server takes it: ParseInt (int64), then int32 (wrapping). */
function exponentOf(suffix: string): number | undefined {
  const n = BigInt(suffix.slice(1));
  if (n > INT64_MAX || n < -INT64_MAX - 1n) return undefined;
  return Number(BigInt.asIntN(32, n));
}

/**
 * Whether resource.ParseQuantity accepts the text (already trimmed): its grammar, an exponent Go's
 * ParseInt reads, and — where no digit is written — a value its int64 fast path holds (`Ki`…`Ti`,
 * `m`, `e-9` are 0; `Pi`, `Ei`, `e-10` go to inf.Dec, which wants a digit).
 */
export function isQuantityText(s: string): boolean {
  if (s === '') return false;
  const m = QUANTITY_RE.exec(s);
  if (!m) return false;
  const [, , num, frac, suffix = ''] = m;
  let exp = 0;
  if (suffix[0] === 'e' || suffix[0] === 'E') {
    const e = exponentOf(suffix);
    if (e === undefined) return false;
    exp = e;
  } else if (suffix in DECIMAL) {
    exp = DECIMAL[suffix];
  }
  if (num !== '' || (frac ?? '') !== '') return true;
  return suffix in BINARY ? suffix !== 'Pi' && suffix !== 'Ei' : exp >= -9;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function ceilDiv(a: bigint, b: bigint): bigint {
  // rounds toward +infinity for positive b, as the API server rounds up lost precision
  const q = a / b;
  return (a % b !== 0n && (a > 0n)) ? q + 1n : q;
}

export class Quantity {
  /** Parses a quantity string (`500m`, `1.5Gi`, `1e3`) or a number of units. Throws QuantityError. */
  static parse(input: string | number): Quantity {
    if (typeof input === 'number') {
      if (!Number.isFinite(input)) throw new QuantityError(String(input), 'not a finite number');
      input = numberToString(input);
    }
    const s = input.trim();
    if (s !== input || s === '') throw new QuantityError(input, s === '' ? 'empty' : 'surrounding white space');
    const m = QUANTITY_RE.exec(s);
    // (the API server also reads a suffix with no digit, `Mi`, as 0: too likely a typo here; quantityOf reads it)
    if (!m || !isQuantityText(s) || (m[2] === '' && (m[3] ?? '') === '')) throw new QuantityError(input, 'expected a number with an optional suffix');
    const [, sign, intPart, fracPart = '', suffix = ''] = m;
    const digits = BigInt((intPart || '0') + fracPart);
    // value = digits * 10^-frac * scale
    let nanos: bigint;
    let format: QuantityFormat;
    if (suffix in BINARY) {
      format = 'BinarySI';
      nanos = ceilDiv(digits * BINARY[suffix] * NANO, pow10(fracPart.length));
    } else {
      let exp: number;
      if (suffix[0] === 'e' || suffix[0] === 'E') {
        format = 'DecimalExponent';
        exp = exponentOf(suffix)!;
        if (Math.abs(exp) > 1000) throw new QuantityError(input, 'exponent out of range');
      } else {
        format = 'DecimalSI';
        exp = DECIMAL[suffix];
      }
      const shift = exp + 9 - fracPart.length;
      nanos = shift >= 0 ? digits * pow10(shift) : ceilDiv(digits, pow10(-shift));
    }
    if (sign === '-') nanos = -nanos;
    return new Quantity(nanos, format);
  }

  /** Like parse, but returns undefined for a string that is not a quantity. */
  static tryParse(input: unknown): Quantity | undefined {
    if (typeof input !== 'string' && typeof input !== 'number') return undefined;
    try {
      return Quantity.parse(input);
    } catch {
      return undefined;
    }
  }

  /** A CPU quantity in millicores: `Quantity.millicores(300)` is `300m`. */
  static millicores(m: number): Quantity {
    return Quantity.fromInteger(m, 'm', 'millicores');
  }

  /** A CPU quantity in cores: `Quantity.cores(0.5)` is `500m`. */
  static cores(n: number): Quantity {
    return Quantity.parse(n);
  }

  /** A byte quantity in mebibytes (1024² bytes): `Quantity.mebibytes(56)` is `56Mi`. */
  static mebibytes(n: number): Quantity {
    return Quantity.fromInteger(n, 'Mi', 'mebibytes');
  }

  /** A byte quantity in gibibytes (1024³ bytes). */
  static gibibytes(n: number): Quantity {
    return Quantity.fromInteger(n, 'Gi', 'gibibytes');
  }

  /** A decimal byte quantity in megabytes (10⁶ bytes): `Quantity.megabytes(56)` is `56M`. */
  static megabytes(n: number): Quantity {
    return Quantity.fromInteger(n, 'M', 'megabytes');
  }

  private static fromInteger(n: number, suffix: string, unit: string): Quantity {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new QuantityError(String(n), `${unit} must be a whole number ≥ 0`);
    }
    return Quantity.parse(`${n}${suffix}`);
  }

  private constructor(
    /** The exact value in units of 10^-9. */
    readonly nanos: bigint,
    /** The suffix family, which decides the canonical form. */
    readonly format: QuantityFormat,
  ) {}

  /** -1, 0 or 1. */
  compare(other: Quantity): number {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  equals(other: Quantity): boolean {
    return this.nanos === other.nanos;
  }

  /** The sum; keeps this quantity's format, as the API server's Add does. */
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.format);
  }

  /** Multiplies by a whole number. */
  times(n: number): Quantity {
    if (!Number.isSafeInteger(n)) throw new RangeError(`times() needs a whole number, got ${n}`);
    return new Quantity(this.nanos * BigInt(n), this.format);
  }

  static max(a: Quantity, b: Quantity): Quantity {
    return a.compare(b) >= 0 ? a : b;
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  isNegative(): boolean {
    return this.nanos < 0n;
  }

  /** True when the value is a whole number of units (bytes, cores). */
  isWhole(): boolean {
    return this.nanos % NANO === 0n;
  }

  /** The value in millis, rounded up (the API server's MilliValue). */
  milliValue(): bigint {
    return ceilDiv(this.nanos, 1_000_000n);
  }

  /** The value in whole units, rounded up (the API server's Value). */
  value(): bigint {
    return ceilDiv(this.nanos, NANO);
  }

  /** An approximate float, for display and ratios only. */
  toNumber(): number {
    return Number(this.nanos) / 1e9;
  }

  /** The canonical string the API server would store (`1000m` → `1`, `1536Mi` → `1536Mi`, `0.5` → `500m`). */
  toString(): string {
    const neg = this.nanos < 0n;
    const abs = neg ? -this.nanos : this.nanos;
    const sign = neg ? '-' : '';
    if (abs === 0n) return '0';
    if (this.format === 'BinarySI' && abs % NANO === 0n) {
      const bytes = abs / NANO;
      if (bytes >= 1024n) {
        // the largest binary suffix that keeps an integer mantissa
        let best: [string, bigint] | undefined;
        for (const [suffix, scale] of Object.entries(BINARY)) {
          if (bytes % scale === 0n) best = [suffix, scale];
        }
        if (best) return `${sign}${bytes / best[1]}${best[0]}`;
        return `${sign}${bytes}`;
      }
      // below 1Ki, the API server falls back to decimal notation
    }
    // decimal: mantissa × 10^exp with exp a multiple of 3, mantissa an integer
    let mantissa = abs;
    let exp = -9;
    while (mantissa % 1000n === 0n && exp < 18) {
      mantissa /= 1000n;
      exp += 3;
    }
    if (this.format === 'DecimalExponent') {
      return `${sign}${mantissa}${exp === 0 ? '' : `e${exp}`}`;
    }
    return `${sign}${mantissa}${DECIMAL_BY_EXP.get(exp)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

function numberToString(n: number): string {
  // avoid exponent notation for ordinary numbers; keep up to nano precision
  if (Number.isInteger(n)) return BigInt(n).toString();
  const fixed = n.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
  return fixed;
}

/** Anything a quantity prop accepts: a Quantity, a quantity string, or a number of units. */
export type QuantityInput = Quantity | string | number;

/** Converts a prop value to a Quantity, naming the prop in the error. */
export function toQuantity(value: QuantityInput, prop: string): Quantity {
  if (value instanceof Quantity) return value;
  try {
    return Quantity.parse(value);
  } catch (e) {
    // the inner reason without its own prefix and examples (the new error adds both once)
    const reason = (e as QuantityError).message.replace(/^'.*?' is not a quantity: /, '').replace(/ \(examples: [^)]*\)$/, '');
    throw new QuantityError(String(value), `${prop}: ${reason}`);
  }
}
