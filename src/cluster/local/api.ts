/**
 * The cluster's own small API client (admin certificate, no dependency): enough to wait for
 * health, create the bootstrap objects and run the test Pod before any kubeconfig user exists.
 */
import * as dns from 'node:dns';
import * as fs from 'node:fs';
import * as https from 'node:https';
import { apiServerUrl, ClusterContext } from './context';
import { ClusterError } from './errors';

/* eslint-disable @typescript-eslint/no-explicit-any */

export class AdminApi {
  private agentCache?: https.Agent;

  constructor(private readonly ctx: ClusterContext) {}

  /** Drops the client of an older cluster (a new cluster has a new CA and admin certificate). */
  reset(): void {
    this.agentCache?.destroy();
    this.agentCache = undefined;
  }

  private get agent(): https.Agent {
    const pki = (f: string) => this.ctx.paths.pki(f);
    this.agentCache ??= new https.Agent({
      ca: fs.readFileSync(pki('ca.crt')),
      cert: fs.readFileSync(pki('admin.crt')),
      key: fs.readFileSync(pki('admin.key')),
      keepAlive: false,
    });
    return this.agentCache;
  }

  /** One request to the API server as the cluster admin. */
  request(method: string, urlPath: string, body?: unknown, timeoutMs = 10_000, contentType = 'application/json'): Promise<{ status: number; body: any }> {
    return new Promise((resolve) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        `${apiServerUrl(this.ctx.id)}${urlPath}`,
        {
          method,
          agent: this.agent,
          timeout: timeoutMs,
          headers: data ? { 'content-type': contentType, 'content-length': Buffer.byteLength(data) } : {},
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

  /** API ready, node Ready and CoreDNS answering: the cluster needs nothing. */
  async quickHealthy(): Promise<boolean> {
    if (!fs.existsSync(this.ctx.paths.pki('admin.crt'))) return false;
    if ((await this.request('GET', '/readyz', undefined, 3000)).status !== 200) return false;
    if (!(await this.nodeReady())) return false;
    return (await this.dnsLookup('kubernetes.default.svc.cluster.local')) === this.ctx.id.net.apiServiceIp;
  }

  async nodeReady(name = this.ctx.id.nodes[0].name): Promise<boolean> {
    const r = await this.request('GET', `/api/v1/nodes/${name}`, undefined, 3000);
    if (r.status !== 200) return false;
    return (r.body?.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
  }

  /** Asks the cluster's DNS (CoreDNS on the node) for an A record. */
  async dnsLookup(name: string): Promise<string | undefined> {
    const resolver = new dns.promises.Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([this.ctx.id.net.nodeIp]);
    try {
      return (await resolver.resolve4(name))[0];
    } catch {
      return undefined;
    }
  }

  /**
   * Creates an object; an existing one is left as it is. (A Service with a fixed clusterIP that
   * exists already is refused with 422 "provided IP is already allocated", not 409: the address
   * is allocated before the name is checked; so a refusal is checked against what is there.)
   */
  async ensureObject(collection: string, obj: { metadata: { name: string; [k: string]: unknown }; [k: string]: unknown }): Promise<void> {
    const r = await this.request('POST', collection, obj);
    if (r.status !== 201 && r.status !== 409 && r.status !== 200 && (await this.request('GET', `${collection}/${obj.metadata.name}`)).status !== 200) {
      throw new ClusterError(`creating ${collection}: HTTP ${r.status} ${JSON.stringify(r.body?.message ?? r.body)}`);
    }
  }
}
