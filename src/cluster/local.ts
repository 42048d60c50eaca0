/**
 * podsmith's own local Kubernetes cluster: the public names of src/cluster/local/, where each
 * module does one job (see cluster/README.md). Importers use this file.
 */
export { LocalCluster, localClusterUnsupportedReason } from './local/cluster';
export type { ComponentStatus, LocalClusterOptions, LocalStatus, NodeStatus } from './local/cluster';
export { MAX_NODES, NODE_FAILURE_TIMING, nodeName } from './local/nodes';
export type { NodeSpec } from './local/nodes';
export type { NodeSetup, NodeTaint } from './local/node-setup';
export { ClusterError } from './local/errors';
export { clusterIdentity, DEFAULT_CLUSTER_NAME } from './local/identity';
export type { ClusterIdentity, IdentityOptions, NetworkPlan } from './local/identity';
export type { UpTimings } from './local/up';
export { clusterDir, readVersions } from './local/versions';
export type { ClusterVersions } from './local/versions';
