/**
 * API-server semantics of networking (pkg/apis/networking/validation): NetworkPolicy ports and
 * peers, Ingress rules, paths and backends, IngressClass controllers and parameters.
 */
import { STRING_FORMATS } from '../crd/strfmt';
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { dns1123Subdomain, portName } from '../names';
import { RuleMeta } from '../types';
import { ipv4Octets, ipv6Groups, STRICT_IP_FROM, strictCIDRProblem } from './legacy-ip';
import { serviceName } from './objects';
import { pathSegmentName } from './rbac';
import { checkLabelSelector } from './scheduling';

const S = (id: string, summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook: ['H30'], summary, rationale, fix });

export const networkRules: RuleMeta[] = [
  S('networkpolicy.invalid', 'NetworkPolicy ports, peers, CIDRs and policy types must be valid',
    'Each peer names exactly one of podSelector/namespaceSelector (together allowed) or ipBlock; ports are 1-65535 or names, endPort only after a numeric port; ipBlock.cidr is a CIDR and except holds strict subsets of it; policyTypes are Ingress or Egress.',
    'fix the policy as the message says'),
  S('ingress.invalid', 'Ingress rules, paths and backends must be valid',
    'An Ingress needs rules or a defaultBackend; each path has a pathType, Exact and Prefix paths are absolute without // or /../; each backend is a service (name and port name or number) or a resource, not both.',
    'fix the Ingress as the message says'),
  S('ingressclass.invalid', 'an IngressClass needs a domain-prefixed controller and complete parameters',
    'spec.controller is a domain-prefixed path (example.com/ingress-controller) of at most 250 characters; parameters need kind and name, and a namespace exactly when their scope is Namespace.',
    'set spec.controller like example.com/my-controller and complete the parameters'),
];

/**
 * A CIDR of a legacy field as ParseCIDRSloppy reads it (leading zeros allowed, no zone) →
 * [family, address bits, prefix]; undefined where it does not parse.
 */
function parseCidr(v: string): [4 | 6, bigint, number] | undefined {
  if (!STRING_FORMATS.cidr(v)) return undefined;
  const slash = v.indexOf('/');
  const ip = v.slice(0, slash);
  const prefix = Number(v.slice(slash + 1));
  const v4 = ipv4Octets(ip);
  if (v4) return [4, v4.reduce((a, p) => (a << 8n) + BigInt(p), 0n), prefix];
  const g = ipv6Groups(ip);
  return g ? [6, g.reduce((a, x) => (a << 16n) + BigInt(x), 0n), prefix] : undefined;
}

function within(inner: [4 | 6, bigint, number], outer: [4 | 6, bigint, number]): boolean {
  const bits = inner[0] === 4 ? 32 : 128;
  if (inner[0] !== outer[0] || inner[2] <= outer[2]) return false;
  const shift = BigInt(bits - outer[2]);
  return (inner[1] >> shift) === (outer[1] >> shift);
}

function checkPort(ctx: Ctx, p: any, at: string): void {
  if (!isObj(p)) return;
  const r = (q: string, m: string) => ctx.report('networkpolicy.invalid', q, m);
  if (p.protocol !== undefined && p.protocol !== null && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) r(`${at}.protocol`, field.notSupported(p.protocol, ['SCTP', 'TCP', 'UDP']));
  if (typeof p.port === 'number' && (p.port < 1 || p.port > 65535)) r(`${at}.port`, field.invalid(p.port, 'must be between 1 and 65535, inclusive'));
  if (typeof p.port === 'string') for (const m of portName(p.port)) r(`${at}.port`, field.invalid(p.port, m));
  // ValidateNetworkPolicyPort: endPort only after a numeric port, not below it, and itself a port number
  if (p.endPort !== undefined && p.endPort !== null) {
    if (p.port === undefined || p.port === null) r(`${at}.endPort`, field.invalid(p.endPort, 'may not be specified when `port` is not specified'));
    else if (typeof p.port === 'string') r(`${at}.endPort`, field.invalid(p.endPort, 'may not be specified when `port` is non-numeric'));
    else if (typeof p.endPort === 'number') {
      if (typeof p.port === 'number' && p.endPort < p.port) r(`${at}.endPort`, field.invalid(p.endPort, 'must be greater than or equal to `port`'));
      if (p.endPort < 1 || p.endPort > 65535) r(`${at}.endPort`, field.invalid(p.endPort, 'must be between 1 and 65535, inclusive'));
    }
  }
}

