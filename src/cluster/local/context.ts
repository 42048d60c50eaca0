/** What every step of bring-up and teardown is given: who the cluster is, where its files are, where to log. */
import { ClusterIdentity } from './identity';
import { ClusterPaths } from './paths';

export interface ClusterContext {
  readonly id: ClusterIdentity;
  readonly paths: ClusterPaths;
  readonly log: (line: string) => void;
}

/** The API server's URL. */
export function apiServerUrl(id: ClusterIdentity): string {
  return `https://${id.net.nodeIp}:${id.net.apiPort}`;
}
