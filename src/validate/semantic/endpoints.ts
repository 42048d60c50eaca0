/**
 * EndpointSlices (discovery.k8s.io/v1), as pkg/apis/discovery/validation checks them: an address
 * type the API knows, ports named once and with a known protocol, and endpoints with 1 to 100
 * addresses of that type that a Pod could have (not unspecified, loopback or link-local). From
 * 1.33 an IPv6 address must be written in canonical form (RFC 5952, as Go prints it). Found by
 * Traefik's and Cilium's test fixtures (npm run test:realworld).
 */
import { isIPv6 } from 'node:net';
import { arr, Ctx, isInt, isObj } from '../context';
import { field } from '../field';
import { dns1123Label, dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';
import { ipv6Text } from '../crd/cel-net';
import { isIPv4Mapped } from '../crd/strfmt';
import { ipv4Octets, ipv6Groups, legacyIPProblem, STRICT_IP_FROM, strictIPProblem } from './legacy-ip';

const S = (id: string, handbook: string[], summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook, summary, rationale, fix });

export const endpointRules: RuleMeta[] = [
  S('endpointslice.invalid', ['H15'], 'an EndpointSlice needs a known address type, unique ports and endpoints with addresses of that type',
    'A Service\'s endpoints are Pod addresses: each endpoint has 1 to 100 addresses of the slice\'s addressType (IPv4, IPv6 or FQDN), none unspecified, loopback or link-local, IPv6 written in canonical form from Kubernetes 1.33; ports have unique DNS-1123 names and a protocol of TCP, UDP or SCTP.', 'fix the EndpointSlice as the message says (or let the EndpointSlice controller write it from a Service selector)'),
  S('endpoints.invalid', ['H15'], 'an Endpoints object lists IP addresses and ports a Service can send to',
    'Each subset of a (v1) Endpoints object lists addresses by IP (not unspecified, loopback or link-local; with an optional DNS-label hostname and a node name that is a DNS subdomain) and ports numbered 1-65535 with a protocol of TCP, UDP or SCTP and, when there are several, unique DNS-1123 names.', 'fix the Endpoints as the message says (or give the Service a selector and let the control plane write them)'),
];

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function checkEndpointSlice(ctx: Ctx): void {
  const o = ctx.obj;
  const r = (p: string, m: string) => ctx.report('endpointslice.invalid', p, m);
  const type = typeof o.addressType === 'string' ? o.addressType : '';
  if (type === '') r('addressType', field.required());
  else if (!ADDRESS_TYPES.includes(type)) r('addressType', field.notSupported(type, ADDRESS_TYPES));
  // a port's name and protocol are defaulted ("" and TCP) before validation: two unnamed ports repeat ""
  const names = new Set<string>();
  arr(o.ports).forEach((p, i) => {
    if (!isObj(p)) return;
    const at = `ports[${i}]`;
    const name = typeof p.name === 'string' ? p.name : '';
    if (name !== '') for (const m of dns1123Label(name)) r(`${at}.name`, field.invalid(name, m));
    if (names.has(name)) r(`${at}.name`, field.duplicate(name));
    names.add(name);
    if (typeof p.protocol === 'string' && !PROTOCOLS.includes(p.protocol)) r(`${at}.protocol`, field.notSupported(p.protocol, PROTOCOLS));
    // (validatePorts checks no port number: 0 and -1 are accepted)
  });
  arr(o.endpoints).forEach((e, i) => {
    if (!isObj(e)) return;
    const at = `endpoints[${i}]`;
    const addresses = arr(e.addresses);
    if (addresses.length === 0) r(`${at}.addresses`, field.required('must contain at least 1 address'));
    else if (addresses.length > 100) r(`${at}.addresses`, field.tooMany(addresses.length, 100));
    addresses.forEach((a, j) => {
      if (typeof a !== 'string') return;
      for (const m of addressProblems(a, type, ctx.minor)) r(`${at}.addresses[${j}]`, field.invalid(a, m));
    });
    if (typeof e.hostname === 'string') for (const m of dns1123Label(e.hostname)) r(`${at}.hostname`, field.invalid(e.hostname, m));
    if (typeof e.nodeName === 'string') for (const m of dns1123Subdomain(e.nodeName)) r(`${at}.nodeName`, field.invalid(e.nodeName, m));
  });
}

