/**
 * Scalars as go-yaml v2 (under sigs.k8s.io/yaml, what kubectl and the API server use) resolves
 * them: YAML 1.1 booleans (y, yes, on, ... in three spellings), nulls, Go's integer syntax after
 * underscores are dropped (0644, 0o14, 0x1F, 0b101, all octal with a leading 0), floats only in
 * the shape `[-+]?(.d+|d+(.d*)?)([eE][-+]?d+)?`, no sexagesimal numbers, timestamps kept as
 * strings. NaN and infinities resolve but cannot be written as JSON (sigs.k8s.io/yaml refuses the
 * document), which the caller reports.
 */

export const STR = 'tag:yaml.org,2002:str';
const BOOL = 'tag:yaml.org,2002:bool';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
const NULL = 'tag:yaml.org,2002:null';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
export const BINARY = 'tag:yaml.org,2002:binary';
export const MERGE = 'tag:yaml.org,2002:merge';

/** A value go-yaml resolves but JSON cannot carry. */
export class NonFinite {
  constructor(readonly text: string) {}
}

/** A resolved scalar: its YAML type tag and its value. */
export interface Resolved {
  tag: string;
  value: unknown;
  /** An integer's exact decimal text (a map key keeps all its digits). */
  int?: bigint;
}

const WORDS = new Map<string, Resolved>();
for (const [value, tag, words] of [
  [true, BOOL, 'y Y yes Yes YES true True TRUE on On ON'],
  [false, BOOL, 'n N no No NO false False FALSE off Off OFF'],
  [null, NULL, '~ null Null NULL'],
  [new NonFinite('NaN'), FLOAT, '.nan .NaN .NAN'],
  [new NonFinite('+Inf'), FLOAT, '.inf .Inf .INF +.inf +.Inf +.INF'],
  [new NonFinite('-Inf'), FLOAT, '-.inf -.Inf -.INF'],
  ['<<', MERGE, '<<'],
] as Array<[unknown, string, string]>) {
  for (const w of words.split(' ')) WORDS.set(w, { tag, value });
}
WORDS.set('', { tag: NULL, value: null });

/** First characters after which go-yaml tries more than a string: its resolve table. */
function hintOf(s: string): string {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]*$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };

