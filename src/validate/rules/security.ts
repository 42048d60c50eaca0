/** Security best practices (H4, H14, H20, H27, H28) with parity to kube-score, kube-linter and Polaris. */
import { arr, containersOf, isObj } from '../context';
import { sysctlName } from '../names';
import { capName, CheckedRule } from './types';
import { msg } from '../field';

/** Capabilities that widen nothing an unprivileged service needs beyond binding a low port. */
const SAFE_CAPABILITIES = new Set(['NET_BIND_SERVICE']);

/** Safe sysctls per the Pod Security Standards (baseline), with the minor version that allowed each. */
const SAFE_SYSCTLS: Array<[string, number]> = [
  ['kernel.shm_rmid_forced', 0], ['net.ipv4.ip_local_port_range', 0], ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0], ['net.ipv4.ip_unprivileged_port_start', 0], ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29], ['net.ipv4.tcp_fin_timeout', 29], ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29], ['net.ipv4.tcp_rmem', 32], ['net.ipv4.tcp_wmem', 32],
];

export function isSafeSysctl(name: string, minor: number): boolean {
  const n = name.replace(/\//g, '.');
  return SAFE_SYSCTLS.some(([s, since]) => s === n && minor >= since);
}

/** The timezone files H28 asks to mount from the node. */
export function isZoneFilePath(p: unknown): boolean {
  if (typeof p !== 'string') return false;
  return p === '/etc/localtime' || /^\/usr\/share\/zoneinfo\/[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(p);
}

export const securityRules: CheckedRule[] = [
  {
    id: 'security.privileged', severity: 'warning', layer: 'best-practice', handbook: ['H4'],
    summary: 'a privileged container',
    rationale: 'A privileged container has every capability and the host\'s devices; it can change the node\'s configuration (H4). Only network plugins and similar node agents need it.',
    fix: 'remove securityContext.privileged, add the specific capability instead, or opt out explicitly (allowPrivileged)',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        if (c.securityContext?.privileged === true) ctx.report('security.privileged', msg`${path}.securityContext.privileged`, msg`container "${c.name}" is privileged`);
      }
    },
  },
  {
    id: 'security.dangerous-capabilities', severity: 'warning', layer: 'best-practice', handbook: ['H20'],
    summary: 'a container adds capabilities beyond NET_BIND_SERVICE',
    rationale: 'Capabilities such as SYS_ADMIN, NET_ADMIN, NET_RAW or ALL give root-like power over the node\'s kernel or network (H20); an application rarely needs more than binding a port below 1024.',
    fix: 'drop the capability, or keep only NET_BIND_SERVICE',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        arr(c.securityContext?.capabilities?.add).forEach((cap, i) => {
          if (!SAFE_CAPABILITIES.has(capName(cap))) {
            ctx.report('security.dangerous-capabilities', msg`${path}.securityContext.capabilities.add[${i}]`, msg`container "${c.name}" adds capability ${capName(cap)}`);
          }
        });
      }
    },
  },
  {
    id: 'host.namespaces', severity: 'warning', layer: 'best-practice', handbook: ['H14'],
    summary: 'the Pod shares the host\'s network, PID or IPC namespace',
    rationale: 'hostNetwork, hostPID and hostIPC put the Pod into the node\'s namespaces (H14): it sees and can disturb every process, socket or shared-memory segment of the node.',
    fix: 'remove hostNetwork/hostPID/hostIPC, or opt out explicitly for node agents (DaemonSet hostNetwork)',
    check(ctx) {
      for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (ctx.pod!.spec[f] === true) ctx.report('host.namespaces', msg`${ctx.pod!.specPath}.${f}`, msg`${f} is true: the Pod shares the node's namespace`);
      }
    },
  },
  {
    id: 'host.network-dns-policy', severity: 'warning', layer: 'best-practice', handbook: ['H13', 'H14'],
    summary: 'hostNetwork without dnsPolicy ClusterFirstWithHostNet',
    rationale: 'On the host network the default dnsPolicy (ClusterFirst) silently falls back to the node\'s resolv.conf, so cluster Service names do not resolve (H13); ClusterFirstWithHostNet keeps cluster DNS.',
    fix: 'set dnsPolicy: ClusterFirstWithHostNet',
    check(ctx) {
      const s = ctx.pod!.spec;
      if (s.hostNetwork === true && s.dnsPolicy !== 'ClusterFirstWithHostNet' && s.dnsPolicy !== 'None') {
        ctx.report('host.network-dns-policy', msg`${ctx.pod!.specPath}.dnsPolicy`, msg`hostNetwork is true but dnsPolicy is ${s.dnsPolicy ?? 'ClusterFirst (default)'}: cluster DNS names will not resolve`);
      }
    },
  },
  {
    id: 'host.ports', severity: 'warning', layer: 'best-practice', handbook: ['H14'],
    summary: 'a container binds a port on the node (hostPort)',
    rationale: 'A hostPort ties the Pod to nodes where the port is free, limits it to one replica per node and exposes it outside the cluster network policy (kube-linter host-port, Polaris hostPortSet).',
    fix: 'remove hostPort and expose the port with a Service',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        arr(c.ports).forEach((p, i) => {
          if (typeof p?.hostPort === 'number' && p.hostPort !== 0) ctx.report('host.ports', msg`${path}.ports[${i}].hostPort`, msg`container "${c.name}" binds host port ${p.hostPort}`);
        });
      }
    },
  },
  {
    id: 'sysctls.unsafe', severity: 'warning', layer: 'best-practice', handbook: ['H27'],
    summary: 'a sysctl outside the safe set',
    rationale: 'Unsafe sysctls must be allowed on each kubelet (--allowed-unsafe-sysctls); elsewhere the Pod is rejected by the node (SysctlForbidden) and never starts (H27).',
    fix: 'use only safe sysctls, or allow the sysctl on the nodes and schedule the Pod there',
    check(ctx) {
      arr(ctx.pod!.spec.securityContext?.sysctls).forEach((s, i) => {
        if (typeof s?.name === 'string' && !sysctlName(s.name).length && !isSafeSysctl(s.name, ctx.minor)) {
          ctx.report('sysctls.unsafe', msg`${ctx.pod!.specPath}.securityContext.sysctls[${i}].name`, msg`sysctl "${s.name}" is not in the safe set: the kubelet must allow it explicitly`);
        }
      });
    },
  },
  {
    id: 'security.host-path', severity: 'warning', layer: 'best-practice', handbook: ['H9', 'H28'],
    summary: 'a hostPath volume (other than a read-only timezone file)',
    rationale: 'A hostPath gives the Pod the node\'s files and binds it to that node\'s layout. The handbook itself (H28) mounts the node\'s timezone file, so a read-only hostPath of exactly /etc/localtime or /usr/share/zoneinfo/<Zone> is allowed here — unlike kube-linter and Polaris, which flag every hostPath (and unlike the Pod Security baseline profile, which forbids them all).',
    fix: 'use a ConfigMap, emptyDir or PersistentVolumeClaim; for the timezone mount /etc/localtime or /usr/share/zoneinfo/<Zone> read-only',
    check(ctx) {
      const pod = ctx.pod!;
      const refs = containersOf(pod);
      arr(pod.spec.volumes).forEach((v, i) => {
        if (!isObj(v?.hostPath)) return;
        const mounts = refs.flatMap(({ c }) => arr(c.volumeMounts).filter((m) => m?.name === v.name));
        const readOnly = mounts.every((m) => m.readOnly === true);
        if (isZoneFilePath(v.hostPath.path) && readOnly) return;
        ctx.report('security.host-path', msg`${pod.specPath}.volumes[${i}].hostPath`, msg`volume "${v.name}" mounts host path ${v.hostPath.path}${readOnly ? '' : ' writable'}`);
      });
    },
  },
  {
    id: 'security.run-as-root', severity: 'warning', layer: 'best-practice', handbook: ['H6', 'H20'],
    summary: 'a container may run as root',
    rationale: 'Without runAsNonRoot (or a non-zero runAsUser) the image\'s USER decides, and most images run as root; a container breakout is then root on the node (kube-score, Polaris runAsRootAllowed).',
    fix: 'set securityContext.runAsNonRoot: true and a non-zero runAsUser',
    check(ctx) {
      const psc = ctx.pod!.spec.securityContext ?? {};
      for (const { c, path } of containersOf(ctx.pod!)) {
        const sc = c.securityContext ?? {};
        const user = sc.runAsUser ?? psc.runAsUser;
        const nonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
        if (user === 0) ctx.report('security.run-as-root', msg`${path}.securityContext.runAsUser`, msg`container "${c.name}" runs as user 0 (root)`);
        else if (nonRoot !== true && !(typeof user === 'number' && user > 0)) {
          ctx.report('security.run-as-root', msg`${path}.securityContext.runAsNonRoot`, msg`container "${c.name}" may run as root: runAsNonRoot is not true and runAsUser is not set`);
        }
      }
    },
  },
  {
    id: 'security.privilege-escalation', severity: 'warning', layer: 'best-practice', handbook: ['H4', 'H20'],
    summary: 'a container allows privilege escalation',
    rationale: 'allowPrivilegeEscalation defaults to true: setuid binaries can gain more privileges than the process started with (no_new_privs unset) (kube-linter privilege-escalation-container, Polaris).',
    fix: 'set securityContext.allowPrivilegeEscalation: false',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        if (c.securityContext?.allowPrivilegeEscalation !== false) ctx.report('security.privilege-escalation', msg`${path}.securityContext.allowPrivilegeEscalation`, msg`container "${c.name}" does not set allowPrivilegeEscalation: false`);
      }
    },
  },
  {
    id: 'security.read-only-root-fs', severity: 'warning', layer: 'best-practice', handbook: ['H9'],
    summary: 'a container with a writable root filesystem',
    rationale: 'A read-only root filesystem stops an intruder from changing binaries or dropping tools, and makes writable state explicit as volumes (kube-linter no-read-only-root-fs, Polaris, kube-score).',
    fix: 'set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app writes',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        if (c.securityContext?.readOnlyRootFilesystem !== true) ctx.report('security.read-only-root-fs', msg`${path}.securityContext.readOnlyRootFilesystem`, msg`container "${c.name}" has a writable root filesystem`);
      }
    },
  },
  {
    id: 'security.seccomp-profile', severity: 'warning', layer: 'best-practice', handbook: ['H20'],
    summary: 'no seccomp profile (RuntimeDefault) on the Pod or container',
    rationale: 'Without a seccomp profile containers run Unconfined and can make every system call; RuntimeDefault blocks the dangerous ones at no cost for ordinary applications.',
    fix: 'set spec.securityContext.seccompProfile.type: RuntimeDefault',
    check(ctx) {
      const podType = ctx.pod!.spec.securityContext?.seccompProfile?.type;
      for (const { c, path } of containersOf(ctx.pod!)) {
        const t = c.securityContext?.seccompProfile?.type ?? podType;
        if (t !== 'RuntimeDefault' && t !== 'Localhost') {
          ctx.report('security.seccomp-profile', msg`${path}.securityContext.seccompProfile`, msg`container "${c.name}" runs with seccomp ${t ?? 'unset (Unconfined)'}`);
        }
      }
    },
  },
  {
    id: 'security.service-account-token', severity: 'warning', layer: 'best-practice', handbook: ['H10'],
    summary: 'the service account token is mounted although the Pod may not need it',
    rationale: 'By default every Pod gets a token for the Kubernetes API; an application that does not call the API only gives an intruder credentials (Polaris automountServiceAccountToken). When the Pod does not say, its ServiceAccount\'s automountServiceAccountToken decides; a ServiceAccount of the bundle that sets it false is enough.',
    fix: 'set spec.automountServiceAccountToken: false (or opt in when the Pod calls the API)',
    crossObject: true,
    applies: (ctx) => ctx.pod?.spec.automountServiceAccountToken !== false,
    check(ctx) {
      const own = ctx.pod!.spec.automountServiceAccountToken;
      const name = ctx.pod!.spec.serviceAccountName ?? ctx.pod!.spec.serviceAccount ?? 'default';
      if (own === undefined && ctx.bundle.serviceAccounts.get(`${ctx.namespace}/${String(name)}`)?.automountServiceAccountToken === false) return;
      if (own !== false) {
        ctx.report('security.service-account-token', msg`${ctx.pod!.specPath}.automountServiceAccountToken`, 'automountServiceAccountToken is not false: the Pod gets an API token');
      }
    },
  },
];
