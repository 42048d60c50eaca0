/** What every step of bring-up and teardown is given: who the cluster is, which node, where its files are, where to log. */
import * as path from 'node:path';
import { ClusterIdentity } from './identity';
import { NodeSpec } from './nodes';
import { ClusterPaths } from './paths';

export interface ClusterContext {
  readonly id: ClusterIdentity;
  /** The node the node-level steps (containerd, kubelet, kube-proxy, CNI, cgroups) work on: node 0 in the cluster's own context. */
  readonly node: NodeSpec;
  /** The files of this context: the cluster's state dir for node 0, `<state>/nodes/<name>` for the others. */
  readonly paths: ClusterPaths;
  readonly log: (line: string) => void;
}

/** The API server's URL. */
export function apiServerUrl(id: ClusterIdentity): string {
  return `https://${id.net.nodeIp}:${id.net.apiPort}`;
}

/** The context of one node: node 0 is the cluster's own; another node has its own state directory (pids, logs, certificates, configs). */
export function nodeContext(ctx: ClusterContext, node: NodeSpec): ClusterContext {
  if (node.index === 0) return ctx.node.index === 0 ? ctx : { ...ctx, node, paths: new ClusterPaths(ctx.id.stateDir, ctx.paths.cacheDir) };
  return { ...ctx, node, paths: new ClusterPaths(path.join(ctx.id.stateDir, node.stateSubdir), ctx.paths.cacheDir) };
}
