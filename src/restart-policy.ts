/**
 * The handbook's restartPolicy table (H7, H8) as a pure model: given the policy and what each
 * container did, the Pod's phase and which containers the kubelet restarts. The verifier
 * compares real clusters against this model.
 */
import { RestartPolicy } from './constructs/pod';

/** What one container did. `stopped` is an earlier clean exit (0) that stays exited. */
export type ContainerOutcome = 'running' | 'exit0' | 'exitNonZero' | 'oomKilled' | 'stopped';

/** Node-level situations of the table: the kubelet kills every container. */
export type NodeSituation = 'disk-inaccessible' | 'node-unreachable';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface ExpectedOutcome {
  /** The Pod phase once the kubelet has acted. */
  readonly phase: PodPhase;
  /** Per container: whether the kubelet restarts it (in place, on the same node). */
  readonly restarts: boolean[];
  /** An event the kubelet records (OOM under Never). */
  readonly event?: 'OOMKilled';
  /** Whether a controller (not the kubelet) recreates the Pod, on another node. */
  readonly controllerRecreates: boolean;
}

const failed = (o: ContainerOutcome) => o === 'exitNonZero' || o === 'oomKilled';

/** Whether the kubelet restarts a container that ended with `outcome` under `policy`. */
export function restartsContainer(policy: RestartPolicy, outcome: ContainerOutcome): boolean {
  if (outcome === 'running' || outcome === 'stopped') return false;
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return failed(outcome);
  return false;
}

/**
 * The expected result for one row of the table (H8). Restarts are local to the node; a Pod is
 * never moved by a restart.
 */
export function expectedOutcome(policy: RestartPolicy, outcomes: ContainerOutcome[], situation?: NodeSituation): ExpectedOutcome {
  if (outcomes.length === 0) throw new RangeError('a Pod has at least one container');
  if (situation) {
    return { phase: 'Failed', restarts: outcomes.map(() => false), controllerRecreates: true };
  }
  const restarts = outcomes.map((o) => restartsContainer(policy, o));
  // a stopped (exited 0) container is restarted along with the rest under Always
  if (policy === 'Always') outcomes.forEach((o, i) => { if (o === 'stopped') restarts[i] = true; });
  const stillRunning = outcomes.some((o, i) => o === 'running' || restarts[i]);
  let phase: PodPhase;
  if (stillRunning) phase = 'Running';
  else if (outcomes.every((o) => o === 'exit0' || o === 'stopped')) phase = 'Succeeded';
  else phase = 'Failed';
  const oom = policy === 'Never' && outcomes.includes('oomKilled');
  return { phase, restarts, ...(oom ? { event: 'OOMKilled' as const } : {}), controllerRecreates: false };
}

/** The rows of the handbook's table (H8), for tests, docs and the verifier's scenario suite. */
export const HANDBOOK_RESTART_TABLE: ReadonlyArray<{
  situation: string;
  outcomes: ContainerOutcome[];
  node?: NodeSituation;
  expected: Record<RestartPolicy, { phase: PodPhase; restart: boolean }>;
}> = [
  { situation: 'one container, exits 0', outcomes: ['exit0'],
    expected: { Always: { phase: 'Running', restart: true }, OnFailure: { phase: 'Succeeded', restart: false }, Never: { phase: 'Succeeded', restart: false } } },
  { situation: 'one container, exits non-zero', outcomes: ['exitNonZero'],
    expected: { Always: { phase: 'Running', restart: true }, OnFailure: { phase: 'Running', restart: true }, Never: { phase: 'Failed', restart: false } } },
  { situation: 'two containers, one running, one fails', outcomes: ['running', 'exitNonZero'],
    expected: { Always: { phase: 'Running', restart: true }, OnFailure: { phase: 'Running', restart: true }, Never: { phase: 'Running', restart: false } } },
  { situation: 'two containers, one exited (stopped), other fails', outcomes: ['stopped', 'exitNonZero'],
    expected: { Always: { phase: 'Running', restart: true }, OnFailure: { phase: 'Running', restart: true }, Never: { phase: 'Failed', restart: false } } },
  { situation: 'one container, OOM-killed', outcomes: ['oomKilled'],
    expected: { Always: { phase: 'Running', restart: true }, OnFailure: { phase: 'Running', restart: true }, Never: { phase: 'Failed', restart: false } } },
  { situation: 'Pod running, disk inaccessible', outcomes: ['running'], node: 'disk-inaccessible',
    expected: { Always: { phase: 'Failed', restart: false }, OnFailure: { phase: 'Failed', restart: false }, Never: { phase: 'Failed', restart: false } } },
  { situation: 'network partition, node unreachable', outcomes: ['running'], node: 'node-unreachable',
    expected: { Always: { phase: 'Failed', restart: false }, OnFailure: { phase: 'Failed', restart: false }, Never: { phase: 'Failed', restart: false } } },
];
