/**
 * What the parts of a verification run share: the options, the run's context (its cluster
 * client, plan, watched Pods, result recording and deadline), the workload record, and the
 * timeout and skip machinery every check runs under.
 */
import { ClusterKind } from '../cluster/types';
import { CheckId, Verdict } from './checks';
import { Kube } from './kube';
import { Plan, PlannedObject } from './plan';
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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Thrown when the run is interrupted (Ctrl-C). */
export class Aborted extends Error {}

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

/** A workload being verified. */
export interface Workload {
  planned: PlannedObject;
  /** The object whose Pods are checked (for a CronJob: the Job made from its template). */
  live: Manifest;
  template: any;
  ready: boolean;
  pods: any[];
  /** The owning check and message when the workload failed to become ready. */
  failure?: { check: CheckId; message: string };
}

/** The run as its parts see it (VerifyRun implements it). */
export interface RunContext {
  readonly opts: VerifyOptions;
  readonly kube: Kube;
  readonly plan: Plan;
  readonly results: CheckResult[];
  readonly log: (l: string) => void;
  /** Set on SIGINT/SIGTERM. */
  readonly aborted: boolean;
  /** Epoch ms when the run's --timeout ends. */
  readonly deadline: number;
  /** `kubectl` with the run's kubeconfig and context, for the commands the run prints. */
  readonly kubectl: string;
  /** The run namespace's Pods as the watch last reported them. */
  readonly pods: Map<string, any>;
  /** Called on every Pod watch event. */
  readonly podListeners: Set<(type: string, pod: any) => void>;
  /** Seconds since the run started, for progress lines. */
  elapsed(): string;
  /** Records a check's result. */
  record(object: string, check: CheckId, v: Verdict, durationMs: number): void;
  /** Runs a check under its timeout (skipped when interrupted, failed past the deadline) and records it. */
  check(object: string, check: CheckId, fn: (note: (s: string) => void) => Promise<Verdict>, minTimeoutMs?: number): Promise<Verdict>;
  /** Throws Aborted when the run was interrupted. */
  guard(): void;
}

/** A workload's live Pods (not terminating), by name. */
export async function podsOf(ctx: RunContext, obj: Manifest): Promise<any[]> {
  let selector: string;
  if (obj.kind === 'Pod') {
    const pod = await ctx.kube.read('v1', 'Pod', obj.metadata.name, ctx.plan.namespace);
    return pod ? [pod] : [];
  }
  if (obj.kind === 'Job') selector = `job-name=${obj.metadata.name}`;
  else selector = Object.entries(obj.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = await ctx.kube.list('v1', 'Pod', ctx.plan.namespace, selector);
  return pods.filter((pod) => !pod.metadata?.deletionTimestamp).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
