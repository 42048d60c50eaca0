/**
 * ServiceCIDR and IPAddress (networking.k8s.io, GA in 1.33), as pkg/apis/networking/validation
 * checks them. Both APIs are newer than the legacy IP fields and read addresses strictly at every
 * release (netip: no leading zeros, no host bits, no IPv4-mapped CIDR): a ServiceCIDR holds one or
 * two CIDRs, one per family; an IPAddress is named by its address written canonically and points
 * at the object it belongs to.
 */
import { ipv4Strict, isIPv4Mapped, STRING_FORMATS } from '../crd/strfmt';
import { ipv6Text } from '../crd/cel-net';
import { Ctx, isObj, str } from '../context';
import { field } from '../field';
import { dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';
import { ipFamily, ipv6Groups, strictCIDRProblem } from './legacy-ip';
import { pathSegmentName } from './rbac';

const S = (id: string, summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook: ['H30'], summary, rationale, fix });

export const serviceCidrRules: RuleMeta[] = [
  S('servicecidr.invalid', 'a ServiceCIDR holds one or two CIDRs, one per IP family, written as network addresses',
    'The API server refuses a ServiceCIDR without CIDRs, with more than two, with two of one family, or with one that is not a CIDR in canonical form (no leading zeros, no bits set beyond the prefix length, no IPv4-mapped address).',
    'list the Service IP ranges as network addresses, one IPv4 and at most one IPv6 (10.96.0.0/16, fd00:10:96::/108)'),
  S('ipaddress.invalid', 'an IPAddress is named by its IP address written canonically and names its parent',
    'An IPAddress object reserves one Service IP: its name is the address as Go\'s netip writes it (no leading zeros, IPv6 in lower case with the longest run of zeros as ::), and spec.parentRef names the resource and object it belongs to.',
    'name the IPAddress by the canonical address (2001:db8::1, not 2001:db8::0001) and give parentRef a resource and a name'),
];

/** A CIDR is refused unless the sloppy parser reads it and netip finds nothing to refuse. */
function cidrProblem(c: string): string | undefined {
  if (!STRING_FORMATS.cidr(c)) return 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  return strictCIDRProblem(c);
}

export function checkServiceCIDR(ctx: Ctx): void {
  const r = (p: string, m: string) => ctx.report('servicecidr.invalid', p, m);
  const cidrs: unknown[] = Array.isArray(ctx.obj.spec?.cidrs) ? ctx.obj.spec.cidrs : [];
  if (cidrs.length === 0) { r('spec.cidrs', field.required('at least one CIDR required')); return; }
  if (cidrs.length > 2) { r('spec.cidrs', field.invalid(ctx.obj.spec, 'may only hold up to 2 values')); return; }
  cidrs.forEach((c, i) => {
    const bad = typeof c === 'string' ? cidrProblem(c) : undefined;
    if (bad) r(`spec.cidrs[${i}]`, field.invalid(c, bad));
  });
  if (cidrs.length === 2 && cidrs.every((c) => typeof c === 'string' && STRING_FORMATS.cidr(c))) {
    const [a, b] = (cidrs as string[]).map((c) => ipFamily(c.slice(0, c.indexOf('/'))));
    if (a === b) r('spec.cidrs', field.invalid(ctx.obj.spec, 'may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64'));
  }
}

/** ValidateIPAddressName: the name netip reads as an address and writes back the same (a zone is left unchecked). */
export function ipAddressName(name: string): string[] {
  if (name.includes('%')) return [];
  if (!name.includes(':')) {
    return ipv4Strict(name) ? [] : [`ParseAddr(${JSON.stringify(name)}): unable to parse IP`];
  }
  if (!STRING_FORMATS.ipv6(name)) return [`ParseAddr(${JSON.stringify(name)}): unable to parse IP`];
  const g = ipv6Groups(name)!;
  const canonical = isIPv4Mapped(g) ? `::ffff:${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}` : ipv6Text(g);
  return canonical === name ? [] : ['must be a canonical format IP address'];
}

export function checkIPAddress(ctx: Ctx): void {
  const r = (p: string, m: string) => ctx.report('ipaddress.invalid', p, m);
  const ref = ctx.obj.spec?.parentRef;
  if (!isObj(ref)) { r('spec.parentRef', field.required()); return; }
  if (str(ref.group) !== '') for (const m of dns1123Subdomain(str(ref.group))) r('spec.parentRef.group', field.invalid(ref.group, m));
  for (const key of ['resource', 'name'] as const) {
    if (str(ref[key]) === '') r(`spec.parentRef.${key}`, field.required());
    else for (const m of pathSegmentName(str(ref[key]))) r(`spec.parentRef.${key}`, field.invalid(ref[key], m));
  }
  if (str(ref.namespace) !== '') for (const m of pathSegmentName(str(ref.namespace))) r('spec.parentRef.namespace', field.invalid(ref.namespace, m));
}
