/** The cluster's cgroup directory in every hierarchy (the kubelet's cgroupRoot). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterContext } from './context';
import { readdirIf, readIf } from './sys';

/** The cgroup v1 hierarchies (and the v2 one) where the cluster's cgroups live. */
export function cgroupRoots(): string[] {
  return readdirIf('/sys/fs/cgroup')
    .map((d) => path.join('/sys/fs/cgroup', d))
    .filter((d) => fs.existsSync(path.join(d, 'cgroup.procs')));
}

/** The cgroup directories that exist of every node of the cluster (`nodeOnly`: of the context's node only). */
export function cgroupDirs(ctx: ClusterContext, nodeOnly = false): string[] {
  const names = nodeOnly ? [ctx.node.cgroup] : ctx.id.nodes.map((n) => n.cgroup);
  return cgroupRoots().flatMap((r) => names.map((n) => path.join(r, n))).filter((d) => fs.existsSync(d));
}

/** The kubelet requires its cgroup root to exist in every hierarchy (for the context's node). */
export async function ensureCgroups(ctx: ClusterContext): Promise<void> {
  for (const r of cgroupRoots()) {
    const d = path.join(r, ctx.node.cgroup);
    if (!fs.existsSync(d)) fs.mkdirSync(d);
    if (path.basename(r) === 'cpuset') {
      for (const f of ['cpuset.cpus', 'cpuset.mems']) {
        if ((readIf(path.join(d, f)) ?? '').trim() === '') fs.writeFileSync(path.join(d, f), readIf(path.join(r, f)) ?? '');
      }
    }
  }
}
