/**
 * `podsmith validate --exact`: the same inputs judged by a real API server of the chosen
 * release — one started on demand (server.ts) or the cluster of `--kubeconfig`. CRDs in the input
 * are installed first (on the throwaway server; on a given cluster they are sent as dry-runs
 * like everything else), then every object is sent as a server-side dry-run create with strict
 * field validation. Each refusal becomes a finding in contract 2's shape with the server's own
 * message: one per cause the server names, else one for the object.
 */
import { isObj } from '../context';
import { splitPath } from '../path';
import { expandLists } from '../lists';
import { loadSchemas, SchemaSet } from '../schema';
import { Finding, InputObject, ObjectRef, Report } from '../types';
import { ApiCause, ApiClient } from './client';
import { exactRules } from './rules';
import { startExactServer } from './server';

export { exactRules };


export interface ExactOptions {
  /** `X.Y` release of the throwaway server (and of the resource mapping). */
  k8sVersion: string;
  /** Judge with this cluster instead of a throwaway server. */
  kubeconfig?: string;
  log?: (message: string) => void;
}

interface Target { collection: string; namespaced: boolean }

function refOf(o: any): ObjectRef {
  const ref: ObjectRef = { apiVersion: String(o?.apiVersion ?? ''), kind: String(o?.kind ?? ''), name: String(o?.metadata?.name ?? o?.metadata?.generateName ?? '') };
  if (typeof o?.metadata?.namespace === 'string') ref.namespace = o.metadata.namespace;
  return ref;
}

