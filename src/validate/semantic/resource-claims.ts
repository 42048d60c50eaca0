/**
 * Dynamic resource allocation in a Pod spec (pkg/apis/core/validation: validatePodResourceClaims
 * and, per container, validateResourceClaimNames): each spec.resourceClaims entry has a unique
 * DNS-1123 label as its name and exactly one of resourceClaimName or resourceClaimTemplateName,
 * a DNS-1123 subdomain (the name of an object in the Pod's namespace); a container's
 * resources.claims name those entries, each once (a whole claim, or its requests one by one).
 * A templating placeholder left in a claim's name (`test-claim-{{ .Index }}`) is refused here.
 */
import { arr, containersOf, Ctx, isObj, PodRef } from '../context';
import { field } from '../field';
import { dns1123Label, dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';

export const resourceClaimRules: RuleMeta[] = [{
  id: 'pod.resource-claims-invalid',
  severity: 'error',
  layer: 'semantic',
  handbook: ['H16'],
  summary: 'resource claims need a unique name and one valid claim or template name; containers may only use claims the Pod declares',
  rationale: 'spec.resourceClaims names each ResourceClaim a Pod uses (DRA devices such as GPUs): the API server requires a unique DNS-1123 label per entry and exactly one of resourceClaimName or resourceClaimTemplateName, an object name in the Pod\'s namespace; a container\'s resources.claims must name those entries, each once.',
  fix: 'give each resourceClaims entry a unique lowercase name and one valid resourceClaimName or resourceClaimTemplateName, and list each of them at most once in a container\'s resources.claims',
}];

export function checkResourceClaims(ctx: Ctx, pod: PodRef): void {
  const r = (p: string, m: string) => ctx.report('pod.resource-claims-invalid', p, m);
  const names = new Set<string>();
  arr(pod.spec.resourceClaims).forEach((claim, i) => {
    if (!isObj(claim)) return;
    const p = `${pod.specPath}.resourceClaims[${i}]`;
    const name = claim.name;
    if (typeof name !== 'string' || name === '') r(`${p}.name`, field.required());
    else if (names.has(name)) r(`${p}.name`, field.duplicate(name));
    else {
      for (const m of dns1123Label(name)) r(`${p}.name`, field.invalid(name, m));
      names.add(name);
    }
    const direct = claim.resourceClaimName;
    const template = claim.resourceClaimTemplateName;
    // the API server shows the entry as its internal struct
    const shown = { Name: name ?? '', ResourceClaimName: direct ?? null, ResourceClaimTemplateName: template ?? null };
    if (direct != null && template != null) r(p, field.invalid(shown, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    if (direct == null && template == null) r(p, field.invalid(shown, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    for (const [f, v] of [['resourceClaimName', direct], ['resourceClaimTemplateName', template]] as const) {
      if (typeof v === 'string') for (const m of dns1123Subdomain(v)) r(`${p}.${f}`, field.invalid(v, m));
    }
  });
  for (const { c, path } of containersOf(pod)) {
    const used = new Set<string>();
    arr(isObj(c.resources) ? c.resources.claims : undefined).forEach((claim, i) => {
      if (!isObj(claim)) return;
      const p = `${path}.resources.claims[${i}]`;
      const name = claim.name;
      if (typeof name !== 'string' || name === '') { r(p, field.required()); return; }
      const request = typeof claim.request === 'string' ? claim.request : '';
      if (used.has(name)) r(p, field.duplicate(name));
      else {
        if (request !== '') for (const m of dns1123Label(request)) r(`${p}.request`, field.invalid(request, m));
        const key = request === '' ? name : `${name}/${request}`;
        // a whole claim after one of its requests overlaps it
        if (used.has(key) || (request === '' && [...used].some((k) => k.startsWith(`${name}/`)))) r(p, field.duplicate(key));
        used.add(key);
      }
      if (!names.has(name)) {
        const known = [...names].sort();
        r(p, `${field.notFound(name)}: must be one of the names in pod.spec.resourceClaims${known.length ? `: ${known.join(', ')}` : ' which is empty'}`);
      }
    });
  }
}
