/**
 * The API server's verdict on one document's bytes: a server-side dry-run create
 * (`Content-Type: application/yaml`, `?dryRun=All&fieldValidation=Strict`), as `kubectl apply
 * --dry-run=server --validate=strict` would send it. The URL comes from the server's own
 * discovery; the Namespace, ServiceAccount and PriorityClass an object names are created first
 * (admission would refuse the object for their absence, which says nothing of the object).
 */
import { ApiServer } from '../support/apiserver';

/**
 * How the API server answered. `admission`, `cluster`, `custom` and `error` are counted apart.
 * `cluster`: refused for this cluster's own configuration or state, not the object's validity — a
 * fixed clusterIP or nodePort outside the ranges the API server was started with (its
 * --service-cluster-ip-range, --service-node-port-range) or already taken there, or an IP family
 * those ranges lack (an IPv6 Service on a single-stack IPv4 cluster), or a field that cannot change
 * on an object of that name the cluster already has (kube-system's kube-dns; a PriorityClass's value
 * where this run made one of that name for an earlier corpus' Pod). No file can say
 * which ranges a cluster has: another cluster accepts the same object.
 */
export type ServerClass = 'accepted' | 'rejected' | 'admission' | 'cluster' | 'custom' | 'error';

/**
 * What the API server's allocators answer for an address or port outside its ranges or taken, and
 * for an IP family its service ranges lack (an IPv6 Service on a single-stack IPv4 cluster)
 * (pkg/registry/core/service; up to 1.33 the value reads `[]string{"fd00::1"}`, from 1.34 `["fd00::1"]`).
 */
const ALLOCATION = /failed to allocate (IP|port)|provided (IP|port)( \([^)]*\))? is (not in the valid range|already allocated)|ipFamilies\[\d+\]: Invalid value: "IPv[46]": not configured on this cluster|clusterIPs\[\d+\]: Invalid value: (\[[^\]]*\]|\[\]string\{[^}]*\}): IPv[46] is not configured on this cluster/;

export interface ServerVerdict {
  class: ServerClass;
  status?: number;
  message?: string;
  /** The object already existed: judged as a server-side apply (update) instead. */
  viaApply?: boolean;
}

interface Resource { path: string; plural: string; namespaced: boolean }

const LABEL = 'podsmith.dev/realworld';

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const crdPath = (name: string) => `${CRDS}/${encodeURIComponent(name)}`;

/** A namespace name the API server can create (a DNS label). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Groups Kubernetes served once and serves no version of today (a kind there is a removed one, not a custom one). */
const REMOVED_GROUPS = new Set(['extensions', 'settings.k8s.io', 'auditregistration.k8s.io']);

export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

export class ServerJudge {
  private resources = new Map<string, Resource>();
  /** Groups the API server serves some version of. */
  private readonly groups = new Set<string>(['']);
  private readonly ensured = new Map<string, Promise<void>>();
  /** Groups served only by the CRDs installCrds installed, and by those removeCrds removed. */
  private readonly crdGroups = new Set<string>();
  private readonly removedGroups = new Set<string>();
  /**
   * CRDs removeCrds deleted that may not be gone yet. Nothing waits for them until their name is
   * needed again (a later corpus sends or installs a CRD of that name) or the run ends: a deletion
   * now and then takes the API server half a minute, and most names never come back.
   */
  private readonly terminating = new Set<string>();
  /** What this run created, deleted by cleanup(). */
  private readonly created: string[] = [];

  constructor(private readonly api: ApiServer, readonly scratchNamespace: string) {}

