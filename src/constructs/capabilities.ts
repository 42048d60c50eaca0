/**
 * Linux capabilities (H20). The API wants names without the `CAP_` prefix (`NET_ADMIN`), plus
 * the special `ALL`; runtimes ignore a `CAP_NET_ADMIN` there, a mistake podsmith never emits.
 */

/** Every capability the Linux kernel defines (capabilities(7)), without the CAP_ prefix. */
export const LINUX_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_CONTROL', 'AUDIT_READ', 'AUDIT_WRITE', 'BLOCK_SUSPEND', 'BPF', 'CHECKPOINT_RESTORE', 'CHOWN',
  'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'IPC_LOCK', 'IPC_OWNER', 'KILL', 'LEASE',
  'LINUX_IMMUTABLE', 'MAC_ADMIN', 'MAC_OVERRIDE', 'MKNOD', 'NET_ADMIN', 'NET_BIND_SERVICE',
  'NET_BROADCAST', 'NET_RAW', 'PERFMON', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_ADMIN',
  'SYS_BOOT', 'SYS_CHROOT', 'SYS_MODULE', 'SYS_NICE', 'SYS_PACCT', 'SYS_PTRACE', 'SYS_RAWIO',
  'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'SYSLOG', 'WAKE_ALARM',
]);

/**
 * Capabilities a container may add without an explicit opt-in: those the Pod Security
 * Standards baseline profile allows beyond the runtime's defaults are not needed for most
 * services; only binding low ports is routine.
 */
export const UNREMARKABLE_CAPABILITIES: ReadonlySet<string> = new Set(['NET_BIND_SERVICE']);

/** `cap_net_admin`, `CAP_NET_ADMIN` and `net_admin` all become `NET_ADMIN`; undefined when unknown. */
export function normalizeCapability(name: string): string | undefined {
  const upper = name.trim().toUpperCase().replace(/^CAP_/, '');
  if (upper === 'ALL') return 'ALL';
  return LINUX_CAPABILITIES.has(upper) ? upper : undefined;
}