function checkPeer(ctx: Ctx, peer: any, at: string): void {
  if (!isObj(peer)) return;
  const r = (q: string, m: string) => ctx.report('networkpolicy.invalid', q, m);
  const set = (v: unknown) => v !== undefined && v !== null;
  const n = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter(set).length;
  if (n === 0) r(at, field.required('must specify a peer'));
  else if (n > 1 && set(peer.ipBlock)) r(at, field.forbidden('may not specify both ipBlock and another peer'));
  checkLabelSelector(ctx, 'networkpolicy.invalid', peer.podSelector, `${at}.podSelector`);
  checkLabelSelector(ctx, 'networkpolicy.invalid', peer.namespaceSelector, `${at}.namespaceSelector`);
  if (isObj(peer.ipBlock)) {
    const b = peer.ipBlock;
    if (typeof b.cidr !== 'string' || b.cidr === '') { r(`${at}.ipBlock.cidr`, field.required()); return; }
    // IsValidCIDRForLegacyField: the sloppy reading, and from 1.36 (StrictIPCIDRValidation) netip's too
    const problem = (v: string) => (parseCidr(v) ? (ctx.minor >= STRICT_IP_FROM ? strictCIDRProblem(v) : undefined) : 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
    const bad = problem(b.cidr);
    if (bad) { r(`${at}.ipBlock.cidr`, field.invalid(b.cidr, bad)); return; }
    const outer = parseCidr(b.cidr)!;
    arr(b.except).forEach((e, i) => {
      const badExcept = typeof e === 'string' ? problem(e) : 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
      if (badExcept) r(`${at}.ipBlock.except[${i}]`, field.invalid(e, badExcept));
      else if (!within(parseCidr(e as string)!, outer)) r(`${at}.ipBlock.except[${i}]`, field.invalid(e, 'must be a strict subset of `cidr`'));
    });
  }
}

function checkNetworkPolicy(ctx: Ctx): void {
  const spec = ctx.obj.spec;
  if (!isObj(spec)) return;
  checkLabelSelector(ctx, 'networkpolicy.invalid', spec.podSelector, 'spec.podSelector');
  for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    arr(spec[dir]).forEach((rule, i) => {
      if (!isObj(rule)) return;
      arr(rule.ports).forEach((p, j) => checkPort(ctx, p, `spec.${dir}[${i}].ports[${j}]`));
      arr(rule[peers]).forEach((p, j) => checkPeer(ctx, p, `spec.${dir}[${i}].${peers}[${j}]`));
    });
  }
  const types = arr(spec.policyTypes);
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') ctx.report('networkpolicy.invalid', `spec.policyTypes[${i}]`, field.notSupported(t, ['Egress', 'Ingress']));
  });
  if (types.length > 2) ctx.report('networkpolicy.invalid', 'spec.policyTypes', field.invalid(types, 'may not specify more than two policyTypes'));
}

function checkBackend(ctx: Ctx, b: any, at: string): void {
  if (!isObj(b)) return;
  const r = (q: string, m: string) => ctx.report('ingress.invalid', q, m);
  const svc = isObj(b.service);
  const res = isObj(b.resource);
  if (svc && res) { r(at, field.invalid('', 'cannot set both resource and service backends')); return; }
  if (!svc && !res) { r(at, field.invalid('', 'resource or service backend is required')); return; }
  if (res) {
    // (apiGroup is a pointer: "" is a value, and no DNS subdomain)
    const g = b.resource.apiGroup;
    if (typeof g === 'string') for (const m of dns1123Subdomain(g)) r(`${at}.resource.apiGroup`, field.invalid(g, m));
    // validateIngressTypedLocalObjectReference: kind and name are path segments (no '/' or '%', not '.' or '..')
    for (const k of ['kind', 'name']) {
      const v = b.resource[k];
      if (typeof v !== 'string' || v === '') r(`${at}.resource.${k}`, field.required());
      else for (const m of pathSegmentName(v)) r(`${at}.resource.${k}`, field.invalid(v, m));
    }
    return;
  }
  const s = b.service;
  if (typeof s.name !== 'string' || s.name === '') r(`${at}.service.name`, field.required());
  else for (const m of serviceName(ctx.minor)(s.name)) r(`${at}.service.name`, field.invalid(s.name, m));
  const port = isObj(s.port) ? s.port : {};
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNum = typeof port.number === 'number' && port.number !== 0;
  if (hasName && hasNum) r(`${at}.service.port`, field.invalid(port, 'cannot set both port name & port number'));
  else if (hasName) for (const m of portName(port.name)) r(`${at}.service.port.name`, field.invalid(port.name, m));
  else if (hasNum) { if (port.number < 1 || port.number > 65535) r(`${at}.service.port.number`, field.invalid(port.number, 'must be between 1 and 65535, inclusive')); }
  else r(`${at}.service.port`, field.invalid(port, 'port name or number is required'));
}

const BAD_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const BAD_SUFFIXES = ['/..', '/.'];

