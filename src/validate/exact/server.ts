/**
 * A throwaway API server for `validate --exact`: etcd and kube-apiserver from podsmith's build
 * cache ($PODSMITH_CACHE/{etcd,kubernetes}/<version>/, built by cluster/build.sh), no kubelet,
 * no root. Everything lives in a fresh temporary directory; both listen on free ports of
 * 127.0.0.1 only (so it never meets the shared local cluster), etcd over plain HTTP on
 * loopback, the API server with a self-signed certificate in its cert dir and a random token.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../errors';
import { ApiClient } from './client';

export interface ExactServer {
  client: ApiClient;
  /** Milliseconds from spawning etcd to /readyz answering ok. */
  startMs: number;
  /** The patch release running: `v1.29.15` (the newest built patch of the minor). */
  version: string;
  /** A kubeconfig for this server (token and CA; removed by stop()), for tools that take one. */
  kubeconfig: string;
  stop(): Promise<void>;
}

function cacheDir(): string {
  return process.env.PODSMITH_CACHE ?? path.join(os.homedir(), '.cache', 'podsmith');
}

/** The newest cached build of a component for a minor (`kubernetes`, `1.34` → …/v1.34.4/). */
function cachedBuild(component: string, prefix: string): string | undefined {
  const dir = path.join(cacheDir(), component);
  let entries: string[] = [];
  try { entries = fs.readdirSync(dir); } catch { return undefined; }
  const hits = entries.filter((e) => e.startsWith(prefix) && /^v[\d.]+$/.test(e))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  return hits.length ? path.join(dir, hits[hits.length - 1]) : undefined;
}

/** The releases (`1.34`) whose kube-apiserver is in the build cache, oldest first. */
export function cachedReleases(): string[] {
  let entries: string[] = [];
  try { entries = fs.readdirSync(path.join(cacheDir(), 'kubernetes')); } catch { return []; }
  const minors = entries.map((e) => /^v(1\.\d+)\.\d+$/.exec(e)?.[1]).filter((m): m is string => m !== undefined)
    .filter((m) => fs.existsSync(path.join(cachedBuild('kubernetes', `v${m}.`)!, 'kube-apiserver')));
  return [...new Set(minors)].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

/** The last lines of a component's log, on one line. */
function logTail(file: string, lines = 3): string {
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { return '(no log)'; }
  return text.trim().split('\n').slice(-lines).join(' | ').slice(-1200) || '(empty log)';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function stopChild(c: ChildProcess | undefined, graceMs = 3000): Promise<void> {
  if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => c.kill('SIGKILL'), graceMs);
    c.once('exit', () => { clearTimeout(t); resolve(); });
    c.kill('SIGTERM');
  });
}

