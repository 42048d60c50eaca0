/**
 * CEL optionals (cel-go's OptionalTypes, in the Kubernetes CEL environment from 1.28) and the
 * Kubernetes format library (k8s.io/apiserver/pkg/cel/library/format.go, from 1.31) as CRD rules
 * call them: `optional.of()`, `optional.none()`, `optional.ofNonZeroValue()`, an optional's
 * `hasValue()`, `value()`, `orValue()` and `or()`, `x.?field` and `x[?key]`; `format.dns1123Label()`
 * and the library's other named formats, `format.named()` and a format's `validate()`, which gives
 * no value for a valid string and the list of what is wrong otherwise. An optional equals only an
 * optional (`validate(s) == null` is false whatever s is, as the server finds).
 */
import { CelDuration, CelObject, fail, unsupported, Val } from './cel-parse';
import { STRING_FORMATS, parseRequestUri } from './strfmt';
import { dns1035Label, dns1123Label, dns1123Subdomain, labelValue, maskTrailingDash, qualifiedName } from '../names';

/** An optional value: `some` holds it, or none. */
export class CelOptional extends CelObject {
  static readonly NONE = new CelOptional(false, null);
  private constructor(readonly present: boolean, readonly some: Val) { super(); }
  static of(v: Val): CelOptional { return new CelOptional(true, v); }
  equals(other: CelObject): boolean {
    if (!(other instanceof CelOptional)) return false;
    return this.present === other.present && (!this.present || optionalEquals(this.some, other.some));
  }
}

/** The evaluator's equality, for the values two optionals hold (set by crd/cel.ts: no import cycle). */
let optionalEquals: (a: Val, b: Val) => boolean = () => unsupported('comparing optionals');
export function setOptionalEquality(eq: (a: Val, b: Val) => boolean): void { optionalEquals = eq; }

/** A named format of the library. */
export class CelFormat extends CelObject {
  constructor(readonly name: string, readonly check: (s: string) => string[]) { super(); }
  equals(other: CelObject): boolean { return other instanceof CelFormat && other.name === this.name; }
}

const prefixed = (f: (s: string) => string[]) => (s: string) => f(maskTrailingDash(s));
const format = (ok: (s: string) => boolean, message: string) => (s: string) => (ok(s) ? [] : [message]);

/** url.ParseRequestURI's verdict where Go 1.26's strict reading of a host's colons does not change it. */
function requestUri(s: string): string[] {
  const loose = parseRequestUri(s, false) !== undefined;
  if (loose !== (parseRequestUri(s, true) !== undefined)) unsupported('a URL whose host colons Go 1.26 reads strictly');
  return loose ? [] : [`parse ${JSON.stringify(s)}: invalid URI for request`];
}

const FORMATS: Record<string, (s: string) => string[]> = {
  dns1123Label, dns1123Subdomain, dns1035Label, qualifiedName, labelValue,
  dns1123LabelPrefix: prefixed(dns1123Label),
  dns1123SubdomainPrefix: prefixed(dns1123Subdomain),
  dns1035LabelPrefix: prefixed(dns1035Label),
  uri: requestUri,
  uuid: format(STRING_FORMATS.uuid, 'does not match the UUID format'),
  byte: format(STRING_FORMATS.byte, 'invalid base64'),
  date: format(STRING_FORMATS.date, 'invalid date'),
  datetime: format(STRING_FORMATS.datetime, 'invalid datetime'),
};

/** `format.<name>()`: the format, or undefined where the library has none of that name. */
export function namedFormat(name: string): CelFormat | undefined {
  const check = Object.prototype.hasOwnProperty.call(FORMATS, name) ? FORMATS[name] : undefined;
  return check && new CelFormat(name, check);
}

/** `format.named(name)`: an optional format. */
export const formatNamed = (name: string): CelOptional => {
  const f = namedFormat(name);
  return f ? CelOptional.of(f) : CelOptional.NONE;
};

/** A format's `validate(s)`: none for a valid string, else the list of what is wrong. */
export function formatValidate(f: CelFormat, s: string): CelOptional {
  const problems = f.check(s);
  return problems.length === 0 ? CelOptional.NONE : CelOptional.of(problems);
}

/** cel-go's zero values, which `optional.ofNonZeroValue()` gives none for. */
function isZero(v: Val): boolean {
  if (v === null || v === false || v === '' || v === 0n || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  if (v instanceof CelDuration) return v.nanos === 0n;
  return false;
}

/** `optional.of()`, `optional.none()`, `optional.ofNonZeroValue()`; undefined for another name. */
export function optionalFunction(name: string, vals: Val[]): CelOptional | undefined {
  if (name === 'none' && vals.length === 0) return CelOptional.NONE;
  if (name === 'of' && vals.length === 1) return CelOptional.of(vals[0]);
  if (name === 'ofNonZeroValue' && vals.length === 1) return isZero(vals[0]) ? CelOptional.NONE : CelOptional.of(vals[0]);
  return undefined;
}

/** An optional's methods: `hasValue()`, `value()`, `orValue(v)`, `or(o)`; undefined for another. */
export function optionalMethod(o: CelOptional, name: string, vals: Val[]): Val | undefined {
  if (name === 'hasValue' && vals.length === 0) return o.present;
  if (name === 'value' && vals.length === 0) return o.present ? o.some : fail('optional.none() dereference');
  if (name === 'orValue' && vals.length === 1) return o.present ? o.some : vals[0];
  if (name === 'or' && vals.length === 1 && vals[0] instanceof CelOptional) return o.present ? o : vals[0];
  return undefined;
}

/** `x.?field` and `x[?key]`: the member where it is present, none where it is not (or x is none). */
export function optionalMember(of: Val, key: Val): CelOptional {
  if (of instanceof CelOptional) {
    if (!of.present) return CelOptional.NONE;
    return optionalMember(of.some, key);
  }
  if (of instanceof Map) return of.has(key) ? CelOptional.of(of.get(key)!) : CelOptional.NONE;
  if (Array.isArray(of)) {
    if (typeof key !== 'bigint') return unsupported('an optional index that is not an int');
    return key >= 0n && key < BigInt(of.length) ? CelOptional.of(of[Number(key)]) : CelOptional.NONE;
  }
  return unsupported('an optional member of a value that has none');
}
