/**
 * Sysctls (H27). Safe sysctls are namespaced and allowed by every kubelet; the list grew with
 * Kubernetes releases (kubelet `SafeSysctlAllowlist`, Pod Security Standards baseline). Anything
 * else must be allowed per node (`--allowed-unsafe-sysctls`).
 */

import { sysctlName } from './validate/names';

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
export { sysctlNamespace } from './validate/names';

/** The API server's sysctl name rule (`IsValidSysctlName`): dot- or slash-separated segments, at most 253 characters. */
export function isValidSysctlName(name: string): boolean {
  return sysctlName(name).length === 0;
}
