/**
 * The built-in handbook scenario suite (`podsmith verify --scenarios handbook`): the rows of
 * the restartPolicy table (H8) that one node can produce, for each policy, plus a failing
 * liveness probe (H17). Pure: the Pods to create, when an observation is final, and the verdict
 * against the foundation's model (`expectedOutcome`).
 */
import { RestartPolicy } from '../constructs/pod';
import { ContainerOutcome, expectedOutcome, HANDBOOK_RESTART_TABLE } from '../restart-policy';
import { Verdict } from './checks';
import { Manifest } from './types';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const POLICIES: RestartPolicy[] = ['Always', 'OnFailure', 'Never'];

/** The command a container runs to produce an outcome of the table. */
function commandFor(outcome: ContainerOutcome): string {
  switch (outcome) {
    case 'running': return 'exec sleep 3600';
    case 'exit0': return 'sleep 1; exit 0';
    case 'stopped': return 'exit 0';
    case 'exitNonZero': return 'sleep 2; exit 1';
    // dd's 64 MiB buffer is filled from /dev/zero: far beyond the 16 MiB limit
    case 'oomKilled': return 'sleep 1; dd if=/dev/zero of=/dev/null bs=64M count=4';
  }
}

const SLUG: Record<string, string> = {
  'one container, exits 0': 'exit0',
  'one container, exits non-zero': 'exit1',
  'two containers, one running, one fails': 'running-fails',
  'two containers, one exited (stopped), other fails': 'stopped-fails',
  'one container, OOM-killed': 'oom',
};

export interface Scenario {
  /** The report's object: `Pod/<name>`. */
  name: string;
  situation: string;
  policy: RestartPolicy;
  outcomes: ContainerOutcome[];
  handbook: string[];
  check: 'restart-policy' | 'liveness-restarts-container';
  pod: Manifest;
}

function pod(name: string, image: string, restartPolicy: RestartPolicy, containers: any[]): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { 'app.kubernetes.io/name': 'podsmith-scenario' } },
    spec: {
      restartPolicy,
      terminationGracePeriodSeconds: 1,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      containers: containers.map((c) => ({
        image,
        imagePullPolicy: 'IfNotPresent',
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '200m', memory: '16Mi' } },
        securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 65534, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
        ...c,
      })),
    },
  };
}

/** Every single-node row of the table × every policy, then the liveness scenario. */
export function handbookScenarios(image: string): Scenario[] {
  const out: Scenario[] = [];
  for (const row of HANDBOOK_RESTART_TABLE) {
    if (row.node) continue; // node-level rows need a second node or a broken disk
    for (const policy of POLICIES) {
      const name = `h8-${SLUG[row.situation] ?? row.situation.replace(/[^a-z0-9]+/g, '-')}-${policy.toLowerCase()}`;
      const containers = row.outcomes.map((o, i) => ({ name: `c${i}`, command: ['sh', '-c', commandFor(o)] }));
      out.push({ name, situation: row.situation, policy, outcomes: row.outcomes, handbook: ['H7', 'H8'], check: 'restart-policy', pod: pod(name, image, policy, containers) });
    }
  }
  out.push({
    name: 'h17-liveness-fails',
    situation: 'a liveness probe fails',
    policy: 'Always',
    outcomes: ['running'],
    handbook: ['H17'],
    check: 'liveness-restarts-container',
    pod: pod('h17-liveness-fails', image, 'Always', [{
      name: 'c0',
      command: ['sh', '-c', 'exec sleep 3600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/does-not-exist'] }, initialDelaySeconds: 1, periodSeconds: 1, failureThreshold: 1, timeoutSeconds: 1 },
    }]),
  });
  return out;
}

/** What the runner saw of a scenario Pod. */
export interface ScenarioObservation {
  phase: string;
  /** Per container (in spec order): restart count and the last termination reason seen. */
  containers: Array<{ restartCount: number; reason?: string; exitCode?: number; running: boolean }>;
  /** Event reasons recorded for the Pod (e.g. Unhealthy, Killing, BackOff). */
  events: string[];
}

export function observe(pod: any, events: any[]): ScenarioObservation {
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  return {
    phase: pod.status?.phase ?? 'Pending',
    containers: (pod.spec?.containers ?? []).map((c: any) => {
      const st = statuses.find((s) => s.name === c.name);
      const term = st?.state?.terminated ?? st?.lastState?.terminated;
      return { restartCount: st?.restartCount ?? 0, reason: term?.reason, exitCode: term?.exitCode, running: !!st?.state?.running };
    }),
    events: events.map((e) => e.reason),
  };
}

/**
 * Whether the observation is final for this scenario: every container that the model restarts
 * has restarted, and every container that ends has ended (the phase then is settled).
 */
export function settled(s: Scenario, o: ScenarioObservation): boolean {
  if (s.check === 'liveness-restarts-container') return o.containers[0]?.restartCount >= 1;
  const exp = expectedOutcome(s.policy, s.outcomes);
  return s.outcomes.every((outcome, i) => {
    const c = o.containers[i];
    if (!c) return false;
    // the kubelet may count a restart before it reports the ended container's reason: wait for it
    if (outcome === 'oomKilled' && c.reason === undefined) return false;
    if (exp.restarts[i]) return c.restartCount >= 1;
    if (outcome === 'running') return c.running;
    return c.exitCode !== undefined && !c.running;
  }) && (exp.phase !== 'Running' || o.phase === 'Running') && (exp.phase === 'Running' || o.phase === exp.phase);
}

export function evalScenario(s: Scenario, o: ScenarioObservation): Verdict {
  const seen = `phase ${o.phase}, restarts [${o.containers.map((c) => c.restartCount).join(',')}]${o.containers.some((c) => c.reason) ? `, last ${o.containers.map((c) => c.reason ?? '-').join('/')}` : ''}`;
  if (s.check === 'liveness-restarts-container') {
    const ok = (o.containers[0]?.restartCount ?? 0) >= 1 && o.events.includes('Unhealthy');
    return { status: ok ? 'passed' : 'failed', detail: `${ok ? '' : 'expected a restart after Unhealthy: '}${seen}; events ${[...new Set(o.events)].join(',') || 'none'}` };
  }
  const exp = expectedOutcome(s.policy, s.outcomes);
  const problems: string[] = [];
  if (o.phase !== exp.phase) problems.push(`phase ${o.phase}, expected ${exp.phase}`);
  exp.restarts.forEach((r, i) => {
    const n = o.containers[i]?.restartCount ?? 0;
    if (r && n < 1) problems.push(`container c${i} not restarted`);
    if (!r && n > 0) problems.push(`container c${i} restarted ${n}×, expected no restart`);
  });
  s.outcomes.forEach((outcome, i) => {
    if (outcome === 'oomKilled' && o.containers[i]?.reason !== 'OOMKilled') problems.push(`container c${i} ended ${o.containers[i]?.reason ?? 'without a reason'}, expected OOMKilled`);
  });
  const want = `expected ${exp.phase}, restart [${exp.restarts.map((r) => (r ? 'yes' : 'no')).join(',')}]${exp.event ? `, ${exp.event}` : ''}`;
  return problems.length ? { status: 'failed', detail: `${problems.join('; ')} (${seen})` } : { status: 'passed', detail: `${seen}; ${want}` };
}
