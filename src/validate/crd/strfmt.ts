/**
 * The string formats the API server checks on custom resources, as k8s.io/kube-openapi's format
 * registry (pkg/validation/strfmt and its copy of govalidator) checks them: which formats a
 * release keeps (apiextensions-apiserver's supported formats; any other is dropped from the
 * schema), and what each accepts. Go's regular expressions are read with goRegExp, so `\s`,
 * `\d` and `.` mean what they mean to Go. test/validate/strfmt.test.ts compares every check with
 * the registry itself (cluster/go/formatref) on generated and hand-picked strings.
 *
 * Not checked (kept out of the schema, as if the release did not support them): `email` (Go's
 * net/mail.ParseAddress, RFC 5322 addresses with display names, comments and encoded words).
 */
import { isIPv6 } from 'node:net';
import { goRegExp } from './go-regexp';

/** go-openapi's name normalization: a format is looked up without its dashes (`date-time` is `datetime`). */
export function normalizeFormat(name: string): string {
  return name.replace(/-/g, '');
}

/** Formats every release supports (apiextensions-apiserver's formats.go), normalized. */
const SINCE_1_0 = ['bsonobjectid', 'uri', 'email', 'hostname', 'ipv4', 'ipv6', 'cidr', 'mac', 'uuid', 'uuid3', 'uuid4', 'uuid5',
  'isbn', 'isbn10', 'isbn13', 'creditcard', 'ssn', 'hexcolor', 'rgbcolor', 'byte', 'password', 'date', 'duration', 'datetime'];
/**
 * Formats introduced in 1.34 (the Kubernetes names): the server checks a CRD's formats at its
 * minimum compatibility version, the release before its own, so these are checked from 1.35.
 */
const SINCE_1_34 = ['k8sshortname', 'k8slongname'];
export const K8S_NAME_FORMATS_FROM = 35;

/** Whether the API server of release 1.<minor> keeps a string format (normalized) in a CRD's schema (apiextensions-apiserver's formats.go at the release before). */
export function supportedStringFormat(normalized: string, minor: number): boolean {
  return SINCE_1_0.includes(normalized) || (minor >= K8S_NAME_FORMATS_FROM && SINCE_1_34.includes(normalized));
}

/** How a format's name is written in a message: as the CRDs write it. */
export const FORMAT_DISPLAY: Record<string, string> = { datetime: 'date-time', k8sshortname: 'k8s-short-name', k8slongname: 'k8s-long-name', 'uri@go1.26': 'uri' };

const go = (pattern: string) => goRegExp(pattern, '');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const ascii = (s: string) => !/[^\x00-\x7f]/.test(s);

/** ParseIPSloppy's IPv4 (k8s.io/utils/net): four decimal parts of at most 255, any number of leading zeros. */
function ipv4Sloppy(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d+$/.test(p) && Number(p) <= 255);
}

