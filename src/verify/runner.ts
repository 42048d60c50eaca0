/**
 * A verification run: plan → fresh namespace → apply in order → wait → checks → disruptive
 * checks (evictions, graceful termination) → report → clean up (always, also on failure,
 * timeout and Ctrl-C, unless --keep).
 *
 * Progress goes to stderr through `log`; the report is returned to the command, which prints it.
 */
import { ClusterKind } from '../cluster/provider';
import { InputError } from '../errors';
import {
  CHECKS, CheckId, CgroupReading, clusterDomainFrom, downwardEnv, evalCgroup, evalDns, expectsClusterDns, evalDownward, evalEvictions, evalFqdn, evalHostAliases,
  evalInitOrder, evalJob, evalPriority, evalProbes, evalPullPolicy, evalQos, evalSysctls, evalTermination, evalTimezone,
  EvictionAttempt, parseEnv, podFqdn, sysctlPath, timezoneIntent, Verdict,
} from './checks';
import { clusterAccess } from './clusters';
import { ExecResult, Kube, KubeError } from './kube';
import { Plan, PlannedObject, planRun, podSpecOf, RUN_LABEL } from './plan';
import { podProblem, waitsFor, workloadReadiness } from './readiness';
import { buildReport } from './report';
import { evalScenario, handbookScenarios, observe, POLICIES, Scenario, settled } from './scenarios';
import { CheckResult, Manifest, VerifyReport } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface VerifyOptions {
  cluster: ClusterKind;
  context?: string;
  kubeconfig?: string;
  /** Budget for waiting and checking (not for cleanup). */
  timeoutMs: number;
  /** Each check's own timeout. */
  checkTimeoutMs?: number;
  keep?: boolean;
  scenarios?: 'handbook';
  /** Image for the scenario Pods (default: the local cluster's busybox). */
  image?: string;
  log?: (line: string) => void;
}

