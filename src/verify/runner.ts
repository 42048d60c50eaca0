/**
 * A verification run: plan → fresh namespace → apply in order → wait → checks → disruptive
 * checks (evictions, graceful termination) → report → clean up (always, also on failure,
 * timeout and Ctrl-C, unless --keep).
 *
 * Progress goes to stderr through `log`; the report is returned to the command, which prints it.
 *
 * The parts: plan.ts (pure: names, order) → this file (the run: namespace, watch, signals,
 * report) → node-resources.ts (host ports taken in turn) → workloads.ts (apply, wait) →
 * workload-checks.ts (checks on a ready workload) → disruption.ts (evictions, termination)
 * or scenario-run.ts (--scenarios) → cleanup.ts. They share run-context.ts; the verdicts come
 * from the pure checks*.ts, readiness.ts and scenarios.ts.
 */
import { ClusterKind } from '../cluster/types';
import { InputError } from '../errors';
import { CHECKS, CheckId, Verdict } from './checks';
import { cleanup } from './cleanup';
import { clusterAccess } from './clusters';
import { Kube, KubeError } from './kube';
import { NodeResource, nodeResourcesOf, renewNodeResources, takeNodeResources } from './node-resources';
import { Plan, planRun, RUN_LABEL } from './plan';
import { applicableChecks } from './pod-helpers';
import { buildReport } from './report';
import { Aborted, RunContext, runWithTimeout, sleep, VerifyOptions, VerifyOutcome } from './run-context';
import { runScenarios } from './scenario-run';
import { NODE_CHECKS, NodeControl, runNodeScenarios } from './node-scenario-run';
import { handbookScenarios, POLICIES, Scenario } from './scenarios';
import { CheckResult } from './types';
import { runManifests } from './workloads';

/* eslint-disable @typescript-eslint/no-explicit-any */

export type { VerifyOptions, VerifyOutcome } from './run-context';
export { runWithTimeout, Skip } from './run-context';
export { applicableChecks, combine, unhealthyByPod } from './pod-helpers';
export { parseCgroup } from './workload-checks';

/** How long a run waits for a host port another run holds. */
const NODE_RESOURCE_WAIT_MS = 20 * 60_000;

export class VerifyRun implements RunContext {
  kube!: Kube;
  plan!: Plan;
  readonly results: CheckResult[] = [];
  readonly log: (l: string) => void;
  aborted = false;
  deadline = 0;
  private clusterVersion = 'unknown';
  /** `kubectl` with the run's kubeconfig and context, for the commands the run prints. */
  kubectl = 'kubectl';
  readonly pods = new Map<string, any>();
  readonly podListeners = new Set<(type: string, pod: any) => void>();
  private stopWatch?: () => void;
  private scenarios?: Scenario[];
  /** Host ports and node ports the run holds (node-resources.ts). */
  private nodeResources: NodeResource[] = [];
  private readonly started = Date.now();

  constructor(readonly opts: VerifyOptions) {
    this.log = opts.log ?? ((l) => process.stderr.write(`${l}\n`));
  }

  elapsed(): string {
    return `${((Date.now() - this.started) / 1000).toFixed(1)}s`;
  }

  /** Records a check's result. */
  record(object: string, check: CheckId, v: Verdict, durationMs: number): void {
    this.results.push({ object, check, status: v.status, detail: v.detail, handbook: [...CHECKS[check].handbook], durationMs });
    if (v.status === 'failed') this.log(`  ✗ ${object} ${check}: ${v.detail}`);
  }

  async check(object: string, check: CheckId, fn: (note: (s: string) => void) => Promise<Verdict>, minTimeoutMs = 0): Promise<Verdict> {
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
    let stopRenewing = () => undefined as void;
    try {
      this.deadline = Date.now() + this.opts.timeoutMs;
      await this.kube.createNamespace(this.plan.namespace, { [RUN_LABEL]: this.plan.runId, 'app.kubernetes.io/managed-by': 'podsmith' });
      this.stopWatch = this.kube.watchPods(this.plan.namespace, (type, pod) => this.onPod(type, pod));
      await this.waitForServiceAccount();
      this.nodeResources = nodeResourcesOf(this.plan.objects.map((o) => o.manifest));
      if (this.nodeResources.length) {
        await takeNodeResources(this, this.nodeResources, Date.now() + NODE_RESOURCE_WAIT_MS);
        stopRenewing = renewNodeResources(this, this.nodeResources);
        // waiting for another run is not this run's time
        this.deadline = Date.now() + this.opts.timeoutMs;
      }
      if (scenarios) {
        grid = await runScenarios(this, scenarios);
        await runNodeScenarios(this, this.opts.image ?? defaultImage(this.opts.cluster), nodeControlFor(this.opts.cluster, this.log));
      }
      else await runManifests(this);
    } catch (e) {
      if (e instanceof Aborted || this.aborted) fatal = 'interrupted';
      else if (e instanceof KubeError) fatal = e.message;
      else throw e;
    } finally {
      this.stopWatch?.();
      if (this.opts.keep) {
        const pcs = Object.values(this.plan.renamed.PriorityClass ?? {});
        this.log(`verify: kept namespace ${this.plan.namespace}${pcs.length ? ` and PriorityClass ${pcs.join(', ')}` : ''}; delete with:\n  ${this.kubectl} delete namespace ${this.plan.namespace}${pcs.length ? ` && ${this.kubectl} delete priorityclass -l ${RUN_LABEL}=${this.plan.runId}` : ''}${this.nodeResources.length ? `\n  (until then other runs that need ${this.nodeResources.map((r) => r.what).join(', ')} stop, naming it)` : ''}`);
      } else {
        cleanedUp = await cleanup(this);
      }
      stopRenewing();
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
      return [...this.scenarios.map((s) => ({ object: `Pod/${s.name}`, check: s.check as CheckId })), ...NODE_CHECKS].filter((c) => !this.results.some((r) => r.object === c.object && r.check === c.check));
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

  guard(): void {
    if (this.aborted) throw new Aborted();
  }
}

/** Node control for the node scenarios: only on the local cluster, whose nodes podsmith runs. */
function nodeControlFor(cluster: ClusterKind, log: (l: string) => void): NodeControl | undefined {
  if (cluster !== 'local') return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LocalCluster, NODE_FAILURE_TIMING } = require('../cluster/local') as typeof import('../cluster/local');
  const c = new LocalCluster({ log: (l) => log(`  cluster: ${l}`) });
  return {
    stop: (n) => c.nodeStop(n),
    partition: (n) => c.nodePartition(n),
    start: (n) => c.nodeStart(n),
    graceSeconds: NODE_FAILURE_TIMING.graceSeconds,
    tolerationSeconds: NODE_FAILURE_TIMING.tolerationSeconds,
    workers: c.identity.nodes.filter((n) => n.index > 0).map((n) => n.name),
  };
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
