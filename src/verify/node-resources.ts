/**
 * Node-global resources: what two runs on one cluster cannot both have at once, because the
 * node (not the run's namespace) owns it. A host port (`hostPort`, or a `containerPort` of a
 * `hostNetwork` Pod) is one per node and port; a fixed `nodePort` is one per cluster.
 *
 * A run takes each one it needs before applying anything, as a Lease named after the resource
 * in the `default` namespace whose holder is the run's namespace; a second run that needs the
 * same one waits (and says so) until the first has cleaned up. A Lease whose holder namespace is
 * gone (a run that was killed) is taken over. Resources are taken in name order, so two runs
 * never wait on each other.
 *
 * The node's cpu and memory are shared the same way, but by the scheduler: a Pod that does not
 * fit while other runs exist waits for them (workloads.ts) instead of failing the run.
 */
import { KubeError } from './kube';
import { podSpecOf, RUN_LABEL } from './plan';
import { RunContext, sleep } from './run-context';
import { Manifest } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const LEASE_NAMESPACE = 'default';
/** A run renews its Leases well within this; one not renewed for longer was left behind. */
const LEASE_SECONDS = 60;

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
const microTime = () => new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

export interface NodeResource {
  /** DNS-label key, e.g. `hostport-19100-tcp`. */
  key: string;
  /** For messages, e.g. `host port 19100/TCP`. */
  what: string;
}

/** The node-global resources the objects need, sorted by key (pure). */
export function nodeResourcesOf(objects: Manifest[]): NodeResource[] {
  const out = new Map<string, NodeResource>();
  const add = (kind: 'hostport' | 'nodeport', port: number, protocol = 'TCP') => {
    const key = `${kind}-${port}-${protocol.toLowerCase()}`;
    out.set(key, { key, what: `${kind === 'hostport' ? 'host port' : 'node port'} ${port}/${protocol}` });
  };
  for (const m of objects) {
    const spec = podSpecOf(m);
    if (spec) {
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        for (const p of c?.ports ?? []) {
          const port = p?.hostPort ?? (spec.hostNetwork ? p?.containerPort : undefined);
          if (Number.isInteger(port) && port > 0) add('hostport', port, p.protocol);
        }
      }
    }
    if (m.kind === 'Service' && ['NodePort', 'LoadBalancer'].includes(m.spec?.type)) {
      for (const p of m.spec?.ports ?? []) if (Number.isInteger(p?.nodePort) && p.nodePort > 0) add('nodeport', p.nodePort, p.protocol);
    }
  }
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const leaseName = (r: NodeResource) => `podsmith-${r.key}`;

/** Takes every resource, waiting for runs that hold one; fails when `until` passes first. */
export async function takeNodeResources(ctx: RunContext, resources: NodeResource[], until: number): Promise<void> {
  for (const r of resources) {
    let waitingOn: string | undefined;
    const since = Date.now();
    for (;;) {
      ctx.guard();
      const lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: leaseName(r), namespace: LEASE_NAMESPACE, labels: { [RUN_LABEL]: ctx.plan.runId, 'app.kubernetes.io/managed-by': 'podsmith' } },
        spec: { holderIdentity: ctx.plan.namespace, leaseDurationSeconds: LEASE_SECONDS, acquireTime: microTime(), renewTime: microTime() },
      };
      let created: boolean;
      try {
        created = await ctx.kube.create(lease);
      } catch (e) {
        // a user who may not write Leases in `default` verifies as before, without turns
        if (e instanceof KubeError && e.code === 403) {
          ctx.log(`verify: cannot take ${r.what} in turn (no permission for Leases in namespace ${LEASE_NAMESPACE}); going on without`);
          return;
        }
        throw e;
      }
      if (created) {
        if (waitingOn) ctx.log(`verify: took ${r.what} after waiting ${((Date.now() - since) / 1000).toFixed(0)}s`);
        break;
      }
      const cur = await ctx.kube.read('coordination.k8s.io/v1', 'Lease', leaseName(r), LEASE_NAMESPACE);
      if (!cur) continue;
      const holder: string | undefined = cur.spec?.holderIdentity;
      if (!holder || !(await ctx.kube.read('v1', 'Namespace', holder))) {
        ctx.log(`verify: ${r.what} was held by ${holder ?? 'nobody'}, which is gone: taking it over`);
        await ctx.kube.delete('coordination.k8s.io/v1', 'Lease', leaseName(r), LEASE_NAMESPACE, { uid: cur.metadata?.uid });
        continue;
      }
      // a holder that stopped renewing left its namespace behind (a failed cleanup, --keep):
      // its Pods may still hold the port, and nothing will free it
      const renewed = Date.parse(cur.spec?.renewTime ?? cur.spec?.acquireTime ?? cur.metadata?.creationTimestamp ?? '');
      const staleMs = ((cur.spec?.leaseDurationSeconds ?? LEASE_SECONDS) + 5) * 1000;
      if (Number.isFinite(renewed) && Date.now() - renewed > staleMs) {
        throw new KubeError(`take ${r.what}`, 0, `${r.what} is held by namespace ${holder}, which a verify run left behind (not renewed for ${Math.round((Date.now() - renewed) / 1000)}s); delete it: ${ctx.kubectl} delete namespace ${holder}`, false);
      }
      if (waitingOn !== holder) {
        ctx.log(`verify: waiting for ${r.what}: another verify run (namespace ${holder}) uses it; runs that need the same node-global port take turns`);
        waitingOn = holder;
      }
      if (Date.now() > until) throw new KubeError(`take ${r.what}`, 0, `${r.what} still held by namespace ${holder} after ${Math.round((Date.now() - since) / 1000)}s`, false);
      await sleep(2000);
    }
  }
}

/**
 * Renews the run's Leases every LEASE_SECONDS / 4 until the returned function is called (after
 * cleanup): a Lease that is not renewed tells other runs that its holder is gone.
 */
export function renewNodeResources(ctx: RunContext, resources: NodeResource[]): () => void {
  const renew = () => Promise.all(resources.map((r) => ctx.kube.apply({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: leaseName(r), namespace: LEASE_NAMESPACE, labels: { [RUN_LABEL]: ctx.plan.runId, 'app.kubernetes.io/managed-by': 'podsmith' } },
    spec: { holderIdentity: ctx.plan.namespace, leaseDurationSeconds: LEASE_SECONDS, renewTime: microTime() },
  }).catch(() => undefined)));
  const timer = setInterval(() => void renew(), (LEASE_SECONDS * 1000) / 4);
  timer.unref();
  return () => clearInterval(timer);
}

/** Gives back what the run took (after its Pods are gone). */
export async function releaseNodeResources(ctx: RunContext): Promise<void> {
  const leases = await ctx.kube.list('coordination.k8s.io/v1', 'Lease', LEASE_NAMESPACE, `${RUN_LABEL}=${ctx.plan.runId}`);
  for (const l of leases) {
    await ctx.kube.delete('coordination.k8s.io/v1', 'Lease', l.metadata.name, LEASE_NAMESPACE, { uid: l.metadata?.uid, budgetMs: 60_000 });
  }
}

/** The namespaces of other verify runs on the cluster now (their Pods hold node capacity too). */
export async function otherRuns(ctx: RunContext): Promise<string[]> {
  const all = await ctx.kube.list('v1', 'Namespace', undefined, RUN_LABEL).catch(() => []);
  return all.map((n) => n.metadata?.name as string).filter((n) => n && n !== ctx.plan.namespace);
}