/** netip.ParseAddr's IPv4: four decimal parts of at most 255, no leading zeros. */
export function ipv4Strict(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** ParseIPSloppy (k8s.io/utils/net): the address's family where it parses, leading zeros allowed; no zone. */
export function ipSloppy(s: string): 4 | 6 | undefined {
  if (ipv4Sloppy(s)) return 4;
  return ipv6Sloppy(s) === undefined ? undefined : 6;
}

/**
 * An IPv6 address as ParseIPSloppy reads it, written without the leading zeros it allows (so that
 * node:net reads it the same), or undefined where it does not parse. It is the parser Go's net had
 * before 1.17, which k8s.io/utils/net keeps: leading zeros are allowed in an embedded IPv4 address
 * and in a group (more than four hex digits where the value fits); no zone.
 */
export function ipv6Sloppy(s: string): string | undefined {
  if (s.includes('%') || !s.includes(':')) return undefined;
  const colon = s.lastIndexOf(':');
  const tail = s.slice(colon + 1);
  let head = s.slice(0, colon + 1);
  let v4 = '';
  if (tail.includes('.')) {
    if (!ipv4Sloppy(tail)) return undefined;
    v4 = tail.split('.').map(Number).join('.');
  } else head = s;
  head = head.replace(/[0-9a-fA-F]{5,}/g, (g) => (/^0+/.test(g) && parseInt(g, 16) <= 0xffff ? parseInt(g, 16).toString(16) : g));
  const text = `${head}${v4}`;
  return isIPv6(text) ? text : undefined;
}

/** The eight 16-bit groups of an address node:net reads as IPv6 (no zone; a dotted IPv4 tail is the last two groups). */
export function ipv6GroupsOf(a: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  const text = dotted ? `${a.slice(0, dotted.index)}${((+dotted[1] << 8) | +dotted[2]).toString(16)}:${((+dotted[3] << 8) | +dotted[4]).toString(16)}` : a;
  const [head, rest] = text.split('::');
  const left = head ? head.split(':').map((g) => parseInt(g, 16)) : [];
  const right = rest ? rest.split(':').map((g) => parseInt(g, 16)) : [];
  return [...left, ...new Array(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d, by its eight groups), which Go's To4 reads as IPv4. */
export function isIPv4Mapped(g: number[]): boolean {
  return g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
}

/** ParseCIDRSloppy: an address, a slash, a decimal prefix of at most its bits (any number of leading zeros, as Go's dtoi reads it). */
function cidrSloppy(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const fam = ipSloppy(s.slice(0, slash));
  const mask = s.slice(slash + 1);
  return fam !== undefined && /^\d+$/.test(mask) && Number(mask) <= (fam === 4 ? 32 : 128);
}

/** Go's time.Parse with layout "2006-01-02": four digits, two, two; the month 1–12 and the day within it. */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

const DATE_TIME_TAIL = go('^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$');

/** strfmt.IsDateTime: lower-cased and cut at every `t`, the first part a date, the second a time (parts after it are not looked at). */
function isDateTime(s: string): boolean {
  if (bytes(s) < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = DATE_TIME_TAIL.exec(parts[1]);
  return m !== null && m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

const TWO_TO_63 = 1n << 63n;
const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n, us: 1000n, '\u00b5s': 1000n, '\u03bcs': 1000n, ms: 1000000n, s: 1000000000n, m: 60000000000n, h: 3600000000000n,
};

/** Go's time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` with Go's units, within int64 nanoseconds; the nanoseconds, or undefined where Go refuses it. */
export function parseGoDuration(input: string): bigint | undefined {
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let d = 0n;
  const digit = (c: string) => c >= '0' && c <= '9';
  while (s !== '') {
    if (!(s[0] === '.' || digit(s[0]))) return undefined;
    let i = 0;
    let v = 0n;
    for (; i < s.length && digit(s[i]); i++) {
      if (v > TWO_TO_63 / 10n) return undefined;
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > TWO_TO_63) return undefined;
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    let f = 0n;
    let scale = 1;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      for (; j < s.length && digit(s[j]); j++) {
        if (overflow) continue;
        if (f > (TWO_TO_63 - 1n) / 10n) { overflow = true; continue; }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > TWO_TO_63) { overflow = true; continue; }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return undefined;
    let u = 0;
    while (u < s.length && s[u] !== '.' && !digit(s[u])) u++;
    if (u === 0) return undefined;
    const unit = DURATION_UNITS[s.slice(0, u)];
    s = s.slice(u);
    if (unit === undefined) return undefined;
    if (v > TWO_TO_63 / unit) return undefined;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO_TO_63) return undefined;
    }
    d += v;
    if (d > TWO_TO_63) return undefined;
  }
  if (neg) return -d;
  return d <= TWO_TO_63 - 1n ? d : undefined;
}

/** strfmt's Scala-style units: the first variant of each also matches by name, the last also as a prefix (`hours`, `minutes`). */
const SCALA_UNITS = [['ns', 'nano'], ['us', '\u00b5s', 'micro'], ['ms', 'milli'], ['s', 'sec'], ['m', 'min'], ['h', 'hr', 'hour'], ['d', 'day'], ['w', 'wk', 'week']];
/** strfmt's durationMatcher, global (matchAll copies it, so one instance serves every call). */
const DURATION_MATCHES = new RegExp(go('((\\d+)\\s*([A-Za-z\u00b5]+))').source, 'gu');

/** strfmt.ParseDuration: Go's duration, else any `<digits> <unit>` in the text with a unit it knows (a digit run past int64 fails it). */
function isDuration(s: string): boolean {
  if (parseGoDuration(s) !== undefined) return true;
  let ok = false;
  for (const m of s.matchAll(DURATION_MATCHES)) {
    if (BigInt(m[2]) > 9223372036854775807n) return false; // strconv.Atoi's range error
    const unit = m[3].toLowerCase();
    for (const variants of SCALA_UNITS) {
      const last = variants.length - 1;
      variants.forEach((v, i) => { if ((i === last && unit.startsWith(v)) || v === unit) ok = true; });
    }
  }
  return ok;
}

/** Go's net.ParseMAC: 6, 8 or 20 octets as `xx:xx…`, `xx-xx…`, `xxxx.xxxx…` or bare hex digits. */
function isMac(s: string): boolean {
  if (!ascii(s) || s.length < 12) return false;
  const hex2 = (at: number) => /^[0-9a-fA-F]{2}$/.test(s.slice(at, at + 2));
  const octets = (n: number) => n === 6 || n === 8 || n === 20;
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0 || !octets((s.length + 1) / 3)) return false;
    for (let x = 0; x < s.length; x += 3) if (!hex2(x) || (x + 2 < s.length && s[x + 2] !== s[2])) return false;
    return true;
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0 || !octets((2 * (s.length + 1)) / 5)) return false;
    for (let x = 0; x < s.length; x += 5) if (!hex2(x) || !hex2(x + 2) || (x + 4 < s.length && s[x + 4] !== '.')) return false;
    return true;
  }
  return s.length % 2 === 0 && octets(s.length / 2) && /^[0-9a-fA-F]+$/.test(s);
}

