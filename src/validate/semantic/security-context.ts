/**
 * Security contexts as the API server checks them (pkg/apis/core/validation: ValidateSecurityContext,
 * validateHostUsers, ValidatePodCreate, the Windows hostProcess rules): settings that contradict
 * each other, what a Pod in its own user namespace may not share with the host, and what a Pod
 * cannot be created with.
 */
import { arr, ContainerRef, Ctx, isObj } from '../context';
import { field } from '../field';
import { RuleMeta } from '../types';
import { checkId } from './sources';
import { dns1123Subdomain, localPath } from '../names';

const S = (id: string, handbook: string[], summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity: 'error', layer: 'semantic', handbook, summary, rationale, fix });

export const securityContextRules: RuleMeta[] = [
  S('security-context.invalid', ['H4', 'H20'], 'a security context that contradicts itself',
    'A privileged container (or one that adds the capability written CAP_SYS_ADMIN: the API server compares that exact string) can always escalate, so allowPrivilegeEscalation: false beside it is rejected; a Localhost seccomp profile needs localhostProfile (a relative path without \'..\'), and a Localhost AppArmor profile a profile name without padding; no other type may set one. From Kubernetes 1.33 (when the API server stops dropping procMount and hostUsers) procMount Unmasked needs hostUsers: false, and a Pod in its own user namespace (hostUsers: false) may not use the host\'s network, PID or IPC namespace, nor (from 1.34) volumeDevices.', 'fix the security context as the message says'),
  S('pod.create-forbidden', ['H1'], 'ephemeral containers are never written in a manifest; nodeName waits for scheduling gates',
    'Ephemeral containers are added to a running Pod through its ephemeralcontainers subresource (kubectl debug): the API server refuses them when a Pod is created and in every Pod template. A Pod may not be created with nodeName while it still has schedulingGates.', 'remove spec.ephemeralContainers (use kubectl debug on the running Pod), or drop nodeName or the scheduling gates'),
];

/** The Pod-level security settings and what the Pod may be created with. */
export function checkPodSecurity(ctx: Ctx, spec: any, sp: string): void {
  const psc = isObj(spec.securityContext) ? spec.securityContext : {};
  // user and group IDs (found by test/e2e/constructs-apiserver.test.ts for the groups)
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) checkId(ctx, psc[f], `${sp}.securityContext.${f}`);
  arr(psc.supplementalGroups).forEach((g, i) => checkId(ctx, g, `${sp}.securityContext.supplementalGroups[${i}]`));
  checkSeccomp(ctx, psc.seccompProfile, `${sp}.securityContext.seccompProfile`);
  checkAppArmor(ctx, psc.appArmorProfile, `${sp}.securityContext.appArmorProfile`);
  checkWindowsOptions(ctx, psc.windowsOptions, `${sp}.securityContext.windowsOptions`);
  checkCreateForbidden(ctx, spec, sp);
  if (ctx.minor >= 33) checkUserNamespace(ctx, spec, sp);
}

