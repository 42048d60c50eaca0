/**
 * Validating and mutating webhook configurations (admissionregistration.k8s.io/v1), as
 * pkg/apis/admissionregistration/validation checks them: each webhook's name is a fully qualified
 * name, once per configuration; its side effects are None or NoneOnDryRun (v1); its timeout 1-30
 * seconds; a service it calls is named, with a valid port and path (k8s.io/apiserver's
 * ValidateWebhookService). The enumerated policies are enums.ts'.
 */
import { arr, Ctx, isInt, isObj } from '../context';
import { field } from '../field';
import { dns1035Label, dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';
import { checkMatchConditionNames } from './match-conditions';
import { checkLabelSelector } from './scheduling';

export const webhookRules: RuleMeta[] = [{
  id: 'webhook.invalid', severity: 'error', layer: 'semantic', handbook: ['H30'],
  summary: 'an admission webhook needs a fully qualified name, no side effects, a timeout of 1-30 s and a service it can call',
  rationale: 'The API server refuses a webhook configuration whose webhook names are not fully qualified (three dot-separated DNS labels at least) or repeat, whose webhooks may have side effects on a dry run (admissionregistration.k8s.io/v1 allows None and NoneOnDryRun only), wait less than 1 or more than 30 seconds, or call a service with a port outside 1-65535 or a path that is not an absolute path of DNS names.',
  fix: 'name each webhook like validate.example.com, set sideEffects: None, timeoutSeconds between 1 and 30, and give clientConfig.service a port and a path such as /validate',
}];

const SIDE_EFFECTS = ['None', 'NoneOnDryRun'];

export function checkWebhooks(ctx: Ctx): void {
  if (ctx.obj.apiVersion !== 'admissionregistration.k8s.io/v1') return;
  const r = (p: string, m: string) => ctx.report('webhook.invalid', p, m);
  const names = new Set<string>();
  arr(ctx.obj.webhooks).forEach((hook, i) => {
    if (!isObj(hook)) return;
    const at = `webhooks[${i}]`;
    const name = hook.name;
    if (typeof name === 'string' && name !== '') {
      if (names.has(name)) r(`${at}.name`, field.duplicate(name));
      names.add(name);
      const dns = dns1123Subdomain(name);
      if (dns.length > 0) r(`${at}.name`, field.invalid(name, dns.join(',')));
      else if (name.split('.').length < 3) r(`${at}.name`, field.invalid(name, 'should be a domain with at least three segments separated by dots'));
    }
    // validateValidatingWebhook, validateMutatingWebhook: the selectors are label selectors
    checkLabelSelector(ctx, 'webhook.invalid', hook.namespaceSelector, `${at}.namespaceSelector`);
    checkLabelSelector(ctx, 'webhook.invalid', hook.objectSelector, `${at}.objectSelector`);
    const se = hook.sideEffects;
    if (typeof se === 'string' && !SIDE_EFFECTS.includes(se)) ctx.report('fields.not-supported', `${at}.sideEffects`, field.notSupported(se, SIDE_EFFECTS));
    const t = hook.timeoutSeconds;
    if (isInt(t) && (t < 1 || t > 30)) r(`${at}.timeoutSeconds`, field.invalid(t, 'the timeout value must be between 1 and 30 seconds'));
    checkReviewVersions(r, hook.admissionReviewVersions, `${at}.admissionReviewVersions`, 'must specify one of v1, v1beta1');
    const cc = isObj(hook.clientConfig) ? hook.clientConfig : {};
    if ((cc.url == null) === (cc.service == null)) r(`${at}.clientConfig`, field.required('exactly one of url or service is required'));
    else if (isObj(cc.service)) checkWebhookService(r, cc.service, `${at}.clientConfig.service`);
    arr(hook.rules).forEach((rule, j) => { if (isObj(rule)) checkAdmissionRule(r, rule, `${at}.rules[${j}]`); });
    checkMatchConditionNames(ctx, 'webhook.invalid', hook.matchConditions, `${at}.matchConditions`);
  });
}

/**
 * validateAdmissionReviewVersions, and a CRD conversion webhook's validateConversionReviewVersions:
 * at least one version (`empty` says why), none twice, each a DNS-1035 label, and on create one of
 * v1 and v1beta1 (a list left out is the schema layer's, or defaulted).
 */
export function checkReviewVersions(r: (p: string, m: string) => void, versions: unknown, at: string, empty: string): void {
  if (!Array.isArray(versions)) return;
  if (versions.length === 0) { r(at, field.required(empty)); return; }
  const seen = new Set<unknown>();
  versions.forEach((v, j) => {
    if (typeof v !== 'string') return;
    if (seen.has(v)) { r(`${at}[${j}]`, field.invalid(v, 'duplicate version')); return; }
    seen.add(v);
    for (const m of dns1035Label(v)) r(`${at}[${j}]`, field.invalid(v, m));
  });
  if (!versions.some((v) => v === 'v1' || v === 'v1beta1')) r(at, field.invalid(versions, 'must include at least one of v1, v1beta1'));
}

/** validateRuleWithOperations' emptiness checks (a webhook's rules, an admission policy's resource rules): operations, API groups, versions and resources, left out or empty. */
export function checkAdmissionRule(r: (p: string, m: string) => void, rule: any, at: string): void {
  for (const f of ['operations', 'apiGroups', 'apiVersions', 'resources']) {
    const v = rule[f];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) r(`${at}.${f}`, field.required());
  }
}

/** k8s.io/apiserver's ValidateWebhookService: a port in range and a path of DNS names (admission and CRD conversion webhooks). */
export function checkWebhookService(r: (p: string, m: string) => void, svc: any, at: string): void {
  // a port left out is 443 (SetDefaults_ServiceReference)
  if (isInt(svc.port) && (svc.port < 1 || svc.port > 65535)) r(`${at}.port`, field.invalid(svc.port, 'port is not valid: must be between 1 and 65535, inclusive'));
  const path = svc.path;
  if (typeof path !== 'string' || path === '' || path === '/') return;
  if (path === '//') { r(`${at}.path`, field.invalid(path, 'segment[0] may not be empty')); return; }
  if (!path.startsWith('/')) r(`${at}.path`, field.invalid(path, "must start with a '/'"));
  let rest = path.slice(1);
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  rest.split('/').forEach((step, i) => {
    if (step === '') { r(`${at}.path`, field.invalid(path, `segment[${i}] may not be empty`)); return; }
    for (const m of dns1123Subdomain(step)) r(`${at}.path`, field.invalid(path, `segment[${i}]: ${m}`));
  });
}
