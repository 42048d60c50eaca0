/**
 * The node scenarios of `--scenarios handbook` (a cluster of two or more nodes): what the
 * handbook says about nodes, proven with real Pods. Pure: the objects to create and the
 * verdicts on what the runner observed (node-scenario-run.ts gathers it).
 *
 *   H22  placement: nodeSelector, node affinity, Pod affinity, anti-affinity, topology spread, taints
 *   H25  preemption: a higher-priority Pod preempts a lower one on a full node
 *   H26  drain: evictions stop at the PodDisruptionBudget; the evicted Pod comes back elsewhere
 *   H21  bandwidth: kubernetes.io/egress-bandwidth limits what a Pod sends
 *   H2, H8  a node lost: the bare Pod is gone, not rescheduled; the controller's Pod is recreated
 *        on another node; the lost Pods end Failed (row "Pod running, disk inaccessible")
 *   H8   a node partitioned: the node controller times out; the controller's Pod is recreated
 *        elsewhere; the Pod ends Failed when the node is back (row "network partition")
 */
import { expectedOutcome } from '../restart-policy';
import { fail, pass, Verdict } from './verdict';
import { Manifest } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The label every node-scenario object carries (`app.kubernetes.io/name`). */
export const NODE_SCENARIO_APP = 'podsmith-node-scenario';

/** The nodes a scenario may use: Ready, schedulable, not tainted NoSchedule/NoExecute. */
export function usableNodes(nodes: any[]): string[] {
  return nodes
    .filter((n) => (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'))
    .filter((n) => !n.spec?.unschedulable)
    .filter((n) => !(n.spec?.taints ?? []).some((t: any) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'))
    .map((n) => n.metadata.name)
    .sort();
}

/** A container that waits (busybox), with the handbook's default hardening and small requests. */
export function waiter(image: string, cpu = '10m', command = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']): any {
  return {
    name: 'c0',
    image,
    imagePullPolicy: 'IfNotPresent',
    command,
    resources: { requests: { cpu, memory: '16Mi' }, limits: { cpu: cpu === '10m' ? '200m' : cpu, memory: '32Mi' } },
    securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 65534, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
  };
}

function labels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': NODE_SCENARIO_APP, 'podsmith.dev/scenario': name };
}

/** A bare Pod of the node scenarios. */
export function scenarioPod(name: string, image: string, spec: any = {}, annotations?: Record<string, string>, container?: any): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: labels(name), ...(annotations ? { annotations } : {}) },
    spec: { terminationGracePeriodSeconds: 2, automountServiceAccountToken: false, enableServiceLinks: false, containers: [container ?? waiter(image)], ...spec },
  };
}

/** A Deployment of the node scenarios (its Pods labelled `podsmith.dev/scenario: <name>`). */
export function scenarioDeployment(name: string, image: string, replicas: number, spec: any = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: labels(name) },
    spec: {
      replicas,
      selector: { matchLabels: labels(name) },
      template: { metadata: { labels: labels(name) }, spec: { terminationGracePeriodSeconds: 2, automountServiceAccountToken: false, enableServiceLinks: false, containers: [waiter(image)], ...spec } },
    },
  };
}

export const hostnameTerm = (key: string, values: string[]) => ({ nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values }] }] });

// ------------------------------------------------------------------------------- H22

/** One placement rule: the object, and where its Pods must (or must not) be. */
export interface PlacementCase {
  rule: string;
  object: Manifest;
  /** Every Pod on one of these nodes. */
  onlyOn?: string[];
  /** No Pod on these nodes. */
  never?: string[];
  /** Pods on pairwise different nodes. */
  distinct?: boolean;
  /** Pod counts per node differ by at most this (over `over` nodes). */
  maxSkew?: { skew: number; over: string[] };
}

/** Where Pods ran: pod name → node. */
export type Placement = Array<{ pod: string; node: string }>;

