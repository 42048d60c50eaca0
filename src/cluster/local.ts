/**
 * podsmith's own local Kubernetes cluster: the public names of src/cluster/local/, where each
 * module does one job (see cluster/README.md). Importers use this file.
 */
export { LocalCluster, localClusterUnsupportedReason } from './local/cluster';
export type { ComponentStatus, LocalClusterOptions, LocalStatus } from './local/cluster';
export { ClusterError } from './local/errors';
export { clusterIdentity, DEFAULT_CLUSTER_NAME } from './local/identity';
export type { ClusterIdentity, IdentityOptions, NetworkPlan } from './local/identity';
export type { UpTimings } from './local/up';
export { clusterDir, readVersions } from './local/versions';
export type { ClusterVersions } from './local/versions';