export interface VerifyOutcome {
  report: VerifyReport;
  /** 0 passed, 1 a check failed, 2 could not run (interrupted, or the API went away for good). */
  exitCode: 0 | 1 | 2;
  /** For `--scenarios`: situation × policy → status, for the text table. */
  scenarioGrid?: Array<{ situation: string; cells: Record<string, string> }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Aborted extends Error {}

/** Runs `fn` with a timeout; on timeout, the detail says what had been observed so far. */
export async function runWithTimeout(timeoutMs: number, fn: (note: (s: string) => void) => Promise<Verdict>): Promise<Verdict> {
  const notes: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Verdict>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'failed', detail: `check timed out after ${Math.round(timeoutMs / 1000)}s; observed: ${notes.length ? notes.join('; ') : 'nothing yet'}` }), timeoutMs);
  });
  try {
    return await Promise.race([
      fn((s) => notes.push(s)).catch((e): Verdict => {
        if (e instanceof Skip) return { status: 'skipped', detail: e.message };
        return { status: 'failed', detail: `${(e as Error).message ?? e}${notes.length ? `; observed: ${notes.join('; ')}` : ''}` };
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Thrown inside a check to report it as skipped. */
export class Skip extends Error {}

interface Workload {
  planned: PlannedObject;
  /** The object whose Pods are checked (for a CronJob: the Job made from its template). */
  live: Manifest;
  template: any;
  ready: boolean;
  pods: any[];
  /** The owning check and message when the workload failed to become ready. */
  failure?: { check: CheckId; message: string };
}

export class VerifyRun {
  private kube!: Kube;
  private plan!: Plan;
  private readonly results: CheckResult[] = [];
  private readonly log: (l: string) => void;
  private aborted = false;
  private deadline = 0;
  private clusterVersion = 'unknown';
  /** `kubectl` with the run's kubeconfig and context, for the commands the run prints. */
  private kubectl = 'kubectl';
  private readonly pods = new Map<string, any>();
  private readonly podListeners = new Set<(type: string, pod: any) => void>();
  private stopWatch?: () => void;
  private scenarios?: Scenario[];
  private readonly started = Date.now();

  constructor(private readonly opts: VerifyOptions) {
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
  }

  private elapsed(): string {
    return `${((Date.now() - this.started) / 1000).toFixed(1)}s`;
  }

  /** Records a check's result. */
  private record(object: string, check: CheckId, v: Verdict, durationMs: number): void {
    this.results.push({ object, check, status: v.status, detail: v.detail, handbook: [...CHECKS[check].handbook], durationMs });
    if (v.status === 'failed') this.log(`  ✗ ${object} ${check}: ${v.detail}`);
  }

  private async check(object: string, check: CheckId, fn: (note: (s: string) => void) => Promise<Verdict>, minTimeoutMs = 0): Promise<Verdict> {
    const t0 = Date.now();
    let v: Verdict;
    if (this.aborted) v = { status: 'skipped', detail: 'run interrupted' };
    else if (Date.now() >= this.deadline) v = { status: 'failed', detail: `the run's --timeout was reached before this check ran` };
    else v = await runWithTimeout(Math.min(Math.max(this.opts.checkTimeoutMs ?? 30_000, minTimeoutMs), Math.max(1000, this.deadline - Date.now())), fn);
    this.record(object, check, v, Date.now() - t0);
    return v;
  }

  private onSignal = (sig: string) => {
    if (this.aborted) {
      this.log(`verify: ${sig} again: exiting without cleaning up (namespace ${this.plan?.namespace ?? '?'})`);
      process.exit(130);
    }
    this.aborted = true;
    this.log(`verify: ${sig}: stopping; cleaning up (press Ctrl-C again to quit at once)`);
  };

  async run(objects?: Array<{ object: unknown; file?: string }>): Promise<VerifyOutcome> {
    // Everything about the input is settled before a cluster is touched (bad input: exit 2).
    const scenarios = this.opts.scenarios === 'handbook' ? handbookScenarios(this.opts.image ?? defaultImage(this.opts.cluster)) : undefined;
    this.scenarios = scenarios;
    const input = scenarios ? scenarios.map((s) => ({ object: s.pod, file: '<scenarios>' })) : objects ?? [];
    this.plan = planRun(input);
    for (const s of this.plan.skipped) this.log(`verify: ${s.ref} left out: ${s.reason}`);

    const access = await clusterAccess(this.opts.cluster, { context: this.opts.context, kubeconfig: this.opts.kubeconfig, log: this.log });
    this.kube = new Kube({ kubeconfig: access.kubeconfig || undefined, context: access.context, log: this.log, aborted: () => this.aborted });
    this.kubectl = `kubectl${access.kubeconfig ? ` --kubeconfig ${access.kubeconfig}` : ''}${access.context ? ` --context ${access.context}` : ''}`;
    try {
      this.clusterVersion = await this.kube.serverVersion(6000);
    } catch (e) {
      throw new InputError(`cannot reach the API server at ${this.kube.server}: ${(e as KubeError).reason ?? (e as Error).message}`);
    }
    this.log(`verify: ${this.opts.cluster} cluster ${this.clusterVersion} at ${this.kube.server}; namespace ${this.plan.namespace}`);

    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
    let cleanedUp = false;
    let grid: VerifyOutcome['scenarioGrid'];
    let fatal: string | undefined;
    try {
      this.deadline = Date.now() + this.opts.timeoutMs;
      await this.kube.createNamespace(this.plan.namespace, { [RUN_LABEL]: this.plan.runId, 'app.kubernetes.io/managed-by': 'podsmith' });
      this.stopWatch = this.kube.watchPods(this.plan.namespace, (type, pod) => this.onPod(type, pod));
      await this.waitForServiceAccount();
      if (scenarios) grid = await this.runScenarios(scenarios);
      else await this.runManifests();
    } catch (e) {
      if (e instanceof Aborted || this.aborted) fatal = 'interrupted';
      else if (e instanceof KubeError) fatal = e.message;
      else throw e;
    } finally {
      this.stopWatch?.();
      if (this.opts.keep) {
        const pcs = Object.values(this.plan.renamed.PriorityClass ?? {});
        this.log(`verify: kept namespace ${this.plan.namespace}${pcs.length ? ` and PriorityClass ${pcs.join(', ')}` : ''}; delete with:\n  ${this.kubectl} delete namespace ${this.plan.namespace}${pcs.length ? ` && ${this.kubectl} delete priorityclass -l ${RUN_LABEL}=${this.plan.runId}` : ''}`);
      } else {
        cleanedUp = await this.cleanup();
      }
      process.off('SIGINT', this.onSignal);
      process.off('SIGTERM', this.onSignal);
    }
    if (fatal) {
      this.log(`verify: run ended early: ${fatal}`);
      for (const r of this.pendingChecks()) this.record(r.object, r.check, { status: fatal === 'interrupted' ? 'skipped' : 'failed', detail: `not run: ${fatal}` }, 0);
    }
    const report = buildReport({ kind: this.opts.cluster, version: this.clusterVersion }, this.plan.namespace, this.results, cleanedUp);
    this.log(`verify: done in ${this.elapsed()}: ${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped${this.opts.keep ? '' : cleanedUp ? '; cleaned up' : '; NOT cleaned up'}`);
    const exitCode: 0 | 1 | 2 = fatal ? (fatal === 'interrupted' ? 2 : report.summary.failed > 0 ? 1 : 2) : report.summary.failed > 0 ? 1 : 0;
    return { report, exitCode, scenarioGrid: grid };
  }

  /** Checks declared for objects that never got to run them (when the run ended early). */
  private pendingChecks(): Array<{ object: string; check: CheckId }> {
    const out: Array<{ object: string; check: CheckId }> = [];
    if (this.scenarios) {
      return this.scenarios.filter((s) => !this.results.some((r) => r.object === `Pod/${s.name}`)).map((s) => ({ object: `Pod/${s.name}`, check: s.check }));
    }
    for (const p of this.plan.objects) {
      for (const check of applicableChecks(p, this.plan)) {
        if (!this.results.some((r) => r.object === p.ref && r.check === check)) out.push({ object: p.ref, check });
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ pods, progress

  private onPod(type: string, pod: any): void {
    const name = pod?.metadata?.name;
    if (!name) return;
    const before = this.pods.get(name);
    if (type === 'DELETED') this.pods.delete(name);
    else this.pods.set(name, pod);
    const sum = (p: any) => {
      if (!p) return '';
      const cs: any[] = p.status?.containerStatuses ?? [];
      const waiting = [...(p.status?.initContainerStatuses ?? []), ...cs].map((s) => s.state?.waiting?.reason).find((r) => r && r !== 'PodInitializing' && r !== 'ContainerCreating');
      return `${p.metadata?.deletionTimestamp ? 'Terminating' : p.status?.phase ?? 'Pending'} ${cs.filter((s) => s.ready).length}/${(p.spec?.containers ?? []).length} ready${waiting ? ` (${waiting})` : ''}`;
    };
    const now = type === 'DELETED' ? 'deleted' : sum(pod);
    if (now !== sum(before)) this.log(`  [${this.elapsed()}] pod ${name}: ${now}`);
    for (const l of this.podListeners) l(type, pod);
  }

  private async waitForServiceAccount(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      if (await this.kube.read('v1', 'ServiceAccount', 'default', this.plan.namespace)) return;
      await sleep(200);
    }
  }

  private guard(): void {
    if (this.aborted) throw new Aborted();
  }

  // ------------------------------------------------------------------ manifests

  private async runManifests(): Promise<void> {
    this.log(`verify: applying ${this.plan.objects.length} objects (server-side apply, field manager podsmith)`);
    const applied: PlannedObject[] = [];
    for (const p of this.plan.objects) {
      this.guard();
      const t0 = Date.now();
      try {
        await this.kube.apply(p.manifest);
        this.record(p.ref, 'applied', { status: 'passed', detail: `applied as ${p.manifest.kind}/${p.manifest.metadata.name}` }, Date.now() - t0);
        applied.push(p);
      } catch (e) {
        if (e instanceof KubeError && e.transient) throw e;
        this.record(p.ref, 'applied', { status: 'failed', detail: `rejected: ${(e as Error).message}` }, Date.now() - t0);
        for (const check of applicableChecks(p, this.plan).filter((c) => c !== 'applied')) this.record(p.ref, check, { status: 'skipped', detail: 'not applied' }, 0);
      }
    }
    const workloads = applied.filter((p) => waitsFor(p.manifest.kind) || p.manifest.kind === 'CronJob');
    this.log(`verify: waiting for ${workloads.map((w) => w.ref).join(', ') || 'nothing'}`);
    // Each workload's disruptive checks (evictions against its budgets, graceful termination)
    // start once its own checks are done, while the others go on.
    const pdbs = applied.filter((p) => p.manifest.kind === 'PodDisruptionBudget');
    const evicted = new Map<string, { pod: string; at: number }>();
    const claimed = new Set<PlannedObject>();
    await Promise.all(workloads.map(async (p) => {
      const w = await this.waitAndCheck(p);
      this.guard();
      const mine = pdbs.filter((b) => !claimed.has(b) && selects(b.manifest, w));
      mine.forEach((b) => claimed.add(b));
      await Promise.all(mine.map((b) => this.checkPdb(b, w, evicted)));
      if (hasPreStop(w.template) && w.live.kind !== 'Job') await this.checkTermination(w, evicted);
    }));
    for (const b of pdbs.filter((x) => !claimed.has(x))) await this.checkPdb(b, undefined, evicted);
  }

  private async waitAndCheck(p: PlannedObject): Promise<Workload> {
    const m = p.manifest;
    let live: Manifest = m;
    if (m.kind === 'CronJob') {
      // a schedule will not fire within a run: run its template once, as `kubectl create job --from` does
      live = {
        apiVersion: 'batch/v1', kind: 'Job',
        metadata: { name: `${m.metadata.name}-verify`.slice(0, 52), namespace: this.plan.namespace, labels: { ...(m.spec?.jobTemplate?.metadata?.labels ?? {}), [RUN_LABEL]: this.plan.runId }, annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } },
        spec: m.spec?.jobTemplate?.spec,
      };
      await this.kube.apply(live);
      this.log(`  ${p.ref}: created Job ${live.metadata.name} from its jobTemplate`);
    }
    const w: Workload = { planned: p, live, template: podSpecOf(live), ready: false, pods: [] };
    const t0 = Date.now();
    await this.waitReady(w);
    const waited = Date.now() - t0;
    const isJob = live.kind === 'Job';
    if (w.failure) {
      this.record(p.ref, w.failure.check, { status: 'failed', detail: w.failure.message }, waited);
      for (const check of applicableChecks(p, this.plan)) {
        if (check === 'applied' || check === w.failure.check || ['eviction-beyond-pdb-refused', 'graceful-termination'].includes(check)) continue;
        this.record(p.ref, check, { status: 'skipped', detail: `not run: ${p.ref} did not become ready` }, 0);
      }
      return w;
    }
    this.log(`  ✓ ${p.ref} ready after ${(waited / 1000).toFixed(1)}s`);
    w.pods = await this.podsOf(live);
    await this.checkWorkload(w, waited, isJob);
    return w;
  }

  private async podsOf(obj: Manifest): Promise<any[]> {
    let selector: string;
    if (obj.kind === 'Pod') {
      const pod = await this.kube.read('v1', 'Pod', obj.metadata.name, this.plan.namespace);
      return pod ? [pod] : [];
    }
    if (obj.kind === 'Job') selector = `job-name=${obj.metadata.name}`;
    else selector = Object.entries(obj.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    const pods = await this.kube.list('v1', 'Pod', this.plan.namespace, selector);
    return pods.filter((pod) => !pod.metadata?.deletionTimestamp).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  private async waitReady(w: Workload): Promise<void> {
    const { live, planned } = w;
    let last = '';
    let lastEvents = 0;
    let unhealthy: Record<string, Record<string, { count: number; message: string }>> = {};
    for (;;) {
      this.guard();
      if (Date.now() > this.deadline) {
        const pods = await this.podsOf(live).catch(() => []);
        const probeFailures = pods.flatMap((p) => Object.values(unhealthy[p.metadata.name] ?? {}).map((u) => `${u.message} (${u.count} times)`));
        w.failure = { check: live.kind === 'Job' ? 'job-completed' : 'probes-ready', message: `not ready within --timeout (${last || 'no status'})${pods.length ? `: ${pods.map((p) => podLine(p)).join('; ')}` : ''}${probeFailures.length ? `; ${probeFailures[0]}` : ''}` };
        await this.diagnose(planned.ref, pods);
        return;
      }
      const obj = await this.kube.read(live.apiVersion, live.kind, live.metadata.name, this.plan.namespace);
      if (obj) {
        const r = workloadReadiness(obj);
        if (r.progress !== last) {
          this.log(`  [${this.elapsed()}] ${planned.ref}: ${r.progress}`);
          last = r.progress;
        }
        if (r.ready) {
          if (obj.kind === 'Job') {
            const v = evalJob(obj);
            if (v.status === 'failed') {
              const pods = await this.podsOf(live);
              w.failure = { check: 'job-completed', message: v.detail };
              const init = pods.map((p) => podProblem(p)).find((x) => x?.check === 'init-containers-completed-in-order');
              if (init) w.failure = { check: init.check, message: init.message };
              await this.diagnose(planned.ref, pods);
              return;
            }
          }
          w.ready = true;
          return;
        }
      }
      // fail fast on what waiting will not fix
      const pods = [...this.pods.values()].filter((p) => belongsTo(p, live));
      if (Date.now() - lastEvents > 3000 && pods.length) {
        lastEvents = Date.now();
        unhealthy = unhealthyByPod(await this.kube.events(this.plan.namespace).catch(() => []));
      }
      for (const pod of pods) {
        const problem = podProblem(pod, unhealthy[pod.metadata.name] ?? {});
        if (problem) {
          w.failure = { check: live.kind === 'Job' && problem.check === 'probes-ready' ? 'job-completed' : problem.check, message: `${pod.metadata.name}: ${problem.message}` };
          await this.diagnose(planned.ref, [pod]);
          return;
        }
      }
      await sleep(1000);
    }
  }

  /** On failure: the Pods' events and last log lines, on stderr. */
  private async diagnose(ref: string, pods: any[]): Promise<void> {
    const events = await this.kube.events(this.plan.namespace).catch(() => []);
    for (const pod of pods.slice(0, 3)) {
      const name = pod.metadata.name;
      this.log(`  ${ref}: Pod ${podLine(pod)}`);
      const evs = events.filter((e) => e.involvedObject?.name === name).sort((a, b) => String(a.lastTimestamp ?? a.eventTime).localeCompare(String(b.lastTimestamp ?? b.eventTime)));
      if (evs.length) {
        this.log(`    events:`);
        for (const e of evs.slice(-10)) this.log(`      ${e.type} ${e.reason}${(e.count ?? 1) > 1 ? ` (×${e.count})` : ''}: ${String(e.message ?? '').split('\n')[0]}`);
      }
      const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].filter((s: any) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
      for (const s of statuses) {
        const text = (await this.kube.logs(this.plan.namespace, name, s.name, 20)).trimEnd();
        this.log(`    last log lines of ${s.name}:${text ? `\n${text.split('\n').map((l) => `      ${l}`).join('\n')}` : ' (none)'}`);
      }
    }
  }

  // ------------------------------------------------------------------ checks on a ready workload

  private exec(pod: any, container: string, script: string, timeoutMs = 10_000): Promise<ExecResult> {
    return this.kube.exec(this.plan.namespace, pod.metadata.name, container, ['sh', '-c', script], timeoutMs);
  }

  /** Runs a script in a container; Skip when the image has no shell. */
  private async sh(pod: any, container: string, script: string, note: (s: string) => void, timeoutMs = 10_000): Promise<string> {
    const r = await this.exec(pod, container, script, timeoutMs);
    if (r.exitCode === undefined) {
      note(`exec in ${pod.metadata.name}/${container} gave no exit status${r.stdout ? ` after printing ${JSON.stringify(r.stdout.slice(0, 200))}` : ''}`);
      throw new Error(`exec in ${pod.metadata.name}/${container} did not finish`);
    }
    if (r.exitCode === 126 || r.exitCode === 127 || /executable file not found|no such file or directory/.test(r.stderr) && r.exitCode !== 0 && !r.stdout) {
      throw new Skip(`the image of ${container} has no shell to look inside (${r.stderr.trim().split('\n')[0] || `exit ${r.exitCode}`})`);
    }
    if (r.exitCode === -1) throw new Error(`exec in ${pod.metadata.name}/${container} failed: ${r.stderr.trim().split('\n')[0] || 'no reason given'}`);
    note(`${pod.metadata.name}/${container}: ${r.stdout.trim().replace(/\s+/g, ' ').slice(0, 160)}`);
    return r.stdout;
  }

  private async checkWorkload(w: Workload, waitedMs: number, isJob: boolean): Promise<void> {
    const ref = w.planned.ref;
    const t = w.template ?? {};
    const pods = w.pods;
    const running = pods.filter((p) => p.status?.phase === 'Running');
    const containers: any[] = t.containers ?? [];
    const every = async (podsToUse: any[], fn: (pod: any, note: (s: string) => void) => Promise<Verdict>, note: (s: string) => void): Promise<Verdict> => {
      if (podsToUse.length === 0) throw new Skip(isJob ? 'the Job\'s Pods have finished: nothing running to look inside' : 'no running Pod');
      const vs: Verdict[] = [];
      for (const pod of podsToUse) vs.push(await fn(pod, note));
      return combine(vs, podsToUse.length);
    };

    const tasks: Array<Promise<unknown>> = [];
    if (isJob) {
      const job = await this.kube.read('batch/v1', 'Job', w.live.metadata.name, this.plan.namespace);
      this.record(ref, 'job-completed', job ? evalJob(job) : { status: 'failed', detail: 'Job vanished' }, waitedMs);
    } else {
      // a bare Pod that ran to completion has nothing to be Ready for
      const verdict = (pod: any): Verdict => pod.status?.phase === 'Succeeded' ? { status: 'passed', detail: `${pod.metadata.name} ran to completion (Succeeded)` }
        : pod.status?.phase === 'Failed' ? { status: 'failed', detail: `${pod.metadata.name} Failed: ${podLine(pod)}` } : evalProbes(containers, pod);
      this.record(ref, 'probes-ready', combine(pods.map(verdict), pods.length), waitedMs);
    }
    tasks.push(this.check(ref, 'qos-class', async () => combine(pods.map(evalQos), pods.length)));
    tasks.push(this.check(ref, 'image-pull-policy', async () => combine(pods.map((pod) => evalPullPolicy([...(t.initContainers ?? []), ...containers], [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])])), pods.length)));
    if ((t.initContainers ?? []).length) tasks.push(this.check(ref, 'init-containers-completed-in-order', async () => combine(pods.map(evalInitOrder), pods.length)));
    tasks.push(this.check(ref, 'cgroup-limits', (note) => every(running, async (pod) => {
      const vs: Verdict[] = [];
      for (const c of containers) {
        const out = await this.sh(pod, c.name, CGROUP_SCRIPT, note);
        vs.push(prefix(`${c.name}`, evalCgroup(c, parseCgroup(out))));
      }
      return combine(vs, 1);
    }, note)));
    if ((t.hostAliases ?? []).length) {
      tasks.push(this.check(ref, 'host-aliases', (note) => every(running, async (pod) => evalHostAliases(t, await this.sh(pod, containers[0].name, 'cat /etc/hosts', note)), note)));
    }
    if ((t.securityContext?.sysctls ?? []).length) {
      tasks.push(this.check(ref, 'sysctls', (note) => every(running, async (pod) => {
        const names: string[] = t.securityContext.sysctls.map((s: any) => s.name);
        const out = await this.sh(pod, containers[0].name, names.map((n) => `echo "@@$(cat ${sysctlPath(n)} 2>/dev/null)"`).join('; '), note);
        const values = out.split('\n').filter((l) => l.startsWith('@@')).map((l) => l.slice(2));
        return evalSysctls(t, Object.fromEntries(names.map((n, i) => [n, values[i] === '' ? undefined : values[i]])));
      }, note)));
    }
    const tzContainers = containers.filter((c) => timezoneIntent({ spec: t }, c));
    if (tzContainers.length) {
      tasks.push(this.check(ref, 'timezone', (note) => every(running, async (pod) => combine(await Promise.all(tzContainers.map(async (c) => {
        const out = (await this.sh(pod, c.name, 'head -c 4 /etc/localtime 2>/dev/null; echo; env -u TZ date +%z; date +%z', note)).split('\n');
        return prefix(c.name, evalTimezone(timezoneIntent({ spec: t }, c)!, { magic: out[0], localOffset: out[1], tzOffset: out[2] }));
      })), 1), note)));
    }
    const dwContainers = containers.filter((c) => downwardEnv(c).length);
    if (dwContainers.length) {
      tasks.push(this.check(ref, 'downward-api', (note) => every(running, async (pod) => combine(await Promise.all(dwContainers.map(async (c) => {
        const live = (pod.spec?.containers ?? []).find((x: any) => x.name === c.name) ?? c;
        return prefix(c.name, evalDownward(pod, live, parseEnv(await this.sh(pod, c.name, 'env', note))));
      })), 1), note)));
    }
    if (t.priorityClassName) {
      tasks.push(this.check(ref, 'priority', async () => {
        const pc = await this.kube.read('scheduling.k8s.io/v1', 'PriorityClass', t.priorityClassName);
        return combine(pods.map((pod) => evalPriority(pod, t.priorityClassName, pc?.value)), pods.length);
      }));
    }
    tasks.push(this.check(ref, 'dns-policy', (note) => every(running, async (pod) => {
      const resolv = await this.sh(pod, containers[0].name, 'cat /etc/resolv.conf', note);
      if (!expectsClusterDns(pod.spec)) return evalDns(pod.spec, this.plan.namespace, resolv);
      const name = `kubernetes.default.svc.${clusterDomainFrom(resolv, this.plan.namespace) ?? 'cluster.local'}`;
      const r = await this.exec(pod, containers[0].name, `nslookup ${name}`, 8000);
      if (r.exitCode === 127) return evalDns(pod.spec, this.plan.namespace, resolv);
      return evalDns(pod.spec, this.plan.namespace, resolv, { name, output: r.stdout });
    }, note)));
    if (t.subdomain || w.live.kind === 'StatefulSet') {
      tasks.push(this.check(ref, 'fqdn-resolves', (note) => every(running, async (pod) => {
        const resolv = await this.sh(pod, containers[0].name, 'cat /etc/resolv.conf', note);
        const fqdn = podFqdn(pod, clusterDomainFrom(resolv, this.plan.namespace) ?? 'cluster.local');
        if (!fqdn) throw new Skip(`${pod.metadata.name} has no subdomain`);
        await this.waitForEndpoint(pod, note);
        // DNS caches a "no such name" (here up to the zone's TTL): ask only once the record can exist
        for (;;) {
          const r = await this.exec(pod, containers[0].name, `nslookup ${fqdn}`, 8000);
          const v = evalFqdn(fqdn, pod.status?.podIP, r.stdout);
          note(`nslookup ${fqdn}: ${v.detail}`);
          if (v.status === 'passed') return v;
          if (r.exitCode === 127) throw new Skip('no nslookup in the image');
          await sleep(1500);
        }
      }, note), 60_000));
    }
    await Promise.all(tasks);
  }

  /**
   * H15: the FQDN exists once a headless Service named like the subdomain lists the Pod's
   * hostname in its EndpointSlices; fails at once when there is no such Service.
   */
  private async waitForEndpoint(pod: any, note: (s: string) => void): Promise<void> {
    const sub: string = pod.spec.subdomain;
    const host: string = pod.spec.hostname ?? pod.metadata.name;
    const svc = await this.kube.read('v1', 'Service', sub, this.plan.namespace);
    if (!svc) throw new Error(`no Service named ${sub} (the Pod's subdomain) in the namespace: the FQDN cannot resolve (H15)`);
    if (svc.spec?.clusterIP !== 'None') throw new Error(`Service ${sub} is not headless (clusterIP ${svc.spec?.clusterIP}): Pod FQDNs need clusterIP: None (H15)`);
    for (let i = 0; ; i++) {
      const slices = await this.kube.list('discovery.k8s.io/v1', 'EndpointSlice', this.plan.namespace, `kubernetes.io/service-name=${sub}`);
      const listed = slices.some((sl) => (sl.endpoints ?? []).some((e: any) => e.hostname === host && (e.addresses ?? []).includes(pod.status?.podIP) && e.conditions?.ready !== false));
      if (listed) break;
      if (i === 0) note(`waiting for Service ${sub}'s EndpointSlices to list ${host} (${pod.status?.podIP})`);
      await sleep(500);
    }
    await sleep(1000); // the DNS server's watch follows the EndpointSlice
  }

  // ------------------------------------------------------------------ disruptive checks

  private async checkPdb(p: PlannedObject, w: Workload | undefined, evicted: Map<string, { pod: string; at: number }>): Promise<void> {
    const pdb = p.manifest;
    const owner = w?.ready ? w : undefined;
    await this.check(p.ref, 'eviction-beyond-pdb-refused', async (note) => {
      if (!owner) throw new Skip('no ready workload selected by this budget');
      // the budget's status must have seen every Pod healthy
      let status: any;
      for (;;) {
        const live = await this.kube.read('policy/v1', 'PodDisruptionBudget', pdb.metadata.name, this.plan.namespace);
        status = live?.status ?? {};
        note(`status: ${status.currentHealthy ?? 0}/${status.expectedPods ?? 0} healthy, ${status.disruptionsAllowed ?? 0} disruptions allowed`);
        if ((live?.status?.observedGeneration ?? 0) >= (live?.metadata?.generation ?? 1) && status.expectedPods > 0 && status.currentHealthy >= status.expectedPods) break;
        await sleep(500);
      }
      const allowed: number = status.disruptionsAllowed ?? 0;
      const pods = (await this.podsOf(owner.live)).slice(0, allowed + 1);
      const attempts: EvictionAttempt[] = [];
      for (const pod of pods) {
        const at = Date.now();
        const r = await this.kube.evict(this.plan.namespace, pod.metadata.name);
        attempts.push({ pod: pod.metadata.name, ...r });
        note(`evict ${pod.metadata.name}: ${r.code}`);
        if (r.code === 201 && !evicted.has(owner.planned.ref)) evicted.set(owner.planned.ref, { pod: pod.metadata.name, at });
      }
      return evalEvictions(allowed, attempts);
    });
  }

  private async checkTermination(w: Workload, evicted: Map<string, { pod: string; at: number }>): Promise<void> {
    const t = w.template;
    const grace: number = t.terminationGracePeriodSeconds ?? 30;
    const container = (t.containers ?? []).find((c: any) => c.lifecycle?.preStop) ?? t.containers?.[0];
    await this.check(w.planned.ref, 'graceful-termination', async (note) => {
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
            this.podListeners.delete(listener);
            resolve();
          }
          if (seen.endedAt !== undefined) { this.podListeners.delete(listener); resolve(); }
        };
        this.podListeners.add(listener);
      });
      if (!target) {
        const pod = (await this.podsOf(w.live))[0];
        if (!pod) throw new Skip('no running Pod');
        target = { pod: pod.metadata.name, at: Date.now() };
        await this.kube.delete('v1', 'Pod', pod.metadata.name, this.plan.namespace);
        note(`deleted ${pod.metadata.name}`);
      } else {
        note(`watching ${target.pod} (evicted)`);
        // the event may have come before the listener existed
        const cur = this.pods.get(target.pod);
        if (!cur) seen = { endedAt: Date.now() };
      }
      // the watch reports the end; a poll each second covers a watch that is down
      const until = Date.now() + (grace + 10) * 1000;
      while (seen.endedAt === undefined && Date.now() < until && !this.aborted) {
        await Promise.race([done, sleep(1000)]);
        if (seen.endedAt !== undefined) break;
        const cur = await this.kube.read('v1', 'Pod', target.pod, this.plan.namespace).catch(() => null);
        const term = (cur?.status?.containerStatuses ?? []).find((x: any) => x.name === container.name)?.state?.terminated;
        if (cur === undefined) seen = { endedAt: Date.now() };
        else if (term) seen = { endedAt: Date.now(), exitCode: term.exitCode, reason: term.reason };
      }
      const events = await this.kube.events(this.plan.namespace).catch(() => []);
      const preStopFailures = events.filter((e) => e.involvedObject?.name === target!.pod && e.reason === 'FailedPreStopHook').map((e) => String(e.message));
      return evalTermination(container, grace, { requestedAt: target.at, endedAt: seen.endedAt, exitCode: seen.exitCode, reason: seen.reason, preStopFailures });
    }, (grace + 15) * 1000);
  }

  // ------------------------------------------------------------------ scenarios

  private async runScenarios(scenarios: Scenario[]): Promise<VerifyOutcome['scenarioGrid']> {
    this.log(`verify: handbook scenarios: ${scenarios.length} Pods (restartPolicy table H8, liveness H17)`);
    for (const p of this.plan.objects) {
      this.guard();
      await this.kube.apply(p.manifest);
    }
    const pending = new Set(scenarios.map((s) => s.name));
    const t0 = Date.now();
    const verdicts = new Map<string, Verdict>();
    const took = new Map<string, number>();
    const deadline = Math.min(this.deadline, Date.now() + 150_000);
    while (pending.size > 0 && Date.now() < deadline) {
      this.guard();
      await sleep(1000);
      const pods = await this.kube.list('v1', 'Pod', this.plan.namespace);
      const events = await this.kube.events(this.plan.namespace);
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
          this.log(`  [${this.elapsed()}] ${s.name}: ${v.status} (${v.detail})`);
        }
      }
    }
    const pods = await this.kube.list('v1', 'Pod', this.plan.namespace);
    const events = await this.kube.events(this.plan.namespace);
    for (const s of scenarios) {
      let v = verdicts.get(s.name);
      if (!v) {
        const pod = pods.find((p) => p.metadata.name === s.name);
        v = pod ? evalScenario(s, observe(pod, events.filter((e) => e.involvedObject?.name === s.name))) : { status: 'failed', detail: 'Pod not found' };
        if (v.status === 'passed') v = { status: 'failed', detail: `did not settle in time: ${v.detail}` };
      }
      const what = s.check === 'restart-policy' ? `${s.situation}, restartPolicy ${s.policy}: ` : `${s.situation}: `;
      this.results.push({ object: `Pod/${s.name}`, check: s.check, status: v.status, detail: `${what}${v.detail}`, handbook: s.handbook, durationMs: took.get(s.name) ?? Date.now() - t0 });
    }
    const grid: NonNullable<VerifyOutcome['scenarioGrid']> = [];
    for (const s of scenarios.filter((x) => x.check === 'restart-policy')) {
      let row = grid.find((g) => g.situation === s.situation);
      if (!row) { row = { situation: s.situation, cells: {} }; grid.push(row); }
      row.cells[s.policy] = this.results.find((r) => r.object === `Pod/${s.name}`)?.status ?? 'failed';
    }
    return grid;
  }

  // ------------------------------------------------------------------ cleanup

  /** Deletes the namespace (force-deleting its Pods so no grace period holds it) and the run's cluster-scoped objects. */
  private async cleanup(): Promise<boolean> {
    const ns = this.plan.namespace;
    const problems: string[] = [];
    const t0 = Date.now();
    this.kube.resetBudget();
    try {
      // Controllers first, orphaning their Pods (so nothing recreates a Pod, and no garbage
      // collector deletes one with its full grace period); then each Pod with a 1 s grace period:
      // the kubelet confirms that its containers ended (a force delete would leave them running,
      // holding, say, a host port the next run needs); Pods already terminating (evicted) are
      // removed at once; then the namespace.
      const controllers = this.plan.objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet'].includes(o.manifest.kind)).map((o) => o.manifest);
      const jobs = await this.kube.list('batch/v1', 'Job', ns).catch(() => []);
      const replicaSets = await this.kube.list('apps/v1', 'ReplicaSet', ns).catch(() => []);
      await Promise.all(controllers.map((m) => this.kube.delete(m.apiVersion, m.kind, m.metadata.name, ns, { orphan: true, budgetMs: 60_000 }).catch(() => undefined)));
      await Promise.all([...jobs, ...replicaSets].map((m) => this.kube.delete(m.apiVersion, m.kind, m.metadata.name, ns, { orphan: true, budgetMs: 60_000 }).catch(() => undefined)));
      const pods = await this.kube.list('v1', 'Pod', ns).catch(() => []);
      await Promise.all(pods.map((p) => this.kube.delete('v1', 'Pod', p.metadata.name, ns, { graceSeconds: p.metadata?.deletionTimestamp ? 0 : 1 }).catch(() => undefined)));
      await this.kube.delete('v1', 'Namespace', ns, undefined, { budgetMs: 120_000 });
    } catch (e) {
      problems.push(`namespace ${ns}: ${(e as Error).message}`);
    }
    for (const [kind, names] of Object.entries(this.plan.renamed)) {
      for (const name of Object.values(names)) {
        const obj = this.plan.objects.find((o) => o.manifest.kind === kind && o.manifest.metadata.name === name);
        try {
          await this.kube.delete(obj?.manifest.apiVersion ?? 'scheduling.k8s.io/v1', kind, name, undefined, { budgetMs: 120_000 });
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
        try { ns0 = await this.kube.read('v1', 'Namespace', ns); } catch (e) { problems.push(`namespace ${ns}: ${(e as Error).message}`); break; }
        if (!ns0) break;
        if (Date.now() > until) { problems.push(`namespace ${ns} still ${ns0.status?.phase ?? 'present'} after 90s`); break; }
        await sleep(500);
      }
    }
    if (problems.length) {
      this.log(`verify: could not clean up everything: ${problems.join('; ')}\n  delete with: ${this.kubectl} delete namespace ${ns}; ${this.kubectl} delete priorityclass -l ${RUN_LABEL}=${this.plan.runId}`);
      return false;
    }
    this.log(`verify: cleaned up namespace ${ns}${Object.keys(this.plan.renamed).length ? ' and the run\'s cluster-scoped objects' : ''} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    return true;
  }
}

// ---------------------------------------------------------------------- helpers

const CGROUP_SCRIPT = 'if [ -f /sys/fs/cgroup/cgroup.controllers ]; then echo v2; cat /sys/fs/cgroup/memory.max; cat /sys/fs/cgroup/cpu.max; else echo v1; cat /sys/fs/cgroup/memory/memory.limit_in_bytes; cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us; cat /sys/fs/cgroup/cpu/cpu.cfs_period_us; fi';

export function parseCgroup(out: string): CgroupReading {
  const l = out.trim().split('\n').map((s) => s.trim());
  if (l[0] === 'v2') {
    const [quota, period] = (l[2] ?? '').split(/\s+/);
    return { version: 2, memory: l[1] || undefined, cpuQuota: quota || undefined, cpuPeriod: period || undefined };
  }
  return { version: 1, memory: l[1] || undefined, cpuQuota: l[2] || undefined, cpuPeriod: l[3] || undefined };
}

/** Merges per-Pod (or per-container) verdicts into one: failed if any failed. */
export function combine(vs: Verdict[], pods: number): Verdict {
  if (vs.length === 0) return { status: 'skipped', detail: 'no Pod to check' };
  const failed = vs.filter((v) => v.status === 'failed');
  if (failed.length) return { status: 'failed', detail: failed.map((v) => v.detail).join('; ') };
  const passed = vs.filter((v) => v.status === 'passed');
  if (passed.length === 0) return { status: 'skipped', detail: vs[0].detail };
  return { status: 'passed', detail: `${pods > 1 ? `${pods} Pods: ` : ''}${passed[0].detail}${passed.length > 1 && pods <= 1 ? `; ${passed.slice(1).map((v) => v.detail).join('; ')}` : ''}` };
}

function prefix(p: string, v: Verdict): Verdict {
  return { status: v.status, detail: `${p}: ${v.detail}` };
}

function podLine(p: any): string {
  const st = [...(p.status?.initContainerStatuses ?? []).map((s: any) => ({ ...s, name: `init:${s.name}` })), ...(p.status?.containerStatuses ?? [])];
  return `${p.metadata?.name} ${p.status?.phase ?? 'Pending'} [${st.map((s: any) => `${s.name} ${s.ready ? 'ready' : s.state?.waiting?.reason ?? (s.state?.terminated ? `exit ${s.state.terminated.exitCode}` : 'not ready')}${s.restartCount ? ` ↻${s.restartCount}` : ''}`).join(', ')}]`;
}

function belongsTo(pod: any, obj: Manifest): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (obj.kind === 'Pod') return pod.metadata?.name === obj.metadata.name;
  if (obj.kind === 'Job') return pod.metadata?.labels?.['job-name'] === obj.metadata.name;
  const sel = obj.spec?.selector?.matchLabels ?? {};
  return Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => pod.metadata?.labels?.[k] === v);
}

/** Unhealthy (readiness) event counts per Pod and container. */
export function unhealthyByPod(events: any[]): Record<string, Record<string, { count: number; message: string }>> {
  const out: Record<string, Record<string, { count: number; message: string }>> = {};
  for (const e of events) {
    if (e.reason !== 'Unhealthy' || !/^Readiness probe failed/.test(e.message ?? '')) continue;
    const pod = e.involvedObject?.name;
    const container = /spec\.containers\{(.+)\}/.exec(e.involvedObject?.fieldPath ?? '')?.[1];
    if (!pod || !container) continue;
    const count = e.series?.count ?? e.count ?? 1;
    const cur = ((out[pod] ??= {})[container] ??= { count: 0, message: String(e.message).split('\n')[0] });
    cur.count += count;
  }
  return out;
}

/** Whether a budget's selector picks a workload's Pods. */
function selects(pdb: Manifest, w: Workload): boolean {
  const labels = pdb.spec?.selector?.matchLabels ?? {};
  const podLabels = w.live.spec?.template?.metadata?.labels ?? w.live.metadata?.labels ?? {};
  return Object.keys(labels).length > 0 && Object.entries(labels).every(([k, v]) => podLabels[k] === v);
}

function hasPreStop(t: any): boolean {
  return !!t && (t.containers ?? []).some((c: any) => c.lifecycle?.preStop);
}

/** The checks a planned object declares (for the report when they cannot run). */
export function applicableChecks(p: PlannedObject, plan: Plan): CheckId[] {
  const m = p.manifest;
  const out: CheckId[] = ['applied'];
  if (m.kind === 'PodDisruptionBudget') return [...out, 'eviction-beyond-pdb-refused'];
  const t = podSpecOf(m);
  if (!t) return out;
  const isJob = m.kind === 'Job' || m.kind === 'CronJob';
  out.push(isJob ? 'job-completed' : 'probes-ready', 'qos-class', 'image-pull-policy', 'cgroup-limits', 'dns-policy');
  if ((t.initContainers ?? []).length) out.push('init-containers-completed-in-order');
  if ((t.hostAliases ?? []).length) out.push('host-aliases');
  if ((t.securityContext?.sysctls ?? []).length) out.push('sysctls');
  if ((t.containers ?? []).some((c: any) => timezoneIntent({ spec: t }, c))) out.push('timezone');
  if ((t.containers ?? []).some((c: any) => downwardEnv(c).length)) out.push('downward-api');
  if (t.priorityClassName) out.push('priority');
  if (t.subdomain || m.kind === 'StatefulSet') out.push('fqdn-resolves');
  if (hasPreStop(t) && !isJob) out.push('graceful-termination');
  void plan;
  return out;
}

function defaultImage(cluster: ClusterKind): string {
  if (cluster === 'local') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { LocalCluster } = require('../cluster/local') as typeof import('../cluster/local');
    try { return new LocalCluster().busyboxImage; } catch { /* fall through */ }
  }
  return 'busybox:1.35.0';
}

export { POLICIES };
