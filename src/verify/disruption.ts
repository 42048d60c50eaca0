/**
 * The disruptive checks, run once a workload's own checks are done: evictions against its
 * PodDisruptionBudgets (H26) and graceful termination with preStop (H3, H19).
 */
import { EvictionAttempt, evalEvictions, evalTermination } from './checks';
import { PlannedObject } from './plan';
import { podsOf, RunContext, sleep, Skip, Workload } from './run-context';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function checkPdb(ctx: RunContext, p: PlannedObject, w: Workload | undefined, evicted: Map<string, { pod: string; at: number }>): Promise<void> {
  const pdb = p.manifest;
  const owner = w?.ready ? w : undefined;
  await ctx.check(p.ref, 'eviction-beyond-pdb-refused', async (note) => {
    if (!owner) throw new Skip('no ready workload selected by this budget');
    // the budget's status must have seen every Pod healthy
    let status: any;
    for (;;) {
      const live = await ctx.kube.read('policy/v1', 'PodDisruptionBudget', pdb.metadata.name, ctx.plan.namespace);
      status = live?.status ?? {};
      note(`status: ${status.currentHealthy ?? 0}/${status.expectedPods ?? 0} healthy, ${status.disruptionsAllowed ?? 0} disruptions allowed`);
      if ((live?.status?.observedGeneration ?? 0) >= (live?.metadata?.generation ?? 1) && status.expectedPods > 0 && status.currentHealthy >= status.expectedPods) break;
      await sleep(500);
    }
    const allowed: number = status.disruptionsAllowed ?? 0;
    const pods = (await podsOf(ctx, owner.live)).slice(0, allowed + 1);
    const attempts: EvictionAttempt[] = [];
    for (const pod of pods) {
      const at = Date.now();
      const r = await ctx.kube.evict(ctx.plan.namespace, pod.metadata.name);
      attempts.push({ pod: pod.metadata.name, ...r });
      note(`evict ${pod.metadata.name}: ${r.code}`);
      if (r.code === 201 && !evicted.has(owner.planned.ref)) evicted.set(owner.planned.ref, { pod: pod.metadata.name, at });
    }
    return evalEvictions(allowed, attempts);
  });
}

export async function checkTermination(ctx: RunContext, w: Workload, evicted: Map<string, { pod: string; at: number }>): Promise<void> {
  const t = w.template;
  const grace: number = t.terminationGracePeriodSeconds ?? 30;
  const container = (t.containers ?? []).find((c: any) => c.lifecycle?.preStop) ?? t.containers?.[0];
  await ctx.check(w.planned.ref, 'graceful-termination', async (note) => {
    if (!w.ready) throw new Skip('not ready');
    let target = evicted.get(w.planned.ref);
    let seen: { endedAt?: number; exitCode?: number; reason?: string } = {};
    const done = new Promise<void>((resolve) => {
      const listener = (type: string, pod: any) => {
        if (!target || pod.metadata?.name !== target.pod) return;
        const st = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === container.name);
        const term = st?.state?.terminated;
        if (term && seen.endedAt === undefined) {
          seen = { endedAt: Date.now(), exitCode: term.exitCode, reason: term.reason };
          note(`${target.pod}/${container.name} terminated: exit ${term.exitCode} after ${((Date.now() - target.at) / 1000).toFixed(1)}s`);
        }
        if (type === 'DELETED') {
          if (seen.endedAt === undefined) { seen = { endedAt: Date.now() }; note(`${target.pod} deleted after ${((Date.now() - target.at) / 1000).toFixed(1)}s`); }
          ctx.podListeners.delete(listener);
          resolve();
        }
        if (seen.endedAt !== undefined) { ctx.podListeners.delete(listener); resolve(); }
      };
      ctx.podListeners.add(listener);
    });
    if (!target) {
      const pod = (await podsOf(ctx, w.live))[0];
      if (!pod) throw new Skip('no running Pod');
      target = { pod: pod.metadata.name, at: Date.now() };
      await ctx.kube.delete('v1', 'Pod', pod.metadata.name, ctx.plan.namespace);
      note(`deleted ${pod.metadata.name}`);
    } else {
      note(`watching ${target.pod} (evicted)`);
      // the event may have come before the listener existed
      const cur = ctx.pods.get(target.pod);
      if (!cur) seen = { endedAt: Date.now() };
    }
    // the watch reports the end; a poll each second covers a watch that is down
    const until = Date.now() + (grace + 10) * 1000;
    while (seen.endedAt === undefined && Date.now() < until && !ctx.aborted) {
      await Promise.race([done, sleep(1000)]);
      if (seen.endedAt !== undefined) break;
      const cur = await ctx.kube.read('v1', 'Pod', target.pod, ctx.plan.namespace).catch(() => null);
      const term = (cur?.status?.containerStatuses ?? []).find((x: any) => x.name === container.name)?.state?.terminated;
      if (cur === undefined) seen = { endedAt: Date.now() };
      else if (term) seen = { endedAt: Date.now(), exitCode: term.exitCode, reason: term.reason };
    }
    const events = await ctx.kube.events(ctx.plan.namespace).catch(() => []);
    const preStopFailures = events.filter((e) => e.involvedObject?.name === target!.pod && e.reason === 'FailedPreStopHook').map((e) => String(e.message));
    return evalTermination(container, grace, { requestedAt: target.at, endedAt: seen.endedAt, exitCode: seen.exitCode, reason: seen.reason, preStopFailures });
  }, (grace + 15) * 1000);
}
