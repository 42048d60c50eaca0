/**
 * The runner's only door to the API server: @kubernetes/client-node (server-side apply with the
 * field manager `podsmith`, reads, events, eviction, logs, exec, watch), with a timeout on every
 * request and retries with backoff when the API server is briefly away (restarted mid-run).
 *
 * client-node is ESM-only; this module is loaded lazily (require at run time) so that jest,
 * whose module loader cannot require ESM, never loads it: unit tests cover the pure modules and
 * the e2e tests run the compiled CLI.
 *
 * Everything returned is plain JSON (timestamps as strings), like the manifests.
 */
import { PassThrough, Writable } from 'node:stream';
import { InputError } from '../errors';
import { FIELD_MANAGER } from './plan';
import { Manifest } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

type K8s = typeof import('@kubernetes/client-node');
let k8sModule: K8s | undefined;
function k8s(): K8s {
  // Node ≥ 20.19 loads the ESM package through require(esm). It is an optional peer of the package.
  try {
    k8sModule ??= require('@kubernetes/client-node') as K8s;
  } catch (e) {
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND' || !String((e as Error).message).includes('@kubernetes/client-node')) throw e;
    throw new InputError('podsmith verify needs @kubernetes/client-node, an optional peer dependency: npm install --save-dev @kubernetes/client-node@^1.4.0');
  }
  return k8sModule;
}

export interface KubeOptions {
  kubeconfig?: string;
  context?: string;
  /** Per-request timeout (default 15 s). */
  requestTimeoutMs?: number;
  /** How long to keep retrying while the API server is unreachable (default 90 s). */
  retryBudgetMs?: number;
  /** Where retry notices go (default: stderr). */
  log?: (line: string) => void;
  /** Returns true when the run is being aborted (Ctrl-C): retries stop. */
  aborted?: () => boolean;
}

/** An API error with its HTTP status (0 = no answer) and the server's message. */
export class KubeError extends Error {
  constructor(readonly op: string, readonly code: number, readonly reason: string, public transient: boolean) {
    super(`${op}: ${code ? `HTTP ${code}: ` : ''}${reason}`);
    this.name = 'KubeError';
  }
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** Classifies anything the client throws. */
export function toKubeError(op: string, e: any): KubeError {
  if (e instanceof KubeError) return e;
  if (e && typeof e.code === 'number' && 'body' in e) {
    let reason = '';
    let body = e.body;
    if (typeof body === 'string') { try { body = JSON.parse(body); } catch { reason = body; } }
    if (body && typeof body === 'object') reason = body.message ?? JSON.stringify(body);
    const code: number = e.code;
    // 500 is also how server-side apply reports a bad object: transient only when it says so
    const transient = code === 429 || code === 502 || code === 503 || code === 504
      || (code === 500 && /etcd|timeout|timed out|try again|unavailable|connection refused|leader|deadline/i.test(reason));
    return new KubeError(op, code, reason || `status ${code}`, transient);
  }
  const name = e?.name ?? '';
  const code = e?.code ?? e?.errno ?? e?.cause?.code;
  const msg = String(e?.message ?? e).split('\n')[0];
  if (name === 'AbortError' || name === 'TimeoutError') return new KubeError(op, 0, 'no answer from the API server (timed out)', true);
  if (TRANSIENT_CODES.has(code) || /socket hang up|ECONNREFUSED|ECONNRESET|network|fetch failed/i.test(msg)) {
    return new KubeError(op, 0, `API server unreachable (${code ?? msg})`, true);
  }
  return new KubeError(op, 0, msg, false);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Backoff for attempt n (0-based): 0.5 s doubling to 8 s. */
export function backoffMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** attempt);
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Exit code of the command; undefined when it did not finish (timeout). */
  exitCode?: number;
}

export class Kube {
  kc!: any;
  server!: string;
  private loadedAt = 0;
  private unreachableSince: number | undefined;
  private readonly timeoutMs: number;
  private readonly budgetMs: number;
  private readonly log: (l: string) => void;
  private objects: any;
  private configWith!: (extraMiddleware: any[]) => any;
  private core: any;
  private version: any;

