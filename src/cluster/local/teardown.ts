/**
 * Teardown: stops every process the cluster started (by PID, then anything left in its cgroups
 * or namespace, and containerd's shims), unmounts, removes the namespace (and so the veth), the
 * cgroups and the state directory; and lists what is still there.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cgroupDirs } from './cgroups';
import { killCgroupProcs, killNetnsProcs, killShims } from './kill';
import { WorkerNode } from './node-lifecycle';
import { COMPONENTS } from './components';
import { ClusterContext } from './context';
import { mountPoints, mountsUnder } from './mounts';
import { netnsInode } from './netns';
import { exeName, listPids } from './procs';
import { Supervisor } from './supervisor';
import { dirsDepthFirst, readdirIf, readIf, run } from './sys';

export async function teardown(ctx: ClusterContext, sup: Supervisor): Promise<string[]> {
  const { id, paths } = ctx;
  const NET = id.net;
  const t0 = Date.now();
  const problems: string[] = [];
  const netnsIno = netnsInode(ctx);

  // 1. the kubelet first (so it does not restart containers), then the containers, then the rest.
  const step = (what: string) => process.env.PODSMITH_DEBUG && ctx.log(`down: ${what} at ${Date.now() - t0} ms`);
  const workers = id.nodes.filter((n) => n.index > 0).map((n) => new WorkerNode(ctx, n));
  await Promise.all(workers.map((w) => w.stopAll()));
  step('worker nodes stopped');
  await sup.stop(['kubelet', 'kube-proxy', 'coredns', 'kube-scheduler', 'kube-controller-manager']);
  step('node components stopped');
  await killCgroupProcs(ctx);
  await killShims(ctx);
  step('containers killed');
  // Their state is deleted next: no need to wait for a graceful API server shutdown.
  await sup.stop(['containerd', 'kube-apiserver', 'etcd'], 1000);
  step('control plane stopped');
  // 2. anything else left in the namespace (shims, stray children).
  if (netnsIno !== undefined) await killNetnsProcs(netnsIno);
  await killCgroupProcs(ctx);

  // 3. mounts under the state dir (container rootfs, pod volumes, pod netns, kubelet bind).
  for (const m of mountsUnder(paths.stateDir)) {
    const r = await run('umount', [m], { allowFail: true });
    if (r.code !== 0) {
      const r2 = await run('umount', ['-l', m], { allowFail: true });
      if (r2.code !== 0) problems.push(`could not unmount ${m}: ${r2.stderr.trim()}`);
    }
  }

  // 4. the network namespaces (deleting one deletes its veth pairs too), node 0's last.
  for (const netns of [...id.nodes.map((n) => n.netns)].reverse()) {
    if (!fs.existsSync(`/run/netns/${netns}`)) continue;
    const r = await run('ip', ['netns', 'delete', netns], { allowFail: true });
    if (r.code !== 0) problems.push(`could not delete netns ${netns}: ${r.stderr.trim()}`);
  }
  if (fs.existsSync(`/sys/class/net/${NET.hostIf}`)) await run('ip', ['link', 'delete', NET.hostIf], { allowFail: true });
  if (fs.existsSync(paths.etc('run-netns-mounted-by-podsmith')) && !mountPoints().some((m) => m.startsWith('/run/netns/'))) {
    await run('umount', ['/run/netns'], { allowFail: true });
  }

  // 5. cgroups, depth first.
  for (const dir of cgroupDirs(ctx)) {
    for (const d of dirsDepthFirst(dir)) {
      try {
        fs.rmdirSync(d);
      } catch (e) {
        problems.push(`could not remove cgroup ${d}: ${(e as Error).message}`);
      }
    }
  }

  // 6. state and the few files containerd/CNI keep outside it.
  fs.rmSync(paths.stateDir, { recursive: true, force: true });
  for (const f of readdirIf('/var/lib/cni/results')) {
    if (f.startsWith(`${id.name}-`)) fs.rmSync(path.join('/var/lib/cni/results', f), { force: true });
  }
  cleanContainerdRunDir();

  const left = leftovers(ctx, sup);
  problems.push(...left);
  ctx.log(`down in ${Date.now() - t0} ms${problems.length ? `; left: ${problems.join('; ')}` : ''}`);
  return problems;
}

/** Everything of the cluster still present on the machine (empty when fully down). */
export function leftovers(ctx: ClusterContext, sup: Supervisor): string[] {
  const { id, paths } = ctx;
  const NET = id.net;
  const out: string[] = [];
  for (const c of COMPONENTS) {
    const pid = sup.readPid(c);
    if (pid !== undefined && sup.isOurs(c, pid)) out.push(`process ${c} (${pid})`);
  }
  for (const n of id.nodes) {
    if (n.index > 0 && fs.existsSync(`/run/netns/${n.netns}`)) out.push(`netns /run/netns/${n.netns}`);
  }
  const sock = paths.containerdSock;
  for (const pid of listPids()) {
    const cmd = readIf(`/proc/${pid}/cmdline`);
    if (cmd && (cmd.includes(`${paths.stateDir}/`) || cmd.includes(sock))) out.push(`process ${pid}: ${cmd.split('\0').join(' ').slice(0, 120)}`);
  }
  for (const m of mountsUnder(paths.stateDir)) out.push(`mount ${m}`);
  if (fs.existsSync(`/run/netns/${id.netns}`)) out.push(`netns /run/netns/${id.netns}`);
  if (fs.existsSync(`/sys/class/net/${NET.hostIf}`)) out.push(`link ${NET.hostIf}`);
  for (const d of cgroupDirs(ctx)) out.push(`cgroup ${d}`);
  if (fs.existsSync(paths.stateDir)) out.push(`state ${paths.stateDir}`);
  return out;
}

/** containerd 1.6 creates /run/containerd/{fifo,runc,s} whatever its config says. */
function cleanContainerdRunDir(): void {
  const others = listPids().some((pid) => exeName(pid) === 'containerd');
  if (others) return;
  const base = '/run/containerd';
  if (!fs.existsSync(base)) return;
  for (const d of dirsDepthFirst(base)) {
    try {
      for (const f of readdirIf(d)) {
        const full = path.join(d, f);
        if (!fs.statSync(full).isDirectory()) fs.rmSync(full, { force: true });
      }
      fs.rmdirSync(d);
    } catch {
      /* not ours or not empty */
    }
  }
}
