/** The baseline level of the Pod Security Standards: one rule per upstream baseline check. */
import { arr, isObj, PodRef } from '../../context';
import { msg } from '../../field';
import { CheckedRule } from '../types';
import { isSet, isUserNamespaceRelaxed, podSc, pssContainers, pssRule, Say, str } from './shared';

/** The container runtime's default capabilities: the only ones baseline lets a container add (exact names). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** The sysctls baseline allows, with the minor each was added in (exact names: `net/ipv4/…` is not one of them). */
const PSS_SYSCTLS: [string, number][] = [
  ['kernel.shm_rmid_forced', 0], ['net.ipv4.ip_local_port_range', 0], ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0], ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29], ['net.ipv4.tcp_fin_timeout', 29], ['net.ipv4.tcp_keepalive_intvl', 29], ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32], ['net.ipv4.tcp_wmem', 32],
  ['net.ipv4.tcp_slow_start_after_idle', 37], ['net.ipv4.tcp_notsent_lowat', 37],
];

/** Whether the Pod Security baseline allows a sysctl at a Kubernetes minor. */
export function isPssSysctl(name: string, minor: number): boolean {
  return PSS_SYSCTLS.some(([s, since]) => s === name && minor >= since);
}

const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const SELINUX_TYPES_131 = [...SELINUX_TYPES, 'container_engine_t'];
const SECCOMP_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];