  /** Reads the served kinds from discovery (/api/v1 and every /apis group version). */
  async discover(): Promise<void> {
    const json = async (p: string) => {
      const r = await this.api.get(p);
      if (r.status !== 200) throw new Error(`GET ${p}: ${r.status}`);
      return JSON.parse(r.body);
    };
    const add = (gv: string, prefix: string, list: any) => {
      // the kinds of a removed CRD's group, still listed while it terminates, are no longer served
      const group = groupOf(gv);
      if (this.removedGroups.has(group) && !this.crdGroups.has(group)) return;
      for (const r of list.resources ?? []) {
        if (r.name.includes('/') || !(r.verbs ?? []).includes('create')) continue;
        this.resources.set(`${gv}/${r.kind}`, { path: prefix, plural: r.name, namespaced: r.namespaced });
      }
    };
    add('v1', '/api/v1', await json('/api/v1'));
    const groups = await json('/apis');
    for (const g of groups.groups ?? []) {
      this.groups.add(g.name);
      // a group version of a CRD being added or removed may be listed a moment before or after it is served
      for (const v of g.versions ?? []) add(v.groupVersion, `/apis/${v.groupVersion}`, await json(`/apis/${v.groupVersion}`).catch(() => ({})));
    }
    await this.ensureNamespace(this.scratchNamespace);
  }

  /** Where an object of this type is created, or why it is not. */
  resourceFor(apiVersion: string, kind: string): Resource | ServerVerdict {
    const r = this.resources.get(`${apiVersion}/${kind}`);
    if (r) return r;
    // a group the server serves (or served) but not this version or kind: kubectl finds no match
    const group = groupOf(apiVersion);
    // a kind of a group that only CRDs installed for this corpus serve: no CRD here defines it
    if (this.crdGroups.has(group) || this.removedGroups.has(group)) return { class: 'custom', message: `${apiVersion} ${kind}: no CRD of the corpus defines this kind (others of its group are installed)` };
    if (this.groups.has(group) || REMOVED_GROUPS.has(group)) {
      return { class: 'rejected', status: 404, message: `${apiVersion} ${kind}: no matches for kind in version (not served by this API server)` };
    }
    return { class: 'custom', message: `${apiVersion} ${kind}: not a group this API server serves (a custom resource or a config file)` };
  }

  /** Dry-runs one document's text; `object` is its value, read only for the URL and what it needs. */
  async judge(text: string, object: any): Promise<ServerVerdict> {
    const where = this.resourceFor(object.apiVersion, object.kind);
    if (!('path' in where)) return where;
    // a CRD of a name an earlier corpus's removal may still hold: judged once that one is gone
    if (object.kind === 'CustomResourceDefinition' && typeof object.metadata?.name === 'string') await this.untilGone(object.metadata.name);
    const namespace = where.namespaced ? (typeof object.metadata?.namespace === 'string' && object.metadata.namespace !== '' ? object.metadata.namespace : this.scratchNamespace) : undefined;
    try {
      if (namespace) await this.ensureNamespace(namespace);
      if (namespace && object.kind === 'Pod') await this.ensurePodReferences(namespace, object.spec);
    } catch {
      // e.g. a namespace that is no valid name: the API server answers the object's request itself
    }
    const base = `${where.path}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/${where.plural}`;
    let r = await this.send('POST', `${base}?dryRun=All&fieldValidation=Strict`, text, 'application/yaml');
    // admission reads Namespaces, ServiceAccounts and PriorityClasses from informer caches, which
    // may not have seen what was just created: ask again for a few seconds before calling it
    // admission (not for a namespace that is no DNS label: nothing could create it)
    const creatable = !namespace || DNS_LABEL.test(namespace);
    for (let i = 0; creatable && i < 5 && (r.status === 403 || r.status === 404) && /not found|no PriorityClass/.test(r.body); i++) {
      await new Promise((res) => setTimeout(res, 1000));
      r = await this.send('POST', `${base}?dryRun=All&fieldValidation=Strict`, text, 'application/yaml');
    }
    let viaApply = false;
    const name = object.metadata?.name;
    if (r.status === 409 && typeof name === 'string' && /already exists/.test(r.body)) {
      // it exists on the cluster (a system object, or one this run made for another): apply instead
      viaApply = true;
      r = await this.send('PATCH', `${base}/${encodeURIComponent(name)}?dryRun=All&fieldValidation=Strict&fieldManager=podsmith-realworld&force=true`, text, 'application/apply-patch+yaml');
    }
    const verdict = classify(r.status, r.body);
    // applied over the cluster's own object (kube-system's kube-dns Service): a field that cannot
    // change once set is that object's state, not this one's validity
    // (a PriorityClass's value: this run made one of that name with value 1000 for an earlier corpus' Pod)
    if (viaApply && verdict.class === 'rejected' && /may not change once set|field is immutable|may not be changed in an update|cannot change roleRef/.test(verdict.message ?? '')) verdict.class = 'cluster';
    // a namespace that can never exist (not a DNS label): no admission set-up could let the object in
    if (verdict.class === 'admission' && namespace && !DNS_LABEL.test(namespace)) verdict.class = 'rejected';
    return { ...verdict, ...(viaApply ? { viaApply } : {}) };
  }

