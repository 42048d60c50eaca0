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

/** The cluster's cgroup directories that exist. */
export function cgroupDirs(ctx: ClusterContext): string[] {
  return cgroupRoots().map((r) => path.join(r, ctx.id.cgroup)).filter((d) => fs.existsSync(d));
}

/** The kubelet requires its cgroup root to exist in every hierarchy. */
export async function ensureCgroups(ctx: ClusterContext): Promise<void> {
  for (const r of cgroupRoots()) {
    const d = path.join(r, ctx.id.cgroup);
    if (!fs.existsSync(d)) fs.mkdirSync(d);
    if (path.basename(r) === 'cpuset') {
      for (const f of ['cpuset.cpus', 'cpuset.mems']) {
        if ((readIf(path.join(d, f)) ?? '').trim() === '') fs.writeFileSync(path.join(d, f), readIf(path.join(r, f)) ?? '');
      }
    }
  }
}
