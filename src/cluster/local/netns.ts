/**
 * The cluster's network namespace and the veth pair that joins it to the host: the host side
 * and the node side each get one address of a /30; the namespace has no default route.
 */
import * as fs from 'node:fs';
import { ClusterContext } from './context';
import { ClusterError } from './errors';
import { mountPoints } from './mounts';
import { run, writeFile } from './sys';

/** Creates (or completes) the namespace, the veth pair, addresses, routes and sysctls. Idempotent. */
export async function ensureNetns(ctx: ClusterContext): Promise<void> {
  const ns = ctx.id.netns;
  const NET = ctx.id.net;
  if (!fs.existsSync(`/run/netns/${ns}`)) {
    // `ip netns add` makes /run/netns a shared bind mount of itself the first time; remember
    // when that was us, so `down` can undo it.
    if (!mountPoints().includes('/run/netns')) writeFile(ctx.paths.etc('run-netns-mounted-by-podsmith'), '1\n');
    await run('ip', ['netns', 'add', ns]);
  }
  const inNs = (args: string[], allowFail = false) => run('nsenter', [`--net=/run/netns/${ns}`, '--', ...args], { allowFail });
  if (!fs.existsSync(`/sys/class/net/${NET.hostIf}`)) {
    await assertAddressFree(ctx);
    await run('ip', ['link', 'add', NET.hostIf, 'type', 'veth', 'peer', 'name', NET.nodeIf, 'netns', ns]);
    await run('ip', ['addr', 'add', `${NET.hostIp}/${NET.prefix}`, 'dev', NET.hostIf]);
    await run('ip', ['link', 'set', NET.hostIf, 'up']);
  }
  const addrs = (await inNs(['ip', '-o', 'addr', 'show', 'dev', NET.nodeIf], true)).stdout;
  if (!addrs.includes(`${NET.nodeIp}/`)) {
    await inNs(['ip', 'addr', 'add', `${NET.nodeIp}/${NET.prefix}`, 'dev', NET.nodeIf]);
  }
  await inNs(['ip', 'link', 'set', 'lo', 'up']);
  await inNs(['ip', 'link', 'set', NET.nodeIf, 'up']);
  // Service addresses are local to the node's namespace: processes there (hostNetwork Pods,
  // e.g. ClusterFirstWithHostNet DNS) reach ClusterIPs through kube-proxy's OUTPUT DNAT, and an
  // address without a Service ends here instead of being routed anywhere.
  await inNs(['ip', 'route', 'replace', 'local', NET.serviceCidr, 'dev', 'lo', 'table', 'local']);
  // Per-namespace sysctls: forwarding between Pods and the node, and bridged traffic through
  // iptables so Service DNAT works between Pods on the same bridge.
  await inNs(['sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward; [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] && echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables; true']);
}

/** Refuses to take the cluster's host address when another interface of the host already has it. */
async function assertAddressFree(ctx: ClusterContext): Promise<void> {
  const NET = ctx.id.net;
  const out = (await run('ip', ['-o', '-4', 'addr', 'show'], { allowFail: true })).stdout;
  for (const line of out.split('\n')) {
    const m = /^\d+:\s+(\S+)\s+inet\s+([\d.]+)\//.exec(line);
    if (m && (m[2] === NET.hostIp || m[2] === NET.nodeIp)) {
      throw new ClusterError(`cluster '${ctx.id.name}': ${m[2]} is already on interface ${m[1]}; another cluster uses this address slot (pick another name)`);
    }
  }
}

export function netnsInode(ctx: ClusterContext): number | undefined {
  try {
    return fs.statSync(`/run/netns/${ctx.id.netns}`).ino;
  } catch {
    return undefined;
  }
}