  /**
   * Text this test could not read, for the type it needs: the API server's YAML decoder says
   * whether it can (a 400 naming the YAML error is a rejection; anything else is listed apart).
   */
  async judgeRawOnly(text: string): Promise<ServerVerdict> {
    const r = await this.send('POST', `/api/v1/namespaces/${this.scratchNamespace}/configmaps?dryRun=All&fieldValidation=Strict`, text, 'application/yaml');
    const v = classify(r.status, r.body);
    // a 400 for a document the API server read but that is no ConfigMap says nothing of its reading
    if (v.class === 'rejected' && r.status === 400 && !/cannot be handled as a ConfigMap/.test(v.message ?? '')) return v;
    return { class: 'error', status: r.status, message: `the test could not read this document, the API server answered ${r.status}: ${v.message ?? ''}` };
  }

  /**
   * Creates these CRDs for real (not as a dry-run) and waits until each is established and its
   * kinds are in discovery; gives back those installed. A name that exists already is left alone.
   */
  async installCrds(crds: any[]): Promise<any[]> {
    const installed: any[] = [];
    for (const crd of crds) {
      await this.untilGone(crd.metadata.name);
      let r = await this.api.send('POST', CRDS, JSON.stringify(crd), 'application/json');
      if (r.status === 409 && await this.finishDeletion(crd.metadata.name)) r = await this.api.send('POST', CRDS, JSON.stringify(crd), 'application/json');
      if (r.status >= 200 && r.status < 300) {
        installed.push(crd);
        // (the CRDs of an earlier corpus may linger in discovery for a moment: every installed CRD's group counts)
        this.crdGroups.add(crd.spec.group);
      }
    }
    const established: any[] = [];
    for (const crd of installed) {
      for (let i = 0; i < 100; i++) {
        const got = await this.api.get(crdPath(crd.metadata.name));
        const conds = got.status === 200 ? JSON.parse(got.body).status?.conditions ?? [] : [];
        if (conds.some((c: any) => c.type === 'Established' && c.status === 'True')) { established.push(crd); break; }
        // names another CRD holds (two CRDs of one kind in a corpus), or a conversion webhook whose
        // caBundle is a placeholder (InvalidCABundle: Cluster API's and its providers' CRDs in kops'
        // addons): never established, nothing to wait for (kops' corpus waited 10 s for each of 14)
        if (conds.some((c: any) => (c.type === 'NamesAccepted' && c.status === 'False') || (c.type === 'Established' && c.status === 'False' && c.reason !== 'Installing' && c.reason !== 'NotAccepted'))) break;
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    // discovery serves a new group version a moment after the CRD is established (only those: a
    // CRD whose names were not accepted is in no discovery, and waiting for it took minutes)
    const wanted = established.flatMap((c) => (c.spec?.versions ?? []).filter((v: any) => v.served).map((v: any) => `${c.spec.group}/${v.name}/${c.spec.names.kind}`));
    for (let i = 0; i < 50; i++) {
      await this.discover();
      if (wanted.every((k) => this.resources.has(k))) break;
      await new Promise((res) => setTimeout(res, 200));
    }
    return installed;
  }

  /**
   * Deletes CRDs installCrds installed, without waiting until they are gone (see `terminating`);
   * their groups' kinds count as custom kinds from now on, whatever discovery still lists.
   */
  async removeCrds(crds: any[]): Promise<void> {
    for (const crd of crds) {
      await this.api.send('DELETE', crdPath(crd.metadata.name), '{}', 'application/json').catch(() => undefined);
      await this.liftFinalizers(crd.metadata.name);
    }
    for (const c of crds) this.removedGroups.add(c.spec?.group);
    this.resources = new Map();
    this.crdGroups.clear();
    this.groups.clear();
    this.groups.add('');
    await this.discover();
  }

  /**
   * A CRD of this name left deleting by an earlier run that stopped half-way: its cleanup
   * finalizer is lifted (as removeCrds does) and, once it is gone, true.
   */
  private async finishDeletion(name: string): Promise<boolean> {
    const got = await this.api.get(crdPath(name));
    if (got.status !== 200 || !JSON.parse(got.body).metadata?.deletionTimestamp) return false;
    await this.liftFinalizers(name);
    await this.untilGone(name);
    return true;
  }

  /**
   * Lifts a deleted CRD's cleanup finalizer and counts it as terminating. No custom resource was
   * stored (each was a dry-run), so the finalizer has nothing to delete; left to it, the deletion
   * can hang for minutes ("could not list instances: storage is (re)initializing", seen with
   * karpenter's NodeClaim).
   */
  private async liftFinalizers(name: string): Promise<void> {
    await this.api.send('PATCH', crdPath(name), JSON.stringify({ metadata: { finalizers: null } }), 'application/merge-patch+json').catch(() => undefined);
    this.terminating.add(name);
  }

  /** Waits (up to 90 s) until a CRD removeCrds deleted is gone. */
  private async untilGone(name: string): Promise<void> {
    if (!this.terminating.has(name)) return;
    for (let i = 0; i < 900; i++) {
      if ((await this.api.get(crdPath(name))).status === 404) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    this.terminating.delete(name);
  }

  /**
   * Deletes what this run created (namespaces last). On an API server without controllers
   * (`validate --exact`'s and test:releases' throwaway ones) nothing would ever end the deleted
   * namespaces, and the next run would wait 2 minutes on each it shares: there they are finalized
   * at once, as the namespace controller would once they are empty (what this run put in them is
   * deleted before them).
   */
  async cleanup(): Promise<void> {
    for (const name of [...this.terminating]) await this.untilGone(name);
    const created = this.created.reverse();
    for (const p of created) await this.api.send('DELETE', p, '{}', 'application/json').catch(() => undefined);
    if (await this.hasControllers()) return;
    for (const p of created.filter((c) => /^\/api\/v1\/namespaces\/[^/]+$/.test(c))) {
      const got = await this.api.get(p).catch(() => undefined);
      if (got?.status !== 200) continue;
      const ns = JSON.parse(got.body);
      await this.api.send('PUT', `${p}/finalize`, JSON.stringify({ ...ns, spec: { ...ns.spec, finalizers: [] } }), 'application/json').catch(() => undefined);
    }
  }

  /** Whether controllers run beside the API server: the ServiceAccount controller has made `default/default`. */
  private async hasControllers(): Promise<boolean> {
    const got = await this.api.get('/api/v1/namespaces/default/serviceaccounts/default').catch(() => undefined);
    return got?.status !== 404;
  }

  private async send(method: string, p: string, body: string, type: string): Promise<{ status: number; body: string }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await this.api.send(method, p, body, type);
        if ((r.status === 429 || r.status >= 500) && attempt < 3) {
          await new Promise((res) => setTimeout(res, 500 * (attempt + 1)));
          continue;
        }
        return r;
      } catch (e) {
        if (attempt >= 3) return { status: 0, body: (e as Error).message };
      }
    }
  }