const HOSTNAME = go('^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}([a-zA-Z\\p{L}]){2,63})$');

function isHostname(s: string): boolean {
  return HOSTNAME.test(s) && bytes(s) <= 255 && s.split('.').every((p) => bytes(p) <= 63);
}

/** govalidator's ISBN-10 and ISBN-13: blanks and dashes dropped, then the check digit. */
function isIsbn(s: string, version: 10 | 13): boolean {
  const t = s.replace(/[\t\n\f\r -]+/g, '');
  const d = (i: number) => t.charCodeAt(i) - 48;
  if (version === 10) {
    if (!/^(?:[0-9]{9}X|[0-9]{10})$/.test(t)) return false;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (i + 1) * d(i);
    sum += t[9] === 'X' ? 100 : 10 * d(9);
    return sum % 11 === 0;
  }
  if (!/^[0-9]{13}$/.test(t)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * d(i);
  return d(12) - ((10 - (sum % 10)) % 10) === 0;
}

const CREDIT_CARD = go('^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11})$');

/** govalidator.IsCreditCard: the digits alone (every other character dropped) match a card's shape and pass Luhn's check. */
function isCreditCard(s: string): boolean {
  const t = s.replace(/[^0-9]+/gu, '');
  if (!CREDIT_CARD.test(t)) return false;
  let sum = 0;
  let double = false;
  for (let i = t.length - 1; i >= 0; i--) {
    let n = t.charCodeAt(i) - 48;
    if (double) { n *= 2; sum += n >= 10 ? (n % 10) + 1 : n; } else sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Characters Go's net/url leaves unescaped in a host (and a zone): letters, digits, `-_.~` and `!$&'()*+,;=:[]<>"`. */
function hostChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || '-_.~!$&\'()*+,;=:[]<>"'.includes(String.fromCharCode(c));
}

const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** net/url's unescape as a check: every `%` starts two hex digits; in a host no escaped ASCII but `%25` and only host characters; in a zone no escaped character a host could not hold but a space. */
function unescapes(s: string, mode: 'path' | 'user' | 'host' | 'zone'): boolean {
  for (let i = 0; i < s.length;) {
    if (s[i] === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) return false;
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === 'host' && v < 0x80 && s.slice(i, i + 3) !== '%25') return false;
      if (mode === 'zone' && s.slice(i, i + 3) !== '%25' && v !== 32 && (v >= 0x80 || !hostChar(v))) return false;
      i += 3;
      continue;
    }
    const c = s.charCodeAt(i);
    if ((mode === 'host' || mode === 'zone') && c < 0x80 && !hostChar(c)) return false;
    i++;
  }
  return true;
}

/** Go's netip.ParseAddr for an address that is not IPv4: IPv6 (an embedded IPv4 without leading zeros) with an optional, non-empty zone. */
function netipIPv6(s: string): boolean {
  const pct = s.indexOf('%');
  const addr = pct < 0 ? s : s.slice(0, pct);
  if (pct >= 0 && pct === s.length - 1) return false;
  return STRING_FORMATS.ipv6(addr);
}

/** A port after a host: empty, or a colon and digits. */
const validOptionalPort = (p: string) => p === '' || /^:[0-9]*$/.test(p);

/**
 * net/url's parseHost. The port follows the last colon of a host, but with Go 1.26's
 * `urlstrictcolons` (the default of a module on go1.26: Kubernetes from 1.36) the first colon of
 * an http or https host starts it.
 */