export function evalPlacement(c: PlacementCase, placed: Placement, expectedPods: number): Verdict {
  const where = placed.map((p) => `${p.pod.replace(/^.*-(\w{5})$/, '$1')}→${p.node}`).join(', ') || 'no Pod scheduled';
  if (placed.length < expectedPods) return fail(`${c.rule}: ${placed.length} of ${expectedPods} Pods scheduled (${where})`);
  const problems: string[] = [];
  if (c.onlyOn) for (const p of placed) if (!c.onlyOn.includes(p.node)) problems.push(`${p.pod} on ${p.node}, expected ${c.onlyOn.join(' or ')}`);
  if (c.never) for (const p of placed) if (c.never.includes(p.node)) problems.push(`${p.pod} on ${p.node}, which it must avoid`);
  if (c.distinct && new Set(placed.map((p) => p.node)).size !== placed.length) problems.push('two Pods share a node');
  if (c.maxSkew) {
    const counts = c.maxSkew.over.map((n) => placed.filter((p) => p.node === n).length);
    if (Math.max(...counts) - Math.min(...counts) > c.maxSkew.skew) problems.push(`per-node counts ${counts.join('/')} exceed maxSkew ${c.maxSkew.skew}`);
  }
  return problems.length ? fail(`${c.rule}: ${problems.join('; ')} (${where})`) : pass(`${c.rule}: ${where}`);
}

// ------------------------------------------------------------------------------- H25

export interface PreemptionObservation {
  lowPhaseOrGone: string;
  lowPreempted: boolean;
  lowReason?: string;
  highNode?: string;
  highPhase?: string;
  target: string;
}

export function evalPreemption(o: PreemptionObservation): Verdict {
  const seen = `low-priority Pod ${o.lowPhaseOrGone}${o.lowReason ? ` (${o.lowReason})` : ''}; high-priority Pod ${o.highPhase ?? 'absent'} on ${o.highNode ?? 'no node'}`;
  if (o.lowPreempted && o.highNode === o.target && o.highPhase === 'Running') return pass(`node ${o.target} full: ${seen}`);
  return fail(`expected the high-priority Pod to preempt the low one on ${o.target}: ${seen}`);
}

// ------------------------------------------------------------------------------- H26

export interface DrainObservation {
  node: string;
  /** HTTP codes of the evictions in order: the first allowed, the next refused while the budget is spent. */
  codes: number[];
  refusalMessage?: string;
  /** After the replacement was Ready: the held eviction went through. */
  laterAllowed: boolean;
  replacementNode?: string;
}

export function evalDrain(o: DrainObservation): Verdict {
  const seen = `evictions ${o.codes.join(', ')}; after the replacement was Ready on ${o.replacementNode ?? '?'}: ${o.laterAllowed ? 'allowed' : 'still refused'}`;
  const ok = o.codes[0] === 201 && o.codes[1] === 429 && o.laterAllowed && o.replacementNode !== undefined && o.replacementNode !== o.node;
  return ok ? pass(`drain of ${o.node} (cordoned): ${seen}`) : fail(`expected 201, then 429 until a replacement was Ready on another node: ${seen}${o.refusalMessage ? ` (${o.refusalMessage})` : ''}`);
}

// ------------------------------------------------------------------------------- H21

/** Bytes per second of a `kubernetes.io/*-bandwidth` value (bits per second, with SI or binary suffix). */
export function bandwidthBytesPerSecond(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([kMGT]i?)?$/.exec(value.trim());
  if (!m) throw new RangeError(`bandwidth ${value}: expected a quantity such as 4M`);
  const mult: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return (Number(m[1]) * mult[m[2] ?? '']) / 8;
}

export interface BandwidthObservation {
  annotation: string;
  /** Steady bytes/s of the limited sender, after the shaper's burst was spent. */
  limitedRate?: number;
  /** Bytes/s of the same transfer from a Pod without the annotation. */
  unlimitedRate?: number;
  burstBytes?: number;
}

