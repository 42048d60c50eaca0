/**
 * podsmith's own local Kubernetes cluster (Linux, root): the `local` cluster provider.
 *
 * Every component is a real upstream binary built by cluster/build.sh (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kubelet, kube-proxy, CoreDNS) or a Debian package
 * (containerd, runc, CNI plugins). All of them run inside one network namespace made for the
 * cluster, so containerd, the kubelet, the CNI bridge, kube-proxy's iptables rules and the Pod
 * IPs never touch the host's namespace, routes or iptables. A veth pair joins the namespace to
 * the host; the API server listens on the node side, so the host reaches it and nothing leaves
 * the machine.
 *
 * This class is the front door; the work is done by the modules next to it (see
 * cluster/README.md for the map): identity and paths say where everything is, up.ts and
 * teardown.ts are the two ordered procedures, supervisor.ts runs the processes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterAccess, ClusterProvider } from '../types';
import { AdminApi } from './api';
import { COMPONENTS } from './components';
import { apiServerUrl, ClusterContext, nodeContext } from './context';
import { ClusterError } from './errors';
import { clusterIdentity, ClusterIdentity, DEFAULT_CLUSTER_NAME } from './identity';
import { loadArchives } from './images';
import { nodeLinked } from './netns';
import { NODE_COMPONENTS, WorkerNode } from './node-lifecycle';
import { NodeSetup } from './node-setup';
import { withLock } from './lock';
import { ClusterPaths } from './paths';
import { Supervisor } from './supervisor';
import { which } from './sys';
import { leftovers, teardown } from './teardown';
import { bringUp, UpTimings } from './up';
import { ClusterVersions } from './versions';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface LocalClusterOptions {
  /** Cluster name (default `$PODSMITH_CLUSTER_NAME` or `podsmith`); see identity.ts for what it selects. */
  name?: string;
  /** Parent of the cluster's state directory (default `$PODSMITH_STATE` or /var/lib/podsmith). */
  stateRoot?: string;
  /** Binary and image cache (default `$PODSMITH_CACHE` or ~/.cache/podsmith). */
  cacheDir?: string;
  /** Where progress lines go (default: stderr). */
  log?: (line: string) => void;
  /**
   * How many nodes (1–8). Default: as many as the running cluster has, else 1. Node 0 (named
   * like the cluster) runs the control plane too; the others are `<name>-n2`, `<name>-n3`, ….
   */
  nodes?: number;
}

/** One node, as `podsmith cluster status` and `cluster node` report it. */
export interface NodeStatus {
  name: string;
  ip: string;
  podSubnet: string;
  netns: string;
  /** Whether the node's containerd, kubelet and kube-proxy run. */
  running: boolean;
  /** Whether the node is on the network (false while partitioned). */
  linked: boolean;
}

/** One component's state, as `podsmith cluster status` reports it. */
export interface ComponentStatus {
  name: string;
  pid?: number;
  running: boolean;
  log: string;
}

export interface LocalStatus {
  /** true when every component runs. */
  running: boolean;
  /** true when some component runs or state exists (something for `down` to clean). */
  present: boolean;
  stateDir: string;
  kubeconfig: string;
  apiServer: string;
  netns: string;
  components: ComponentStatus[];
  /** The nodes, node 0 first. */
  nodes: NodeStatus[];
}

