/**
 * The node set: which nodes a cluster has, and for each its name, network namespace, address,
 * Pod subnet, cgroup directory and state directory. Pure.
 *
 * Node 0 is the control-plane node: the cluster's own namespace (joined to the host by the
 * cluster's veth), where etcd, the API server, the controller manager, the scheduler and CoreDNS
 * run beside its kubelet. Every further node is a namespace of its own with its own containerd,
 * kubelet and kube-proxy, joined to node 0 by a veth pair (a /30 of 10.253.<slot>.0/24): node 0
 * routes each node's Pod subnet to it, and a node's default route is node 0, so Pods reach each
 * other across nodes, Services and the API server, and nothing outside the cluster.
 */

/**
 * How fast a cluster of several nodes notices a lost node: the node controller marks a node
 * Unknown when its kubelet has not renewed its Lease for `graceSeconds` (upstream default 50 s
 * in 1.34), and Pods tolerate `not-ready`/`unreachable` for `tolerationSeconds` (default 300 s)
 * before they are evicted. A one-node cluster keeps the upstream defaults (nowhere to move to).
 */
export const NODE_FAILURE_TIMING = { graceSeconds: 10, tolerationSeconds: 10, leaseSeconds: 6 } as const;

/** The most nodes one local cluster may have. */
export const MAX_NODES = 8;

/** How a node other than node 0 is joined to node 0. */
export interface NodeLink {
  /** The veth end in node 0's namespace (taking it down partitions the node). */
  readonly peerIf: string;
  /** node 0's address on that link: the node's default gateway. */
  readonly peerIp: string;
  /** The veth end in the node's own namespace. */
  readonly nodeIf: string;
  readonly prefix: number;
}

/** One node of the local cluster. */
export interface NodeSpec {
  /** The Node object's name, the kubelet's `--hostname-override` and its certificate's `system:node:<name>`. */
  readonly name: string;
  /** 0 for the control-plane node, 1… for the others. */
  readonly index: number;
  /** The node's address (the kubelet's `--node-ip`). */
  readonly ip: string;
  /** The CNI bridge's Pod subnet on this node. */
  readonly podSubnet: string;
  /** The node's network namespace, `/run/netns/<netns>`. */
  readonly netns: string;
  /** The kubelet's cgroup root (a directory in every cgroup hierarchy). */
  readonly cgroup: string;
  /** The node's state directory, relative to the cluster's (empty for node 0, which uses the cluster's own). */
  readonly stateSubdir: string;
  /** The link to node 0 (undefined for node 0). */
  readonly link?: NodeLink;
}

export interface NodeSetOptions {
  /** The cluster's name (node 0 is named like the cluster). */
  name: string;
  /** The cluster's address slot (0–62): picks 10.253.<slot>.0/24 for the node links. */
  slot: number;
  /** node 0's address (the node side of the cluster's veth). */
  nodeIp: string;
  /** The cluster's network namespace and cgroup directory (node 0's). */
  netns: string;
  cgroup: string;
  /** How many nodes (1–MAX_NODES). */
  count: number;
}

/** The name of node `index` of cluster `name`: the cluster's name, then `<name>-n2`, `<name>-n3`, … */
export function nodeName(name: string, index: number): string {
  return index === 0 ? name : `${name}-n${index + 1}`;
}

/** The nodes of a cluster, node 0 first. */
export function nodeSet(o: NodeSetOptions): NodeSpec[] {
  const nodes: NodeSpec[] = [{ name: o.name, index: 0, ip: o.nodeIp, podSubnet: '10.244.0.0/24', netns: o.netns, cgroup: o.cgroup, stateSubdir: '' }];
  for (let i = 1; i < o.count; i++) {
    const name = nodeName(o.name, i);
    nodes.push({
      name,
      index: i,
      ip: `10.253.${o.slot}.${4 * i + 2}`,
      podSubnet: `10.244.${i}.0/24`,
      netns: `${o.netns}-n${i + 1}`,
      cgroup: `${o.cgroup}-n${i + 1}`,
      stateSubdir: `nodes/${name}`,
      link: { peerIf: `psn${i + 1}`, peerIp: `10.253.${o.slot}.${4 * i + 1}`, nodeIf: 'psm-node', prefix: 30 },
    });
  }
  return nodes;
}