/** Go's strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64) (no sign): the value, or undefined. */
function goParseInt(s: string): bigint | undefined {
  let neg = false;
  let sign = false;
  let t = s;
  if (t[0] === '+' || t[0] === '-') { neg = t[0] === '-'; sign = true; t = t.slice(1); }
  if (t === '') return undefined;
  let base = 10;
  if (t[0] === '0') {
    const p = t.length >= 3 ? t[1].toLowerCase() : '';
    if (p === 'b') { base = 2; t = t.slice(2); }
    else if (p === 'o') { base = 8; t = t.slice(2); }
    else if (p === 'x') { base = 16; t = t.slice(2); }
    else { base = 8; t = t.slice(1); }
  }
  if (!DIGITS[base].test(t)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const mag = t === '' ? 0n : BigInt(prefix + t);
  const v = neg ? -mag : mag;
  if (v >= INT64_MIN && v <= INT64_MAX) return v;
  if (!sign && v <= UINT64_MAX) return v; // ParseUint takes no sign
  return undefined;
}

/** A sign, then binary digits: what go-yaml's ParseInt(s[2:], 2, 64) takes after `0b` that ParseInt(s, 0, 64) did not. */
const SIGNED_BINARY = /^[-+][01]+$/;

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

/** A float as Go's ParseFloat gives it, undefined when out of range. */
function goFloat(s: string): number | undefined {
  const f = Number(s);
  return Number.isFinite(f) ? f : undefined;
}

/** resolve(tag, in) of go-yaml v2, for the tags it resolves ('' = untagged plain). */
function resolveAs(tag: string, s: string): Resolved {
  const hint = hintOf(s);
  if (hint !== '' && tag !== STR) {
    const w = WORDS.get(s);
    if (w) return w;
    if (hint === '.') {
      if (DOT_FLOAT.test(s)) { const f = goFloat(s); if (f !== undefined) return { tag: FLOAT, value: f }; }
    } else if (hint === 'D' || hint === 'S') {
      if ((tag === '' || tag === TIMESTAMP) && isTimestamp(s)) return { tag: TIMESTAMP, value: s };
      const plain = s.includes('_') ? s.replace(/_/g, '') : s;
      const i = goParseInt(plain);
      if (i !== undefined) return { tag: INT, value: Number(i), int: i };
      if (YAML_FLOAT.test(plain)) { const f = goFloat(plain); if (f !== undefined) return { tag: FLOAT, value: f }; }
      // go-yaml's own binary form: a sign after the prefix (`0b-101` is -5: ParseInt of what follows `0b`, base 2)
      if (plain.startsWith('0b') && SIGNED_BINARY.test(plain.slice(2))) {
        const mag = BigInt(`0b${plain.slice(3)}`);
        const v = plain[2] === '-' ? -mag : mag;
        if (v >= INT64_MIN && v <= INT64_MAX) return { tag: INT, value: Number(v), int: v };
      }
    }
  }
  return { tag: STR, value: s };
}

/** A plain scalar without a tag, with its YAML type. */
export function resolvePlainTyped(s: string): Resolved {
  const r = resolveAs('', s);
  return r.tag === TIMESTAMP ? { tag: STR, value: s } : r;
}

/** A plain scalar without a tag, as go-yaml v2 reads it. */
export function resolvePlain(s: string): unknown {
  // the common cases first: plain words and small decimal numbers
  const c = s.charCodeAt(0);
  if (c >= 49 && c <= 57 && s.length < 16 && /^[0-9]+$/.test(s)) return Number(s);
  const h = hintOf(s);
  if (h === '') return s;
  // a word (name, type, true, null): the word table or the text, as resolveAs gives it, without its Resolved
  if (h === 'M') {
    const w = WORDS.get(s);
    return w ? w.value : s;
  }
  const r = resolveAs('', s);
  return r.tag === TIMESTAMP ? s : r.value;
}

/** Whether a plain key or value could resolve to something other than its own text. */
export function mayResolve(s: string): boolean {
  return hintOf(s) !== '';
}

/**
 * A scalar with an explicit tag (long form): the value go-yaml v2 gives it, or an error message
 * as go-yaml words it (`cannot decode !!str \`x\` as a !!int`).
 */
export function resolveTagged(tag: string, s: string): { value: unknown; resolved?: Resolved } | { error: string } {
  if (tag === BINARY) {
    const b64 = s.replace(/[\r\n]/g, '');
    if (b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return { error: '!!binary value contains invalid base64 data' };
    return { value: Buffer.from(b64, 'base64').toString('utf8') };
  }
  if (![STR, BOOL, INT, FLOAT, NULL, TIMESTAMP].includes(tag)) return { value: s }; // any other tag: the text
  const r = resolveAs(tag, s);
  if (r.tag === TIMESTAMP && tag === TIMESTAMP) return { value: s }; // a timestamp stays its text
  if (tag === STR || r.tag === tag) return { value: r.value, resolved: r };
  if (tag === FLOAT && r.tag === INT) return { value: r.value, resolved: { tag: FLOAT, value: r.value } };
  return { error: `cannot decode ${short(r.tag)} \`${s}\` as a ${short(tag)}` };
}

function short(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag;
}

/** The timestamp shapes go-yaml v2 tries (time.Parse with its four layouts); they stay strings. */
const TS = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2}))|(?: [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?))?$/;
function isTimestamp(s: string): boolean {
  return s.length >= 8 && s[4] === '-' && TS.test(s);
}

/**
 * A mapping key as sigs.k8s.io/yaml writes it into JSON: strings as they are, integers in
 * decimal, floats as Go's FormatFloat(f, 'g', -1, 32), booleans as true/false. Null and integers
 * beyond int64 are refused (undefined).
 */
export function jsonKey(r: Resolved): string | undefined {
  const v = r.value;
  if (r.tag === INT) return r.int !== undefined && r.int <= INT64_MAX ? r.int.toString() : undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof NonFinite) return v.text === 'NaN' ? '.nan' : v.text === '+Inf' ? '.inf' : '-.inf';
  if (typeof v === 'number') return formatFloat32(v);
  return undefined;
}

/** Go's strconv.FormatFloat(f, 'g', -1, 32); integers that are exact stay decimal. */
function formatFloat32(f: number): string {
  if (Number.isInteger(f) && Math.abs(f) < 1e6) return String(f);
  const target = Math.fround(f);
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const e = target.toExponential(p - 1);
    if (Math.fround(Number(e)) === target) {
      const [m, x] = e.split('e');
      digits = m.replace('-', '').replace('.', '');
      exp = Number(x);
      break;
    }
  }
  const neg = target < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${neg}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) {
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${neg}${int}${frac ? `.${frac}` : ''}`;
  }
  return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
}
