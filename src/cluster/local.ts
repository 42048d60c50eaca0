/**
 * podsmith's own local single-node Kubernetes cluster (Linux, root).
 *
 * Every component is a real upstream binary built by cluster/build.sh (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kubelet, kube-proxy, CoreDNS) or a Debian package
 * (containerd, runc, CNI plugins). All of them run inside one network namespace made for the
 * cluster (`/run/netns/<netns>`, entered with `nsenter --net=`), so containerd, the kubelet, the
 * CNI bridge, kube-proxy's iptables rules and the Pod IPs never touch the host's namespace,
 * routes or iptables. A veth pair joins the namespace to the host: the host side and the node
 * side each get one address of a /30, and the API server listens on the node side, so the host
 * reaches it and nothing leaves the machine (the namespace has no default route).
 *
 * Security as in a real cluster: a CA generated per cluster, TLS between every component,
 * RBAC + Node authorization, NodeRestriction, anonymous auth off, service-account signing keys,
 * kubeconfig files with mode 0600.
 *
 * Runtime state lives under `${PODSMITH_STATE:-/var/lib/podsmith}/local`: PIDs in `pids/`,
 * each component's log in `logs/`, certificates in `pki/`, kubeconfigs in `kubeconfigs/`.
 * `down()` stops every process it started (by PID, then anything left in the namespace or the
 * cluster's cgroups), unmounts, removes the namespace, the cgroups and the state directory.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as dns from 'node:dns';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { ClusterAccess, ClusterProvider } from './provider';

/** Versions pinned in cluster/versions.env (the single place they are set). */
export interface ClusterVersions {
  KUBERNETES_VERSION: string;
  ETCD_VERSION: string;
  COREDNS_VERSION: string;
  BUSYBOX_VERSION: string;
  PAUSE_VERSION: string;
}

export interface LocalClusterOptions {
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

/** Timings of `up()` in milliseconds from its start (for the benchmark). */
export interface UpTimings {
  alreadyUp: boolean;
  apiReadyMs?: number;
  nodeReadyMs?: number;
  dnsReadyMs?: number;
  podReadyMs?: number;
  totalMs: number;
}

// The cluster's fixed network plan. Every address is inside the cluster's own namespace, or on
// the host side of its veth.
const NAME = 'podsmith';
const NET = {
  hostIf: 'psm-host',
  nodeIf: 'psm-node',
  hostIp: '10.254.254.1',
  nodeIp: '10.254.254.2',
  prefix: 30,
  bridge: 'psm0',
  podSubnet: '10.244.0.0/24',
  clusterCidr: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/12',
  apiServiceIp: '10.96.0.1',
  dnsIp: '10.96.0.10',
  apiPort: 6443,
} as const;

/** Components in start order. */
const COMPONENTS = [
  'etcd',
  'containerd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-proxy',
  'coredns',
] as const;
type Component = (typeof COMPONENTS)[number];

/** The executable each component's PID must run (checked before trusting or killing a PID). */
const EXE_NAMES: Record<Component, string> = {
  'etcd': 'etcd',
  'containerd': 'containerd',
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  'kubelet': 'kubelet',
  'kube-proxy': 'kube-proxy',
  'coredns': 'coredns',
};

/** A user-facing error: the CLI prints its message as one line. */
export class ClusterError extends Error {
  readonly userError = true;
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'ClusterError';
  }
}

/** The repository's cluster/ directory (works from src/ under ts-jest and from lib/ when built). */
export function clusterDir(): string {
  for (const rel of ['../../cluster', '../../../cluster']) {
    const dir = path.resolve(__dirname, rel);
    if (fs.existsSync(path.join(dir, 'versions.env'))) return dir;
  }
  throw new ClusterError(`cluster/versions.env not found near ${__dirname}`);
}

