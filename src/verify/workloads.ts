/**
 * Applying the manifests and waiting for each workload: server-side apply in plan order, then
 * per workload wait for ready (failing fast on what waiting will not fix), its checks, and its
 * disruptive checks (evictions against its budgets, graceful termination).
 */
import { evalJob } from './checks';
import { checkPdb, checkTermination } from './disruption';
import { otherRuns } from './node-resources';
import { KubeError } from './kube';
import { PlannedObject, podSpecOf, RUN_LABEL } from './plan';
import { applicableChecks, belongsTo, hasPreStop, podLine, selects, unhealthyByPod } from './pod-helpers';
import { podProblem, waitsFor, workloadReadiness } from './readiness';
import { podsOf, RunContext, sleep, Workload } from './run-context';
import { Manifest } from './types';
import { checkWorkload } from './workload-checks';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function runManifests(ctx: RunContext): Promise<void> {
  ctx.log(`verify: applying ${ctx.plan.objects.length} objects (server-side apply, field manager podsmith)`);
  const applied: PlannedObject[] = [];
  for (const p of ctx.plan.objects) {
    ctx.guard();
    const t0 = Date.now();
    try {
      await ctx.kube.apply(p.manifest);
      ctx.record(p.ref, 'applied', { status: 'passed', detail: `applied as ${p.manifest.kind}/${p.manifest.metadata.name}` }, Date.now() - t0);
      applied.push(p);
    } catch (e) {
      if (e instanceof KubeError && e.transient) throw e;
      ctx.record(p.ref, 'applied', { status: 'failed', detail: `rejected: ${(e as Error).message}` }, Date.now() - t0);
      for (const check of applicableChecks(p, ctx.plan).filter((c) => c !== 'applied')) ctx.record(p.ref, check, { status: 'skipped', detail: 'not applied' }, 0);
    }
  }
  const workloads = applied.filter((p) => waitsFor(p.manifest.kind) || p.manifest.kind === 'CronJob');
  ctx.log(`verify: waiting for ${workloads.map((w) => w.ref).join(', ') || 'nothing'}`);
  // Each workload's disruptive checks (evictions against its budgets, graceful termination)
  // start once its own checks are done, while the others go on.
  const pdbs = applied.filter((p) => p.manifest.kind === 'PodDisruptionBudget');
  const evicted = new Map<string, { pod: string; at: number }>();
  const claimed = new Set<PlannedObject>();
  await Promise.all(workloads.map(async (p) => {
    const w = await waitAndCheck(ctx, p);
    ctx.guard();
    const mine = pdbs.filter((b) => !claimed.has(b) && selects(b.manifest, w));
    mine.forEach((b) => claimed.add(b));
    await Promise.all(mine.map((b) => checkPdb(ctx, b, w, evicted)));
    if (hasPreStop(w.template) && w.live.kind !== 'Job') await checkTermination(ctx, w, evicted);
  }));
  for (const b of pdbs.filter((x) => !claimed.has(x))) await checkPdb(ctx, b, undefined, evicted);
}

export async function waitAndCheck(ctx: RunContext, p: PlannedObject): Promise<Workload> {
  const m = p.manifest;
  let live: Manifest = m;
  if (m.kind === 'CronJob') {
    // a schedule will not fire within a run: run its template once, as `kubectl create job --from` does
    live = {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: `${m.metadata.name}-verify`.slice(0, 52), namespace: ctx.plan.namespace, labels: { ...(m.spec?.jobTemplate?.metadata?.labels ?? {}), [RUN_LABEL]: ctx.plan.runId }, annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } },
      spec: m.spec?.jobTemplate?.spec,
    };
    await ctx.kube.apply(live);
    ctx.log(`  ${p.ref}: created Job ${live.metadata.name} from its jobTemplate`);
  }
  const w: Workload = { planned: p, live, template: podSpecOf(live), ready: false, pods: [] };
  const t0 = Date.now();
  await waitReady(ctx, w);
  const waited = Date.now() - t0;
  const isJob = live.kind === 'Job';
  if (w.failure) {
    ctx.record(p.ref, w.failure.check, { status: 'failed', detail: w.failure.message }, waited);
    for (const check of applicableChecks(p, ctx.plan)) {
      if (check === 'applied' || check === w.failure.check || ['eviction-beyond-pdb-refused', 'graceful-termination'].includes(check)) continue;
      ctx.record(p.ref, check, { status: 'skipped', detail: `not run: ${p.ref} did not become ready` }, 0);
    }
    return w;
  }
  ctx.log(`  ✓ ${p.ref} ready after ${(waited / 1000).toFixed(1)}s`);
  w.pods = await podsOf(ctx, live);
  await checkWorkload(ctx, w, waited, isJob);
  return w;
}

