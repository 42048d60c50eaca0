/**
 * How a Service balances and admits traffic (pkg/apis/core/validation: ValidateService,
 * validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue,
 * validateLoadBalancerClassField): session affinity and its timeout, the external and internal
 * traffic policies, the health-check node port, and the fields only a LoadBalancer takes
 * (loadBalancerSourceRanges, allocateLoadBalancerNodePorts, loadBalancerClass); a port's
 * appProtocol. What the API server defaults (sessionAffinity None, externalTrafficPolicy Cluster,
 * a health-check port it allocates) is only checked where the manifest sets it.
 */
import { arr, Ctx, isInt, isObj } from '../context';
import { field } from '../field';
import { portNumber, qualifiedName } from '../names';
import { RuleMeta } from '../types';

export const serviceTrafficRules: RuleMeta[] = [{
  id: 'service.traffic-fields-invalid',
  severity: 'error',
  layer: 'semantic',
  handbook: ['H15'],
  summary: 'session affinity, traffic policies and load-balancer fields must be valid and suit the Service\'s type',
  rationale: 'externalTrafficPolicy and a health-check node port only mean something where traffic comes from outside (NodePort, LoadBalancer, external IPs); loadBalancerSourceRanges (CIDRs), loadBalancerClass and allocateLoadBalancerNodePorts only on a LoadBalancer; externalIPs are addresses outside the loopback, link-local and unspecified ranges; a ClientIP session affinity keeps a client on one Pod for 1 to 86400 seconds. The API server refuses the rest.',
  fix: 'remove the field or change the Service\'s type as the message says; keep the ClientIP timeout within 1-86400 seconds',
}];

const AFFINITIES = ['ClientIP', 'None'];
const POLICIES = ['Cluster', 'Local'];
const MAX_AFFINITY_SECONDS = 86400;

export function checkServiceTraffic(ctx: Ctx, spec: any, type: string): void {
  const r = (p: string, m: string) => ctx.report('service.traffic-fields-invalid', p, m);
  const lb = type === 'LoadBalancer';

  const affinity = spec.sessionAffinity;
  if (typeof affinity === 'string' && affinity !== '' && !AFFINITIES.includes(affinity)) ctx.report('fields.not-supported', 'spec.sessionAffinity', field.notSupported(affinity, AFFINITIES));
  const config = spec.sessionAffinityConfig;
  if (affinity === 'ClientIP') {
    const timeout = isObj(config) && isObj(config.clientIP) ? config.clientIP.timeoutSeconds : undefined;
    if (isInt(timeout) && (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS)) {
      r('spec.sessionAffinityConfig.clientIP.timeoutSeconds', field.invalid(timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`));
    }
  }
  // (a sessionAffinityConfig beside affinity None is dropped by the API server before it validates: accepted)

  const external = type === 'NodePort' || lb || (type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (typeof etp === 'string' && etp !== '') {
    if (!external) r('spec.externalTrafficPolicy', field.invalid(etp, 'may only be set for externally-accessible services'));
    else if (!POLICIES.includes(etp)) ctx.report('fields.not-supported', 'spec.externalTrafficPolicy', field.notSupported(etp, POLICIES));
  }
  const hc = spec.healthCheckNodePort;
  if (isInt(hc) && hc !== 0) {
    if (!(lb && etp === 'Local')) r('spec.healthCheckNodePort', field.invalid(hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    else for (const m of portNumber(hc)) r('spec.healthCheckNodePort', field.invalid(hc, m));
  }
  const itp = spec.internalTrafficPolicy;
  if (typeof itp === 'string' && !POLICIES.includes(itp)) ctx.report('fields.not-supported', 'spec.internalTrafficPolicy', field.notSupported(itp, POLICIES));

  // (the API server names this one spec.LoadBalancerSourceRanges)
  if (!lb && arr(spec.loadBalancerSourceRanges).length > 0) r('spec.loadBalancerSourceRanges', field.forbidden("may only be used when `type` is 'LoadBalancer'"));
  if (!lb && spec.allocateLoadBalancerNodePorts != null) r('spec.allocateLoadBalancerNodePorts', field.forbidden("may only be used when `type` is 'LoadBalancer'"));
  const lbc = spec.loadBalancerClass;
  if (typeof lbc === 'string') {
    if (!lb) r('spec.loadBalancerClass', field.forbidden("may only be used when `type` is 'LoadBalancer'"));
    else for (const m of qualifiedName(lbc)) r('spec.loadBalancerClass', field.invalid(lbc, m));
  }

  arr(spec.ports).forEach((p, i) => {
    if (isObj(p) && typeof p.appProtocol === 'string') for (const m of qualifiedName(p.appProtocol)) r(`spec.ports[${i}].appProtocol`, field.invalid(p.appProtocol, m));
  });
}
