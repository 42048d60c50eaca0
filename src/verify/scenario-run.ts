/** `--scenarios handbook`: the scenario Pods (restartPolicy table H8, liveness H17) run and judged. */
import { Verdict } from './checks';
import { RunContext, sleep, VerifyOutcome } from './run-context';
import { evalScenario, observe, Scenario, settled } from './scenarios';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function runScenarios(ctx: RunContext, scenarios: Scenario[]): Promise<VerifyOutcome['scenarioGrid']> {
  ctx.log(`verify: handbook scenarios: ${scenarios.length} Pods (restartPolicy table H8, liveness H17)`);
  for (const p of ctx.plan.objects) {
    ctx.guard();
    await ctx.kube.apply(p.manifest);
  }
  const pending = new Set(scenarios.map((s) => s.name));
  const t0 = Date.now();
  const verdicts = new Map<string, Verdict>();
  const took = new Map<string, number>();
  const deadline = Math.min(ctx.deadline, Date.now() + 150_000);
  while (pending.size > 0 && Date.now() < deadline) {
    ctx.guard();
    await sleep(1000);
    const pods = await ctx.kube.list('v1', 'Pod', ctx.plan.namespace);
    const events = await ctx.kube.events(ctx.plan.namespace);
    for (const s of scenarios) {
      if (!pending.has(s.name)) continue;
      const pod = pods.find((p) => p.metadata.name === s.name);
      if (!pod) continue;
      const o = observe(pod, events.filter((e) => e.involvedObject?.name === s.name));
      if (settled(s, o)) {
        // let the kubelet settle the phase (and show any unexpected restart) for a moment
        const v = evalScenario(s, o);
        verdicts.set(s.name, v);
        took.set(s.name, Date.now() - t0);
        pending.delete(s.name);
        ctx.log(`  [${ctx.elapsed()}] ${s.name}: ${v.status} (${v.detail})`);
      }
    }
  }
  const pods = await ctx.kube.list('v1', 'Pod', ctx.plan.namespace);
  const events = await ctx.kube.events(ctx.plan.namespace);
  for (const s of scenarios) {
    let v = verdicts.get(s.name);
    if (!v) {
      const pod = pods.find((p) => p.metadata.name === s.name);
      v = pod ? evalScenario(s, observe(pod, events.filter((e) => e.involvedObject?.name === s.name))) : { status: 'failed', detail: 'Pod not found' };
      if (v.status === 'passed') v = { status: 'failed', detail: `did not settle in time: ${v.detail}` };
    }
    const what = s.check === 'restart-policy' ? `${s.situation}, restartPolicy ${s.policy}: ` : `${s.situation}: `;
    ctx.results.push({ object: `Pod/${s.name}`, check: s.check, status: v.status, detail: `${what}${v.detail}`, handbook: s.handbook, durationMs: took.get(s.name) ?? Date.now() - t0 });
  }
  const grid: NonNullable<VerifyOutcome['scenarioGrid']> = [];
  for (const s of scenarios.filter((x) => x.check === 'restart-policy')) {
    let row = grid.find((g) => g.situation === s.situation);
    if (!row) { row = { situation: s.situation, cells: {} }; grid.push(row); }
    row.cells[s.policy] = ctx.results.find((r) => r.object === `Pod/${s.name}`)?.status ?? 'failed';
  }
  return grid;
}
