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
import { endpointIPProblems } from './endpoints';
import { legacyIPProblem, STRICT_IP_FROM, strictCIDRProblem } from './legacy-ip';

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
    const problem = legacyIPProblem(ip, ctx.minor);
    if (problem) traffic(at, field.invalid(ip, problem));
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