/** Why an address is refused for the slice's type, or nothing (types the API does not know are not checked). */
function addressProblems(a: string, type: string, minor: number): string[] {
  if (type === 'FQDN') {
    // IsFullyQualifiedDomainName: lower-cased, a trailing dot dropped, at least two labels
    const name = a.toLowerCase().replace(/\.$/, '');
    const problems = dns1123Subdomain(name);
    return problems.length > 0 ? problems : name.includes('.') ? [] : ['should be a domain with at least two segments separated by dots'];
  }
  if (type === 'IPv4') {
    const v4 = ipv4Octets(a);
    if (!v4) return [isIPv6(a) ? 'must be an IPv4 address' : 'must be a valid IP address'];
    // from 1.36 (StrictIPCIDRValidation) an IPv4 slice's addresses are read strictly: no leading zeros
    const strict = minor >= STRICT_IP_FROM ? strictIPProblem(a) : undefined;
    return strict ? [strict] : specialIPv4(v4);
  }
  if (type === 'IPv6') {
    const v6 = ipv6Groups(a);
    if (!v6) return [ipv4Octets(a) ? 'must be an IPv6 address' : 'must be a valid IP address'];
    // an IPv4-mapped address is an IPv4 address to Go (To4)
    if (isIPv4Mapped(v6)) return ['must be an IPv6 address'];
    const out: string[] = [];
    const canonical = ipv6Text(v6);
    if (minor >= 33 && a !== canonical) out.push(`must be in canonical form ("${canonical}")`);
    return [...out, ...specialIPv6(v6)];
  }
  return [];
}

/**
 * ValidateEndpointIP's special ranges for an address the sloppy parser reads (a Service's
 * externalIPs too). Go's net.IP tests an IPv4-mapped IPv6 address (::ffff:127.0.0.1) as the IPv4
 * address it maps.
 */
export function endpointIPProblems(a: string): string[] {
  const v4 = ipv4Octets(a);
  if (v4) return specialIPv4(v4);
  const v6 = ipv6Groups(a);
  if (!v6) return [];
  return isIPv4Mapped(v6) ? specialIPv4([v6[6] >> 8, v6[6] & 0xff, v6[7] >> 8, v6[7] & 0xff]) : specialIPv6(v6);
}


function specialIPv4([a, b, c, d]: number[]): string[] {
  if (a === 0 && b === 0 && c === 0 && d === 0) return ['may not be unspecified (0.0.0.0)'];
  if (a === 127) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
  if (a === 169 && b === 254) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
  if (a === 224 && b === 0 && c === 0) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
  return [];
}


function specialIPv6(g: number[]): string[] {
  if (g.every((x) => x === 0)) return ['may not be unspecified (::)'];
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return ['may not be in the loopback range (127.0.0.0/8, ::1/128)'];
  if ((g[0] & 0xffc0) === 0xfe80) return ['may not be in the link-local range (169.254.0.0/16, fe80::/10)'];
  if ((g[0] & 0xff0f) === 0xff02) return ['may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'];
  return [];
}

/**
 * A v1 Endpoints object (validateEndpointSubsets, validateEndpointAddress, validateEndpointPort):
 * the parts no cluster decides. An address as the legacy fields read it (legacy-ip.ts), outside the
 * special ranges ValidateEndpointIP refuses (unspecified, loopback, link-local).
 */
export function checkEndpoints(ctx: Ctx): void {
  const r = (p: string, m: string) => ctx.report('endpoints.invalid', p, m);
  arr(ctx.obj.subsets).forEach((sub, i) => {
    if (!isObj(sub)) return;
    const at = `subsets[${i}]`;
    if (arr(sub.addresses).length === 0 && arr(sub.notReadyAddresses).length === 0) r(at, field.required('must specify `addresses` or `notReadyAddresses`'));
    for (const list of ['addresses', 'notReadyAddresses']) {
      arr(sub[list]).forEach((a, j) => {
        if (!isObj(a)) return;
        const ap = `${at}.${list}[${j}]`;
        const ip = a.ip;
        const problem = typeof ip === 'string' ? legacyIPProblem(ip, ctx.minor) : undefined;
        if (problem) r(`${ap}.ip`, field.invalid(ip, problem));
        // ValidateEndpointIP: not unspecified, loopback or link-local
        else if (typeof ip === 'string') for (const m of endpointIPProblems(ip)) r(`${ap}.ip`, field.invalid(ip, m));
        if (typeof a.hostname === 'string' && a.hostname !== '') for (const m of dns1123Label(a.hostname)) r(`${ap}.hostname`, field.invalid(a.hostname, m));
        // (nodeName is a pointer: "" is a value)
        if (typeof a.nodeName === 'string') for (const m of dns1123Subdomain(a.nodeName)) r(`${ap}.nodeName`, field.invalid(a.nodeName, m));
      });
    }
    const ports = arr(sub.ports);
    ports.forEach((p, j) => {
      if (!isObj(p)) return;
      const pp = `${at}.ports[${j}]`;
      if (ports.length > 1 && (typeof p.name !== 'string' || p.name === '')) r(`${pp}.name`, field.required());
      else if (typeof p.name === 'string' && p.name !== '') for (const m of dns1123Label(p.name)) r(`${pp}.name`, field.invalid(p.name, m));
      if (isInt(p.port) && (p.port < 1 || p.port > 65535)) r(`${pp}.port`, field.invalid(p.port, 'must be between 1 and 65535, inclusive'));
      // ("" is TCP: defaulted.ts)
      if (typeof p.protocol === 'string' && !PROTOCOLS.includes(p.protocol)) ctx.report('fields.not-supported', `${pp}.protocol`, field.notSupported(p.protocol, PROTOCOLS));
    });
  });
}

