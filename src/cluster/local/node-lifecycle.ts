/**
 * The life of a node other than node 0: prepare it (state, certificates, configs, namespace and
 * link, cgroups, the kubelet's mount), start its containerd, kubelet and kube-proxy, make it fail
 * (every process of the node killed, its containers with it), take it off the network and bring
 * it back. Node 0 runs the control plane and is brought up by up.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCgroups } from './cgroups';
import { Component } from './components';
import { ClusterContext, nodeContext } from './context';
import { ClusterError } from './errors';
import { importImages } from './images';
import { killCgroupProcs, killNetnsProcs, killShims } from './kill';
import { ensureKubeletMount } from './mounts';
import { ensureNodeNetns, netnsInode, partitionNode } from './netns';
import { NodeSpec } from './nodes';
import { ensureNodePki } from './pki';
import { writeNodeConfigs } from './configs';
import { Supervisor } from './supervisor';

/** The components every node runs, in start order. */
export const NODE_COMPONENTS = ['containerd', 'kubelet', 'kube-proxy'] as const satisfies readonly Component[];

/** The state directories every node has (node 0 also has etcd's). */
export const NODE_STATE_DIRS = ['pids', 'logs', 'pki', 'kubeconfigs', 'etc', 'kubelet', 'containerd', 'cni/net.d', 'cni/ipam', 'pod-logs'];

/** A node other than node 0, with its own context and supervisor. */
export class WorkerNode {
  readonly ctx: ClusterContext;
  readonly sup: Supervisor;

  constructor(
    private readonly cluster: ClusterContext,
    readonly spec: NodeSpec,
  ) {
    if (spec.index === 0) throw new ClusterError(`node ${spec.name} runs the control plane; it is not a worker node`);
    this.ctx = nodeContext(cluster, spec);
    this.sup = new Supervisor(this.ctx);
  }

  /**
   * Why the node is down on purpose (`cluster node stop|partition`), or undefined. A node held
   * down stays down: `up` (also the one every `podsmith verify` starts with) neither restarts nor
   * reconnects it; `cluster node start` releases it.
   */
  heldDown(): 'stopped' | 'partitioned' | undefined {
    try {
      const v = fs.readFileSync(this.holdFile, 'utf8').trim();
      return v === 'stopped' || v === 'partitioned' ? v : undefined;
    } catch {
      return undefined;
    }
  }

  /** Ends a hold (before `cluster node start` brings the node back). */
  release(): void {
    fs.rmSync(this.holdFile, { force: true });
  }

  private hold(how: 'stopped' | 'partitioned'): void {
    fs.writeFileSync(this.holdFile, `${how}\n`);
  }

  private get holdFile(): string {
    return path.join(this.ctx.paths.stateDir, 'held-down');
  }

  /** Everything the node needs before its processes start. Idempotent. */
  async prepare(): Promise<void> {
    for (const d of NODE_STATE_DIRS) fs.mkdirSync(path.join(this.ctx.paths.stateDir, d), { recursive: true, mode: 0o700 });
    await ensureNodePki(this.cluster, this.ctx);
    writeNodeConfigs(this.ctx);
    await ensureNodeNetns(this.cluster, this.spec);
    await ensureCgroups(this.ctx);
    await ensureKubeletMount(this.ctx);
  }

  /** Starts what is not running (containerd first; the kubelet once its socket and images are there); returns what it started. */
  async start(deadline: number): Promise<Component[]> {
    const started: Component[] = [];
    const startIfDown = async (c: Component) => {
      if (this.sup.running(c)) return;
      this.sup.start(c);
      started.push(c);
      await this.sup.execd(c);
    };
    // a containerd killed with the node leaves its socket file behind: wait for the new one
    if (!this.sup.running('containerd')) fs.rmSync(this.ctx.paths.containerdSock, { force: true });
    await startIfDown('containerd');
    this.sup.watch(started);
    await this.sup.waitFor(`containerd socket of node ${this.spec.name}`, deadline, async () => fs.existsSync(this.ctx.paths.containerdSock));
    await importImages(this.ctx);
    await startIfDown('kubelet');
    await startIfDown('kube-proxy');
    this.sup.watch([]);
    return started;
  }

  /**
   * The node fails: its kubelet, kube-proxy, containers and containerd are killed at once
   * (SIGKILL, no graceful shutdown), as when a machine loses power. Its state stays, so
   * `start` brings the same node back.
   */
  async fail(): Promise<void> {
    this.hold('stopped');
    await this.sup.stop(['kubelet', 'kube-proxy'], 0);
    await killCgroupProcs(this.ctx, true);
    await killShims(this.ctx);
    await this.sup.stop(['containerd'], 0);
  }

  /** Takes the node off the network: its processes keep running, nothing reaches it and it reaches nothing. */
  async partition(): Promise<void> {
    this.hold('partitioned');
    await partitionNode(this.cluster, this.spec);
  }

  /** Brings a partitioned node back on the network (link up, routes again). */
  async heal(): Promise<void> {
    await ensureNodeNetns(this.cluster, this.spec);
  }

  /** Stops the node for good (teardown): processes, containers, then anything left in its namespace. */
  async stopAll(): Promise<void> {
    await this.sup.stop(['kubelet', 'kube-proxy']);
    await killCgroupProcs(this.ctx, true);
    await killShims(this.ctx);
    await this.sup.stop(['containerd'], 1000);
    const ino = netnsInode(this.cluster, this.spec);
    if (ino !== undefined) await killNetnsProcs(ino);
  }
}
