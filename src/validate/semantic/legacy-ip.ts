/**
 * IP addresses and CIDRs in the fields that predate strict IP validation, as the API server reads
 * them (apimachinery's validation.IsValidIPForLegacyField and IsValidCIDRForLegacyField): a Pod's
 * hostAliases and dnsConfig nameservers, a Service's clusterIPs, externalIPs and
 * loadBalancerSourceRanges, an Endpoints address. Every release reads them with the sloppy
 * parser (k8s.io/utils/net ParseIPSloppy: leading zeros in IPv4 octets allowed, no zone); from
 * 1.36, when StrictIPCIDRValidation is on by default, with netip's reading too: no leading zeros,
 * no IPv4-mapped IPv6 address, no host bits in a CIDR.
 */
import { ipSloppy, ipv4Strict, ipv6GroupsOf, ipv6Sloppy, isIPv4Mapped, STRING_FORMATS } from '../crd/strfmt';

/** The release from which the API server reads legacy IP and CIDR fields strictly (StrictIPCIDRValidation beta, on). */
export const STRICT_IP_FROM = 36;

/** What the API server says of a value its sloppy parser cannot read. */
export const NOT_AN_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** What the API server says of an address in a legacy field at release 1.`minor`, or undefined when it takes it. */
export function legacyIPProblem(ip: string, minor: number): string | undefined {
  if (ipSloppy(ip) === undefined) return NOT_AN_IP;
  return minor >= STRICT_IP_FROM ? strictIPProblem(ip) : undefined;
}

/** An address's bits as a number (IPv4: 32, IPv6: 128), where it parses. */
function addressBits(ip: string): { bits: bigint; width: number; mapped: boolean } | undefined {
  const v4 = ipv4Octets(ip);
  if (v4) return { bits: v4.reduce((a, o) => (a << 8n) | BigInt(o), 0n), width: 32, mapped: false };
  const g = ipv6Groups(ip);
  if (!g) return undefined;
  return { bits: g.reduce((a, x) => (a << 16n) | BigInt(x), 0n), width: 128, mapped: isIPv4Mapped(g) };
}

/** netip.ParseAddr's refusals of an address the sloppy parser reads: leading zeros (IPv4 octets, IPv6 groups, an embedded IPv4 address), IPv4-mapped IPv6. */
export function strictIPProblem(ip: string): string | undefined {
  if (!ip.includes(':') && !ipv4Strict(ip)) return 'must not have leading 0s';
  if (ip.includes(':') && !STRING_FORMATS.ipv6(ip)) return 'must not have leading 0s';
  return addressBits(ip)?.mapped ? 'must not be an IPv4-mapped IPv6 address' : undefined;
}

/** netip.ParsePrefix's refusals of a CIDR the sloppy parser reads: leading zeros, IPv4-mapped IPv6, host bits. */
export function strictCIDRProblem(cidr: string): string | undefined {
  const slash = cidr.indexOf('/');
  const ip = cidr.slice(0, slash);
  const len = cidr.slice(slash + 1);
  if (!/^(0|[1-9][0-9]*)$/.test(len) || (strictIPProblem(ip) ?? '').includes('leading')) return 'must not have leading 0s in IP or prefix length';
  const a = addressBits(ip);
  if (!a) return undefined;
  if (a.mapped) return 'must not have an IPv4-mapped IPv6 address';
  const host = a.width - Number(len);
  return host > 0 && (a.bits & ((1n << BigInt(host)) - 1n)) !== 0n ? 'must not have bits set beyond the prefix length' : undefined;
}

/** Four decimal octets as the sloppy parser reads them (`010` and `0010` are 10), or undefined. */
export function ipv4Octets(a: string): number[] | undefined {
  const parts = a.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d+$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** The eight 16-bit groups of an IPv6 address as the sloppy parser reads it (leading zeros allowed, no zone), or undefined. */
export function ipv6Groups(sloppy: string): number[] | undefined {
  const a = ipv6Sloppy(sloppy);
  return a === undefined ? undefined : ipv6GroupsOf(a);
}

/** An address's family as Go's net.IP tells it (To4): an IPv4-mapped IPv6 address is IPv4. */
export function ipFamily(ip: string): 4 | 6 {
  if (ipv4Octets(ip)) return 4;
  const g = ipv6Groups(ip);
  return g && isIPv4Mapped(g) ? 4 : 6;
}
