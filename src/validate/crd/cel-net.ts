/**
 * The Kubernetes CEL ip and cidr libraries (k8s.io/apiserver/pkg/cel/library: ip.go, cidr.go) as
 * CRD rules call them: `ip()`, `isIP()`, `ip.isCanonical()`, `cidr()`, `isCIDR()`, `string()` of
 * either, an address's `family()` and `is…()` tests, a CIDR's `ip()`, `masked()`,
 * `prefixLength()`, `containsIP()` and `containsCIDR()`, and `==` between two of a kind. Addresses
 * are read as Go's netip reads them (no leading zeros in IPv4, no zone in a CIDR), and the library
 * refuses a zone and an IPv4-mapped IPv6 address besides; what it cannot read is the error the
 * server raises (CelError).
 */
import { CelObject, fail } from './cel-parse';
import { ipv4Strict, ipv6GroupsOf, isIPv4Mapped, STRING_FORMATS } from './strfmt';

/** An IP address value (netip.Addr without a zone): its bits and family. */
export class CelIP extends CelObject {
  constructor(readonly bits: bigint, readonly family: 4 | 6) { super(); }
  get width(): number { return this.family === 4 ? 32 : 128; }
  equals(o: CelObject): boolean { return o instanceof CelIP && this.family === o.family && this.bits === o.bits; }
  /** netip's text: dotted IPv4, RFC 5952 IPv6 (lower-case, the first longest run of zero groups as ::). */
  toString(): string {
    if (this.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((this.bits >> s) & 0xffn)).join('.');
    return ipv6Text(Array.from({ length: 8 }, (_, i) => Number((this.bits >> BigInt(112 - 16 * i)) & 0xffffn)));
  }
}

/** A CIDR value (netip.Prefix): the address as written and the prefix length. */
export class CelCIDR extends CelObject {
  constructor(readonly ip: CelIP, readonly prefix: number) { super(); }
  equals(o: CelObject): boolean { return o instanceof CelCIDR && this.prefix === o.prefix && this.ip.equals(o.ip); }
  toString(): string { return `${this.ip}/${this.prefix}`; }
  masked(): CelCIDR { return new CelCIDR(new CelIP(this.ip.bits & mask(this.ip.width, this.prefix), this.ip.family), this.prefix); }
  containsIP(a: CelIP): boolean {
    return a.family === this.ip.family && ((a.bits ^ this.ip.bits) & mask(this.ip.width, this.prefix)) === 0n;
  }
  containsCIDR(c: CelCIDR): boolean { return c.prefix >= this.prefix && this.containsIP(c.ip); }
}

function mask(width: number, prefix: number): bigint {
  return ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
}

/** Go's netip text of eight IPv6 groups (not IPv4-mapped): lower-case hex, the first longest run of two or more zero groups as ::. */
export function ipv6Text(g: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** netip.ParseAddr of an address without a zone: the address, or why it does not parse. */
function parseAddr(s: string): CelIP | string {
  if (!s.includes(':')) {
    if (!ipv4Strict(s)) return `ParseAddr(${JSON.stringify(s)}): unable to parse IP`;
    return new CelIP(s.split('.').reduce((a, p) => (a << 8n) | BigInt(p), 0n), 4);
  }
  if (s.includes('%')) return 'IP address with zone value is not allowed';
  if (!STRING_FORMATS.ipv6(s)) return `ParseAddr(${JSON.stringify(s)}): unable to parse IP`;
  const g = ipv6GroupsOf(s);
  if (isIPv4Mapped(g)) return `IPv4-mapped IPv6 address ${JSON.stringify(s)} is not allowed`;
  return new CelIP(g.reduce((a, x) => (a << 16n) | BigInt(x), 0n), 6);
}

/** netip.ParsePrefix and the library's refusal of an IPv4-mapped address: the CIDR, or why it does not parse. */
function parseCIDR(s: string): CelCIDR | string {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return `netip.ParsePrefix(${JSON.stringify(s)}): no '/'`;
  const ip = parseAddr(s.slice(0, slash));
  if (typeof ip === 'string') return `network address parse error during conversion from string: ${ip}`;
  const bits = s.slice(slash + 1);
  if (!/^(0|[1-9]\d*)$/.test(bits) || Number(bits) > ip.width) return `netip.ParsePrefix(${JSON.stringify(s)}): bad bits after slash: ${JSON.stringify(bits)}`;
  return new CelCIDR(ip, Number(bits));
}

/** The library's isIP(). */
export const isIP = (s: string): boolean => typeof parseAddr(s) !== 'string';
/** The library's isCIDR(). */
export const isCIDR = (s: string): boolean => typeof parseCIDR(s) !== 'string';

/** The library's ip(): the address, or the error the server raises. */
export function ipOf(s: string): CelIP {
  const ip = parseAddr(s);
  return typeof ip === 'string' ? fail(`IP Address ${JSON.stringify(s)} parse error during conversion from string: ${ip}`) : ip;
}

/** The library's cidr(): the CIDR, or the error the server raises. */
export function cidrOf(s: string): CelCIDR {
  const c = parseCIDR(s);
  return typeof c === 'string' ? fail(c) : c;
}

/** `ip.isCanonical(s)`: whether the address is written as netip writes it (an error where it is no address). */
export const isCanonicalIP = (s: string): boolean => ipOf(s).toString() === s;

/** What an address's method gives, or undefined for a method the library does not have. */
export function ipMethod(ip: CelIP, name: string): bigint | boolean | undefined {
  const v4 = ip.family === 4;
  const top = (n: number) => Number(ip.bits >> BigInt(ip.width - n)); // the first n bits
  const unspecified = ip.bits === 0n;
  const loopback = v4 ? top(8) === 127 : ip.bits === 1n;
  const linkLocalUnicast = v4 ? top(16) === 0xa9fe : (top(16) & 0xffc0) === 0xfe80;
  const multicast = v4 ? (top(8) & 0xf0) === 0xe0 : top(8) === 0xff;
  switch (name) {
    case 'family': return BigInt(ip.family);
    case 'isUnspecified': return unspecified;
    case 'isLoopback': return loopback;
    case 'isLinkLocalUnicast': return linkLocalUnicast;
    case 'isLinkLocalMulticast': return v4 ? top(24) === 0xe00000 : (top(16) & 0xff0f) === 0xff02;
    case 'isGlobalUnicast': return !unspecified && !loopback && !multicast && !linkLocalUnicast && !(v4 && ip.bits === 0xffffffffn);
    default: return undefined;
  }
}