function base(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

function lineOf(input: InputObject, p: string): number | undefined {
  if (!input.lineOf) return undefined;
  const segs = splitPath(p);
  for (let n = segs.length; n >= 0; n--) {
    let s = '';
    for (const x of segs.slice(0, n)) s += typeof x === 'number' ? `[${x}]` : (s === '' ? x : (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(x) ? `.${x}` : `[${x}]`));
    const line = input.lineOf(s);
    if (line !== undefined) return line;
  }
  return undefined;
}

export async function validateExact(inputsIn: InputObject[], options: ExactOptions): Promise<Report> {
  const log = options.log ?? (() => undefined);
  const inputs = expandLists(inputsIn).filter((i) => i.object !== null && i.object !== undefined);
  const schemas: SchemaSet = loadSchemas(options.k8sVersion);
  const server = options.kubeconfig ? undefined : await startExactServer(options.k8sVersion, log);
  const client = server?.client ?? ApiClient.fromKubeconfig(options.kubeconfig!);
  const findings: Finding[] = [];
  const custom = new Map<string, Target>();
  /** The dry-run answers to the input's CRDs, taken before any is installed on the throwaway server. */
  const installed = new Map<InputObject, { status: number; body: any }>();
  const finding = (rule: string, input: InputObject, path: string, message: string, fix: string) => {
    const meta = exactRules.find((r) => r.id === rule)!;
    const line = lineOf(input, path);
    findings.push({ rule, severity: meta.severity, message, object: refOf(input.object), path, ...(input.file ? { file: input.file } : {}), ...(line !== undefined ? { line } : {}), handbook: meta.handbook, fix });
  };
  try {
    // 1. CRDs first: judged by a dry-run before any is installed (two CRDs may share a name),
    //    then installed on the throwaway server so that their kinds are served
    const established = new Set<InputObject>();
    const crdInputs = inputs.filter((i) => isObj(i.object) && i.object.kind === 'CustomResourceDefinition' && i.object.apiVersion === 'apiextensions.k8s.io/v1');
    if (server) {
      for (const i of crdInputs) installed.set(i, await dryRun(client, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', i.object));
      for (const i of crdInputs) {
        if (installed.get(i)!.status !== 201) continue;
        const r = await client.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', i.object);
        if (r.status === 201 && await waitEstablished(client, i.object, log)) established.add(i);
      }
    }
    for (const i of crdInputs) {
      const o = i.object;
      const names = o.spec?.names ?? {};
      for (const v of Array.isArray(o.spec?.versions) ? o.spec.versions : []) {
        if (v?.served === false) continue;
        if (server && !established.has(i)) continue;
        custom.set(`${o.spec?.group}/${v?.name}/${names.kind}`, { collection: `/apis/${o.spec?.group}/${v?.name}/${names.plural}`, namespaced: o.spec?.scope !== 'Cluster' });
      }
    }
    // 2. Namespace objects judged before the namespaces the objects name are created (a real
    //    create, on the throwaway server only)
    const early = new Map<InputObject, { status: number; body: any }>();
    for (const i of inputs) {
      if (i.object?.apiVersion === 'v1' && i.object?.kind === 'Namespace') early.set(i, await dryRun(client, '/api/v1/namespaces', i.object));
    }
    if (server) {
      const namespaces = new Set(inputs.map((i) => i.object?.metadata?.namespace).filter((n): n is string => typeof n === 'string' && n !== '' && n !== 'default'));
      for (const ns of namespaces) await client.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    }
    // 3. every object as a dry-run
    for (const i of inputs) {
      const o = i.object;
      if (!isObj(o) || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
        finding('exact.not-sent', i, '', 'Required value: object has no apiVersion and kind', 'add apiVersion and kind');
        continue;
      }
      const gvk = `${o.apiVersion}/${o.kind}`;
      const target: Target | undefined = schemas.resources[gvk]
        ? { collection: `${base(o.apiVersion)}/${schemas.resources[gvk]}`, namespaced: schemas.scopes[gvk] === 'n' }
        : custom.get(gvk);
      if (!target) {
        finding('exact.not-sent', i, 'kind', `no matches for kind "${o.kind}" in version "${o.apiVersion}"`, 'install the CRD that defines the kind, or fix apiVersion and kind');
        continue;
      }
      const ns = typeof o.metadata?.namespace === 'string' && o.metadata.namespace !== '' ? o.metadata.namespace : 'default';
      const collection = target.namespaced ? target.collection.replace(/\/([^/]+)$/, `/namespaces/${ns}/$1`) : target.collection;
      const r = installed.get(i) ?? early.get(i) ?? await dryRun(client, collection, o);
      if (r.status >= 200 && r.status < 300) continue;
      if (r.status === 404 && !server) {
        finding('exact.not-sent', i, 'kind', `the API server does not serve ${o.kind} in ${o.apiVersion}: ${r.body?.message ?? r.status}`, 'install the CRD that defines the kind, or fix apiVersion and kind');
        continue;
      }
      // 403 is an admission plugin's refusal (a verdict) unless authorization refused the caller
      const denied = r.status === 403 && /is forbidden: User ".*" cannot /.test(String(r.body?.message));
      if (r.status >= 500 || r.status === 401 || denied) throw new Error(`API server answered ${r.status} for ${gvk}: ${r.body?.message ?? r.body}`);
      const causes: ApiCause[] = Array.isArray(r.body?.details?.causes) ? r.body.details.causes : [];
      const fix = 'fix the object as the API server\'s message says';
      if (causes.length === 0) finding('exact.rejected', i, '', String(r.body?.message ?? `HTTP ${r.status}`), fix);
      for (const c of causes) finding('exact.rejected', i, (c.field ?? '').replace(/^\./, ''), c.message ?? String(r.body?.message ?? ''), fix);
    }
  } finally {
    if (server) await server.stop();
    else client.close();
  }
  const summary = { objects: inputs.length, errors: findings.filter((f) => f.severity === 'error').length, warnings: 0, infos: 0 };
  return { findings, summary };
}

/**
 * A server-side dry-run create with strict field validation; for an object that already exists
 * (the default ClusterRoles, a namespace created for the input), a dry-run server-side apply,
 * as `kubectl apply` would update it.
 */
async function dryRun(client: ApiClient, collection: string, o: any): Promise<{ status: number; body: any }> {
  const r = await patiently(() => client.request('POST', `${collection}?dryRun=All&fieldValidation=Strict`, o));
  if (r.status !== 409 || r.body?.reason !== 'AlreadyExists' || typeof o.metadata?.name !== 'string') return r;
  return patiently(() => client.request('PATCH', `${collection}/${encodeURIComponent(o.metadata.name)}?dryRun=All&fieldValidation=Strict&fieldManager=podsmith&force=true`, o, 30_000, 'application/apply-patch+yaml'));
}

/**
 * A request again, after 0.5, 1, 2 and 4 s, while the server answers that it cannot answer yet
 * (429, 503, 504, or a 500 with no verdict in it): a just-installed CRD's storage, a busy server.
 */
async function patiently(send: () => Promise<{ status: number; body: any }>): Promise<{ status: number; body: any }> {
  let r = await send();
  for (const wait of [500, 1000, 2000, 4000]) {
    const transient = r.status === 429 || r.status === 503 || r.status === 504 || (r.status === 500 && !Array.isArray(r.body?.details?.causes));
    if (!transient) return r;
    await new Promise((res) => setTimeout(res, wait));
    r = await send();
  }
  return r;
}

async function waitEstablished(client: ApiClient, crd: any, log: (m: string) => void): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const r = await client.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata?.name}`);
    const established = (r.body?.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
    if (established) {
      // discovery of the new kind lags the condition a little
      const v = (crd.spec?.versions ?? []).find((x: any) => x?.served !== false)?.name;
      const probe = await client.request('GET', `/apis/${crd.spec?.group}/${v}`);
      if (probe.status === 200) return true;
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  log(`exact: CRD ${crd.metadata?.name} not established after 30 s; its objects are not sent`);
  return false;
}
