/** Killing what a cluster or one of its nodes left running: container processes, shims, anything in a namespace. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cgroupDirs } from './cgroups';
import { ClusterContext } from './context';
import { killWait, listPids, tryKill } from './procs';
import { dirsDepthFirst, readIf } from './sys';

/** SIGKILL every process in the cluster's cgroups (the containers); `nodeOnly`: in the context's node's only. */
export async function killCgroupProcs(ctx: ClusterContext, nodeOnly = false): Promise<void> {
  const pids = new Set<number>();
  for (const dir of cgroupDirs(ctx, nodeOnly)) {
    for (const d of dirsDepthFirst(dir)) {
      for (const l of (readIf(path.join(d, 'cgroup.procs')) ?? '').split('\n')) if (l.trim()) pids.add(Number(l));
    }
  }
  for (const pid of pids) tryKill(pid, 'SIGKILL');
  await killWait([...pids], 5000);
}

/**
 * containerd's shims are daemonized; find them by the containerd address they were given: under
 * the context's state directory (a cluster's: every node's; a node's: that node's).
 */
export async function killShims(ctx: ClusterContext): Promise<void> {
  const pids: number[] = [];
  for (const pid of listPids()) {
    const cmd = readIf(`/proc/${pid}/cmdline`);
    if (cmd && cmd.includes('containerd-shim') && cmd.includes(`${ctx.paths.stateDir}/`)) {
      tryKill(pid, 'SIGKILL');
      pids.push(pid);
    }
  }
  await killWait(pids, 5000);
}

/** SIGKILL every process in the network namespace with this inode. */
export async function killNetnsProcs(ino: number): Promise<void> {
  const pids: number[] = [];
  for (const pid of listPids()) {
    if (pid === process.pid) continue;
    try {
      if (fs.statSync(`/proc/${pid}/ns/net`).ino === ino) {
        tryKill(pid, 'SIGKILL');
        pids.push(pid);
      }
    } catch {
      /* gone */
    }
  }
  await killWait(pids, 5000);
}
