/**
 * A small client for one question: would the API server accept this object? It sends a
 * server-side dry-run create with strict field validation (`kubectl apply --validate=strict`),
 * using the client certificate of a kubeconfig. No client library, so it runs inside jest.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadSchemas } from '../../src/validate/schema';
import { SUPPORTED_K8S_VERSIONS } from '../../src/validate/schema/versions';

export interface ApiVerdict {
  accepted: boolean;
  status: number;
  /** The API server's message for a rejection. */
  message?: string;
  /** Field paths the API server named (status.details.causes[].field). */
  fields: string[];
  /** The object as the API server answered an accepted create (defaulted, without what it drops). */
  answer?: unknown;
}

interface KubeconfigUser { 'client-certificate-data'?: string; 'client-key-data'?: string; 'client-certificate'?: string; 'client-key'?: string; 'token'?: string }

/** Where each kind is created. */
const RESOURCES: Record<string, { group: string; plural: string; namespaced: boolean }> = {
  'v1/Pod': { group: '/api/v1', plural: 'pods', namespaced: true },
  'v1/Service': { group: '/api/v1', plural: 'services', namespaced: true },
  'v1/ConfigMap': { group: '/api/v1', plural: 'configmaps', namespaced: true },
  'v1/Secret': { group: '/api/v1', plural: 'secrets', namespaced: true },
  'v1/ServiceAccount': { group: '/api/v1', plural: 'serviceaccounts', namespaced: true },
  'apps/v1/Deployment': { group: '/apis/apps/v1', plural: 'deployments', namespaced: true },
  'apps/v1/ReplicaSet': { group: '/apis/apps/v1', plural: 'replicasets', namespaced: true },
  'apps/v1/StatefulSet': { group: '/apis/apps/v1', plural: 'statefulsets', namespaced: true },
  'apps/v1/DaemonSet': { group: '/apis/apps/v1', plural: 'daemonsets', namespaced: true },
  'batch/v1/Job': { group: '/apis/batch/v1', plural: 'jobs', namespaced: true },
  'batch/v1/CronJob': { group: '/apis/batch/v1', plural: 'cronjobs', namespaced: true },
  'policy/v1/PodDisruptionBudget': { group: '/apis/policy/v1', plural: 'poddisruptionbudgets', namespaced: true },
  'networking.k8s.io/v1/Ingress': { group: '/apis/networking.k8s.io/v1', plural: 'ingresses', namespaced: true },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': { group: '/apis/rbac.authorization.k8s.io/v1', plural: 'clusterrolebindings', namespaced: false },
  'scheduling.k8s.io/v1/PriorityClass': { group: '/apis/scheduling.k8s.io/v1', plural: 'priorityclasses', namespaced: false },
};

/** Any other built-in kind: its resource and scope as the bundled schemas record them. */
function resourceFromSchemas(gvk: string): { group: string; plural: string; namespaced: boolean } | undefined {
  for (const v of [...SUPPORTED_K8S_VERSIONS].reverse()) {
    const set = loadSchemas(v);
    if (!set.resources[gvk]) continue;
    const apiVersion = gvk.slice(0, gvk.lastIndexOf('/'));
    return { group: apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`, plural: set.resources[gvk], namespaced: set.scopes[gvk] === 'n' };
  }
  return undefined;
}

export class ApiServer {
  private readonly agent: https.Agent;
  private readonly server: URL;
  private readonly token?: string;

  /** From a kubeconfig file (its current context, or `context`). */
  constructor(kubeconfigFile: string, context?: string) {
    const cfg = parseYaml(fs.readFileSync(kubeconfigFile, 'utf8'));
    const ctxName = context ?? cfg['current-context'];
    const ctx = (cfg.contexts ?? []).find((c: any) => c.name === ctxName)?.context;
    if (!ctx) throw new Error(`kubeconfig ${kubeconfigFile}: no context '${ctxName}'`);
    const cluster = cfg.clusters.find((c: any) => c.name === ctx.cluster).cluster;
    const user: KubeconfigUser = cfg.users.find((u: any) => u.name === ctx.user).user;
    const dir = path.dirname(kubeconfigFile);
    const read = (data?: string, file?: string) => (data ? Buffer.from(data, 'base64') : file ? fs.readFileSync(path.resolve(dir, file)) : undefined);
    this.server = new URL(cluster.server);
    this.token = user.token;
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: 4,
      ca: read(cluster['certificate-authority-data'], cluster['certificate-authority']),
      cert: read(user['client-certificate-data'], user['client-certificate']),
      key: read(user['client-key-data'], user['client-key']),
    });
  }

  close(): void {
    this.agent.destroy();
  }

  /** Server-side dry-run create with fieldValidation=Strict. */
  async dryRunCreate(object: any, namespace = 'default'): Promise<ApiVerdict> {
    return this.dryRun(object, namespace, JSON.stringify(object), 'application/json', 'dryRunCreate');
  }

  /**
   * Server-side dry-run create of YAML text as written (Content-Type application/yaml: the API
   * server decodes it as kubectl does), with strict field validation. The object picks the URL.
   */
  async dryRunCreateYaml(text: string, object: any, namespace = 'default'): Promise<ApiVerdict> {
    return this.dryRun(object, namespace, text, 'application/yaml', 'dryRunCreateYaml');
  }

  private async dryRun(object: any, namespace: string, body: string, contentType: string, caller: string): Promise<ApiVerdict> {
    const key = `${object?.apiVersion}/${object?.kind}`;
    const r = RESOURCES[key] ?? resourceFromSchemas(key);
    if (!r) throw new Error(`${caller}: no resource mapping for ${key}`);
    const url = `${r.group}${r.namespaced ? `/namespaces/${namespace}` : ''}/${r.plural}?dryRun=All&fieldValidation=Strict`;
    const res = await this.request('POST', url, body, contentType);
    if (res.status >= 200 && res.status < 300) {
      let answer: unknown;
      try { answer = JSON.parse(res.body); } catch { answer = undefined; }
      return { accepted: true, status: res.status, fields: [], answer };
    }
    let parsed: any;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = { message: res.body };
    }
    // a kind this server does not serve is refused, as kubectl refuses it ("no matches for kind")
    if (res.status === 404 && parsed?.details?.name === undefined && /could not find the requested resource|^404 page not found/.test(String(parsed.message ?? '').trim())) {
      return { accepted: false, status: 404, message: `${key} is not served by this API server`, fields: [] };
    }
    if (res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 404) {
      throw new Error(`API server answered ${res.status} for ${key}: ${parsed.message ?? res.body}`);
    }
    return { accepted: false, status: res.status, message: parsed.message, fields: (parsed.details?.causes ?? []).map((c: any) => c.field).filter(Boolean) };
  }

  /** GET a path; for readiness checks. */
  async get(p: string): Promise<{ status: number; body: string }> {
    return this.request('GET', p);
  }

  /** Any request with a body of the given content type; the caller reads status and body. */
  send(method: string, p: string, body: string, contentType: string): Promise<{ status: number; body: string }> {
    return this.request(method, p, body, contentType);
  }

  private request(method: string, p: string, body?: string, contentType = 'application/json'): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = https.request({
        protocol: this.server.protocol,
        hostname: this.server.hostname,
        port: this.server.port,
        path: p,
        method,
        agent: this.agent,
        timeout: 60_000,
        headers: {
          'Accept': 'application/json',
          ...(body !== undefined ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) } : {}),
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${p}: timed out after 60 s`)));
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}