/** Why the local cluster cannot run here, or undefined when it can. */
export function localClusterUnsupportedReason(): string | undefined {
  if (process.platform !== 'linux') return `the local cluster needs Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the local cluster needs root (network namespace, mounts, cgroups)';
  for (const tool of ['nsenter', 'unshare', 'ip', 'mount', 'umount', 'openssl']) {
    if (!which(tool)) return `'${tool}' is not installed (run: bash cluster/prepare.sh)`;
  }
  if (!fs.existsSync('/sys/fs/cgroup')) return '/sys/fs/cgroup is not mounted';
  return undefined;
}

function nodeCountFile(stateDir: string): string {
  return path.join(stateDir, 'node-count');
}

/** The node count the cluster in `stateDir` was brought up with, if it was. */
function recordedNodeCount(stateDir: string): number | undefined {
  try {
    const n = Number(fs.readFileSync(nodeCountFile(stateDir), 'utf8').trim());
    return Number.isInteger(n) && n >= 1 ? n : undefined;
  } catch {
    return undefined;
  }
}

export class LocalCluster implements ClusterProvider {
  readonly kind = 'local' as const;
  readonly identity: ClusterIdentity;
  readonly stateDir: string;
  readonly cacheDir: string;
  readonly netns: string;
  private readonly ctx: ClusterContext;
  private readonly sup: Supervisor;
  private readonly admin: AdminApi;

  /** The node count asked for (undefined: whatever the running cluster has). */
  private readonly askedNodes?: number;

  constructor(opts: LocalClusterOptions = {}) {
    const name = opts.name ?? (process.env.PODSMITH_CLUSTER_NAME || DEFAULT_CLUSTER_NAME);
    const recorded = recordedNodeCount(clusterIdentity({ name, stateRoot: opts.stateRoot }).stateDir);
    this.identity = clusterIdentity({ name, stateRoot: opts.stateRoot, nodes: opts.nodes ?? recorded ?? 1 });
    this.askedNodes = opts.nodes;
    const paths = ClusterPaths.of(this.identity, opts.cacheDir);
    this.ctx = { id: this.identity, node: this.identity.nodes[0], paths, log: opts.log ?? ((line) => process.stderr.write(`cluster: ${line}\n`)) };
    this.sup = new Supervisor(this.ctx);
    this.admin = new AdminApi(this.ctx);
    this.stateDir = paths.stateDir;
    this.cacheDir = paths.cacheDir;
    this.netns = this.identity.netns;
  }

  available(): { ok: true } | { ok: false; reason: string } {
    const reason = localClusterUnsupportedReason();
    return reason ? { ok: false, reason } : { ok: true };
  }

  get versions(): ClusterVersions {
    return this.ctx.paths.versions;
  }

  /** Path of the admin kubeconfig (mode 0600). */
  get kubeconfigPath(): string {
    return this.ctx.paths.kubeconfig('admin');
  }

  /** The kubeconfig's context (and cluster) name. */
  get contextName(): string {
    return this.identity.name;
  }

  get apiServerUrl(): string {
    return apiServerUrl(this.identity);
  }

  /** The busybox image imported from Debian's busybox-static. */
  get busyboxImage(): string {
    return this.ctx.paths.busyboxImage;
  }

  logPath(c: string): string {
    return this.ctx.paths.log(c);
  }

  async ensureUp(): Promise<ClusterAccess> {
    await this.up();
    return { kubeconfig: this.kubeconfigPath, context: this.contextName };
  }

  status(): LocalStatus {
    const components: ComponentStatus[] = COMPONENTS.map((name) => {
      const pid = this.sup.readPid(name);
      return { name, pid, running: pid !== undefined && this.sup.isOurs(name, pid), log: this.logPath(name) };
    });
    const held = new Set(this.workers().filter((w) => w.heldDown()).map((w) => w.spec.name));
    for (const w of this.workers()) {
      for (const c of NODE_COMPONENTS) {
        const pid = w.sup.readPid(c);
        components.push({ name: `${c}@${w.spec.name}`, pid, running: pid !== undefined && w.sup.isOurs(c, pid), log: w.ctx.paths.log(c) });
      }
    }
    // a node held down on purpose (cluster node stop|partition) does not make the cluster "not running"
    const running = components.every((c) => c.running || held.has(c.name.split('@')[1] ?? ''));
    const nodes = this.identity.nodes.map((n) => ({
      name: n.name,
      ip: n.ip,
      podSubnet: n.podSubnet,
      netns: `/run/netns/${n.netns}`,
      running: NODE_COMPONENTS.every((c) => components.find((x) => x.name === (n.index === 0 ? c : `${c}@${n.name}`))?.running),
      linked: nodeLinked(this.ctx, n),
    }));
    return {
      running,
      present: components.some((c) => c.running) || fs.existsSync(this.stateDir) || fs.existsSync(`/run/netns/${this.netns}`),
      stateDir: this.stateDir,
      kubeconfig: this.kubeconfigPath,
      apiServer: this.apiServerUrl,
      netns: `/run/netns/${this.netns}`,
      components,
      nodes,
    };
  }

  /** The nodes other than node 0. */
  private workers(): WorkerNode[] {
    return this.identity.nodes.filter((n) => n.index > 0).map((n) => new WorkerNode(this.ctx, n));
  }

  /** The worker node `name`, or a one-line error naming the nodes there are. */
  private worker(name: string): WorkerNode {
    const node = this.identity.nodes.find((n) => n.name === name);
    if (!node) throw new ClusterError(`cluster '${this.identity.name}' has no node '${name}'; its nodes: ${this.identity.nodes.map((n) => n.name).join(', ')}`);
    if (node.index === 0) throw new ClusterError(`node ${name} runs the control plane and cannot be stopped or partitioned alone (use another node, or podsmith cluster down)`);
    return new WorkerNode(this.ctx, node);
  }

  /**
   * Makes a node fail, as a machine that loses power: its kubelet, kube-proxy, containerd and
   * every container on it are killed at once. The node controller marks it Unknown after
   * NODE_FAILURE_TIMING.graceSeconds; `nodeStart` brings it back.
   */
  async nodeStop(name: string): Promise<void> {
    const w = this.worker(name);
    await withLock(this.ctx.paths.lock, this.ctx.log, () => w.fail());
    this.ctx.log(`node ${name} stopped (kubelet, kube-proxy, containerd and its containers killed)`);
  }

  /** Takes a node off the network: it keeps running but reaches nothing and nothing reaches it. */
  async nodePartition(name: string): Promise<void> {
    const w = this.worker(name);
    await withLock(this.ctx.paths.lock, this.ctx.log, () => w.partition());
    this.ctx.log(`node ${name} partitioned (its link to the cluster is down)`);
  }

  /** Brings a stopped or partitioned node back: on the network again, its processes started, and waits until it is Ready. */
  async nodeStart(name: string, timeoutMs = 120_000): Promise<void> {
    const w = this.worker(name);
    const deadline = Date.now() + timeoutMs;
    await withLock(this.ctx.paths.lock, this.ctx.log, async () => {
      w.release();
      await w.heal();
      await w.start(deadline);
    });
    await w.sup.waitFor(`node ${name} Ready`, deadline, () => this.admin.nodeReady(name));
    this.ctx.log(`node ${name} back and Ready`);
  }

  /**
   * Brings the cluster up (or completes a partly running one) and waits until it is ready:
   * API healthy, node Ready, CoreDNS answering, a test Pod ran. Idempotent.
   */
  async up(opts: { timeoutMs?: number; nodeSetup?: NodeSetup } = {}): Promise<UpTimings> {
    const unsupported = localClusterUnsupportedReason();
    if (unsupported) throw new ClusterError(unsupported);
    return withLock(this.ctx.paths.lock, this.ctx.log, () => {
      const recorded = recordedNodeCount(this.stateDir);
      const st = this.status();
      const any = st.components.some((c) => c.running);
      if (any && this.askedNodes !== undefined && recorded !== undefined && recorded !== this.askedNodes) {
        throw new ClusterError(`cluster '${this.identity.name}' runs with ${recorded} node${recorded === 1 ? '' : 's'}, not ${this.askedNodes}: run podsmith cluster down first, or pick another cluster with PODSMITH_CLUSTER_NAME`);
      }
      fs.mkdirSync(this.stateDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(nodeCountFile(this.stateDir), `${this.identity.nodes.length}\n`);
      return bringUp(this.ctx, this.admin, this.sup, opts, { all: st.running, any, present: st.present });
    });
  }

  /**
   * Stops every process the cluster started and removes all its traces: mounts, the network
   * namespace, cgroups, state. Safe to call when nothing runs. Returns what it could not remove.
   */
  async down(): Promise<string[]> {
    return withLock(this.ctx.paths.lock, this.ctx.log, () => teardown(this.ctx, this.sup));
  }

  /** Imports image archives (docker-archive, OCI archive or OCI layout dir) into every node; returns the image names. */
  async load(archives: string[]): Promise<string[]> {
    if (!this.status().running) throw new ClusterError(`cluster '${this.identity.name}' is not running (run: podsmith cluster up)`);
    const names = new Set<string>();
    for (const n of this.identity.nodes) for (const x of await loadArchives(nodeContext(this.ctx, n), archives)) names.add(x);
    return [...names];
  }

  /** Everything of the cluster still present on the machine (empty when fully down). */
  leftovers(): string[] {
    return leftovers(this.ctx, this.sup);
  }

  /** One request to the API server as the cluster admin. */
  api(method: string, urlPath: string, body?: unknown, timeoutMs = 10_000): Promise<{ status: number; body: any }> {
    return this.admin.request(method, urlPath, body, timeoutMs);
  }
}