export const baselineRules: CheckedRule[] = [
  pssRule({
    id: 'pss.host-namespaces', profile: 'baseline', upstream: 'hostNamespaces', handbook: ['H14'],
    summary: 'host namespaces are forbidden',
    rationale: 'Baseline: hostNetwork, hostPID and hostIPC must be unset or false.',
    fix: 'remove hostNetwork, hostPID and hostIPC',
    check(pod, say) {
      for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod.spec[f] === true) say(`${pod.specPath}.${f}`, `${f}=true`);
    },
  }),
  pssRule({
    id: 'pss.privileged', profile: 'baseline', upstream: 'privileged', handbook: ['H4'],
    summary: 'privileged containers are forbidden',
    rationale: 'Baseline: securityContext.privileged must be unset or false.',
    fix: 'remove privileged: true',
    check(pod, say) {
      for (const { c, sc, path } of pssContainers(pod)) if (sc?.privileged === true) say(`${path}.securityContext.privileged`, msg`privileged container "${c.name}"`);
    },
  }),
  pssRule({
    id: 'pss.capabilities-baseline', profile: 'baseline', upstream: 'capabilities_baseline', handbook: ['H20'],
    replacedUnderRestrictedSince: { minor: 22, by: 'pss.capabilities-restricted' },
    summary: 'capabilities beyond the baseline default set are forbidden',
    rationale: 'Baseline allows adding only the container runtime\'s default capabilities (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT), spelled exactly so: the admission plugin compares strings, so `chown` and `CAP_CHOWN` are refused.',
    fix: 'drop the added capability, or spell a default one exactly as listed (CHOWN, not chown or CAP_CHOWN)',
    check(pod, say) {
      for (const { sc, path } of pssContainers(pod)) {
        if (!isSet(sc?.capabilities)) continue;
        arr(sc!.capabilities.add).forEach((cap, i) => {
          if (!BASELINE_CAPABILITIES.has(str(cap))) say(`${path}.securityContext.capabilities.add[${i}]`, msg`capability ${JSON.stringify(str(cap))}`);
        });
      }
    },
  }),
  pssRule({
    id: 'pss.host-path', profile: 'baseline', upstream: 'hostPathVolumes', handbook: ['H9', 'H28'],
    replacedUnderRestrictedSince: { minor: 0, by: 'pss.volume-types' },
    summary: 'hostPath volumes are forbidden',
    rationale: 'Baseline forbids every hostPath volume, including the read-only timezone mount of H28 (use TZ with an image that carries tzdata under an enforcing namespace).',
    fix: 'replace the hostPath volume',
    check(pod, say) {
      arr(pod.spec.volumes).forEach((v, i) => { if (isSet(v?.hostPath)) say(`${pod.specPath}.volumes[${i}].hostPath`, msg`hostPath volume "${v.name}"`); });
    },
  }),
  pssRule({
    id: 'pss.host-ports', profile: 'baseline', upstream: 'hostPorts', handbook: ['H14'],
    summary: 'hostPorts are forbidden',
    rationale: 'Baseline: hostPort must be unset or 0. With hostNetwork: true the API server gives every container port without a hostPort its containerPort as hostPort before admission, so those ports count too.',
    fix: 'remove hostPort (and hostNetwork)',
    check(pod, say) {
      const hostNetwork = pod.spec.hostNetwork === true;
      for (const { c, path } of pssContainers(pod)) arr(c.ports).forEach((p, i) => {
        if (!isObj(p)) return;
        if (typeof p.hostPort === 'number' && p.hostPort !== 0) say(`${path}.ports[${i}].hostPort`, `hostPort ${p.hostPort}`);
        // SetDefaults_Pod: hostPort = containerPort under hostNetwork (containers and init containers)
        else if (hostNetwork && !path.includes('.ephemeralContainers[') && typeof p.containerPort === 'number' && p.containerPort !== 0) {
          say(`${path}.ports[${i}].containerPort`, `hostPort ${p.containerPort} (defaulted from containerPort because hostNetwork=true)`);
        }
      });
    },
  }),
  pssRule({
    id: 'pss.host-probes', profile: 'baseline', upstream: 'hostProbesAndHostLifecycle', since: 34, handbook: ['H17', 'H19'],
    summary: 'probes and lifecycle hooks must not name a host',
    rationale: 'Baseline from 1.34: httpGet.host and tcpSocket.host of liveness, readiness and startup probes and of postStart/preStop hooks must be unset or empty, so the kubelet cannot be made to reach other hosts on the Pod\'s behalf.',
    fix: 'remove host from the probe or hook (it then targets the Pod\'s IP); use an httpHeaders Host header for virtual hosts',
    check(pod, say) {
      for (const { c, path } of pssContainers(pod)) {
        const handlers: [any, string][] = PROBES.map((p) => [c[p], `${path}.${p}`]);
        if (isSet(c.lifecycle)) for (const h of HOOKS) handlers.push([c.lifecycle[h], `${path}.lifecycle.${h}`]);
        for (const [h, p] of handlers) {
          if (!isSet(h)) continue;
          for (const kind of ['httpGet', 'tcpSocket']) {
            if (isSet(h[kind]) && str(h[kind].host) !== '') say(`${p}.${kind}.host`, msg`host ${JSON.stringify(str(h[kind].host))}`);
          }
        }
      }
    },
  }),
  pssRule({
    id: 'pss.apparmor', profile: 'baseline', upstream: 'appArmorProfile', handbook: ['H20'],
    summary: 'AppArmor profiles other than RuntimeDefault and Localhost are forbidden',
    rationale: 'Baseline: appArmorProfile.type (Pod and containers) may only be RuntimeDefault or Localhost, and the beta annotations container.apparmor.security.beta.kubernetes.io/* only runtime/default, localhost/<profile> or empty; Unconfined turns the runtime\'s default profile off.',
    fix: 'remove the AppArmor setting or use RuntimeDefault (annotation: runtime/default)',
    check(pod, say) {
      const field = (sc: Record<string, any> | undefined, p: string) => {
        if (isSet(sc?.appArmorProfile) && !APPARMOR_TYPES.has(str(sc!.appArmorProfile.type))) say(`${p}.appArmorProfile.type`, msg`AppArmor profile type ${JSON.stringify(str(sc!.appArmorProfile.type))}`);
      };
      field(podSc(pod), `${pod.specPath}.securityContext`);
      for (const { sc, path } of pssContainers(pod)) field(sc, `${path}.securityContext`);
      const ann = isObj(pod.meta) && isObj(pod.meta.annotations) ? pod.meta.annotations : {};
      for (const [k, v] of Object.entries(ann)) {
        if (!k.startsWith(APPARMOR_ANNOTATION)) continue;
        const value = str(v);
        if (value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/')) say(`${pod.metaPath}.annotations[${k}]`, msg`AppArmor profile ${JSON.stringify(value)}`);
      }
    },
  }),
  pssRule({
    id: 'pss.windows-host-process', profile: 'baseline', upstream: 'windowsHostProcess', handbook: ['H4', 'H14'],
    summary: 'Windows HostProcess containers are forbidden',
    rationale: 'Baseline: windowsOptions.hostProcess (Pod and containers) must be unset or false; a HostProcess container runs on the Windows node with the host\'s privileges.',
    fix: 'remove windowsOptions.hostProcess',
    check(pod, say) {
      const psc = podSc(pod);
      if (isSet(psc?.windowsOptions) && psc!.windowsOptions.hostProcess === true) say(`${pod.specPath}.securityContext.windowsOptions.hostProcess`, 'hostProcess=true');
      for (const { c, sc, path } of pssContainers(pod)) {
        if (isSet(sc?.windowsOptions) && sc!.windowsOptions.hostProcess === true) say(`${path}.securityContext.windowsOptions.hostProcess`, msg`hostProcess container "${c.name}"`);
      }
    },
  }),
  pssRule({
    id: 'pss.proc-mount', profile: 'baseline', upstream: 'procMount', handbook: ['H4'],
    replacedUnderRestrictedSince: { minor: 35, by: 'pss.proc-mount-restricted' },
    summary: 'procMount other than Default is forbidden (baseline relaxes it for hostUsers: false from 1.35)',
    rationale: 'Baseline: the default /proc masks must stay in place; from 1.35 a Pod in a user namespace (hostUsers: false) may set any procMount.',
    fix: 'remove securityContext.procMount, or run the Pod with hostUsers: false',
    check(pod, say, ctx) {
      if (isUserNamespaceRelaxed(ctx, pod)) return;
      procMount(pod, say);
    },
  }),
  pssRule({
    id: 'pss.seccomp-unconfined', profile: 'baseline', upstream: 'seccompProfile_baseline', handbook: ['H20'],
    replacedUnderRestrictedSince: { minor: 19, by: 'pss.seccomp-required' },
    summary: 'a seccomp profile that is set must be RuntimeDefault or Localhost',
    rationale: 'Baseline: a seccompProfile (Pod or container) may be left unset, but when set its type must be RuntimeDefault or Localhost; Unconfined, or a profile without a type, turns filtering off.',
    fix: 'use RuntimeDefault, or remove the seccompProfile',
    check(pod, say) {
      const field = (sc: Record<string, any> | undefined, p: string) => {
        if (isSet(sc?.seccompProfile) && !SECCOMP_TYPES.has(str(sc!.seccompProfile.type))) say(`${p}.seccompProfile.type`, msg`seccomp profile type ${JSON.stringify(str(sc!.seccompProfile.type))}`);
      };
      field(podSc(pod), `${pod.specPath}.securityContext`);
      for (const { sc, path } of pssContainers(pod)) field(sc, `${path}.securityContext`);
    },
  }),
  pssRule({
    id: 'pss.sysctls', profile: 'baseline', upstream: 'sysctls', handbook: ['H27'],
    summary: 'only the Pod Security safe sysctls are allowed',
    rationale: 'Baseline allows only the namespaced sysctls it lists, per release (1.27 adds net.ipv4.ip_local_reserved_ports; 1.29 the tcp_keepalive_* and tcp_fin_timeout; 1.32 tcp_rmem/tcp_wmem; 1.37 tcp_slow_start_after_idle and tcp_notsent_lowat), by exact name: the slash form net/ipv4/… is refused.',
    fix: 'remove the sysctl or use one of the listed names, dot-separated',
    check(pod, say, ctx) {
      arr(podSc(pod)?.sysctls).forEach((s, i) => {
        const name = str(s?.name);
        if (!isPssSysctl(name, ctx.minor)) say(`${pod.specPath}.securityContext.sysctls[${i}].name`, msg`sysctl ${JSON.stringify(name)}`);
      });
    },
  }),
  pssRule({
    id: 'pss.selinux', profile: 'baseline', upstream: 'seLinuxOptions', handbook: ['H20'],
    summary: 'custom SELinux users, roles and types are forbidden',
    rationale: 'Baseline: seLinuxOptions.type may only be a container type (container_t, container_init_t, container_kvm_t, and from 1.31 container_engine_t); user and role must be empty.',
    fix: 'remove seLinuxOptions.user/role and custom types',
    check(pod, say, ctx) {
      const types = ctx.minor >= 31 ? SELINUX_TYPES_131 : SELINUX_TYPES;
      const check = (sc: Record<string, any> | undefined, p: string) => {
        const o = sc?.seLinuxOptions;
        if (!isSet(o)) return;
        if (!types.includes(str(o.type))) say(`${p}.seLinuxOptions.type`, msg`SELinux type ${JSON.stringify(str(o.type))}`);
        for (const f of ['user', 'role']) if (str(o[f]) !== '') say(`${p}.seLinuxOptions.${f}`, `SELinux ${f}`);
      };
      check(podSc(pod), `${pod.specPath}.securityContext`);
      for (const { sc, path } of pssContainers(pod)) check(sc, `${path}.securityContext`);
    },
  }),
];

/** procMount other than Default on any container (shared by the baseline and restricted rules). */
export function procMount(pod: PodRef, say: Say): void {
  for (const { sc, path } of pssContainers(pod)) {
    const pm = sc?.procMount;
    if (pm !== undefined && pm !== null && pm !== 'Default') say(`${path}.securityContext.procMount`, msg`procMount ${JSON.stringify(str(pm))}`);
  }
}