  private ensure(key: string, make: () => Promise<void>): Promise<void> {
    let p = this.ensured.get(key);
    if (!p) {
      p = make();
      this.ensured.set(key, p);
    }
    return p;
  }

  /** Creates an object unless it exists; remembers what it created. */
  private async create(collection: string, body: any): Promise<void> {
    const r = await this.api.send('POST', collection, JSON.stringify(body), 'application/json');
    if (r.status === 409) return;
    if (r.status < 200 || r.status >= 300) throw new Error(`POST ${collection}: ${r.status} ${r.body.slice(0, 200)}`);
    this.created.push(`${collection}/${body.metadata.name}`);
  }

  private ensureNamespace(ns: string): Promise<void> {
    return this.ensure(`ns/${ns}`, async () => {
      const nsPath = `/api/v1/namespaces/${encodeURIComponent(ns)}`;
      let got = await this.api.get(nsPath);
      // one an earlier run (a sweep's cleanup just before) is deleting: the API server refuses every
      // object in it ("being terminated") until it is gone, so wait for that (up to 2 min) and make it anew
      for (let i = 0; i < 1200 && got.status === 200 && JSON.parse(got.body).status?.phase === 'Terminating'; i++) {
        await new Promise((res) => setTimeout(res, 100));
        got = await this.api.get(nsPath);
      }
      if (got.status === 200) {
        if (JSON.parse(got.body).status?.phase === 'Terminating') throw new Error(`namespace ${ns} is still terminating after 2 minutes`);
      } else {
        await this.create('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { [LABEL]: 'true' } } });
      }
      await this.ensureServiceAccount(ns, 'default');
    });
  }

  private ensureServiceAccount(ns: string, name: string): Promise<void> {
    return this.ensure(`sa/${ns}/${name}`, () => this.create(`/api/v1/namespaces/${encodeURIComponent(ns)}/serviceaccounts`,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, labels: { [LABEL]: 'true' } } }));
  }

  /** What the ServiceAccount and Priority admission plugins look up for a bare Pod. */
  private async ensurePodReferences(ns: string, spec: any): Promise<void> {
    const sa = spec?.serviceAccountName ?? spec?.serviceAccount;
    if (typeof sa === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(sa)) await this.ensureServiceAccount(ns, sa);
    const pc = spec?.priorityClassName;
    if (typeof pc === 'string' && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(pc) && !pc.startsWith('system-')) {
      await this.ensure(`pc/${pc}`, () => this.create('/apis/scheduling.k8s.io/v1/priorityclasses',
        { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: pc, labels: { [LABEL]: 'true' } }, value: 1000 }));
    }
  }
}