  constructor(private readonly opts: KubeOptions = {}) {
    this.timeoutMs = opts.requestTimeoutMs ?? 15_000;
    this.budgetMs = opts.retryBudgetMs ?? 90_000;
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.load();
  }

  /** (Re)reads the kubeconfig and builds the API clients. */
  private load(): void {
    const m = k8s();
    const opts = this.opts;
    this.loadedAt = Date.now();
    const kc = new m.KubeConfig();
    try {
      if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
      else kc.loadFromDefault();
    } catch (e) {
      throw new InputError(`cannot read kubeconfig ${opts.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config'}: ${(e as Error).message.split('\n')[0]}`);
    }
    if (opts.context) {
      if (!kc.getContextObject(opts.context)) throw new InputError(`kubeconfig has no context '${opts.context}' (contexts: ${kc.getContexts().map((c: any) => c.name).join(', ') || 'none'})`);
      kc.setCurrentContext(opts.context);
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new InputError('the kubeconfig has no current context/cluster; pass --context NAME');
    this.kc = kc;
    this.server = cluster.server;
    const timeoutMw = {
      pre: async (ctx: any) => { ctx.setSignal(AbortSignal.timeout(this.timeoutMs)); return ctx; },
      post: async (resp: any) => resp,
    };
    this.configWith = (extra: any[]) => m.createConfiguration({
      baseServer: new m.ServerConfiguration(cluster.server, {}),
      authMethods: { default: kc },
      promiseMiddleware: [timeoutMw, ...extra],
    } as any);
    const config = this.configWith([]);
    this.objects = new m.KubernetesObjectApi(config);
    this.core = new m.CoreV1Api(config);
    this.version = new m.VersionApi(config);
  }

  /** Runs `fn` with retries on transient failures, within the retry budget. */
  async call<T>(op: string, fn: () => Promise<T>, opts: { retry?: boolean; budgetMs?: number } = {}): Promise<T> {
    const budget = opts.budgetMs ?? this.budgetMs;
    const start = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await fn();
        this.unreachableSince = undefined;
        return r;
      } catch (e) {
        const err = toKubeError(op, e);
        // once the API server has been away longer than the budget, stop waiting call by call
        if (err.transient && this.unreachableSince !== undefined && Date.now() - this.unreachableSince > this.budgetMs) {
          throw new KubeError(op, err.code, `${err.reason}; the API server has not answered for ${Math.round((Date.now() - this.unreachableSince) / 1000)}s`, true);
        }
        if (err.transient) this.unreachableSince ??= Date.now();
        const wait = backoffMs(attempt);
        // a re-created cluster (new CA in a rewritten kubeconfig): read the kubeconfig again, once
        // A certificate error mid-run means the server was re-created (new CA): retry while the
        // budget lasts, and read the kubeconfig again once it has been rewritten.
        const certError = /certificate|self.signed|CERT_/i.test(err.reason);
        if (certError && this.kubeconfigChanged()) {
          this.log(`  ${op}: ${err.reason}; the kubeconfig changed since it was read: reloading it`);
          this.load();
          continue;
        }
        if (certError) Object.assign(err, { transient: true });
        if (!err.transient || opts.retry === false || this.opts.aborted?.() || Date.now() - start + wait > budget) {
          if (err.transient && opts.retry !== false && Date.now() - start > 1000) {
            throw new KubeError(op, err.code, `${err.reason}; gave up after ${Math.round((Date.now() - start) / 1000)}s of retries`, true);
          }
          throw err;
        }
        if (attempt === 0 || attempt % 4 === 0) this.log(`  ${op}: ${err.reason}; retrying (backoff ${wait / 1000}s)`);
        await sleep(wait);
      }
    }
  }

  /** Gives the next calls a fresh retry budget (cleanup after an outage gets its own chance). */
  resetBudget(): void {
    this.unreachableSince = undefined;
  }

  private kubeconfigChanged(): boolean {
    if (!this.opts.kubeconfig) return false;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('node:fs') as typeof import('node:fs')).statSync(this.opts.kubeconfig).mtimeMs > this.loadedAt;
    } catch {
      return false;
    }
  }

  /** The server's version, with one quick try (for the "is there a cluster" check). */
  async serverVersion(timeoutMs: number): Promise<string> {
    const v: any = await Promise.race([
      this.version.getCode(),
      new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' })), timeoutMs).unref()),
    ]).catch((e) => { throw toKubeError('GET /version', e); });
    return v.gitVersion;
  }

  async apply(m: Manifest): Promise<any> {
    const PatchStrategy = k8s().PatchStrategy;
    // The client serializes known kinds through its typed models, which drop fields they do
    // not know (newer API fields, typos): send the manifest exactly as given instead, so the
    // API server judges every field.
    const raw = JSON.stringify(m);
    // fieldValidation Strict: an unknown or duplicate field is an error, as with kubectl apply
    const exact = {
      pre: async (ctx: any) => {
        if (String(ctx.getHttpMethod()) === 'PATCH') { ctx.setBody(raw); ctx.setQueryParam('fieldValidation', 'Strict'); }
        return ctx;
      },
      post: async (r: any) => r,
    };
    // (the object API takes middleware from its constructor only: one instance per apply)
    const applier = new (k8s().KubernetesObjectApi)(this.configWith([exact]));
    return plain(await this.call(`apply ${m.kind}/${m.metadata.name}`, () => applier.patch(m, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply)));
  }

  async read(apiVersion: string, kind: string, name: string, namespace?: string): Promise<any | undefined> {
    try {
      return plain(await this.call(`get ${kind}/${name}`, () => this.objects.read({ apiVersion, kind, metadata: { name, namespace } })));
    } catch (e) {
      if (e instanceof KubeError && e.code === 404) return undefined;
      throw e;
    }
  }

  async list(apiVersion: string, kind: string, namespace?: string, labelSelector?: string): Promise<any[]> {
    const r: any = await this.call(`list ${kind}`, () => this.objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector));
    return (plain(r).items ?? []).map((i: any) => ({ apiVersion, kind, ...i }));
  }

  async events(namespace: string): Promise<any[]> {
    const r: any = await this.call('list events', () => this.core.listNamespacedEvent({ namespace }));
    return plain(r).items ?? [];
  }

  async createNamespace(name: string, labels: Record<string, string>): Promise<void> {
    await this.call(`create namespace ${name}`, () => this.core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } }));
  }

  /** Creates an object; false when one of that name exists already (409). */
  async create(m: Manifest): Promise<boolean> {
    try {
      await this.call(`create ${m.kind}/${m.metadata.name}`, () => this.objects.create(m));
      return true;
    } catch (e) {
      if (e instanceof KubeError && e.code === 409) return false;
      throw e;
    }
  }

  /**
   * Deletes an object; absent is fine. `graceSeconds` 0 deletes Pods at once. With `uid`, only
   * that very object (not one re-created under the same name since it was read).
   */
  async delete(apiVersion: string, kind: string, name: string, namespace?: string, opts: { graceSeconds?: number; orphan?: boolean; budgetMs?: number; uid?: string } = {}): Promise<void> {
    const body = opts.uid ? { preconditions: { uid: opts.uid } } : undefined;
    try {
      await this.call(`delete ${kind}/${name}`, () => this.objects.delete({ apiVersion, kind, metadata: { name, namespace } }, undefined, undefined, opts.graceSeconds, undefined, opts.orphan ? 'Orphan' : 'Background', body), { budgetMs: opts.budgetMs });
    } catch (e) {
      if (e instanceof KubeError && e.code === 404) return;
      if (e instanceof KubeError && e.code === 409 && opts.uid) return;
      throw e;
    }
  }

  /** A JSON merge patch (RFC 7386) of an object, e.g. a Node's `spec.unschedulable` or its taints (with `metadata.resourceVersion` for optimistic concurrency). */
  async patchMerge(apiVersion: string, kind: string, name: string, patch: Record<string, any>, namespace?: string): Promise<any> {
    const PatchStrategy = k8s().PatchStrategy;
    const body = { apiVersion, kind, ...patch, metadata: { ...(patch.metadata ?? {}), name, ...(namespace ? { namespace } : {}) } };
    return plain(await this.call(`patch ${kind}/${name}`, () => this.objects.patch(body, undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch), { retry: false }));
  }

  /** Evicts a Pod: 201 allowed, 429 refused by a PodDisruptionBudget. */
  async evict(namespace: string, pod: string): Promise<{ code: number; message?: string }> {
    try {
      await this.call(`evict Pod/${pod}`, () => this.core.createNamespacedPodEviction({
        name: pod, namespace, body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace } },
      }), { retry: false });
      return { code: 201 };
    } catch (e) {
      const err = toKubeError(`evict Pod/${pod}`, e);
      if (err.code === 0) throw err;
      return { code: err.code, message: err.reason };
    }
  }

  async logs(namespace: string, pod: string, container: string, tailLines = 20): Promise<string> {
    try {
      const r: any = await this.call(`logs ${pod}/${container}`, () => this.core.readNamespacedPodLog({ name: pod, namespace, container, tailLines }), { budgetMs: 5000 });
      return typeof r === 'string' ? r : String(r ?? '');
    } catch (e) {
      return `(no logs: ${(e as Error).message})`;
    }
  }

  /** Runs a command in a container (through the API server's exec, a WebSocket). */
  async exec(namespace: string, pod: string, container: string, command: string[], timeoutMs = 15_000): Promise<ExecResult> {
    return this.call(`exec in ${pod}/${container}`, () => this.execOnce(namespace, pod, container, command, timeoutMs), { budgetMs: Math.max(timeoutMs, 30_000) });
  }

  private async execOnce(namespace: string, pod: string, container: string, command: string[], timeoutMs: number): Promise<ExecResult> {
    const m = k8s();
    const out: string[] = [];
    const err: string[] = [];
    const sink = (arr: string[]) => new Writable({ write(chunk, _enc, cb) { arr.push(chunk.toString()); cb(); } });
    return new Promise<ExecResult>((resolve, reject) => {
      let ws: any;
      let finished = false;
      const done = (r: ExecResult | Error) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        try { ws?.close(); } catch { /* closing anyway */ }
        if (r instanceof Error) reject(r); else resolve(r);
      };
      const timer = setTimeout(() => done({ stdout: out.join(''), stderr: err.join(''), exitCode: undefined }), timeoutMs);
      const stdin = new PassThrough();
      stdin.end();
      new m.Exec(this.kc).exec(namespace, pod, container, command, sink(out), sink(err), null, false, (status: any) => {
        let code = status?.status === 'Success' ? 0 : undefined;
        const cause = status?.details?.causes?.find((c: any) => c.reason === 'ExitCode');
        if (cause) code = Number(cause.message);
        if (code === undefined && status?.status === 'Failure') code = -1;
        // give the stream a moment to flush what it has
        setTimeout(() => done({ stdout: out.join(''), stderr: err.join('') || (status?.status === 'Failure' && !cause ? status.message ?? '' : ''), exitCode: code }), 50);
      }).then((socket: any) => {
        ws = socket;
        socket.on?.('close', () => setTimeout(() => done({ stdout: out.join(''), stderr: err.join(''), exitCode: finished ? undefined : 0 }), 200));
      }, (e: any) => done(e));
    });
  }

  /**
   * Watches Pods in a namespace; `onEvent` gets each change. Reconnects with backoff when the
   * watch ends (API server restart). Returns a stop function.
   */
  watchPods(namespace: string, onEvent: (type: string, pod: any) => void): () => void {
    const m = k8s();
    let stopped = false;
    let controller: AbortController | undefined;
    let attempt = 0;
    const start = async () => {
      while (!stopped) {
        const ended = new Promise<void>((resolve) => {
          new m.Watch(this.kc).watch(`/api/v1/namespaces/${namespace}/pods`, {}, (type: string, obj: any) => {
            attempt = 0;
            onEvent(type, plain(obj));
          }, () => resolve()).then((c: AbortController) => { controller = c; if (stopped) c.abort(); }, () => resolve());
        });
        await ended;
        if (stopped) return;
        await sleep(backoffMs(attempt++));
      }
    };
    void start();
    return () => { stopped = true; controller?.abort(); };
  }
}

/** Typed client models (Dates) → plain JSON, as the manifests and the pure checks expect. */
function plain<T>(x: T): any {
  return x === undefined ? undefined : JSON.parse(JSON.stringify(x));
}