/** Parses cluster/versions.env (KEY=VALUE lines, # comments). */
export function readVersions(file = path.join(clusterDir(), 'versions.env')): ClusterVersions {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(\S*)\s*$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  for (const k of ['KUBERNETES_VERSION', 'ETCD_VERSION', 'COREDNS_VERSION', 'BUSYBOX_VERSION', 'PAUSE_VERSION']) {
    if (!out[k]) throw new ClusterError(`${file}: ${k} is not set`);
  }
  return out as unknown as ClusterVersions;
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

function which(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').concat(['/usr/sbin', '/sbin'])) {
    const p = path.join(dir, tool);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a command; rejects with its stderr on a non-zero exit. */
function run(cmd: string, args: string[], opts: { input?: string; allowFail?: boolean; timeoutMs?: number } = {}): Promise<RunResult & { code: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      if (err && !opts.allowFail) {
        reject(new ClusterError(`${cmd} ${args.join(' ')}: ${String(stderr || err.message).trim().split('\n').slice(-3).join(' | ')}`));
      } else {
        resolve({ stdout: String(stdout), stderr: String(stderr), code });
      }
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

function readIf(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function writeFile(file: string, content: string | Buffer, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

/** Whether PID exists and is not a zombie (a killed process whose parent has not reaped it). */
function pidAlive(pid: number): boolean {
  const stat = readIf(`/proc/${pid}/stat`);
  if (stat === undefined) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** The basename of the executable a PID runs ('' when gone or a zombie). */
function exeName(pid: number): string {
  try {
    return path.basename(fs.readlinkSync(`/proc/${pid}/exe`)).replace(/ \(deleted\)$/, '');
  } catch {
    return '';
  }
}

function listPids(): number[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

export class LocalCluster implements ClusterProvider {
  readonly kind = 'local' as const;
  readonly stateDir: string;
  readonly cacheDir: string;
  readonly netns: string;
  private readonly log: (line: string) => void;
  private versionsCache?: ClusterVersions;

  constructor(opts: LocalClusterOptions = {}) {
    const stateRoot = opts.stateRoot ?? process.env.PODSMITH_STATE ?? '/var/lib/podsmith';
    this.stateDir = path.join(stateRoot, 'local');
    this.cacheDir = opts.cacheDir ?? process.env.PODSMITH_CACHE ?? path.join(process.env.HOME ?? '/root', '.cache', 'podsmith');
    this.netns = NAME;
    this.log = opts.log ?? ((line) => process.stderr.write(`cluster: ${line}\n`));
  }

  // ---------------------------------------------------------------- public API

  available(): { ok: true } | { ok: false; reason: string } {
    const reason = localClusterUnsupportedReason();
    return reason ? { ok: false, reason } : { ok: true };
  }

  get versions(): ClusterVersions {
    this.versionsCache ??= readVersions();
    return this.versionsCache;
  }

  /** Path of the admin kubeconfig (mode 0600). */
  get kubeconfigPath(): string {
    return path.join(this.stateDir, 'kubeconfigs', 'admin.kubeconfig');
  }

  get apiServerUrl(): string {
    return `https://${NET.nodeIp}:${NET.apiPort}`;
  }

  async ensureUp(): Promise<ClusterAccess> {
    await this.up();
    return { kubeconfig: this.kubeconfigPath, context: NAME };
  }

  status(): LocalStatus {
    const components = COMPONENTS.map((name) => {
      const pid = this.readPid(name);
      return { name, pid, running: pid !== undefined && this.isOurs(name, pid), log: this.logPath(name) };
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
    return this.locked(() => this.upLocked(opts));
  }

  private async upLocked(opts: { timeoutMs?: number }): Promise<UpTimings> {
    const t0 = Date.now();
    const deadline = t0 + (opts.timeoutMs ?? 180_000);
    const ms = () => Date.now() - t0;

    const st = this.status();
    if (st.running && (await this.quickHealthy())) {
      // Re-applies the namespace's addresses, routes and sysctls (idempotent, cheap) so a
      // cluster started by an older podsmith gets what this one expects.
      await this.ensureNetns();
      this.log(`already up (${this.apiServerUrl}); kubeconfig ${this.kubeconfigPath}`);
      return { alreadyUp: true, totalMs: ms() };
    }

    if (!st.components.some((c) => c.running) && st.present) {
      // Leftovers of a cluster whose processes are all gone (a reboot, a killed session): mounts,
      // namespace, cgroups and state would confuse a new start. Clean them first.
      this.log('found the state of a stopped cluster; cleaning it up first');
      const left = await this.downLocked();
      if (left.length) throw new ClusterError(`could not clean up the stopped cluster: ${left.join('; ')}`);
    }
    await this.ensureBuilt();
    const v = this.versions;
    this.log(`starting Kubernetes ${v.KUBERNETES_VERSION}, etcd ${v.ETCD_VERSION}, CoreDNS ${v.COREDNS_VERSION} (state ${this.stateDir})`);

    for (const d of ['pids', 'logs', 'pki', 'kubeconfigs', 'etc', 'etcd', 'kubelet', 'containerd', 'cni/net.d', 'cni/ipam', 'pod-logs']) {
      fs.mkdirSync(path.join(this.stateDir, d), { recursive: true, mode: 0o700 });
    }
    await this.ensurePki();
    this.writeConfigs();
    await this.ensureNetns();
    await this.ensureCgroups();
    await this.ensureKubeletMount();
    this.log(`prepared in ${ms()} ms`);

    const running = (c: Component) => {
      const pid = this.readPid(c);
      return pid !== undefined && this.isOurs(c, pid);
    };
    const started: Component[] = [];
    const startIfDown = (c: Component) => {
      if (!running(c)) {
        this.start(c);
        started.push(c);
      }
    };
    const execd = async () => {
      for (const c of started) await this.execd(c);
    };
    for (const c of ['etcd', 'containerd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const) startIfDown(c);
    await execd();
    this.watch = started;

    // The kubelet exits at once when the CRI socket is not there yet; images must be there
    // before the first sandbox.
    await this.waitFor('containerd socket', deadline, async () => fs.existsSync(this.containerdSock));
    await this.importImages();
    // kubelet and kube-proxy retry until the API server answers.
    startIfDown('kubelet');
    startIfDown('kube-proxy');
    await execd();

    await this.waitFor('API server /readyz', deadline, async () => (await this.api('GET', '/readyz', undefined, 2000)).status === 200);
    const apiReadyMs = ms();
    this.log(`API server ready after ${apiReadyMs} ms`);
    await this.applyBootstrapObjects();
    startIfDown('coredns');
    await execd();

    await this.waitFor('node Ready', deadline, () => this.nodeReady());
    const nodeReadyMs = ms();
    this.log(`node ${NAME} Ready after ${nodeReadyMs} ms`);

    await this.waitFor('CoreDNS answering', deadline, async () => (await this.dnsLookup('kubernetes.default.svc.cluster.local')) === NET.apiServiceIp);
    const dnsReadyMs = ms();
    this.log(`CoreDNS answering after ${dnsReadyMs} ms`);

    await this.smokePod(deadline);
    const podReadyMs = ms();
    this.log(`test Pod ran after ${podReadyMs} ms; cluster ready. kubeconfig: ${this.kubeconfigPath}`);
    this.watch = [];
    return { alreadyUp: false, apiReadyMs, nodeReadyMs, dnsReadyMs, podReadyMs, totalMs: ms() };
  }

  /**
   * Stops every process the cluster started and removes all its traces: mounts, the network
   * namespace, cgroups, state. Safe to call when nothing runs. Returns what it could not remove.
   */
  async down(): Promise<string[]> {
    return this.locked(() => this.downLocked());
  }

  /**
   * Serializes up() and down() between processes (e.g. jest workers that each call ensureUp):
   * a lock directory holding the owner's PID; a lock whose owner is gone is taken over.
   */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.stateDir}.lock`;
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    const deadline = Date.now() + 15 * 60_000;
    let announced = false;
    for (;;) {
      try {
        fs.mkdirSync(lock);
        fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = Number(readIf(path.join(lock, 'pid')) ?? NaN);
        if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) {
          fs.rmSync(lock, { recursive: true, force: true });
          continue;
        }
        if (!announced) this.log(`waiting for another podsmith process (pid ${owner}) working on the cluster`);
        announced = true;
        if (Date.now() > deadline) throw new ClusterError(`${lock} is held by pid ${owner}; remove it if that process is gone`);
        await sleep(200);
      }
    }
    try {
      return await fn();
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }

  private async downLocked(): Promise<string[]> {
    const t0 = Date.now();
    const problems: string[] = [];
    const netnsIno = this.netnsInode();

    // 1. the kubelet first (so it does not restart containers), then the containers, then the rest.
    const step = (what: string) => process.env.PODSMITH_DEBUG && this.log(`down: ${what} at ${Date.now() - t0} ms`);
    await this.stopComponents(['kubelet', 'kube-proxy', 'coredns', 'kube-scheduler', 'kube-controller-manager']);
    step('node components stopped');
    await this.killCgroupProcs();
    await this.killShims();
    step('containers killed');
    // Their state is deleted next: no need to wait for a graceful API server shutdown.
    await this.stopComponents(['containerd', 'kube-apiserver', 'etcd'], 1000);
    step('control plane stopped');
    // 2. anything else left in the namespace (shims, stray children).
    if (netnsIno !== undefined) await this.killNetnsProcs(netnsIno);
    await this.killCgroupProcs();

    // 3. mounts under the state dir (container rootfs, pod volumes, pod netns, kubelet bind).
    for (const m of this.mountsUnder(this.stateDir)) {
      const r = await run('umount', [m], { allowFail: true });
      if (r.code !== 0) {
        const r2 = await run('umount', ['-l', m], { allowFail: true });
        if (r2.code !== 0) problems.push(`could not unmount ${m}: ${r2.stderr.trim()}`);
      }
    }

    // 4. the network namespace (deleting it deletes the veth pair too).
    if (fs.existsSync(`/run/netns/${this.netns}`)) {
      const r = await run('ip', ['netns', 'delete', this.netns], { allowFail: true });
      if (r.code !== 0) problems.push(`could not delete netns ${this.netns}: ${r.stderr.trim()}`);
    }
    if (fs.existsSync(`/sys/class/net/${NET.hostIf}`)) await run('ip', ['link', 'delete', NET.hostIf], { allowFail: true });
    if (fs.existsSync(this.etc('run-netns-mounted-by-podsmith')) && !this.mountPoints().some((m) => m.startsWith('/run/netns/'))) {
      await run('umount', ['/run/netns'], { allowFail: true });
    }

    // 5. cgroups, depth first.
    for (const dir of this.cgroupDirs()) {
      for (const d of this.dirsDepthFirst(dir)) {
        try {
          fs.rmdirSync(d);
        } catch (e) {
          problems.push(`could not remove cgroup ${d}: ${(e as Error).message}`);
        }
      }
    }

    // 6. state and the few files containerd/CNI keep outside it.
    fs.rmSync(this.stateDir, { recursive: true, force: true });
    for (const f of readdirIf('/var/lib/cni/results')) {
      if (f.startsWith(`${NAME}-`)) fs.rmSync(path.join('/var/lib/cni/results', f), { force: true });
    }
    this.cleanContainerdRunDir();

    const left = this.leftovers();
    problems.push(...left);
    this.log(`down in ${Date.now() - t0} ms${problems.length ? `; left: ${problems.join('; ')}` : ''}`);
    return problems;
  }

  /** Everything of the cluster still present on the machine (empty when fully down). */
  leftovers(): string[] {
    const out: string[] = [];
    for (const c of COMPONENTS) {
      const pid = this.readPid(c);
      if (pid !== undefined && this.isOurs(c, pid)) out.push(`process ${c} (${pid})`);
    }
    const sock = this.containerdSock;
    for (const pid of listPids()) {
      const cmd = readIf(`/proc/${pid}/cmdline`);
      if (cmd && (cmd.includes(`${this.stateDir}/`) || cmd.includes(sock))) out.push(`process ${pid}: ${cmd.split('\0').join(' ').slice(0, 120)}`);
    }
    for (const m of this.mountsUnder(this.stateDir)) out.push(`mount ${m}`);
    if (fs.existsSync(`/run/netns/${this.netns}`)) out.push(`netns /run/netns/${this.netns}`);
    if (fs.existsSync(`/sys/class/net/${NET.hostIf}`)) out.push(`link ${NET.hostIf}`);
    for (const d of this.cgroupDirs()) out.push(`cgroup ${d}`);
    if (fs.existsSync(this.stateDir)) out.push(`state ${this.stateDir}`);
    return out;
  }

  // ---------------------------------------------------------------- paths

  private get containerdSock(): string {
    return path.join(this.stateDir, 'containerd', 'containerd.sock');
  }
  private pidPath(c: Component): string {
    return path.join(this.stateDir, 'pids', `${c}.pid`);
  }
  logPath(c: string): string {
    return path.join(this.stateDir, 'logs', `${c}.log`);
  }
  private pki(name: string): string {
    return path.join(this.stateDir, 'pki', name);
  }
  private kubeconfigFor(user: string): string {
    return path.join(this.stateDir, 'kubeconfigs', `${user}.kubeconfig`);
  }
  private etc(name: string): string {
    return path.join(this.stateDir, 'etc', name);
  }
  private bin(c: Component): string {
    const v = this.versions;
    if (c === 'etcd') return path.join(this.cacheDir, 'etcd', v.ETCD_VERSION, 'etcd');
    if (c === 'coredns') return path.join(this.cacheDir, 'coredns', v.COREDNS_VERSION, 'coredns');
    if (c === 'containerd') return which('containerd') ?? '/usr/bin/containerd';
    return path.join(this.cacheDir, 'kubernetes', v.KUBERNETES_VERSION, c);
  }
  private get pauseImage(): string {
    return `localhost/podsmith/pause:${this.versions.PAUSE_VERSION}`;
  }
  /** The busybox image imported from Debian's busybox-static. */
  get busyboxImage(): string {
    return `docker.io/library/busybox:${this.versions.BUSYBOX_VERSION}`;
  }
  private imageTars(): string[] {
    const v = this.versions;
    return [path.join(this.cacheDir, 'images', `pause-${v.PAUSE_VERSION}.tar`), path.join(this.cacheDir, 'images', `busybox-${v.BUSYBOX_VERSION}.tar`)];
  }

  // ---------------------------------------------------------------- build

  private async ensureBuilt(): Promise<void> {
    const missing = [...COMPONENTS.filter((c) => c !== 'containerd').map((c) => this.bin(c)), ...this.imageTars()].filter((f) => !fs.existsSync(f));
    if (!which('containerd') || !which('runc') || !fs.existsSync('/usr/lib/cni/bridge')) missing.push('Debian packages');
    if (missing.length === 0) return;
    this.log(`missing ${missing.map((m) => path.basename(m)).join(', ')}: running cluster/prepare.sh (a cold build takes a while)`);
    const script = path.join(clusterDir(), 'prepare.sh');
    await new Promise<void>((resolve, reject) => {
      const child = spawn('bash', [script], { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, PODSMITH_CACHE: this.cacheDir } });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new ClusterError(`cluster/prepare.sh failed (exit ${code}); see the lines above`))));
    });
  }

  // ---------------------------------------------------------------- PKI

  private async ensurePki(): Promise<void> {
    // A new cluster has a new CA and admin certificate: drop a client made for an older one.
    this.agentCache?.destroy();
    this.agentCache = undefined;
    if (!fs.existsSync(this.pki('ca.crt'))) {
      const cnf = this.pki('ca.cnf');
      writeFile(cnf, opensslConfig('podsmith-ca', undefined, ['basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign,digitalSignature', 'subjectKeyIdentifier = hash']), 0o600);
      await run('openssl', ['req', '-x509', '-new', '-nodes', '-config', cnf, '-extensions', 'ext', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', this.pki('ca.key'), '-out', this.pki('ca.crt'), '-days', '3650']);
    }
    if (!fs.existsSync(this.pki('sa.key'))) {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      writeFile(this.pki('sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }) as string, 0o600);
      writeFile(this.pki('sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 0o600);
    }
    const serverSans = [`IP:${NET.nodeIp}`, `IP:${NET.apiServiceIp}`, 'IP:127.0.0.1', 'DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc', 'DNS:kubernetes.default.svc.cluster.local', `DNS:${NAME}`];
    const certs: Array<[string, string, string | undefined, string[] | undefined]> = [
      // file, CN, O, SANs
      ['kube-apiserver', 'kube-apiserver', undefined, serverSans],
      ['apiserver-kubelet-client', 'kube-apiserver-kubelet-client', undefined, undefined],
      ['apiserver-etcd-client', 'kube-apiserver-etcd-client', undefined, undefined],
      ['etcd', 'etcd', undefined, ['IP:127.0.0.1', 'DNS:localhost', `IP:${NET.nodeIp}`]],
      ['admin', 'podsmith-admin', 'system:masters', undefined],
      ['kube-controller-manager', 'system:kube-controller-manager', undefined, ['IP:127.0.0.1', 'DNS:localhost']],
      ['kube-scheduler', 'system:kube-scheduler', undefined, ['IP:127.0.0.1', 'DNS:localhost']],
      ['kubelet', `system:node:${NAME}`, 'system:nodes', [`IP:${NET.nodeIp}`, `DNS:${NAME}`, 'IP:127.0.0.1']],
      ['kube-proxy', 'system:kube-proxy', undefined, undefined],
      ['coredns', 'podsmith:coredns', undefined, undefined],
    ];
    await Promise.all(
      certs.map(async ([file, cn, o, sans]) => {
        if (fs.existsSync(this.pki(`${file}.crt`))) return;
        const cnf = this.pki(`${file}.cnf`);
        const ext = ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,keyEncipherment', `extendedKeyUsage = ${sans ? 'serverAuth,clientAuth' : 'clientAuth'}`, 'authorityKeyIdentifier = keyid'];
        if (sans) ext.push(`subjectAltName = ${sans.join(',')}`);
        writeFile(cnf, opensslConfig(cn, o, ext), 0o600);
        await run('openssl', ['req', '-x509', '-new', '-nodes', '-config', cnf, '-extensions', 'ext', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', this.pki(`${file}.key`), '-out', this.pki(`${file}.crt.tmp`), '-days', '825', '-CA', this.pki('ca.crt'), '-CAkey', this.pki('ca.key')]);
        fs.renameSync(this.pki(`${file}.crt.tmp`), this.pki(`${file}.crt`));
      }),
    );
    for (const f of fs.readdirSync(path.join(this.stateDir, 'pki'))) {
      if (f.endsWith('.key')) fs.chmodSync(this.pki(f), 0o600);
    }
    // kubeconfigs: admin (context "podsmith"), one per component
    const users: Array<[string, string]> = [
      ['admin', 'admin'],
      ['kube-controller-manager', 'kube-controller-manager'],
      ['kube-scheduler', 'kube-scheduler'],
      ['kubelet', 'kubelet'],
      ['kube-proxy', 'kube-proxy'],
      ['coredns', 'coredns'],
    ];
    for (const [kc, cert] of users) {
      writeFile(this.kubeconfigFor(kc), this.kubeconfig(cert), 0o600);
    }
  }

  private kubeconfig(cert: string): string {
    const b64 = (f: string) => fs.readFileSync(this.pki(f)).toString('base64');
    return [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: ${NAME}`,
      '  cluster:',
      `    server: ${this.apiServerUrl}`,
      `    certificate-authority-data: ${b64('ca.crt')}`,
      'users:',
      `- name: ${NAME}-${cert}`,
      '  user:',
      `    client-certificate-data: ${b64(`${cert}.crt`)}`,
      `    client-key-data: ${b64(`${cert}.key`)}`,
      'contexts:',
      `- name: ${NAME}`,
      '  context:',
      `    cluster: ${NAME}`,
      `    user: ${NAME}-${cert}`,
      `current-context: ${NAME}`,
      '',
    ].join('\n');
  }

  // ---------------------------------------------------------------- configs

  private writeConfigs(): void {
    const S = this.stateDir;
    const v = this.versions;
    writeFile(
      this.etc('containerd.toml'),
      [
        'version = 2',
        `root = "${S}/containerd/root"`,
        `state = "${S}/containerd/state"`,
        'disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.internal.v1.tracing", "io.containerd.tracing.processor.v1.otlp"]',
        '[grpc]',
        `  address = "${this.containerdSock}"`,
        '[ttrpc]',
        `  address = "${S}/containerd/containerd.sock.ttrpc"`,
        '[plugins."io.containerd.internal.v1.opt"]',
        `  path = "${S}/containerd/opt"`,
        '[plugins."io.containerd.grpc.v1.cri"]',
        `  sandbox_image = "${this.pauseImage}"`,
        // Negative oom_score_adj needs CAP_SYS_RESOURCE, which this machine's root lacks.
        '  restrict_oom_score_adj = true',
        '  netns_mounts_under_state_dir = true',
        '  disable_apparmor = true',
        '  enable_selinux = false',
        '  max_container_log_line_size = 16384',
        '  [plugins."io.containerd.grpc.v1.cri".containerd]',
        '    snapshotter = "overlayfs"',
        '    default_runtime_name = "runc"',
        '    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]',
        '      runtime_type = "io.containerd.runc.v2"',
        '      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]',
        '        SystemdCgroup = false',
        '  [plugins."io.containerd.grpc.v1.cri".cni]',
        '    bin_dir = "/usr/lib/cni"',
        `    conf_dir = "${S}/cni/net.d"`,
        '    max_conf_num = 1',
        '',
      ].join('\n'),
    );
    writeFile(
      path.join(S, 'cni', 'net.d', '10-podsmith.conflist'),
      JSON.stringify(
        {
          cniVersion: '0.4.0',
          name: NAME,
          plugins: [
            {
              type: 'bridge',
              bridge: NET.bridge,
              isGateway: true,
              ipMasq: false,
              hairpinMode: true,
              ipam: { type: 'host-local', ranges: [[{ subnet: NET.podSubnet }]], routes: [{ dst: '0.0.0.0/0' }], dataDir: path.join(S, 'cni', 'ipam') },
            },
            { type: 'portmap', capabilities: { portMappings: true } },
          ],
        },
        null,
        2,
      ),
    );
    // Pods get no upstream resolver: nothing leaves the machine.
    writeFile(this.etc('resolv.conf'), '# podsmith local cluster: no upstream resolvers\noptions ndots:5\n');
    writeFile(
      this.etc('kubelet.yaml'),
      yamlish({
        apiVersion: 'kubelet.config.k8s.io/v1beta1',
        kind: 'KubeletConfiguration',
        authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: this.pki('ca.crt') } },
        authorization: { mode: 'Webhook' },
        cgroupDriver: 'cgroupfs',
        cgroupRoot: `/${NAME}`,
        cgroupsPerQOS: true,
        enforceNodeAllocatable: ['pods'],
        clusterDomain: 'cluster.local',
        clusterDNS: [NET.dnsIp],
        containerRuntimeEndpoint: `unix://${this.containerdSock}`,
        imageServiceEndpoint: `unix://${this.containerdSock}`,
        resolvConf: this.etc('resolv.conf'),
        tlsCertFile: this.pki('kubelet.crt'),
        tlsPrivateKeyFile: this.pki('kubelet.key'),
        healthzBindAddress: '127.0.0.1',
        readOnlyPort: 0,
        failSwapOn: false,
        // The machine's root lacks CAP_SYS_RESOURCE: the kubelet cannot lower its own score.
        oomScoreAdj: 0,
        // Kernel defaults are shadowed in the kubelet's own mount namespace (see start()), so
        // the kubelet neither changes the host's sysctls nor fails on them.
        protectKernelDefaults: false,
        allowedUnsafeSysctls: ['kernel.msg*', 'net.ipv4.route.min_pmtu'],
        podLogsDir: path.join(S, 'pod-logs'),
        volumePluginDir: path.join(S, 'kubelet', 'volume-plugins'),
        serializeImagePulls: false,
        rotateCertificates: false,
        serverTLSBootstrap: false,
        nodeStatusUpdateFrequency: '5s',
        nodeStatusReportFrequency: '1m',
        syncFrequency: '10s',
        fileCheckFrequency: '20s',
        evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '2%', 'imagefs.available': '2%', 'nodefs.inodesFree': '2%' },
        imageGCHighThresholdPercent: 99,
        imageGCLowThresholdPercent: 98,
        maxPods: 110,
        failCgroupV1: false,
      }),
    );
    writeFile(
      this.etc('kube-proxy.yaml'),
      yamlish({
        apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
        kind: 'KubeProxyConfiguration',
        clientConnection: { kubeconfig: this.kubeconfigFor('kube-proxy') },
        mode: 'iptables',
        hostnameOverride: NAME,
        bindAddress: NET.nodeIp,
        clusterCIDR: NET.clusterCidr,
        healthzBindAddress: '127.0.0.1:10256',
        metricsBindAddress: '127.0.0.1:10249',
        // Zero means "leave the kernel's value alone": no conntrack sysctl is written.
        conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: '0s', tcpCloseWaitTimeout: '0s' },
        iptables: { masqueradeAll: false, syncPeriod: '30s', minSyncPeriod: '0s' },
      }),
    );
    writeFile(
      this.etc('kube-scheduler.yaml'),
      yamlish({
        apiVersion: 'kubescheduler.config.k8s.io/v1',
        kind: 'KubeSchedulerConfiguration',
        clientConnection: { kubeconfig: this.kubeconfigFor('kube-scheduler') },
        leaderElection: { leaderElect: false },
      }),
    );
    writeFile(
      this.etc('Corefile'),
      [
        '.:53 {',
        '    errors',
        '    health 127.0.0.1:8080',
        '    ready 127.0.0.1:8181',
        '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
        `        kubeconfig ${this.kubeconfigFor('coredns')} ${NAME}`,
        '        pods insecure',
        '        fallthrough in-addr.arpa ip6.arpa',
        '        ttl 30',
        '    }',
        '    cache 30',
        '    loadbalance',
        '}',
        '',
      ].join('\n'),
    );
    // The kernel values the kubelet insists on, shadowed in its mount namespace only.
    const wanted: Record<string, string> = {
      'vm/overcommit_memory': '1',
      'vm/panic_on_oom': '0',
      'kernel/panic': '10',
      'kernel/panic_on_oops': '1',
      'kernel/keys/root_maxkeys': '1000000',
      'kernel/keys/root_maxbytes': '25000000',
    };
    for (const [k, val] of Object.entries(wanted)) writeFile(path.join(S, 'etc', 'kubelet-sysctl', k.replace(/\//g, '.')), `${val}\n`);
    void v;
  }

  // ---------------------------------------------------------------- namespace, cgroups, mounts

  private async ensureNetns(): Promise<void> {
    const ns = this.netns;
    if (!fs.existsSync(`/run/netns/${ns}`)) {
      // `ip netns add` makes /run/netns a shared bind mount of itself the first time; remember
      // when that was us, so `down` can undo it.
      if (!this.mountPoints().includes('/run/netns')) writeFile(this.etc('run-netns-mounted-by-podsmith'), '1\n');
      await run('ip', ['netns', 'add', ns]);
    }
    const inNs = (args: string[], allowFail = false) => run('nsenter', [`--net=/run/netns/${ns}`, '--', ...args], { allowFail });
    if (!fs.existsSync(`/sys/class/net/${NET.hostIf}`)) {
      await run('ip', ['link', 'add', NET.hostIf, 'type', 'veth', 'peer', 'name', NET.nodeIf, 'netns', ns]);
      await run('ip', ['addr', 'add', `${NET.hostIp}/${NET.prefix}`, 'dev', NET.hostIf]);
      await run('ip', ['link', 'set', NET.hostIf, 'up']);
    }
    const addrs = (await inNs(['ip', '-o', 'addr', 'show', 'dev', NET.nodeIf], true)).stdout;
    if (!addrs.includes(`${NET.nodeIp}/`)) {
      await inNs(['ip', 'addr', 'add', `${NET.nodeIp}/${NET.prefix}`, 'dev', NET.nodeIf]);
    }
    await inNs(['ip', 'link', 'set', 'lo', 'up']);
    await inNs(['ip', 'link', 'set', NET.nodeIf, 'up']);
    // Service addresses are local to the node's namespace: processes there (hostNetwork Pods,
    // e.g. ClusterFirstWithHostNet DNS) reach ClusterIPs through kube-proxy's OUTPUT DNAT, and an
    // address without a Service ends here instead of being routed anywhere.
    await inNs(['ip', 'route', 'replace', 'local', NET.serviceCidr, 'dev', 'lo', 'table', 'local']);
    // Per-namespace sysctls: forwarding between Pods and the node, and bridged traffic through
    // iptables so Service DNAT works between Pods on the same bridge.
    await inNs(['sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward; [ -e /proc/sys/net/bridge/bridge-nf-call-iptables ] && echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables; true']);
  }

  private netnsInode(): number | undefined {
    try {
      return fs.statSync(`/run/netns/${this.netns}`).ino;
    } catch {
      return undefined;
    }
  }

  /** The cgroup v1 hierarchies (and the v2 one) where the cluster's cgroups live. */
  private cgroupRoots(): string[] {
    return readdirIf('/sys/fs/cgroup')
      .map((d) => path.join('/sys/fs/cgroup', d))
      .filter((d) => fs.existsSync(path.join(d, 'cgroup.procs')));
  }

  private cgroupDirs(): string[] {
    return this.cgroupRoots().map((r) => path.join(r, NAME)).filter((d) => fs.existsSync(d));
  }

  /** The kubelet requires its cgroup root to exist in every hierarchy. */
  private async ensureCgroups(): Promise<void> {
    for (const r of this.cgroupRoots()) {
      const d = path.join(r, NAME);
      if (!fs.existsSync(d)) fs.mkdirSync(d);
      if (path.basename(r) === 'cpuset') {
        for (const f of ['cpuset.cpus', 'cpuset.mems']) {
          if ((readIf(path.join(d, f)) ?? '').trim() === '') fs.writeFileSync(path.join(d, f), readIf(path.join(r, f)) ?? '');
        }
      }
    }
  }

  /**
   * The kubelet runs in a mount namespace of its own (to shadow kernel sysctls); its root dir
   * is a shared bind mount so the volumes it mounts there propagate back to the host's mount
   * namespace, where containerd and runc see them.
   */
  private async ensureKubeletMount(): Promise<void> {
    const dir = path.join(this.stateDir, 'kubelet');
    if (!this.mountsUnder(this.stateDir).includes(dir)) {
      await run('mount', ['--bind', dir, dir]);
    }
    await run('mount', ['--make-shared', dir]);
  }

  private mountPoints(): string[] {
    const info = readIf('/proc/self/mountinfo') ?? '';
    return info
      .split('\n')
      .map((l) => l.split(' ')[4])
      .filter((p): p is string => !!p)
      .map((p) => p.replace(/\\040/g, ' '));
  }

  /** Mount points at or below `dir`, deepest first. */
  private mountsUnder(dir: string): string[] {
    const points = this.mountPoints().filter((p) => p === dir || p.startsWith(`${dir}/`));
    return [...new Set(points)].sort((a, b) => b.length - a.length);
  }

  private dirsDepthFirst(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirIf(d, true)) walk(path.join(d, e));
      out.push(d);
    };
    walk(dir);
    return out;
  }

  // ---------------------------------------------------------------- processes

  private readPid(c: Component): number | undefined {
    const s = readIf(this.pidPath(c));
    const n = s ? Number(s.trim()) : NaN;
    return Number.isInteger(n) && n > 0 ? n : undefined;
  }

  /** Whether PID runs this component (guards against PID reuse before we trust or kill it). */
  private isOurs(c: Component, pid: number): boolean {
    return pidAlive(pid) && exeName(pid) === EXE_NAMES[c];
  }

  private args(c: Component): string[] {
    const S = this.stateDir;
    const p = (f: string) => this.pki(f);
    const v = this.versions;
    switch (c) {
      case 'etcd':
        return [
          '--name=podsmith',
          `--data-dir=${S}/etcd/data`,
          '--listen-client-urls=https://127.0.0.1:2379',
          '--advertise-client-urls=https://127.0.0.1:2379',
          '--listen-peer-urls=https://127.0.0.1:2380',
          '--initial-advertise-peer-urls=https://127.0.0.1:2380',
          '--initial-cluster=podsmith=https://127.0.0.1:2380',
          `--cert-file=${p('etcd.crt')}`,
          `--key-file=${p('etcd.key')}`,
          `--trusted-ca-file=${p('ca.crt')}`,
          '--client-cert-auth=true',
          `--peer-cert-file=${p('etcd.crt')}`,
          `--peer-key-file=${p('etcd.key')}`,
          `--peer-trusted-ca-file=${p('ca.crt')}`,
          '--peer-client-cert-auth=true',
          '--snapshot-count=10000',
          '--log-level=warn',
        ];
      case 'containerd':
        return ['--config', this.etc('containerd.toml')];
      case 'kube-apiserver':
        return [
          `--advertise-address=${NET.nodeIp}`,
          `--bind-address=${NET.nodeIp}`,
          `--secure-port=${NET.apiPort}`,
          '--etcd-servers=https://127.0.0.1:2379',
          `--etcd-cafile=${p('ca.crt')}`,
          `--etcd-certfile=${p('apiserver-etcd-client.crt')}`,
          `--etcd-keyfile=${p('apiserver-etcd-client.key')}`,
          `--client-ca-file=${p('ca.crt')}`,
          `--tls-cert-file=${p('kube-apiserver.crt')}`,
          `--tls-private-key-file=${p('kube-apiserver.key')}`,
          `--kubelet-client-certificate=${p('apiserver-kubelet-client.crt')}`,
          `--kubelet-client-key=${p('apiserver-kubelet-client.key')}`,
          `--kubelet-certificate-authority=${p('ca.crt')}`,
          '--kubelet-preferred-address-types=InternalIP',
          '--authorization-mode=Node,RBAC',
          '--anonymous-auth=false',
          '--enable-admission-plugins=NodeRestriction',
          '--allow-privileged=true',
          `--service-cluster-ip-range=${NET.serviceCidr}`,
          '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
          `--service-account-key-file=${p('sa.pub')}`,
          `--service-account-signing-key-file=${p('sa.key')}`,
          '--profiling=false',
          '--v=1',
        ];
      case 'kube-controller-manager':
        return [
          `--kubeconfig=${this.kubeconfigFor('kube-controller-manager')}`,
          // No --authentication/authorization-kubeconfig: the secure port then serves only the
          // always-allowed health paths, and the process does not need RBAC to start (so it
          // can start with the API server instead of after it).
          '--bind-address=127.0.0.1',
          `--tls-cert-file=${p('kube-controller-manager.crt')}`,
          `--tls-private-key-file=${p('kube-controller-manager.key')}`,
          `--client-ca-file=${p('ca.crt')}`,
          `--root-ca-file=${p('ca.crt')}`,
          `--service-account-private-key-file=${p('sa.key')}`,
          `--cluster-signing-cert-file=${p('ca.crt')}`,
          `--cluster-signing-key-file=${p('ca.key')}`,
          '--use-service-account-credentials=true',
          '--leader-elect=false',
          `--cluster-cidr=${NET.clusterCidr}`,
          `--service-cluster-ip-range=${NET.serviceCidr}`,
          '--allocate-node-cidrs=false',
          // Lifts the node's not-ready taint within a second of Ready (default period 5s).
          '--node-monitor-period=1s',
          '--controllers=*,-bootstrapsigner,-tokencleaner,-cloud-node-lifecycle',
          '--profiling=false',
          '--v=1',
        ];
      case 'kube-scheduler':
        return [
          `--config=${this.etc('kube-scheduler.yaml')}`,
          '--bind-address=127.0.0.1',
          `--tls-cert-file=${p('kube-scheduler.crt')}`,
          `--tls-private-key-file=${p('kube-scheduler.key')}`,
          `--client-ca-file=${p('ca.crt')}`,
          '--profiling=false',
          '--v=1',
        ];
      case 'kubelet':
        return [
          `--config=${this.etc('kubelet.yaml')}`,
          `--kubeconfig=${this.kubeconfigFor('kubelet')}`,
          `--root-dir=${S}/kubelet`,
          `--cert-dir=${S}/kubelet/pki`,
          `--hostname-override=${NAME}`,
          `--node-ip=${NET.nodeIp}`,
          // kubelet <= 1.34: keeps the pause image out of image GC (must match containerd's sandbox_image).
          `--pod-infra-container-image=${this.pauseImage}`,
          '--v=1',
        ];
      case 'kube-proxy':
        return [`--config=${this.etc('kube-proxy.yaml')}`, '--v=1'];
      case 'coredns':
        return ['-conf', this.etc('Corefile')];
    }
    void v;
    return [];
  }

  /** Starts a component detached, inside the cluster's network namespace; records its PID. */
  private start(c: Component): ChildProcess {
    const logFd = fs.openSync(this.logPath(c), 'a');
    fs.writeSync(logFd, `\n==== ${new Date().toISOString()} podsmith starts ${c}\n`);
    let argv = [this.bin(c), ...this.args(c)];
    if (c === 'kubelet') {
      // Own mount namespace (propagation kept, so the shared kubelet root dir propagates to the
      // host) in which the kernel sysctls the kubelet would otherwise rewrite host-wide read the
      // values it expects. `exec` keeps the recorded PID the kubelet's own.
      const dir = path.join(this.stateDir, 'etc', 'kubelet-sysctl');
      const script = [
        'set -e',
        `for f in ${dir}/*; do n=$(basename "$f" | tr . /); mount --bind "$f" "/proc/sys/$n"; done`,
        'exec "$@"',
      ].join('\n');
      argv = ['unshare', '--mount', '--propagation', 'unchanged', '--', 'sh', '-c', script, 'kubelet', ...argv];
    }
    const child = spawn('nsenter', [`--net=/run/netns/${this.netns}`, '--', ...argv], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: process.env.HOME ?? '/root', GOMAXPROCS: process.env.GOMAXPROCS ?? '' },
      cwd: this.stateDir,
    });
    fs.closeSync(logFd);
    if (child.pid === undefined) throw new ClusterError(`could not start ${c} (nsenter missing?)`);
    writeFile(this.pidPath(c), `${child.pid}\n`);
    child.unref();
    this.log(`started ${c} (pid ${child.pid}, log ${this.logPath(c)})`);
    return child;
  }

  /** Waits until a just-started PID has exec'd into its component (nsenter/unshare/sh first). */
  private async execd(c: Component, timeoutMs = 5000): Promise<void> {
    const pid = this.readPid(c);
    const until = Date.now() + timeoutMs;
    while (pid !== undefined && pidAlive(pid) && exeName(pid) !== EXE_NAMES[c] && Date.now() < until) await sleep(10);
  }

  private async stopComponents(cs: Component[], graceMs = 3000): Promise<void> {
    const pids: number[] = [];
    for (const c of cs) {
      const pid = this.readPid(c);
      if (pid !== undefined && this.isOurs(c, pid)) {
        process.kill(pid, 'SIGTERM');
        pids.push(pid);
      }
      fs.rmSync(this.pidPath(c), { force: true });
    }
    await killWait(pids, graceMs);
  }

  /** SIGKILL every process in the cluster's cgroups (the containers). */
  private async killCgroupProcs(): Promise<void> {
    const pids = new Set<number>();
    for (const dir of this.cgroupDirs()) {
      for (const d of this.dirsDepthFirst(dir)) {
        for (const l of (readIf(path.join(d, 'cgroup.procs')) ?? '').split('\n')) if (l.trim()) pids.add(Number(l));
      }
    }
    for (const pid of pids) tryKill(pid, 'SIGKILL');
    await killWait([...pids], 5000);
  }

  /** containerd's shims are daemonized; find them by the containerd address they were given. */
  private async killShims(): Promise<void> {
    const pids: number[] = [];
    for (const pid of listPids()) {
      const cmd = readIf(`/proc/${pid}/cmdline`);
      if (cmd && cmd.includes('containerd-shim') && cmd.includes(this.containerdSock)) {
        tryKill(pid, 'SIGKILL');
        pids.push(pid);
      }
    }
    await killWait(pids, 5000);
  }

  private async killNetnsProcs(ino: number): Promise<void> {
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

  /** containerd 1.6 creates /run/containerd/{fifo,runc,s} whatever its config says. */
  private cleanContainerdRunDir(): void {
    const others = listPids().some((pid) => exeName(pid) === 'containerd');
    if (others) return;
    const base = '/run/containerd';
    if (!fs.existsSync(base)) return;
    for (const d of this.dirsDepthFirst(base)) {
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

  // ---------------------------------------------------------------- images

  private async importImages(): Promise<void> {
    const have = (await run('ctr', ['-a', this.containerdSock, '-n', 'k8s.io', 'images', 'ls', '-q'])).stdout.split('\n');
    const wanted: Array<[string, string]> = [
      [this.pauseImage, this.imageTars()[0]],
      [this.busyboxImage, this.imageTars()[1]],
    ];
    for (const [ref, tar] of wanted) {
      if (have.includes(ref)) continue;
      await run('ctr', ['-a', this.containerdSock, '-n', 'k8s.io', 'images', 'import', '--no-unpack', tar]);
    }
    this.log('images imported');
  }

  // ---------------------------------------------------------------- API

  private agentCache?: https.Agent;
  private get agent(): https.Agent {
    this.agentCache ??= new https.Agent({
      ca: fs.readFileSync(this.pki('ca.crt')),
      cert: fs.readFileSync(this.pki('admin.crt')),
      key: fs.readFileSync(this.pki('admin.key')),
      keepAlive: false,
    });
    return this.agentCache;
  }

  /** One request to the API server as the cluster admin. */
  api(method: string, urlPath: string, body?: unknown, timeoutMs = 10_000): Promise<{ status: number; body: any }> {
    return new Promise((resolve) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        `${this.apiServerUrl}${urlPath}`,
        {
          method,
          agent: this.agent,
          timeout: timeoutMs,
          headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* plain text (healthz) */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ status: 0, body: String(e.message) }));
      if (data) req.write(data);
      req.end();
    });
  }

  private async quickHealthy(): Promise<boolean> {
    if (!fs.existsSync(this.pki('admin.crt'))) return false;
    if ((await this.api('GET', '/readyz', undefined, 3000)).status !== 200) return false;
    if (!(await this.nodeReady())) return false;
    return (await this.dnsLookup('kubernetes.default.svc.cluster.local')) === NET.apiServiceIp;
  }

  private async nodeReady(): Promise<boolean> {
    const r = await this.api('GET', `/api/v1/nodes/${NAME}`, undefined, 3000);
    if (r.status !== 200) return false;
    return (r.body?.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
  }

  private async dnsLookup(name: string): Promise<string | undefined> {
    const resolver = new dns.promises.Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([NET.nodeIp]);
    try {
      return (await resolver.resolve4(name))[0];
    } catch {
      return undefined;
    }
  }

  /** Creates an object; an existing one is left as it is. */
  private async ensureObject(collection: string, obj: unknown): Promise<void> {
    const r = await this.api('POST', collection, obj);
    if (r.status !== 201 && r.status !== 409 && r.status !== 200) {
      throw new ClusterError(`creating ${collection}: HTTP ${r.status} ${JSON.stringify(r.body?.message ?? r.body)}`);
    }
  }

  private async applyBootstrapObjects(): Promise<void> {
    const rbac = '/apis/rbac.authorization.k8s.io/v1';
    await this.ensureObject(`${rbac}/clusterroles`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'podsmith:coredns' },
      rules: [
        { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
      ],
    });
    await this.ensureObject(`${rbac}/clusterrolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'podsmith:coredns' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'podsmith:coredns' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'podsmith:coredns' }],
    });
    // The API server's calls to the kubelet (logs, exec, port-forward).
    await this.ensureObject(`${rbac}/clusterrolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'podsmith:apiserver-kubelet-client' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:kubelet-api-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'kube-apiserver-kubelet-client' }],
    });
    // The ServiceAccount controller creates it too, a few seconds later; the test Pod needs it now.
    await this.ensureObject('/api/v1/namespaces/kube-system/serviceaccounts', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: 'kube-system' },
    });
    // CoreDNS runs as a process on the node; a selector-less Service with a hand-made
    // EndpointSlice points the cluster DNS address at it.
    await this.ensureObject('/api/v1/namespaces/kube-system/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        clusterIP: NET.dnsIp,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        ],
      },
    });
    await this.ensureObject('/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kube-dns-podsmith',
        namespace: 'kube-system',
        labels: { 'kubernetes.io/service-name': 'kube-dns', 'endpointslice.kubernetes.io/managed-by': 'podsmith.dev' },
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: [NET.nodeIp], conditions: { ready: true }, nodeName: NAME }],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    });
  }

  /** Runs a Pod that resolves the API server's Service name through the cluster DNS. */
  private async smokePod(deadline: number): Promise<void> {
    const ns = 'kube-system';
    const name = `podsmith-smoke-${crypto.randomBytes(3).toString('hex')}`;
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: { 'app.kubernetes.io/managed-by': 'podsmith' } },
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        terminationGracePeriodSeconds: 0,
        containers: [
          {
            name: 'smoke',
            image: this.busyboxImage,
            imagePullPolicy: 'Never',
            command: ['sh', '-c', 'nslookup kubernetes.default.svc.cluster.local. >/dev/null && echo ok'],
            resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
          },
        ],
      },
    };
    await this.waitFor('test Pod created', deadline, async () => {
      const r = await this.api('POST', `/api/v1/namespaces/${ns}/pods`, pod);
      return r.status === 201;
    });
    const created = Date.now();
    let phase = '';
    try {
      await this.waitFor('test Pod succeeded', deadline, async () => {
        const r = await this.api('GET', `/api/v1/namespaces/${ns}/pods/${name}`);
        phase = r.body?.status?.phase ?? '';
        if (phase === 'Failed') throw new ClusterError(`test Pod ${ns}/${name} failed: ${JSON.stringify(r.body?.status?.containerStatuses?.[0]?.state)}`);
        return phase === 'Succeeded';
      });
      this.log(`test Pod ${name} succeeded ${Date.now() - created} ms after it was created`);
    } finally {
      await this.api('DELETE', `/api/v1/namespaces/${ns}/pods/${name}?gracePeriodSeconds=0`);
    }
  }

  /** Components started by the current up(): one that exits fails up() at once. */
  private watch: Component[] = [];

  private checkStartedAlive(): void {
    for (const c of this.watch) {
      const pid = this.readPid(c);
      if (pid === undefined || !this.isOurs(c, pid)) {
        const tail = (readIf(this.logPath(c)) ?? '').trim().split('\n').slice(-3).join(' | ');
        throw new ClusterError(`${c} exited during start-up; log ${this.logPath(c)}: ${tail.slice(-600)}`);
      }
    }
  }

  private async waitFor(what: string, deadline: number, check: () => Promise<boolean>): Promise<void> {
    let last: unknown;
    for (;;) {
      this.checkStartedAlive();
      try {
        if (await check()) return;
      } catch (e) {
        if (e instanceof ClusterError) throw e;
        last = e;
      }
      if (Date.now() > deadline) {
        throw new ClusterError(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}; logs in ${path.join(this.stateDir, 'logs')}`);
      }
      await sleep(150);
    }
  }
}

function readdirIf(dir: string, dirsOnly = false): string[] {
  try {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    return entries.filter((e) => !dirsOnly || e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

function tryKill(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone */
  }
}

/** Waits until every PID is gone; SIGKILLs what is left after `ms`. */
async function killWait(pids: number[], ms: number): Promise<void> {
  const until = Date.now() + ms;
  let left = pids.filter(pidAlive);
  while (left.length > 0 && Date.now() < until) {
    await sleep(50);
    left = left.filter(pidAlive);
  }
  for (const p of left) tryKill(p, 'SIGKILL');
  const until2 = Date.now() + 3000;
  while (left.some(pidAlive) && Date.now() < until2) await sleep(50);
}

function opensslConfig(cn: string, o: string | undefined, ext: string[]): string {
  return ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', ...(o ? [`O = ${o}`] : []), `CN = ${cn}`, '[ext]', ...ext, ''].join('\n');
}

/** Component configs are written as JSON, which every Kubernetes config loader reads as YAML. */
function yamlish(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