function validHost(host: string, scheme: string, strictColons: boolean): boolean {
  const open = host.lastIndexOf('[');
  if (open > 0) return false;
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0 || !validOptionalPort(host.slice(close + 1))) return false;
    const name = host.slice(1, close);
    const zone = name.indexOf('%25');
    if (zone >= 0 ? !unescapes(name.slice(0, zone), 'host') || !unescapes(name.slice(zone), 'zone') : !unescapes(name, 'host')) return false;
    const unescaped = name.replace(/%([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    // an IPv4 address in brackets is refused; IPv6 (an IPv4-mapped one too) is not
    return unescaped.includes(':') && netipIPv6(unescaped);
  }
  const colon = strictColons && (scheme === 'http' || scheme === 'https') ? host.indexOf(':') : host.lastIndexOf(':');
  if (colon >= 0 && !validOptionalPort(host.slice(colon))) return false;
  return unescapes(host, 'host');
}

/** govalidator.IsRequestURI: Go's url.ParseRequestURI accepts the string (an absolute URI, or an absolute path). */
function isRequestUri(raw: string, strictColons = false): boolean {
  return parseRequestUri(raw, strictColons) !== undefined;
}

/** Go's url.ParseRequestURI: the URL's scheme and host (with its port) when it accepts the string, else undefined. */
export function parseRequestUri(raw: string, strictColons = false): { scheme: string; host: string } | undefined {
  if (/[\x00-\x1f\x7f]/.test(raw) || raw === '') return undefined;
  if (raw === '*') return { scheme: '', host: '' };
  // the scheme: letters first, then letters, digits, + - .; a colon first is an error
  let scheme = '';
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) { if (i === 0) break; continue; }
    if (c === ':') {
      if (i === 0) return undefined;
      scheme = raw.slice(0, i);
      rest = raw.slice(i + 1);
    }
    break;
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) return scheme !== '' ? { scheme, host: '' } : undefined; // opaque when there is a scheme
  let host = '';
  if (scheme !== '' && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    rest = slash >= 0 ? authority.slice(slash) : '';
    if (slash >= 0) authority = authority.slice(0, slash);
    const at = authority.lastIndexOf('@');
    host = at < 0 ? authority : authority.slice(at + 1);
    if (!validHost(host, scheme.toLowerCase(), strictColons)) return undefined;
    if (at >= 0) {
      const user = authority.slice(0, at);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(user)) return undefined;
      const colon = user.indexOf(':');
      if (colon < 0 ? !unescapes(user, 'user') : !unescapes(user.slice(0, colon), 'user') || !unescapes(user.slice(colon + 1), 'user')) return undefined;
    }
  }
  return unescapes(rest, 'path') ? { scheme, host } : undefined;
}

const UUID = go('(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$');
const UUID3 = go('(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$');
const UUID4 = go('(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$');
const UUID5 = go('(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$');
const HEX_COLOR = go('^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$');
const RGB_COLOR = go('^rgb\\(\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*\\)$');
const BASE64 = go('^(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=|[A-Za-z0-9+\\/]{4})$');
const SSN = go('^\\d{3}[- ]?\\d{2}[- ]?\\d{4}$');
const SHORT_NAME = go('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$');
const LONG_NAME = go('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$');

/** The release from which the API server reads a `uri` format's host colons strictly (Kubernetes' go.mod: godebug default=go1.26). */
export const URI_STRICT_COLONS_FROM = 36;
/** The name ajv knows the strict reading of `uri` by (crd/convert.ts names it from URI_STRICT_COLONS_FROM). */
export const URI_STRICT = 'uri@go1.26';
/** `uri` as Go 1.26 reads it with urlstrictcolons=1. */
export const isRequestUriStrict = (s: string): boolean => isRequestUri(s, true);

/** Each checked string format (normalized name) and what it accepts. */
export const STRING_FORMATS: Record<string, (s: string) => boolean> = {
  bsonobjectid: (s) => /^[0-9a-fA-F]{24}$/.test(s),
  uri: isRequestUri,
  hostname: isHostname,
  ipv4: (s) => ipSloppy(s) !== undefined && s.includes('.'),
  // govalidator.IsIPv6 is Go's net.ParseIP (no leading zeros in an embedded IPv4 address) with a colon
  ipv6: (s) => !s.includes('%') && isIPv6(s) && !(s.slice(s.lastIndexOf(':') + 1).includes('.') && /(^|\.)0\d/.test(s.slice(s.lastIndexOf(':') + 1))),
  cidr: cidrSloppy,
  mac: isMac,
  uuid: (s) => UUID.test(s),
  uuid3: (s) => UUID3.test(s),
  uuid4: (s) => UUID4.test(s),
  uuid5: (s) => UUID5.test(s),
  isbn: (s) => isIsbn(s, 10) || isIsbn(s, 13),
  isbn10: (s) => isIsbn(s, 10),
  isbn13: (s) => isIsbn(s, 13),
  creditcard: isCreditCard,
  ssn: (s) => bytes(s) === 11 && SSN.test(s),
  hexcolor: (s) => HEX_COLOR.test(s),
  rgbcolor: (s) => RGB_COLOR.test(s),
  byte: (s) => BASE64.test(s),
  password: () => true,
  date: isDate,
  duration: isDuration,
  datetime: isDateTime,
  k8sshortname: (s) => s.length <= 63 && SHORT_NAME.test(s),
  k8slongname: (s) => s.length <= 253 && LONG_NAME.test(s),
};