function checkIngress(ctx: Ctx): void {
  // a spec left out is validated as empty (the zero value the API server decodes)
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  const r = (q: string, m: string) => ctx.report('ingress.invalid', q, m);
  if (!isObj(spec.defaultBackend) && arr(spec.rules).length === 0) r('spec', field.invalid(isObj(ctx.obj.spec) ? spec : null, 'either `defaultBackend` or `rules` must be specified'));
  if (isObj(spec.defaultBackend)) checkBackend(ctx, spec.defaultBackend, 'spec.defaultBackend');
  if (typeof spec.ingressClassName === 'string') for (const m of dns1123Subdomain(spec.ingressClassName)) r('spec.ingressClassName', field.invalid(spec.ingressClassName, m));
  // validateIngressTLS: a secret named is a DNS subdomain
  arr(spec.tls).forEach((t, i) => {
    if (isObj(t) && typeof t.secretName === 'string' && t.secretName !== '') for (const m of dns1123Subdomain(t.secretName)) r(`spec.tls[${i}].secretName`, field.invalid(t.secretName, m));
  });
  arr(spec.rules).forEach((rule, i) => {
    if (!isObj(rule)) return;
    const at = `spec.rules[${i}]`;
    // hosts: ingress.host-invalid (checkIngressHosts), which also reads the TLS hosts
    if (!isObj(rule.http)) return;
    const paths = arr(rule.http.paths);
    if (paths.length === 0) r(`${at}.http.paths`, field.required());
    paths.forEach((p, j) => {
      if (!isObj(p)) return;
      const pp = `${at}.http.paths[${j}]`;
      const t = p.pathType;
      if (t === undefined || t === null || t === '') r(`${pp}.pathType`, field.required('pathType must be specified'));
      else if (!['Exact', 'Prefix', 'ImplementationSpecific'].includes(t)) r(`${pp}.pathType`, field.notSupported(t, ['Exact', 'ImplementationSpecific', 'Prefix']));
      const path = typeof p.path === 'string' ? p.path : '';
      if (t === 'Exact' || t === 'Prefix') {
        if (!path.startsWith('/')) r(`${pp}.path`, field.invalid(path, 'must be an absolute path'));
        else {
          const bad = BAD_SEQUENCES.find((s) => path.includes(s));
          if (bad) r(`${pp}.path`, field.invalid(path, `must not contain '${bad}'`));
          const suffix = BAD_SUFFIXES.find((s) => path.endsWith(s));
          if (suffix) r(`${pp}.path`, field.invalid(path, `cannot end with '${suffix}'`));
        }
      } else if (t === 'ImplementationSpecific' && path !== '' && !path.startsWith('/')) {
        r(`${pp}.path`, field.invalid(path, 'must be an absolute path'));
      }
      checkBackend(ctx, p.backend, `${pp}.backend`);
    });
  });
}

/** validation.IsDomainPrefixedPath */
function domainPrefixedPath(v: string): string[] {
  const i = v.indexOf('/');
  if (i <= 0) return ["must be a domain-prefixed path (such as \"acme.io/foo\")"];
  const host = v.slice(0, i);
  const rest = v.slice(i);
  const out = [...dns1123Subdomain(host)];
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(rest)) out.push('Invalid path: must consist of characters allowed in a URL path');
  return out;
}

function checkIngressClass(ctx: Ctx): void {
  // a spec left out is validated as empty: the controller is then missing
  const spec = isObj(ctx.obj.spec) ? ctx.obj.spec : {};
  const r = (q: string, m: string) => ctx.report('ingressclass.invalid', q, m);
  const c = spec.controller;
  if (c === undefined || c === null || c === '') r('spec.controller', field.required());
  else if (typeof c === 'string') {
    if (c.length > 250) r('spec.controller', field.tooLong(250));
    for (const m of domainPrefixedPath(c)) r('spec.controller', field.invalid(c, m));
  }
  const p = spec.parameters;
  if (isObj(p)) {
    if (typeof p.kind !== 'string' || p.kind === '') r('spec.parameters.kind', field.required());
    if (typeof p.name !== 'string' || p.name === '') r('spec.parameters.name', field.required());
    const scope = p.scope ?? 'Cluster';
    if (scope !== 'Cluster' && scope !== 'Namespace') r('spec.parameters.scope', field.notSupported(scope, ['Cluster', 'Namespace']));
    const ns = typeof p.namespace === 'string' && p.namespace !== '';
    if (scope === 'Namespace' && !ns) r('spec.parameters.namespace', field.required('`parameters.scope` is set to \'Namespace\''));
    if (scope === 'Cluster' && ns) r('spec.parameters.namespace', field.forbidden('`parameters.scope` is set to \'Cluster\''));
    if (typeof p.apiGroup === 'string' && p.apiGroup !== '') for (const m of dns1123Subdomain(p.apiGroup)) r('spec.parameters.apiGroup', field.invalid(p.apiGroup, m));
  }
}

export function checkNetworking(ctx: Ctx): void {
  switch (ctx.kind) {
    case 'NetworkPolicy': checkNetworkPolicy(ctx); break;
    case 'Ingress': checkIngress(ctx); break;
    case 'IngressClass': checkIngressClass(ctx); break;
  }
}