/** Starts etcd and kube-apiserver of `minor` (`1.34`); throws a UsageError when they are not built. */
export async function startExactServer(minor: string, log: (m: string) => void = () => undefined): Promise<ExactServer> {
  const kube = cachedBuild('kubernetes', `v${minor}.`);
  const etcdDir = cachedBuild('etcd', 'v3.');
  const apiserverBin = kube && path.join(kube, 'kube-apiserver');
  const etcdBin = etcdDir && path.join(etcdDir, 'etcd');
  if (!apiserverBin || !fs.existsSync(apiserverBin) || !etcdBin || !fs.existsSync(etcdBin)) {
    throw new UsageError(`--exact needs kube-apiserver ${minor} and etcd in ${cacheDir()} (build them with cluster/build.sh apiserver ${minor} etcd), or give --kubeconfig`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-exact-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const c of children.reverse()) await stopChild(c);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // three different ports (the kernel may hand a just-closed port out again)
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freePort());
    const [etcdClient, etcdPeer, securePort] = [...ports];
    const token = crypto.randomBytes(24).toString('hex');
    fs.writeFileSync(path.join(dir, 'tokens.csv'), `${token},podsmith-exact,podsmith-exact,system:masters\n`, { mode: 0o600 });
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    fs.writeFileSync(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const logFile = (n: string) => fs.openSync(path.join(dir, `${n}.log`), 'a');
    const started = Date.now();
    const etcd = spawn(etcdBin, [
      '--name=exact', `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`, `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=exact=http://127.0.0.1:${etcdPeer}`, '--unsafe-no-fsync', '--log-level=error',
    ], { stdio: ['ignore', logFile('etcd'), logFile('etcd')] });
    children.push(etcd);
    const apiserver = spawn(apiserverBin, [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${securePort}`,
      `--cert-dir=${path.join(dir, 'certs')}`, `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
      '--authorization-mode=RBAC', '--allow-privileged=true',
      '--service-account-issuer=https://kubernetes.default.svc', `--service-account-key-file=${path.join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`, '--service-cluster-ip-range=10.96.0.0/16',
      // no controller manager creates default ServiceAccounts here; Pods would be refused for that alone
      '--disable-admission-plugins=ServiceAccount', '--enable-priority-and-fairness=false', '--profiling=false',
      // nothing reconciles the kubernetes Service's endpoints here; 1.37 refuses a loopback advertise address otherwise
      '--endpoint-reconciler-type=none',
    ], { stdio: ['ignore', logFile('kube-apiserver'), logFile('kube-apiserver')] });
    children.push(apiserver);
    // The server writes its self-signed serving certificate (not atomically) once it starts: read
    // it again on every try until /readyz answers, so that a half-written file read once on a busy
    // machine does not leave a client that can never verify the server.
    let client: ApiClient | undefined;
    let clientCert = '';
    let lastError = 'no serving certificate yet';
    const deadline = Date.now() + 120_000;
    for (;;) {
      for (const [n, c] of [['etcd', etcd], ['kube-apiserver', apiserver]] as const) {
        // the temp dir goes with stop(): the error carries the log's last lines
        if (c.exitCode !== null) throw new Error(`${n} exited (${c.exitCode}): ${logTail(path.join(dir, `${n}.log`))}`);
      }
      let cert = '';
      try { cert = fs.readFileSync(path.join(dir, 'certs', 'apiserver.crt'), 'utf8'); } catch { /* not written yet */ }
      if (cert.includes('-----END CERTIFICATE-----') && cert !== clientCert) {
        client?.close();
        // the self-signed serving certificate names localhost and 127.0.0.1
        client = new ApiClient(new URL(`https://127.0.0.1:${securePort}`), { ca: Buffer.from(cert) }, token);
        clientCert = cert;
      }
      if (client) {
        const r = await client.request('GET', '/readyz', undefined, 2000).catch((e: Error) => { lastError = e.message; return undefined; });
        if (r?.status === 200) break;
        if (r) lastError = `/readyz answered ${r.status}: ${String(r.body).trim().split('\n').filter((l) => l.includes('failed')).join('; ').slice(0, 300)}`;
      }
      if (Date.now() > deadline) {
        throw new Error(`kube-apiserver not ready after 120 s (${lastError}); its log ends: ${logTail(path.join(dir, 'kube-apiserver.log'))}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const startMs = Date.now() - started;
    const kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'exact',
      clusters: [{ name: 'exact', cluster: { 'server': `https://127.0.0.1:${securePort}`, 'certificate-authority': path.join(dir, 'certs', 'apiserver.crt') } }],
      users: [{ name: 'exact', user: { token } }],
      contexts: [{ name: 'exact', context: { cluster: 'exact', user: 'exact' } }],
    }), { mode: 0o600 });
    log(`exact: kube-apiserver ${path.basename(kube!)} ready on 127.0.0.1:${securePort} in ${(startMs / 1000).toFixed(1)} s`);
    return { client: client!, startMs, version: path.basename(kube), kubeconfig, stop: async () => { client!.close(); await stop(); } };
  } catch (e) {
    await stop();
    throw e;
  }
}
