/**
 * A minimal HTTPS client for one API server: the answers `validate --exact` needs (server-side
 * dry-run create with strict field validation, create, get), authenticated by a bearer token or
 * a kubeconfig's client certificate. No client library.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../errors';

export interface ServerAnswer {
  status: number;
  body: any;
}

export interface ApiCause { field?: string; message?: string; reason?: string }

export class ApiClient {
  private readonly agent: https.Agent;

  constructor(readonly server: URL, tls: { ca?: Buffer; cert?: Buffer; key?: Buffer; insecure?: boolean }, private readonly token?: string) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 8, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: tls.insecure !== true });
  }

  /** From a kubeconfig file: its current context (or `context`). */
  static fromKubeconfig(file: string, context?: string): ApiClient {
    let cfg: any;
    try {
      cfg = parseYaml(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`--kubeconfig ${file}: cannot read it (${(e as Error).message.split('\n')[0]})`);
    }
    const ctxName = context ?? cfg?.['current-context'];
    const ctx = (cfg?.contexts ?? []).find((c: any) => c.name === ctxName)?.context;
    if (!ctx) throw new UsageError(`--kubeconfig ${file}: no context '${ctxName}'`);
    const cluster = (cfg.clusters ?? []).find((c: any) => c.name === ctx.cluster)?.cluster ?? {};
    const user = (cfg.users ?? []).find((u: any) => u.name === ctx.user)?.user ?? {};
    const dir = path.dirname(file);
    const read = (data?: string, f?: string) => (data ? Buffer.from(data, 'base64') : f ? fs.readFileSync(path.resolve(dir, f)) : undefined);
    return new ApiClient(new URL(cluster.server), {
      ca: read(cluster['certificate-authority-data'], cluster['certificate-authority']),
      cert: read(user['client-certificate-data'], user['client-certificate']),
      key: read(user['client-key-data'], user['client-key']),
      insecure: cluster['insecure-skip-tls-verify'] === true,
    }, user.token);
  }

  close(): void {
    this.agent.destroy();
  }

  request(method: string, p: string, body?: unknown, timeoutMs = 30_000, contentType = 'application/json'): Promise<ServerAnswer> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request({
        host: this.server.hostname, port: this.server.port || 443, method, path: p, agent: this.agent, timeout: timeoutMs,
        headers: {
          'Accept': 'application/json',
          ...(data !== undefined ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(data) } : {}),
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try { parsed = JSON.parse(text); } catch { /* plain text (readyz) */ }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${p}: no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      if (data !== undefined) req.write(data);
      req.end();
    });
  }
}
