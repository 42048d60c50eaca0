/**
 * Sysctls (H27). Safe sysctls are namespaced and allowed by every kubelet; the list grew with
 * Kubernetes releases (kubelet `SafeSysctlAllowlist`, Pod Security Standards baseline). Anything
 * else must be allowed per node (`--allowed-unsafe-sysctls`).
 */

/** [sysctl, first Kubernetes minor in which the kubelet treats it as safe] */
const SAFE_SINCE: ReadonlyArray<[string, number]> = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 18],
  ['net.ipv4.ip_unprivileged_port_start', 22],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
];

/** The newest Kubernetes minor podsmith knows the safe list of. */
export const NEWEST_KNOWN_MINOR = 34;

/** Normalises `net/ipv4/ip_local_port_range` to `net.ipv4.ip_local_port_range`, as the kubelet does. */
export function normalizeSysctlName(name: string): string {
  return name.includes('/') && !name.includes('.') ? name.replace(/\//g, '.') : name;
}

/** The safe sysctls of a Kubernetes minor version (e.g. 27 for 1.27). */
export function safeSysctls(minor: number = NEWEST_KNOWN_MINOR): string[] {
  return SAFE_SINCE.filter(([, since]) => since <= minor).map(([name]) => name);
}

export function isSafeSysctl(name: string, minor: number = NEWEST_KNOWN_MINOR): boolean {
  const n = normalizeSysctlName(name);
  return SAFE_SINCE.some(([safe, since]) => safe === n && since <= minor);
}

/** Which host namespace a namespaced sysctl belongs to, or undefined when it is not namespaced (node-level). */
export function sysctlNamespace(name: string): 'ipc' | 'net' | undefined {
  const n = normalizeSysctlName(name);
  if (/^kernel\.(shm_rmid_forced|shmmax|shmall|shmmni|msgmax|msgmnb|msgmni|sem)$/.test(n) || n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.')) {
    return 'ipc';
  }
  if (n.startsWith('net.')) return 'net';
  return undefined;
}

/** The API server's sysctl name pattern (`IsValidSysctlName`): dot- or slash-separated segments, at most 253 characters. */
export const SYSCTL_NAME_RE = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
export function isValidSysctlName(name: string): boolean {
  return name.length <= 253 && SYSCTL_NAME_RE.test(name);
}