/**
 * 2xx accepted; 400 (decoding, strict fields) and 422 (validation) rejected; 403 and 404 come
 * from admission (a missing reference, a policy), not from the object's validity.
 */
export function classify(status: number, body: string): ServerVerdict {
  let message = body;
  try {
    message = JSON.parse(body).message ?? body;
  } catch {
    // not JSON: keep the text
  }
  if (status >= 200 && status < 300) return { class: 'accepted', status };
  if (status === 422 && ALLOCATION.test(message)) return { class: 'cluster', status, message };
  if (status === 400 || status === 422) return { class: 'rejected', status, message };
  if (status === 403 || status === 404) return { class: 'admission', status, message };
  return { class: 'error', status, message };
}

/**
 * The API server the scripts judge with: the one a kubeconfig names (--kubeconfig/--context or
 * PODSMITH_KUBECONFIG/PODSMITH_CONTEXT), else podsmith's local cluster, started if it is not up.
 */
export async function apiServerFor(kubeconfig?: string, context?: string): Promise<ApiServer> {
  let file = kubeconfig ?? process.env.PODSMITH_KUBECONFIG;
  let ctx = context ?? process.env.PODSMITH_CONTEXT;
  if (!file) {
    const { LocalCluster } = require('../../src/cluster/local');
    const access = await new LocalCluster().ensureUp();
    file = access.kubeconfig;
    ctx = access.context;
  }
  return new ApiServer(file!, ctx);
}

/**
 * The API server a sweep runner judges with: with `release`, a throwaway kube-apiserver of that
 * release (built by cluster/build.sh apiserver X.Y); else the one apiServerFor gives. `close`
 * lets go of it (and stops the throwaway one).
 */
export async function sweepServer(tool: string, release: string | undefined, kubeconfig?: string, context?: string): Promise<{ api: ApiServer; close: () => Promise<void> }> {
  if (release === undefined) {
    const api = await apiServerFor(kubeconfig, context);
    return { api, close: async () => api.close() };
  }
  const { startExactServer } = require('../../src/validate/exact/server') as typeof import('../../src/validate/exact/server');
  const server = await startExactServer(release, (m) => process.stderr.write(`${tool}: ${m}\n`));
  const api = new ApiServer(server.kubeconfig);
  return { api, close: async () => { api.close(); await server.stop(); } };
}