const mbit = (bytesPerSecond: number) => `${((bytesPerSecond * 8) / 1e6).toFixed(2)} Mbit/s`;

export function evalBandwidth(o: BandwidthObservation): Verdict {
  const limit = bandwidthBytesPerSecond(o.annotation);
  if (o.limitedRate === undefined || o.unlimitedRate === undefined) return fail(`no steady rate measured (limited ${o.limitedRate}, unlimited ${o.unlimitedRate})`);
  const seen = `egress-bandwidth ${o.annotation}: steady ${mbit(o.limitedRate)} after a burst of ${((o.burstBytes ?? 0) / 1e6).toFixed(0)} MB; without it ${mbit(o.unlimitedRate)}`;
  const ok = o.limitedRate <= limit * 1.25 && o.limitedRate >= limit * 0.5 && o.unlimitedRate >= limit * 4;
  return ok ? pass(seen) : fail(`expected about ${mbit(limit)} with the annotation and ≥ 4× that without: ${seen}`);
}

// ------------------------------------------------------------------------------- H2, H8

/** What happened after a node was lost (stopped or partitioned), then brought back. */
export interface NodeLossObservation {
  how: 'stopped' | 'partitioned';
  node: string;
  /** Seconds from the loss until the node's Ready condition left True. */
  notReadyAfterS?: number;
  /** The node controller's grace period on this cluster, when known (the local cluster's is short). */
  graceSeconds?: number;
  /** How long Pods tolerate an unreachable node before eviction on this cluster, when known. */
  tolerationSeconds?: number;
  /** The controller's Pod: where its replacement ran, after how many seconds. */
  replacementNode?: string;
  replacementAfterS?: number;
  /** The lost Pods' last phase seen before they were removed (Failed expected), per Pod. */
  lostPhases: Record<string, string>;
  /** The bare Pod: still there (name) after the node came back? recreated on another node? */
  barePodRecreatedElsewhere: boolean;
  barePodGone: boolean;
}

/** H8 node rows (and H2 for a lost node): the model's expectation against what was seen. */
export function evalNodeLoss(o: NodeLossObservation, what: 'controller' | 'bare'): Verdict {
  const exp = expectedOutcome('Always', ['running'], o.how === 'stopped' ? 'disk-inaccessible' : 'node-unreachable');
  const phases = Object.entries(o.lostPhases).map(([p, ph]) => `${p.replace(/^.*-(\w{5})$/, '$1')} ${ph}`).join(', ');
  const timing = `node ${o.node} ${o.how}; NotReady after ${o.notReadyAfterS ?? '?'} s${o.graceSeconds !== undefined ? ` (node controller grace ${o.graceSeconds} s, Pods evicted ${o.tolerationSeconds ?? '?'} s later)` : ''}`;
  if (what === 'bare') {
    const ok = o.barePodGone && !o.barePodRecreatedElsewhere && (o.lostPhases.bare ?? exp.phase) === exp.phase;
    const seen = `${timing}; the bare Pod ${o.barePodGone ? 'is gone' : 'still exists'}${o.barePodRecreatedElsewhere ? ', recreated elsewhere' : ', not rescheduled'} (last phase ${o.lostPhases.bare ?? 'unseen'})`;
    return ok ? pass(seen) : fail(`expected the bare Pod deleted, not rescheduled, ended ${exp.phase}: ${seen}`);
  }
  const ended = Object.entries(o.lostPhases).filter(([p]) => p !== 'bare');
  const ok = exp.controllerRecreates && o.replacementNode !== undefined && o.replacementNode !== o.node && ended.length > 0 && ended.every(([, ph]) => ph === exp.phase);
  const seen = `${timing}; replacement on ${o.replacementNode ?? 'no node'} after ${o.replacementAfterS ?? '?'} s; lost Pods ended ${phases || 'unseen'}`;
  return ok ? pass(seen) : fail(`expected phase ${exp.phase} and the controller's Pod recreated on another node: ${seen}`);
}
