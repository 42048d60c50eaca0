/**
 * The node set: which nodes a cluster has, each with its name, address and Pod subnet.
 * Pure. Today a cluster has one node, named like the cluster, on the node side of its veth.
 */

/** One node of the local cluster. */
export interface NodeSpec {
  /** The Node object's name, the kubelet's `--hostname-override` and its certificate's `system:node:<name>`. */
  readonly name: string;
  /** The node's address (the kubelet's `--node-ip`). */
  readonly ip: string;
  /** The CNI bridge's Pod subnet on this node. */
  readonly podSubnet: string;
}

/** The nodes of a cluster named `name` whose node side of the veth is `nodeIp`. */
export function nodeSet(name: string, nodeIp: string, podSubnet: string): NodeSpec[] {
  return [{ name, ip: nodeIp, podSubnet }];
}
