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
import { ClusterAccess, ClusterProvider } from '../types';
import { AdminApi } from './api';
import { COMPONENTS } from './components';
import { apiServerUrl, ClusterContext } from './context';
import { ClusterError } from './errors';
import { clusterIdentity, ClusterIdentity, DEFAULT_CLUSTER_NAME } from './identity';
import { loadArchives } from './images';
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

export class LocalCluster implements ClusterProvider {
  readonly kind = 'local' as const;
  readonly identity: ClusterIdentity;
  readonly stateDir: string;
  readonly cacheDir: string;
  readonly netns: string;
  private readonly ctx: ClusterContext;
  private readonly sup: Supervisor;
  private readonly admin: AdminApi;

  constructor(opts: LocalClusterOptions = {}) {
    this.identity = clusterIdentity({ name: opts.name ?? (process.env.PODSMITH_CLUSTER_NAME || DEFAULT_CLUSTER_NAME), stateRoot: opts.stateRoot });
    const paths = ClusterPaths.of(this.identity, opts.cacheDir);
    this.ctx = { id: this.identity, paths, log: opts.log ?? ((line) => process.stderr.write(`cluster: ${line}\n`)) };
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
    const components = COMPONENTS.map((name) => {
      const pid = this.sup.readPid(name);
      return { name, pid, running: pid !== undefined && this.sup.isOurs(name, pid), log: this.logPath(name) };
    });
    const running = components.every((c) => c.running);
    return {
      running,
      present: components.some((c) => c.running) || fs.existsSync(this.stateDir) || fs.existsSync(`/run/netns/${this.netns}`),
      stateDir: this.stateDir,
      kubeconfig: this.kubeconfigPath,
      apiServer: this.apiServerUrl,
      netns: `/run/netns/${this.netns}`,
      components,
    };
  }

  /**
   * Brings the cluster up (or completes a partly running one) and waits until it is ready:
   * API healthy, node Ready, CoreDNS answering, a test Pod ran. Idempotent.
   */
  async up(opts: { timeoutMs?: number } = {}): Promise<UpTimings> {
    const unsupported = localClusterUnsupportedReason();
    if (unsupported) throw new ClusterError(unsupported);
    return withLock(this.ctx.paths.lock, this.ctx.log, () => {
      const st = this.status();
      return bringUp(this.ctx, this.admin, this.sup, opts, { all: st.running, any: st.components.some((c) => c.running), present: st.present });
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
    return loadArchives(this.ctx, archives);
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