export async function waitReady(ctx: RunContext, w: Workload): Promise<void> {
  const { live, planned } = w;
  let last = '';
  let lastEvents = 0;
  let unhealthy: Record<string, Record<string, { count: number; message: string }>> = {};
  let waitingForOthers = false;
  for (;;) {
    ctx.guard();
    if (Date.now() > ctx.deadline) {
      const pods = await podsOf(ctx, live).catch(() => []);
      const probeFailures = pods.flatMap((p) => Object.values(unhealthy[p.metadata.name] ?? {}).map((u) => `${u.message} (${u.count} times)`));
      w.failure = { check: live.kind === 'Job' ? 'job-completed' : 'probes-ready', message: `not ready within --timeout (${last || 'no status'})${pods.length ? `: ${pods.map((p) => podLine(p)).join('; ')}` : ''}${probeFailures.length ? `; ${probeFailures[0]}` : ''}` };
      await diagnose(ctx, planned.ref, pods);
      return;
    }
    const obj = await ctx.kube.read(live.apiVersion, live.kind, live.metadata.name, ctx.plan.namespace);
    if (obj) {
      const r = workloadReadiness(obj);
      if (r.progress !== last) {
        ctx.log(`  [${ctx.elapsed()}] ${planned.ref}: ${r.progress}`);
        last = r.progress;
      }
      if (r.ready) {
        if (obj.kind === 'Job') {
          const v = evalJob(obj);
          if (v.status === 'failed') {
            const pods = await podsOf(ctx, live);
            w.failure = { check: 'job-completed', message: v.detail };
            const init = pods.map((p) => podProblem(p)).find((x) => x?.check === 'init-containers-completed-in-order');
            if (init) w.failure = { check: init.check, message: init.message };
            await diagnose(ctx, planned.ref, pods);
            return;
          }
        }
        w.ready = true;
        return;
      }
    }
    // fail fast on what waiting will not fix
    const pods = [...ctx.pods.values()].filter((p) => belongsTo(p, live));
    if (Date.now() - lastEvents > 3000 && pods.length) {
      lastEvents = Date.now();
      unhealthy = unhealthyByPod(await ctx.kube.events(ctx.plan.namespace).catch(() => []));
    }
    for (const pod of pods) {
      const problem = podProblem(pod, unhealthy[pod.metadata.name] ?? {});
      // the node's cpu, memory or ports held by other runs come free when those runs end
      if (problem && /^Pod unschedulable: .*(Insufficient (cpu|memory)|free ports)/.test(problem.message)) {
        const others = await otherRuns(ctx);
        if (others.length) {
          if (!waitingForOthers) ctx.log(`  ${planned.ref}: ${pod.metadata.name} waits for the node: ${problem.message.split('. ')[0]}; other verify runs hold it (namespaces ${others.join(', ')})`);
          waitingForOthers = true;
          continue;
        }
      }
      if (problem) {
        w.failure = { check: live.kind === 'Job' && problem.check === 'probes-ready' ? 'job-completed' : problem.check, message: `${pod.metadata.name}: ${problem.message}` };
        await diagnose(ctx, planned.ref, [pod]);
        return;
      }
    }
    await sleep(1000);
  }
}

/** On failure: the Pods' events and last log lines, on stderr. */

export async function diagnose(ctx: RunContext, ref: string, pods: any[]): Promise<void> {
  const events = await ctx.kube.events(ctx.plan.namespace).catch(() => []);
  for (const pod of pods.slice(0, 3)) {
    const name = pod.metadata.name;
    ctx.log(`  ${ref}: Pod ${podLine(pod)}`);
    const evs = events.filter((e) => e.involvedObject?.name === name).sort((a, b) => String(a.lastTimestamp ?? a.eventTime).localeCompare(String(b.lastTimestamp ?? b.eventTime)));
    if (evs.length) {
      ctx.log(`    events:`);
      for (const e of evs.slice(-10)) ctx.log(`      ${e.type} ${e.reason}${(e.count ?? 1) > 1 ? ` (×${e.count})` : ''}: ${String(e.message ?? '').split('\n')[0]}`);
    }
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].filter((s: any) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
    for (const s of statuses) {
      const text = (await ctx.kube.logs(ctx.plan.namespace, name, s.name, 20)).trimEnd();
      ctx.log(`    last log lines of ${s.name}:${text ? `\n${text.split('\n').map((l) => `      ${l}`).join('\n')}` : ' (none)'}`);
    }
  }
}
