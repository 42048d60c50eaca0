/** Cleaning up after a run: nothing the run made is left on the cluster. */
import { LEASE_NAMESPACE, releaseNodeResources } from './node-resources';
import { RUN_LABEL } from './plan';
import { RunContext, sleep } from './run-context';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Deletes the namespace (force-deleting its Pods so no grace period holds it) and the run's cluster-scoped objects. */
export async function cleanup(ctx: RunContext): Promise<boolean> {
  const ns = ctx.plan.namespace;
  const problems: string[] = [];
  const t0 = Date.now();
  ctx.kube.resetBudget();
  try {
    // Controllers first, orphaning their Pods (so nothing recreates a Pod, and no garbage
    // collector deletes one with its full grace period); then each Pod with a 1 s grace period:
    // the kubelet confirms that its containers ended (a force delete would leave them running,
    // holding, say, a host port the next run needs); Pods already terminating (evicted) are
    // removed at once; then the namespace.
    const controllers = ctx.plan.objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet'].includes(o.manifest.kind)).map((o) => o.manifest);
    const jobs = await ctx.kube.list('batch/v1', 'Job', ns).catch(() => []);
    const replicaSets = await ctx.kube.list('apps/v1', 'ReplicaSet', ns).catch(() => []);
    await Promise.all(controllers.map((m) => ctx.kube.delete(m.apiVersion, m.kind, m.metadata.name, ns, { orphan: true, budgetMs: 60_000 }).catch(() => undefined)));
    await Promise.all([...jobs, ...replicaSets].map((m) => ctx.kube.delete(m.apiVersion, m.kind, m.metadata.name, ns, { orphan: true, budgetMs: 60_000 }).catch(() => undefined)));
    const pods = await ctx.kube.list('v1', 'Pod', ns).catch(() => []);
    await Promise.all(pods.map((p) => ctx.kube.delete('v1', 'Pod', p.metadata.name, ns, { graceSeconds: p.metadata?.deletionTimestamp ? 0 : 1 }).catch(() => undefined)));
    await ctx.kube.delete('v1', 'Namespace', ns, undefined, { budgetMs: 120_000 });
  } catch (e) {
    problems.push(`namespace ${ns}: ${(e as Error).message}`);
  }
  for (const [kind, names] of Object.entries(ctx.plan.renamed)) {
    for (const name of Object.values(names)) {
      const obj = ctx.plan.objects.find((o) => o.manifest.kind === kind && o.manifest.metadata.name === name);
      try {
        await ctx.kube.delete(obj?.manifest.apiVersion ?? 'scheduling.k8s.io/v1', kind, name, undefined, { budgetMs: 120_000 });
      } catch (e) {
        problems.push(`${kind} ${name}: ${(e as Error).message}`);
      }
    }
  }
  // wait until the namespace is really gone, so the next run (or a test) sees nothing left
  if (!problems.length) {
    const until = Date.now() + 90_000;
    for (;;) {
      let ns0: any;
      try { ns0 = await ctx.kube.read('v1', 'Namespace', ns); } catch (e) { problems.push(`namespace ${ns}: ${(e as Error).message}`); break; }
      if (!ns0) break;
      if (Date.now() > until) { problems.push(`namespace ${ns} still ${ns0.status?.phase ?? 'present'} after 90s`); break; }
      await sleep(500);
    }
  }
  // the run's hold on node-global ports ends once its Pods are gone (node-resources.ts)
  if (!problems.length) {
    try { await releaseNodeResources(ctx); } catch (e) { problems.push(`leases: ${(e as Error).message}`); }
  }
  if (problems.length) {
    ctx.log(`verify: could not clean up everything: ${problems.join('; ')}\n  delete with: ${ctx.kubectl} delete namespace ${ns}; ${ctx.kubectl} delete priorityclass -l ${RUN_LABEL}=${ctx.plan.runId}; ${ctx.kubectl} -n ${LEASE_NAMESPACE} delete lease -l ${RUN_LABEL}=${ctx.plan.runId}`);
    return false;
  }
  ctx.log(`verify: cleaned up namespace ${ns}${Object.keys(ctx.plan.renamed).length ? ' and the run\'s cluster-scoped objects' : ''} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return true;
}
