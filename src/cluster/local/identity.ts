/**
 * A local cluster's identity: from its name, every machine-wide name and address it takes
 * (network namespace, host interface, veth addresses, cgroup directory, state directory).
 * Pure. The default name, `podsmith`, gives the values every podsmith before this one used;
 * another name gives values that do not collide with it, so two clusters can run side by side
 * (e.g. a developer's cluster next to the shared one).
 *
 * Everything else (etcd's and the API server's ports, the bridge, Pod and Service ranges, CoreDNS
 * on port 53) lives inside the cluster's own network namespace, so it is the same in every cluster.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { ClusterError } from './errors';
import { MAX_NODES, NodeSpec, nodeSet } from './nodes';

/** The name of the default cluster (env `PODSMITH_CLUSTER_NAME` picks another). */
export const DEFAULT_CLUSTER_NAME = 'podsmith';

/** The cluster's network: host side of the veth, node side, and the ranges inside the namespace. */
export interface NetworkPlan {
  /** The veth end in the host's namespace (the only interface the cluster adds there). */
  readonly hostIf: string;
  /** The veth end in the cluster's namespace. */
  readonly nodeIf: string;
  readonly hostIp: string;
  /** Where the API server listens. */
  readonly nodeIp: string;
  readonly prefix: number;
  /** The CNI bridge inside the namespace. */
  readonly bridge: string;
  readonly podSubnet: string;
  readonly clusterCidr: string;
  readonly serviceCidr: string;
  readonly apiServiceIp: string;
  readonly dnsIp: string;
  readonly apiPort: number;
}

export interface ClusterIdentity {
  /** Cluster name: also the kubeconfig's cluster and context name and the CNI network name. */
  readonly name: string;
  /** The network namespace, `/run/netns/<netns>`. */
  readonly netns: string;
  /** The cgroup directory in every hierarchy (`/sys/fs/cgroup/<c>/<cgroup>`), the kubelet's cgroupRoot. */
  readonly cgroup: string;
  /** State directory: pids, logs, pki, kubeconfigs, configs, etcd data, containerd root. */
  readonly stateDir: string;
  readonly net: NetworkPlan;
  readonly nodes: readonly NodeSpec[];
}

export interface IdentityOptions {
  /** Cluster name, 1–10 of [a-z0-9-], starting with a letter (default `podsmith`). */
  name?: string;
  /** Parent of the state directory (default `$PODSMITH_STATE` or /var/lib/podsmith). */
  stateRoot?: string;
  /** How many nodes, 1–8 (default 1): node 0 runs the control plane too (see nodes.ts). */
  nodes?: number;
}

/**
 * The identity of the cluster `name`. A non-default name gets the /30 at slot 1–62 of
 * 10.254.254.0/24 given by a hash of the name (the default takes slot 0); `up` checks that no
 * other interface holds it.
 */
export function clusterIdentity(opts: IdentityOptions = {}): ClusterIdentity {
  const name = opts.name ?? DEFAULT_CLUSTER_NAME;
  const stateRoot = opts.stateRoot ?? process.env.PODSMITH_STATE ?? '/var/lib/podsmith';
  const isDefault = name === DEFAULT_CLUSTER_NAME;
  // 'podsmith…' names are refused: the default cluster's cleanup matches `podsmith-*` (CNI results).
  if (!isDefault && (!/^[a-z][a-z0-9-]{0,9}$/.test(name) || name.startsWith(DEFAULT_CLUSTER_NAME))) {
    throw new ClusterError(`cluster name '${name}': use 1-10 of a-z, 0-9 and '-', starting with a letter and not with 'podsmith'`);
  }
  const count = opts.nodes ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_NODES) {
    throw new ClusterError(`--nodes ${count}: a local cluster has 1 to ${MAX_NODES} nodes`);
  }
  const slot = isDefault ? 0 : 1 + (crypto.createHash('sha256').update(name).digest()[0] % 62);
  const podSubnet = '10.244.0.0/24';
  const net: NetworkPlan = {
    hostIf: isDefault ? 'psm-host' : `psh-${name}`,
    nodeIf: 'psm-node',
    hostIp: `10.254.254.${slot * 4 + 1}`,
    nodeIp: `10.254.254.${slot * 4 + 2}`,
    prefix: 30,
    bridge: 'psm0',
    podSubnet,
    clusterCidr: '10.244.0.0/16',
    serviceCidr: '10.96.0.0/12',
    apiServiceIp: '10.96.0.1',
    dnsIp: '10.96.0.10',
    apiPort: 6443,
  };
  const netns = isDefault ? name : `psm-${name}`;
  const cgroup = isDefault ? name : `psm-${name}`;
  return {
    name,
    netns,
    cgroup,
    stateDir: path.join(stateRoot, isDefault ? 'local' : `local-${name}`),
    net,
    nodes: nodeSet({ name, slot, nodeIp: net.nodeIp, netns, cgroup, count }),
  };
}
