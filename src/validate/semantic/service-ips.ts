/**
 * The addresses a Service names, as ValidateService checks them: no headless (None) cluster IP
 * on a NodePort or LoadBalancer Service; externalIPs that are IP addresses outside the special
 * ranges (ValidateEndpointIP: unspecified, loopback, link-local, link-local multicast);
 * loadBalancerSourceRanges that are CIDRs once trimmed; ipFamilies without a repeat, two only
 * with a dual-stack policy. The legacy fields' reading (leading zeros allowed, IPv4-mapped IPv6
 * and host bits in a CIDR too), and from 1.36, when StrictIPCIDRValidation is on by default,
 * netip's: none of the three.
 */
import { arr, Ctx } from '../context';
import { field } from '../field';
import { goTrimSpace } from '../../go-space';
import { STRING_FORMATS } from '../crd/strfmt';
import { endpointIPProblems, ipv4Octets, ipv6Groups } from './endpoints';

/** The release from which the API server reads legacy IP and CIDR fields strictly (StrictIPCIDRValidation beta, on). */
const STRICT_IP_FROM = 36;

/** An address's bits as a number (IPv4: 32, IPv6: 128), where it parses. */
function addressBits(ip: string): { bits: bigint; width: number; mapped: boolean } | undefined {
  const v4 = ipv4Octets(ip);
  if (v4) return { bits: v4.reduce((a, o) => (a << 8n) | BigInt(o), 0n), width: 32, mapped: false };
  const g = ipv6Groups(ip);
  if (!g) return undefined;
  return { bits: g.reduce((a, x) => (a << 16n) | BigInt(x), 0n), width: 128, mapped: g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff };
}

/** netip.ParseAddr's refusals of an address the sloppy parser reads: leading zeros, IPv4-mapped IPv6. */
function strictIPProblem(ip: string): string | undefined {
  if (!ip.includes(':') && !ip.split('.').every((o) => /^(0|[1-9][0-9]{0,2})$/.test(o))) return 'must not have leading 0s';
  if (ip.includes(':') && !STRING_FORMATS.ipv6(ip)) return 'must not have leading 0s';
  return addressBits(ip)?.mapped ? 'must not be an IPv4-mapped IPv6 address' : undefined;
}

/** netip.ParsePrefix's refusals of a CIDR the sloppy parser reads: leading zeros, IPv4-mapped IPv6, host bits. */
function strictCIDRProblem(cidr: string): string | undefined {
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

export function checkServiceIPs(ctx: Ctx, spec: any, type: string): void {
  const ports = (p: string, m: string) => ctx.report('service.ports-invalid', p, m);
  const traffic = (p: string, m: string) => ctx.report('service.traffic-fields-invalid', p, m);
  // the registry sets clusterIPs from clusterIP before validation
  const ips = arr(spec.clusterIPs).length > 0 ? arr(spec.clusterIPs) : typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? [spec.clusterIP] : [];
  if (ips[0] === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
    ports('spec.clusterIPs[0]', field.invalid('None', `may not be set to 'None' for ${type} services`));
  }
  arr(spec.externalIPs).forEach((ip, i) => {
    if (typeof ip !== 'string') return;
    const at = `spec.externalIPs[${i}]`;
    const strict = ctx.minor >= STRICT_IP_FROM ? strictIPProblem(ip) : undefined;
    if (!STRING_FORMATS.ipv4(ip) && !STRING_FORMATS.ipv6(ip)) traffic(at, field.invalid(ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    else if (strict) traffic(at, field.invalid(ip, strict));
    else for (const m of endpointIPProblems(ip)) traffic(at, field.invalid(ip, m));
  });
  // (the API server names this field spec.LoadBalancerSourceRanges; a value may be padded with white space)
  if (type === 'LoadBalancer') {
    arr(spec.loadBalancerSourceRanges).forEach((v, i) => {
      if (typeof v !== 'string') return;
      const cidr = goTrimSpace(v);
      const at = `spec.LoadBalancerSourceRanges[${i}]`;
      if (!STRING_FORMATS.cidr(cidr)) traffic(at, field.invalid(cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
      else if (ctx.minor >= STRICT_IP_FROM && strictCIDRProblem(cidr)) traffic(at, field.invalid(cidr, strictCIDRProblem(cidr)!));
    });
  }
  if (type !== 'ExternalName') {
    const families = arr(spec.ipFamilies);
    const seen = new Set<unknown>();
    families.forEach((f, i) => {
      if (seen.has(f)) ports(`spec.ipFamilies[${i}]`, field.duplicate(f));
      seen.add(f);
    });
    if (families.length > 1 && spec.ipFamilyPolicy === 'SingleStack') {
      ports('spec.ipFamilyPolicy', field.invalid('SingleStack', "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
}
