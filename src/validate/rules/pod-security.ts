/**
 * The Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards),
 * enabled with `--profile baseline|restricted`. A violation is an error: a namespace that
 * enforces the profile rejects the Pod.
 */
import { arr, containersOf, isObj, Ctx } from '../context';
import { sysctlName } from '../names';
import { isSafeSysctl } from './security';
import { capName, CheckedRule } from './types';
import { msg } from '../field';

const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

function rule(id: string, profile: 'baseline' | 'restricted', summary: string, rationale: string, fix: string, check: (ctx: Ctx) => void): CheckedRule {
  return { id, severity: 'error', layer: 'pod-security', profile, handbook: ['H4', 'H14', 'H20'], summary, rationale, fix, check };
}

export const podSecurityRules: CheckedRule[] = [
  rule('pss.host-namespaces', 'baseline', 'host namespaces are forbidden', 'Baseline: hostNetwork, hostPID and hostIPC must be unset or false.', 'remove hostNetwork, hostPID and hostIPC', (ctx) => {
    for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (ctx.pod!.spec[f] === true) ctx.report('pss.host-namespaces', msg`${ctx.pod!.specPath}.${f}`, msg`${f}=true is forbidden by the ${ctx.options.profile} profile`);
  }),
  rule('pss.privileged', 'baseline', 'privileged containers are forbidden', 'Baseline: securityContext.privileged must be unset or false.', 'remove privileged: true', (ctx) => {
    for (const { c, path } of containersOf(ctx.pod!)) if (c.securityContext?.privileged === true) ctx.report('pss.privileged', msg`${path}.securityContext.privileged`, msg`privileged container "${c.name}" is forbidden by the ${ctx.options.profile} profile`);
  }),
  rule('pss.capabilities-baseline', 'baseline', 'capabilities beyond the baseline default set are forbidden', 'Baseline allows adding only the container runtime\'s default capabilities (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).', 'drop the added capability', (ctx) => {
    for (const { c, path } of containersOf(ctx.pod!)) arr(c.securityContext?.capabilities?.add).forEach((cap, i) => {
      if (!BASELINE_CAPS.has(capName(cap))) ctx.report('pss.capabilities-baseline', msg`${path}.securityContext.capabilities.add[${i}]`, msg`capability ${capName(cap)} is forbidden by the ${ctx.options.profile} profile`);
    });
  }),
  rule('pss.host-path', 'baseline', 'hostPath volumes are forbidden', 'Baseline forbids every hostPath volume, including the read-only timezone mount of H28 (use TZ with an image that carries tzdata under an enforcing namespace).', 'replace the hostPath volume', (ctx) => {
    arr(ctx.pod!.spec.volumes).forEach((v, i) => { if (isObj(v?.hostPath)) ctx.report('pss.host-path', msg`${ctx.pod!.specPath}.volumes[${i}].hostPath`, msg`hostPath volume "${v.name}" is forbidden by the ${ctx.options.profile} profile`); });
  }),
  rule('pss.host-ports', 'baseline', 'hostPorts are forbidden', 'Baseline: hostPort must be unset or 0.', 'remove hostPort', (ctx) => {
    for (const { c, path } of containersOf(ctx.pod!)) arr(c.ports).forEach((p, i) => {
      if (typeof p?.hostPort === 'number' && p.hostPort !== 0) ctx.report('pss.host-ports', msg`${path}.ports[${i}].hostPort`, msg`hostPort ${p.hostPort} is forbidden by the ${ctx.options.profile} profile`);
    });
  }),
  rule('pss.proc-mount', 'baseline', 'procMount other than Default is forbidden', 'Baseline: the default /proc masks must stay in place.', 'remove securityContext.procMount', (ctx) => {
    for (const { c, path } of containersOf(ctx.pod!)) {
      const pm = c.securityContext?.procMount;
      if (pm !== undefined && pm !== 'Default') ctx.report('pss.proc-mount', msg`${path}.securityContext.procMount`, msg`procMount ${pm} is forbidden by the ${ctx.options.profile} profile`);
    }
  }),
  rule('pss.seccomp-unconfined', 'baseline', 'seccomp Unconfined is forbidden', 'Baseline: seccompProfile.type must not be Unconfined.', 'use RuntimeDefault', (ctx) => {
    if (ctx.pod!.spec.securityContext?.seccompProfile?.type === 'Unconfined') ctx.report('pss.seccomp-unconfined', msg`${ctx.pod!.specPath}.securityContext.seccompProfile.type`, msg`seccomp Unconfined is forbidden by the ${ctx.options.profile} profile`);
    for (const { c, path } of containersOf(ctx.pod!)) if (c.securityContext?.seccompProfile?.type === 'Unconfined') ctx.report('pss.seccomp-unconfined', msg`${path}.securityContext.seccompProfile.type`, msg`seccomp Unconfined is forbidden by the ${ctx.options.profile} profile`);
  }),
  rule('pss.sysctls', 'baseline', 'only safe sysctls are allowed', 'Baseline allows only the safe, namespaced sysctls (H27).', 'remove the unsafe sysctl', (ctx) => {
    arr(ctx.pod!.spec.securityContext?.sysctls).forEach((s, i) => {
      if (typeof s?.name === 'string' && !sysctlName(s.name).length && !isSafeSysctl(s.name, ctx.minor)) ctx.report('pss.sysctls', msg`${ctx.pod!.specPath}.securityContext.sysctls[${i}].name`, msg`sysctl ${s.name} is forbidden by the ${ctx.options.profile} profile`);
    });
  }),
  rule('pss.selinux', 'baseline', 'custom SELinux users, roles and types are forbidden', 'Baseline: seLinuxOptions.type may only be a container type; user and role must be unset.', 'remove seLinuxOptions.user/role and custom types', (ctx) => {
    const check = (o: any, p: string) => {
      if (!isObj(o)) return;
      if (o.type !== undefined && !SELINUX_TYPES.has(o.type)) ctx.report('pss.selinux', msg`${p}.type`, msg`SELinux type ${o.type} is forbidden by the ${ctx.options.profile} profile`);
      for (const f of ['user', 'role']) if (o[f]) ctx.report('pss.selinux', msg`${p}.${f}`, msg`SELinux ${f} is forbidden by the ${ctx.options.profile} profile`);
    };
    check(ctx.pod!.spec.securityContext?.seLinuxOptions, msg`${ctx.pod!.specPath}.securityContext.seLinuxOptions`);
    for (const { c, path } of containersOf(ctx.pod!)) check(c.securityContext?.seLinuxOptions, msg`${path}.securityContext.seLinuxOptions`);
  }),
  rule('pss.volume-types', 'restricted', 'only configMap, csi, downwardAPI, emptyDir, ephemeral, PVC, projected and secret volumes', 'Restricted: other volume types reach node or cluster storage directly.', 'use one of the allowed volume types', (ctx) => {
    arr(ctx.pod!.spec.volumes).forEach((v, i) => {
      if (!isObj(v)) return;
      const type = Object.keys(v).find((k) => k !== 'name');
      if (type && !RESTRICTED_VOLUMES.has(type)) ctx.report('pss.volume-types', msg`${ctx.pod!.specPath}.volumes[${i}].${type}`, msg`${type} volume "${v.name}" is forbidden by the restricted profile`);
    });
  }),
  rule('pss.privilege-escalation', 'restricted', 'allowPrivilegeEscalation must be false', 'Restricted: every container must set allowPrivilegeEscalation: false.', 'set allowPrivilegeEscalation: false', (ctx) => {
    for (const { c, path } of containersOf(ctx.pod!)) if (c.securityContext?.allowPrivilegeEscalation !== false) ctx.report('pss.privilege-escalation', msg`${path}.securityContext.allowPrivilegeEscalation`, msg`container "${c.name}" must set allowPrivilegeEscalation=false under the restricted profile`);
  }),
  rule('pss.run-as-non-root', 'restricted', 'runAsNonRoot must be true and runAsUser non-zero', 'Restricted: runAsNonRoot true on the Pod or every container, and no runAsUser 0.', 'set runAsNonRoot: true and a non-zero runAsUser', (ctx) => {
    const psc = ctx.pod!.spec.securityContext ?? {};
    for (const { c, path } of containersOf(ctx.pod!)) {
      const sc = c.securityContext ?? {};
      if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) ctx.report('pss.run-as-non-root', msg`${path}.securityContext.runAsNonRoot`, msg`container "${c.name}" must set runAsNonRoot=true under the restricted profile`);
      if ((sc.runAsUser ?? psc.runAsUser) === 0) ctx.report('pss.run-as-non-root', msg`${path}.securityContext.runAsUser`, msg`container "${c.name}" must not set runAsUser=0 under the restricted profile`);
    }
  }),
  rule('pss.seccomp-required', 'restricted', 'seccompProfile must be RuntimeDefault or Localhost', 'Restricted: the seccomp profile must be set explicitly, on the Pod or on every container.', 'set spec.securityContext.seccompProfile.type: RuntimeDefault', (ctx) => {
    const podType = ctx.pod!.spec.securityContext?.seccompProfile?.type;
    for (const { c, path } of containersOf(ctx.pod!)) {
      const t = c.securityContext?.seccompProfile?.type ?? podType;
      if (t !== 'RuntimeDefault' && t !== 'Localhost') ctx.report('pss.seccomp-required', msg`${path}.securityContext.seccompProfile.type`, msg`container "${c.name}" must set seccompProfile.type to RuntimeDefault or Localhost under the restricted profile`);
    }
  }),
  rule('pss.capabilities-restricted', 'restricted', 'containers must drop ALL and add only NET_BIND_SERVICE', 'Restricted: capabilities.drop must include ALL; only NET_BIND_SERVICE may be added.', 'set capabilities.drop: [ALL]', (ctx) => {
    for (const { c, path } of containersOf(ctx.pod!)) {
      const caps = c.securityContext?.capabilities ?? {};
      if (!arr(caps.drop).some((x) => capName(x) === 'ALL')) ctx.report('pss.capabilities-restricted', msg`${path}.securityContext.capabilities.drop`, msg`container "${c.name}" must drop ALL capabilities under the restricted profile`);
      arr(caps.add).forEach((cap, i) => {
        if (capName(cap) !== 'NET_BIND_SERVICE') ctx.report('pss.capabilities-restricted', msg`${path}.securityContext.capabilities.add[${i}]`, msg`capability ${capName(cap)} is forbidden by the restricted profile`);
      });
    }
  }),
];
