/**
 * API-server semantics of APIService (k8s.io/kube-aggregator pkg/apis/apiregistration/validation):
 * the name is `spec.version + "." + spec.group`, the group a DNS subdomain (empty only for the
 * legacy v1), the version a DNS-1035 label, both priorities in range, and a service reference
 * complete; a local APIService (no service) takes no caBundle or insecureSkipTLSVerify.
 */
import { Ctx, isInt, isObj, str } from '../context';
import { field } from '../field';
import { dns1035Label, dns1123Subdomain, portNumber } from '../names';
import { RuleMeta } from '../types';
import { goBytes } from './go-bytes';
import { pathSegmentName } from './rbac';

export const apiServiceRules: RuleMeta[] = [{
  id: 'apiservice.spec-invalid', severity: 'error', layer: 'semantic', handbook: ['H30'],
  summary: 'an APIService names its group and version, both priorities in range and a complete service',
  rationale: 'The aggregator routes /apis/<group>/<version> to the service an APIService names: the API server refuses one whose name is not version.group, whose group or version is missing or malformed, whose groupPriorityMinimum is not 1-20000 or versionPriority not 1-1000, or whose service lacks a name, a namespace or a valid port. A kustomize patch applied as a whole object is refused the same way.',
  fix: 'name the APIService <version>.<group> and set spec.group, spec.version, spec.groupPriorityMinimum, spec.versionPriority and spec.service (name, namespace)',
}];

/** An int32 field as the API server reads it: absent is 0. */
const num = (v: unknown): number => (isInt(v) ? v : 0);

/** Bytes of a []byte field (caBundle), as the API server decodes it (go-bytes.ts). */
function byteLength(v: unknown): number {
  return goBytes(v)?.length ?? 0;
}

export function checkApiService(ctx: Ctx): void {
  const o = ctx.obj;
  const spec = isObj(o.spec) ? o.spec : {};
  const r = (path: string, message: string) => ctx.report('apiservice.spec-invalid', path, message);
  const group = str(spec.group);
  const version = str(spec.version);

  const name = o.metadata?.name;
  if (typeof name === 'string' && name !== '') {
    const required = `${version}.${group}`;
    const segment = pathSegmentName(name);
    for (const m of segment.length ? segment : name !== required ? [`must be \`spec.version+"."+spec.group\`: ${JSON.stringify(required)}`] : []) {
      ctx.report('metadata.name-invalid', 'metadata.name', field.invalid(name, m));
    }
  }
  if (group === '' && version !== 'v1') r('spec.group', field.required('only v1 may have an empty group and it better be legacy kube'));
  if (group !== '') for (const m of dns1123Subdomain(group)) r('spec.group', field.invalid(group, m));
  for (const m of dns1035Label(version)) r('spec.version', field.invalid(version, m));
  const gpm = num(spec.groupPriorityMinimum);
  if (gpm <= 0 || gpm > 20000) r('spec.groupPriorityMinimum', field.invalid(gpm, 'must be positive and less than 20000'));
  const vp = num(spec.versionPriority);
  if (vp <= 0 || vp > 1000) r('spec.versionPriority', field.invalid(vp, 'must be positive and less than 1000'));

  const ca = byteLength(spec.caBundle);
  const insecure = spec.insecureSkipTLSVerify === true;
  if (!isObj(spec.service)) {
    if (ca > 0) r('spec.caBundle', field.invalid(`${ca} bytes`, 'local APIServices may not have a caBundle'));
    if (insecure) r('spec.insecureSkipTLSVerify', field.invalid(true, 'local APIServices may not have insecureSkipTLSVerify'));
    return;
  }
  const svc = spec.service;
  if (str(svc.namespace) === '') r('spec.service.namespace', field.required());
  if (str(svc.name) === '') r('spec.service.name', field.required());
  // the port defaults to 443
  const port = svc.port === undefined || svc.port === null ? 443 : num(svc.port);
  const bad = portNumber(port);
  if (bad.length) r('spec.service.port', field.invalid(port, `port is not valid: ${bad.join(', ')}`));
  if (insecure && ca > 0) r('spec.insecureSkipTLSVerify', field.invalid(true, 'may not be true if caBundle is present'));
}
