/** The nodes as the API server sees them: all Ready, and the labels and taints a cluster was asked to give them. */
import { AdminApi } from './api';
import { ClusterContext } from './context';
import { ClusterError } from './errors';

/** A node taint, as in the Node's `spec.taints`. */
export interface NodeTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** Labels and taints per node name, applied once the nodes are Ready (labels are merged; a taint replaces one of the same key and effect). */
export interface NodeSetup {
  readonly labels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly taints?: Readonly<Record<string, readonly NodeTaint[]>>;
}

/** Whether every node named (default: every node of the cluster) is registered and Ready. */
export async function allNodesReady(api: AdminApi, ctx: ClusterContext, names: readonly string[] = ctx.id.nodes.map((n) => n.name)): Promise<boolean> {
  for (const n of names) if (!(await api.nodeReady(n))) return false;
  return true;
}

/** Applies labels and taints to the nodes (as the admin: the kubelets may not set most of them themselves). */
export async function applyNodeSetup(api: AdminApi, setup: NodeSetup): Promise<void> {
  const names = new Set([...Object.keys(setup.labels ?? {}), ...Object.keys(setup.taints ?? {})]);
  for (const name of names) {
    const r = await api.request('GET', `/api/v1/nodes/${name}`);
    if (r.status !== 200) throw new ClusterError(`node ${name}: no such node (nodes are named like the cluster, then <name>-n2, <name>-n3, …)`);
    const taints: NodeTaint[] = [...(r.body?.spec?.taints ?? [])];
    for (const t of setup.taints?.[name] ?? []) {
      const i = taints.findIndex((x) => x.key === t.key && x.effect === t.effect);
      if (i >= 0) taints[i] = t;
      else taints.push(t);
    }
    const patch = { metadata: { labels: setup.labels?.[name] ?? {} }, spec: { taints } };
    const p = await api.request('PATCH', `/api/v1/nodes/${name}`, patch, 10_000, 'application/merge-patch+json');
    if (p.status !== 200) throw new ClusterError(`node ${name}: labels/taints refused: HTTP ${p.status} ${JSON.stringify(p.body?.message ?? p.body)}`);
  }
}

/** Parses `NODE:KEY=VALUE` (a label) into the setup. */
export function parseNodeLabel(text: string, setup: { labels: Record<string, Record<string, string>> }): void {
  const m = /^([^:=]+):([^=]+)=(.*)$/.exec(text);
  if (!m) throw new ClusterError(`--node-label ${text}: expected NODE:KEY=VALUE, e.g. podsmith-n2:disktype=ssd`);
  (setup.labels[m[1]] ??= {})[m[2]] = m[3];
}

/** Parses `NODE:KEY[=VALUE]:EFFECT` (a taint) into the setup. */
export function parseNodeTaint(text: string, setup: { taints: Record<string, NodeTaint[]> }): void {
  const m = /^([^:]+):([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text);
  if (!m) throw new ClusterError(`--node-taint ${text}: expected NODE:KEY[=VALUE]:EFFECT with EFFECT NoSchedule, PreferNoSchedule or NoExecute, e.g. podsmith-n3:dedicated=gpu:NoSchedule`);
  (setup.taints[m[1]] ??= []).push({ key: m[2], ...(m[3] !== undefined ? { value: m[3] } : {}), effect: m[4] as NodeTaint['effect'] });
}