/** A container's security context (ValidateSecurityContext). */
export function checkContainerSecurity(ctx: Ctx, c: any, path: string, spec: any): void {
  const r = ctx.report;
  const sc = c.securityContext;
  if (isObj(sc)) {
    const caps = isObj(sc.capabilities) ? arr(sc.capabilities.add) : [];
    if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
      r('security-context.invalid', `${path}.securityContext`, field.invalid('', 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    }
    // the exact string: the API server does not read SYS_ADMIN (what the container runtime takes) as the same capability
    if (sc.allowPrivilegeEscalation === false && caps.some((x) => x === 'CAP_SYS_ADMIN')) {
      r('security-context.invalid', `${path}.securityContext`, field.invalid('', 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
    for (const f of ['runAsUser', 'runAsGroup'] as const) checkId(ctx, sc[f], `${path}.securityContext.${f}`);
    checkSeccomp(ctx, sc.seccompProfile, `${path}.securityContext.seccompProfile`);
    checkAppArmor(ctx, sc.appArmorProfile, `${path}.securityContext.appArmorProfile`);
    checkWindowsOptions(ctx, sc.windowsOptions, `${path}.securityContext.windowsOptions`);
    // procMount is dropped before 1.33 (ProcMountType off by default), so not checked there
    if (ctx.minor >= 33 && typeof sc.procMount === 'string') {
      if (!PROC_MOUNTS.includes(sc.procMount)) r('fields.not-supported', `${path}.securityContext.procMount`, field.notSupported(sc.procMount, PROC_MOUNTS));
      else if (sc.procMount === 'Unmasked' && spec.hostUsers !== false) r('security-context.invalid', `${path}.securityContext.procMount`, field.invalid('Unmasked', '`hostUsers` must be false to use `Unmasked`'));
    }
  }
}

const PROC_MOUNTS = ['Default', 'Unmasked'];

/**
 * What a Pod cannot be created with (ValidatePodCreate) and a template cannot hold
 * (ValidatePodTemplateSpec): ephemeral containers; a bare Pod's nodeName beside schedulingGates.
 */
function checkCreateForbidden(ctx: Ctx, spec: any, sp: string): void {
  const bare = ctx.kind === 'Pod';
  if (arr(spec.ephemeralContainers).length > 0) {
    ctx.report('pod.create-forbidden', `${sp}.ephemeralContainers`, field.forbidden(bare ? 'cannot be set on create' : 'ephemeral containers not allowed in pod template'));
  }
  if (bare && typeof spec.nodeName === 'string' && spec.nodeName !== '' && arr(spec.schedulingGates).length > 0) {
    ctx.report('pod.create-forbidden', `${sp}.nodeName`, field.forbidden('cannot be set until all schedulingGates have been cleared'));
  }
}

/**
 * A Pod in its own user namespace (hostUsers: false) shares none of the host's namespaces and,
 * from 1.34, has no volumeDevices (validateHostUsers). Called from 1.33, when hostUsers is no
 * longer dropped (UserNamespacesSupport on by default).
 */
function checkUserNamespace(ctx: Ctx, spec: any, sp: string): void {
  if (spec.hostUsers !== false) return;
  const why = ctx.minor >= 34 ? 'when `hostUsers` is false' : 'when `pod.Spec.HostUsers` is false';
  if (spec.hostNetwork === true) ctx.report('security-context.invalid', `${sp}.hostNetwork`, field.forbidden(why));
  if (spec.hostPID === true) ctx.report('security-context.invalid', `${sp}.HostPID`, field.forbidden(why));
  if (spec.hostIPC === true) ctx.report('security-context.invalid', `${sp}.HostIPC`, field.forbidden(why));
  if (ctx.minor < 34) return;
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[key]).forEach((c, i) => {
      if (isObj(c) && arr(c.volumeDevices).length > 0) ctx.report('security-context.invalid', `${sp}.${key}[${i}].volumeDevices`, field.forbidden(why));
    });
  }
}

/** Windows hostProcess containers: all or none of a Pod's, the Pod's value agreeing, and only with hostNetwork. */
export function checkHostProcess(ctx: Ctx, spec: any, sp: string, refs: ContainerRef[]): void {
  const podValue = isObj(spec.securityContext) && isObj(spec.securityContext.windowsOptions) ? spec.securityContext.windowsOptions.hostProcess : undefined;
  let count = 0;
  for (const { c, path } of refs) {
    const own = isObj(c.securityContext) && isObj(c.securityContext.windowsOptions) ? c.securityContext.windowsOptions.hostProcess : undefined;
    if (typeof podValue === 'boolean' && typeof own === 'boolean' && own !== podValue) {
      ctx.report('security-context.invalid', `${path}.securityContext.windowsOptions.hostProcess`, field.invalid(own, `pod hostProcess value must be identical if both are specified, was ${podValue}`));
    }
    if (own === true || (own === undefined && podValue === true)) count++;
  }
  if (count === 0) return;
  if (count !== refs.length) ctx.report('security-context.invalid', sp, field.invalid('', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'));
  if (spec.hostNetwork !== true) ctx.report('security-context.invalid', `${sp}.hostNetwork`, field.invalid(false, 'hostNetwork must be true if pod contains any hostProcess containers'));
}

const PROFILE_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

/** A profile's type (validateSeccompProfileType, and AppArmor's the same way): the type is required and known. */
function checkProfileType(ctx: Ctx, type: unknown, path: string, what: 'seccompProfile' | 'appArmorProfile'): boolean {
  if (type === '') { ctx.report('security-context.invalid', `${path}.type`, field.required(`type is required when ${what} is set`)); return false; }
  if (typeof type === 'string' && !PROFILE_TYPES.includes(type)) { ctx.report('fields.not-supported', `${path}.type`, field.notSupported(type, PROFILE_TYPES)); return false; }
  return true;
}

/** validateSeccompProfileField: a Localhost profile's path descends locally ('' is such a path); no other type has one. */
function checkSeccomp(ctx: Ctx, sp: any, path: string): void {
  if (!isObj(sp) || !checkProfileType(ctx, sp.type, path, 'seccompProfile')) return;
  const lp = sp.localhostProfile;
  if (sp.type === 'Localhost') {
    if (lp === undefined) ctx.report('security-context.invalid', `${path}.localhostProfile`, field.required('must be set when seccomp type is Localhost'));
    else if (typeof lp === 'string' && lp !== '') for (const m of localPath(lp)) ctx.report('security-context.invalid', `${path}.localhostProfile`, field.invalid(lp, m));
  } else if (lp !== undefined) {
    ctx.report('security-context.invalid', `${path}.localhostProfile`, field.invalid(sp, 'can only be set when seccomp type is Localhost'));
  }
}

/** ValidateAppArmorProfileField: a Localhost profile names a profile (not blank, not padded, at most 4095 bytes); no other type has one. */
function checkAppArmor(ctx: Ctx, ap: any, path: string): void {
  if (!isObj(ap) || !checkProfileType(ctx, ap.type, path, 'appArmorProfile')) return;
  const lp = ap.localhostProfile;
  const at = `${path}.localhostProfile`;
  if (ap.type === 'Localhost') {
    if (typeof lp !== 'string') {
      if (lp === undefined) ctx.report('security-context.invalid', at, field.required('must be set when AppArmor type is Localhost'));
      return;
    }
    if (lp.trim() !== lp) ctx.report('security-context.invalid', at, field.invalid(lp, 'must not be padded with whitespace'));
    else if (lp === '') ctx.report('security-context.invalid', at, field.required('must be set when AppArmor type is Localhost'));
    if (Buffer.byteLength(lp) > 4095) ctx.report('security-context.invalid', at, field.tooLong(4095));
  } else if (lp !== undefined) {
    ctx.report('security-context.invalid', at, field.invalid(lp, 'can only be set when AppArmor type is Localhost'));
  }
}

/** A Windows user's domain: a NetBIOS name or a DNS subdomain (validation.go's validNetBiosRegex, dnsSubdomainFormat). */
const NETBIOS = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/u;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * windowsOptions, Pod and container (validateWindowsSecurityContextOptions): a GMSA credential spec
 * name that is a DNS subdomain, a credential spec not empty and at most 64 KiB, a runAsUserName
 * `[DOMAIN\\]USER` with a NetBIOS or DNS domain under 256 bytes, a user of 1 to 104 bytes, not only
 * dots or spaces, without `"/\\:;|=,+*?<>@[]`, and no control character. Checked whatever the Pod's OS.
 */
function checkWindowsOptions(ctx: Ctx, wo: any, path: string): void {
  if (!isObj(wo)) return;
  const bad = (f: string, v: unknown, m: string) => ctx.report('security-context.invalid', `${path}.${f}`, field.invalid(v, m));
  if (typeof wo.gmsaCredentialSpecName === 'string') for (const m of dns1123Subdomain(wo.gmsaCredentialSpecName)) bad('gmsaCredentialSpecName', wo.gmsaCredentialSpecName, m);
  if (typeof wo.gmsaCredentialSpec === 'string') {
    const n = Buffer.byteLength(wo.gmsaCredentialSpec);
    if (n === 0) bad('gmsaCredentialSpec', '', 'gmsaCredentialSpec cannot be an empty string');
    else if (n > 64 * 1024) bad('gmsaCredentialSpec', wo.gmsaCredentialSpec, 'gmsaCredentialSpec size must be under 64 KiB');
  }
  const name = wo.runAsUserName;
  if (typeof name !== 'string') return;
  const say = (m: string) => bad('runAsUserName', name, m);
  if (name === '') { say('runAsUserName cannot be an empty string'); return; }
  if (/[\x00-\x1f\x7f]/.test(name)) { say('runAsUserName cannot contain control characters'); return; }
  const parts = name.split('\\');
  if (parts.length > 2) { say('runAsUserName cannot contain more than one backslash'); return; }
  const [domain, user] = parts.length === 1 ? ['', parts[0]] : parts;
  if (Buffer.byteLength(domain) >= 256) say('runAsUserName\'s Domain length must be under 256 characters');
  if (parts.length === 2 && !(NETBIOS.test(domain) || DNS_DOMAIN.test(domain))) say('runAsUserName\'s Domain doesn\'t match the NetBios nor the DNS format');
  const n = Buffer.byteLength(user);
  if (n === 0) say('runAsUserName\'s User cannot be empty');
  else if (n > 104) say('runAsUserName\'s User length must not be longer than 104 characters');
  if (/^[. ]+$/.test(user)) say('runAsUserName\'s User cannot contain only periods or spaces');
  if (/["/\\:;|=,+*?<>@[\]]/.test(user)) say('runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
}
