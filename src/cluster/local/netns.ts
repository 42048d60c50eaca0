/**
 * The cluster's network namespaces: node 0's, joined to the host by a veth pair (the host side
 * and the node side each get one address of a /30; the namespace has no default route), and one
 * per further node, joined to node 0 by a veth pair of its own (see nodes.ts): node 0 routes the
 * node's Pod subnet to it, the node's default route is node 0.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { ClusterContext } from './context';
import { ClusterError } from './errors';
import { mountPoints } from './mounts';
import { NodeSpec } from './nodes';
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

/** The inode of a node's network namespace (node 0's by default), or undefined when there is none. */
export function netnsInode(ctx: ClusterContext, node: NodeSpec = ctx.id.nodes[0]): number | undefined {
  try {
    return fs.statSync(`/run/netns/${node.netns}`).ino;
  } catch {
    return undefined;
  }
}

/** Runs a command inside a node's network namespace. */
export function inNetns(node: NodeSpec, args: string[], allowFail = false) {
  return run('nsenter', [`--net=/run/netns/${node.netns}`, '--', ...args], { allowFail });
}

/**
 * Creates (or completes) the namespace of a node other than node 0, its link to node 0, the
 * addresses and routes on both sides, and the node's sysctls. Idempotent: also what brings a
 * partitioned node back (`up` = true).
 */
export async function ensureNodeNetns(ctx: ClusterContext, node: NodeSpec): Promise<void> {
  const link = node.link;
  if (!link) return;
  const node0 = ctx.id.nodes[0];
  if (!fs.existsSync(`/run/netns/${node.netns}`)) await run('ip', ['netns', 'add', node.netns]);
  const linkExists = (await inNetns(node0, ['ip', 'link', 'show', link.peerIf], true)).code === 0;
  if (!linkExists) {
    await inNetns(node0, ['ip', 'link', 'add', link.peerIf, 'type', 'veth', 'peer', 'name', link.nodeIf, 'netns', node.netns]);
  }
  const peerAddrs = (await inNetns(node0, ['ip', '-o', 'addr', 'show', 'dev', link.peerIf], true)).stdout;
  if (!peerAddrs.includes(`${link.peerIp}/`)) await inNetns(node0, ['ip', 'addr', 'add', `${link.peerIp}/${link.prefix}`, 'dev', link.peerIf]);
  const nodeAddrs = (await inNetns(node, ['ip', '-o', 'addr', 'show', 'dev', link.nodeIf], true)).stdout;
  if (!nodeAddrs.includes(`${node.ip}/`)) await inNetns(node, ['ip', 'addr', 'add', `${node.ip}/${link.prefix}`, 'dev', link.nodeIf]);
  await inNetns(node, ['ip', 'link', 'set', 'lo', 'up']);
  await inNetns(node, ['ip', 'link', 'set', link.nodeIf, 'up']);
  await inNetns(node0, ['ip', 'link', 'set', link.peerIf, 'up']);
  await inNetns(node, ['ip', 'route', 'replace', 'default', 'via', link.peerIp, 'dev', link.nodeIf]);
  await inNetns(node0, ['ip', 'route', 'replace', node.podSubnet, 'via', node.ip, 'dev', link.peerIf]);
  await inNetns(node, ['ip', 'route', 'replace', 'local', ctx.id.net.serviceCidr, 'dev', 'lo', 'table', 'local']);
  await inNetns(node, ['sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward; [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] && echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables; true']);
}

/** Cuts a node other than node 0 off the network (its link to node 0 goes down): the node is partitioned, its processes keep running. */
export async function partitionNode(ctx: ClusterContext, node: NodeSpec): Promise<void> {
  if (!node.link) throw new ClusterError(`node ${node.name} runs the control plane: it cannot be partitioned (pick another node)`);
  await inNetns(ctx.id.nodes[0], ['ip', 'link', 'set', node.link.peerIf, 'down']);
}

/** Whether a node is on the network: its link to node 0 is up (node 0: always). Synchronous, for `status()`. */
export function nodeLinked(ctx: ClusterContext, node: NodeSpec): boolean {
  if (!node.link) return true;
  if (!fs.existsSync(`/run/netns/${node.netns}`)) return false;
  const r = spawnSync('nsenter', [`--net=/run/netns/${ctx.id.nodes[0].netns}`, '--', 'ip', '-o', 'link', 'show', node.link.peerIf], { encoding: 'utf8' });
  return r.status === 0 && /[<,]UP[,>]/.test(r.stdout);
}
