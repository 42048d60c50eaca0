/**
 * Bring-up as an ordered list of steps over one context: adopt a healthy cluster, or clean the
 * leftovers of a stopped one, then build what is missing, prepare the host (state dirs, PKI,
 * configs, namespace, cgroups, mounts), start the components in order and wait for each stage
 * (containerd socket, API ready, node Ready, CoreDNS answering, a test Pod ran).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AdminApi } from './api';
import { applyBootstrapObjects, smokePod } from './bootstrap';
import { ensureCgroups } from './cgroups';
import { Component } from './components';
import { apiServerUrl, ClusterContext } from './context';
import { ClusterError } from './errors';
import { ensureKubeletMount } from './mounts';
import { ensureNetns } from './netns';
import { ensurePki } from './pki';
import { ensureBuilt } from './prepare';
import { importImages } from './images';
import { writeConfigs } from './configs';
import { Supervisor } from './supervisor';
import { NODE_STATE_DIRS, WorkerNode } from './node-lifecycle';
import { allNodesReady, applyNodeSetup, NodeSetup } from './node-setup';
import { teardown } from './teardown';

/** Timings of `up()` in milliseconds from its start (for the benchmark). */
export interface UpTimings {
  alreadyUp: boolean;
  apiReadyMs?: number;
  nodeReadyMs?: number;
  dnsReadyMs?: number;
  podReadyMs?: number;
  totalMs: number;
}

const STATE_DIRS = [...NODE_STATE_DIRS, 'etcd'];

