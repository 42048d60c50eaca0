/**
 * API-server semantics of RBAC (pkg/apis/rbac/validation): rules name verbs and, for resource
 * rules, API groups and resources; bindings reference a Role or ClusterRole of the RBAC group
 * and name subjects of a known kind. Names are path segments (`system:controller:x` is valid).
 */
import { arr, Ctx, isObj } from '../context';
import { field } from '../field';
import { dns1123Subdomain } from '../names';
import { RuleMeta } from '../types';
import { checkLabelSelector } from './scheduling';

const S = (id: string, summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook: ['H30'], summary, rationale, fix });

export const rbacRules: RuleMeta[] = [
  S('rbac.rule-invalid', 'an RBAC rule needs verbs, and a resource rule API groups and resources',
    'The API server rejects a PolicyRule without verbs, a resource rule without apiGroups or resources (use [""] for the core group), and nonResourceURLs mixed with resources or in a namespaced Role.',
    'list the verbs, the apiGroups ("" for the core group) and the resources of the rule'),
  S('rbac.subject-invalid', 'a binding subject needs a name and a kind of ServiceAccount, User or Group with its apiGroup',
    'Subjects of kind ServiceAccount take apiGroup "" and, in a ClusterRoleBinding, a namespace; User and Group take apiGroup rbac.authorization.k8s.io; other kinds are rejected.',
    'set kind to ServiceAccount, User or Group, and the apiGroup and namespace the message names'),
  S('rbac.role-ref-invalid', 'a binding\'s roleRef must name a Role or ClusterRole of rbac.authorization.k8s.io',
    'roleRef cannot be changed after creation and must point to a Role or ClusterRole (a ClusterRoleBinding only to a ClusterRole) in the rbac.authorization.k8s.io group.',
    'set roleRef.apiGroup: rbac.authorization.k8s.io, kind: Role or ClusterRole, and the role\'s name'),
  S('rbac.name-invalid', 'RBAC object names must be path segments: not ".", "..", and without "/" or "%"',
    'Role and binding names become URL path segments; the API server allows colons (system:controller:x) but not slashes or percent signs.',
    'remove "/" and "%" from the name'),
];

const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** path.IsValidPathSegmentName */
export function pathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const out: string[] = [];
  for (const c of ['/', '%']) if (name.includes(c)) out.push(`may not contain '${c}'`);
  return out;
}

function checkRule(ctx: Ctx, rule: any, at: string, namespaced: boolean): void {
  const r = (p: string, m: string) => ctx.report('rbac.rule-invalid', `${at}.${p}`, m);
  if (!isObj(rule)) return;
  if (arr(rule.verbs).length === 0) r('verbs', field.required('verbs must contain at least one value'));
  const urls = arr(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) r('nonResourceURLs', field.invalid(urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (arr(rule.apiGroups).length || arr(rule.resources).length || arr(rule.resourceNames).length) {
      r('nonResourceURLs', field.invalid(urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return;
  }
  if (arr(rule.apiGroups).length === 0) r('apiGroups', field.required('resource rules must supply at least one api group'));
  if (arr(rule.resources).length === 0) r('resources', field.required('resource rules must supply at least one resource'));
}

function checkSubject(ctx: Ctx, s: any, at: string, namespaced: boolean): void {
  if (!isObj(s)) return;
  const r = (p: string, m: string) => ctx.report('rbac.subject-invalid', `${at}.${p}`, m);
  const name = typeof s.name === 'string' ? s.name : '';
  if (name === '') r('name', field.required());
  // v1 defaulting: an empty apiGroup becomes "" for ServiceAccounts, the RBAC group for Users and Groups
  const apiGroup = typeof s.apiGroup === 'string' && s.apiGroup !== '' ? s.apiGroup : (s.kind === 'ServiceAccount' ? '' : RBAC_GROUP);
  switch (s.kind) {
    case 'ServiceAccount':
      if (name !== '') for (const m of dns1123Subdomain(name)) r('name', field.invalid(name, m));
      if (apiGroup !== '') r('apiGroup', field.notSupported(apiGroup, ['']));
      if (!namespaced && (typeof s.namespace !== 'string' || s.namespace === '')) r('namespace', field.required());
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) r('apiGroup', field.notSupported(apiGroup, [RBAC_GROUP]));
      break;
    default:
      r('kind', field.notSupported(s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
}

export function checkRbac(ctx: Ctx): void {
  const o = ctx.obj;
  const name = o.metadata?.name;
  if (typeof name === 'string' && name !== '') {
    for (const m of pathSegmentName(name)) ctx.report('rbac.name-invalid', 'metadata.name', field.invalid(name, m));
  }
  switch (ctx.kind) {
    case 'Role':
    case 'ClusterRole': {
      arr(o.rules).forEach((rule, i) => checkRule(ctx, rule, `rules[${i}]`, ctx.kind === 'Role'));
      if (ctx.kind === 'ClusterRole' && isObj(o.aggregationRule)) {
        const sels = arr(o.aggregationRule.clusterRoleSelectors);
        if (sels.length === 0) ctx.report('rbac.rule-invalid', 'aggregationRule.clusterRoleSelectors', field.required('at least one clusterRoleSelector required if aggregationRule is non-nil'));
        sels.forEach((s, i) => checkLabelSelector(ctx, 'rbac.rule-invalid', s, `aggregationRule.clusterRoleSelectors[${i}]`));
      }
      break;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const ref = isObj(o.roleRef) ? o.roleRef : {};
      const r = (p: string, m: string) => ctx.report('rbac.role-ref-invalid', `roleRef.${p}`, m);
      const apiGroup = typeof ref.apiGroup === 'string' && ref.apiGroup !== '' ? ref.apiGroup : RBAC_GROUP;
      if (apiGroup !== RBAC_GROUP) r('apiGroup', field.notSupported(apiGroup, [RBAC_GROUP]));
      const kinds = ctx.kind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
      if (!kinds.includes(ref.kind)) r('kind', field.notSupported(ref.kind ?? '', kinds));
      if (typeof ref.name !== 'string' || ref.name === '') r('name', field.required());
      else for (const m of pathSegmentName(ref.name)) r('name', field.invalid(ref.name, m));
      arr(o.subjects).forEach((s, i) => checkSubject(ctx, s, `subjects[${i}]`, ctx.kind === 'RoleBinding'));
      break;
    }
  }
}