/** Brings the cluster up (or completes a partly running one); the caller holds the cluster lock. */
export async function bringUp(ctx: ClusterContext, api: AdminApi, sup: Supervisor, opts: { timeoutMs?: number; nodeSetup?: NodeSetup }, running: { any: boolean; all: boolean; present: boolean }): Promise<UpTimings> {
  const { id, paths, log } = ctx;
  const t0 = Date.now();
  const ms = () => Date.now() - t0;
  const kubeconfig = paths.kubeconfig('admin');
  // nodes held down on purpose (cluster node stop|partition) stay as they are
  const workers = id.nodes.filter((n) => n.index > 0).map((n) => new WorkerNode(ctx, n)).filter((w) => !w.heldDown());
  const upNodes = [id.nodes[0].name, ...workers.map((w) => w.spec.name)];

  if (running.all && (await api.quickHealthy()) && (await allNodesReady(api, ctx, upNodes))) {
    // Re-applies the namespace's addresses, routes and sysctls (idempotent, cheap) so a
    // cluster started by an older podsmith gets what this one expects.
    await ensureNetns(ctx);
    for (const w of workers) await w.heal();
    log(`already up (${apiServerUrl(id)}); kubeconfig ${kubeconfig}`);
    return { alreadyUp: true, totalMs: ms() };
  }

  if (!running.any && running.present) {
    // Leftovers of a cluster whose processes are all gone (a reboot, a killed session): mounts,
    // namespace, cgroups and state would confuse a new start. Clean them first.
    log('found the state of a stopped cluster; cleaning it up first');
    const left = await teardown(ctx, sup);
    if (left.length) throw new ClusterError(`could not clean up the stopped cluster: ${left.join('; ')}`);
  }
  await ensureBuilt(ctx);
  // the time to come up starts once the binaries are there: a cold build (minutes) is not part of it
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  const v = paths.versions;
  log(`starting Kubernetes ${v.KUBERNETES_VERSION}, etcd ${v.ETCD_VERSION}, CoreDNS ${v.COREDNS_VERSION} (state ${paths.stateDir})`);

  // What this up started, so that a failure stops exactly that (and a fresh start leaves nothing).
  const fresh = !running.any;
  const started: Component[] = [];
  const workersStarted: Array<[WorkerNode, Component[]]> = [];
  let timings: UpTimings;
  try {
    for (const d of STATE_DIRS) fs.mkdirSync(path.join(paths.stateDir, d), { recursive: true, mode: 0o700 });
    // A new cluster has a new CA and admin certificate: drop a client made for an older one.
    api.reset();
    await ensurePki(ctx);
    writeConfigs(ctx);
    await ensureNetns(ctx);
    await ensureCgroups(ctx);
    await ensureKubeletMount(ctx);
    for (const w of workers) await w.prepare();
    log(`prepared ${id.nodes.length === 1 ? '' : `${id.nodes.length} nodes `}in ${ms()} ms`);

    const startIfDown = (c: Component) => {
      if (!sup.running(c)) {
        sup.start(c);
        started.push(c);
      }
    };
    const execd = async () => {
      for (const c of started) await sup.execd(c);
    };
    // The controller manager starts once the API server is ready: it gives up when the API server
    // is not healthy (and RBAC bootstrapped) within its own wait, which a loaded machine exceeds.
    for (const c of ['etcd', 'containerd', 'kube-apiserver', 'kube-scheduler'] as const) startIfDown(c);
    await execd();
    sup.watch(started);

    // The kubelet exits at once when the CRI socket is not there yet; images must be there
    // before the first sandbox.
    await sup.waitFor('containerd socket', deadline, async () => fs.existsSync(paths.containerdSock));
    await importImages(ctx);
    // kubelet and kube-proxy retry until the API server answers.
    startIfDown('kubelet');
    startIfDown('kube-proxy');
    await execd();
    for (const w of workers) workersStarted.push([w, await w.start(deadline)]);

    await sup.waitFor('API server /readyz', deadline, async () => (await api.request('GET', '/readyz', undefined, 2000)).status === 200);
    const apiReadyMs = ms();
    log(`API server ready after ${apiReadyMs} ms`);
    startIfDown('kube-controller-manager');
    await applyBootstrapObjects(ctx, api);
    startIfDown('coredns');
    await execd();

    await sup.waitFor(upNodes.length === 1 ? 'node Ready' : `${upNodes.length} nodes Ready`, deadline, () => allNodesReady(api, ctx, upNodes));
    const nodeReadyMs = ms();
    log(`${upNodes.length === 1 ? 'node' : 'nodes'} ${upNodes.join(', ')} Ready after ${nodeReadyMs} ms${upNodes.length < id.nodes.length ? ` (held down: ${id.nodes.filter((n) => !upNodes.includes(n.name)).map((n) => n.name).join(', ')})` : ''}`);
    if (opts.nodeSetup) await applyNodeSetup(api, opts.nodeSetup);

    await sup.waitFor('CoreDNS answering', deadline, async () => (await api.dnsLookup('kubernetes.default.svc.cluster.local')) === id.net.apiServiceIp);
    const dnsReadyMs = ms();
    log(`CoreDNS answering after ${dnsReadyMs} ms`);

    await smokePod(ctx, api, sup, deadline);
    const podReadyMs = ms();
    log(`test Pod ran after ${podReadyMs} ms; cluster ready. kubeconfig: ${kubeconfig}`);
    sup.watch([]);
    timings = { alreadyUp: false, apiReadyMs, nodeReadyMs, dnsReadyMs, podReadyMs, totalMs: ms() };
  } catch (e) {
    sup.watch([]);
    const kept = await undoFailedUp(ctx, sup, fresh, started, workersStarted);
    // the logs the message points at were moved
    if (kept && e instanceof ClusterError) throw new ClusterError(e.message.split(path.join(paths.stateDir, 'logs')).join(kept));
    throw e;
  }
  return timings;
}

/**
 * After a failed up: a fresh start is taken down completely (its logs are kept beside the state
 * directory, whose path it returns); when up was completing a running cluster, only the components it started stop.
 */
async function undoFailedUp(ctx: ClusterContext, sup: Supervisor, fresh: boolean, started: Component[], workersStarted: Array<[WorkerNode, Component[]]>): Promise<string | undefined> {
  const { paths, log } = ctx;
  if (!fresh) {
    const all = [...started, ...workersStarted.flatMap(([w, cs]) => cs.map((c) => `${c} on ${w.spec.name}`))];
    log(`up failed: stopping what it started (${all.join(', ') || 'nothing'})`);
    for (const [w, cs] of workersStarted) await w.sup.stop([...cs].reverse());
    await sup.stop([...started].reverse());
    return undefined;
  }
  const kept = `${paths.stateDir}.failed-up-logs`;
  fs.rmSync(kept, { recursive: true, force: true });
  try {
    fs.cpSync(path.join(paths.stateDir, 'logs'), kept, { recursive: true });
  } catch {
    /* no logs yet */
  }
  log(`up failed: taking down what it started (component logs kept in ${kept})`);
  const left = await teardown(ctx, sup);
  if (left.length) log(`could not remove: ${left.join('; ')}`);
  return kept;
}
