/**
 * When is an applied object ready, and when has it certainly failed? Pure functions over live
 * objects (plain JSON); the runner polls and calls them.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Readiness {
  ready: boolean;
  /** Short progress text, e.g. `1/2 ready`. */
  progress: string;
}

export function workloadReadiness(obj: any): Readiness {
  const s = obj.status ?? {};
  const gen = obj.metadata?.generation;
  const observed = s.observedGeneration === undefined || gen === undefined || s.observedGeneration >= gen;
  switch (obj.kind) {
    case 'Deployment': {
      const want = obj.spec?.replicas ?? 1;
      const ready = observed && (s.updatedReplicas ?? 0) >= want && (s.readyReplicas ?? 0) >= want && (s.availableReplicas ?? 0) >= want;
      return { ready, progress: `${s.readyReplicas ?? 0}/${want} ready, ${s.availableReplicas ?? 0} available` };
    }
    case 'StatefulSet': {
      const want = obj.spec?.replicas ?? 1;
      const ready = observed && (s.readyReplicas ?? 0) >= want && (s.updatedReplicas ?? s.currentReplicas ?? 0) >= want;
      return { ready, progress: `${s.readyReplicas ?? 0}/${want} ready` };
    }
    case 'DaemonSet': {
      const want = s.desiredNumberScheduled ?? 0;
      const ready = observed && s.observedGeneration !== undefined && want > 0 && (s.numberReady ?? 0) >= want && (s.updatedNumberScheduled ?? 0) >= want;
      return { ready, progress: `${s.numberReady ?? 0}/${want} ready` };
    }
    case 'Job': {
      const conds: any[] = s.conditions ?? [];
      const end = conds.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
      return { ready: !!end, progress: end ? end.type.toLowerCase() : `${s.active ?? 0} active, ${s.succeeded ?? 0} succeeded, ${s.failed ?? 0} failed` };
    }
    case 'Pod': {
      const readyCond = (s.conditions ?? []).find((c: any) => c.type === 'Ready')?.status === 'True';
      const done = s.phase === 'Succeeded' || s.phase === 'Failed';
      return { ready: readyCond || done, progress: s.phase ?? 'Pending' };
    }
    default:
      return { ready: true, progress: 'applied' };
  }
}

/** Kinds the runner waits for. */
export function waitsFor(kind: string): boolean {
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod'].includes(kind);
}

/** Seconds of failing readiness (at least) before the runner stops waiting for a container. */
export const READINESS_GIVE_UP_S = 60;

const STUCK_WAITING = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'PreCreateHookError', 'PostStartHookError']);

export interface PodProblem {
  /** The check that owns this failure. */
  check: 'init-containers-completed-in-order' | 'probes-ready' | 'applied';
  message: string;
}

/**
 * A failure the Pod will not recover from by waiting (or only by a restart loop): an init
 * container that failed, a container in a back-off, an unschedulable Pod, or a readiness probe
 * that has failed many times in a row. `unhealthy` counts Unhealthy readiness events per
 * container; `nowMs` is the current time.
 */
export function podProblem(pod: any, unhealthy: Record<string, { count: number; message: string }> = {}, nowMs = Date.now()): PodProblem | undefined {
  const s = pod.status ?? {};
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  for (const st of s.initContainerStatuses ?? []) {
    const term = st.state?.terminated ?? st.lastState?.terminated;
    const waiting = st.state?.waiting?.reason;
    if (term && term.exitCode !== 0 && (restartPolicy === 'Never' || (st.restartCount ?? 0) >= 1 || waiting === 'CrashLoopBackOff')) {
      return { check: 'init-containers-completed-in-order', message: `init container ${st.name} exited ${term.exitCode}${term.reason ? ` (${term.reason})` : ''}${st.restartCount ? `, ${st.restartCount} restarts` : ''}` };
    }
    if (waiting && STUCK_WAITING.has(waiting) && waiting !== 'CrashLoopBackOff') {
      return { check: 'init-containers-completed-in-order', message: `init container ${st.name}: ${waiting}${st.state.waiting.message ? ` (${String(st.state.waiting.message).split('\n')[0]})` : ''}` };
    }
  }
  for (const st of s.containerStatuses ?? []) {
    const waiting = st.state?.waiting;
    if (waiting && STUCK_WAITING.has(waiting.reason)) {
      return { check: 'probes-ready', message: `container ${st.name}: ${waiting.reason}${waiting.message ? ` (${String(waiting.message).split('\n')[0]})` : ''}` };
    }
  }
  const sched = (s.conditions ?? []).find((c: any) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
  if (sched) {
    const since = Date.parse(sched.lastTransitionTime ?? '') || nowMs;
    if (nowMs - since > 10_000) return { check: 'probes-ready', message: `Pod unschedulable: ${sched.message ?? ''}` };
  }
  // a readiness probe that keeps failing: more failures than the threshold allows, for long enough
  for (const c of pod.spec?.containers ?? []) {
    const probe = c.readinessProbe;
    const st = (s.containerStatuses ?? []).find((x: any) => x.name === c.name);
    const u = unhealthy[c.name];
    if (!probe || !st || st.ready || !st.state?.running || !u) continue;
    const period = probe.periodSeconds ?? 10;
    const threshold = probe.failureThreshold ?? 3;
    const runningFor = (nowMs - Date.parse(st.state.running.startedAt)) / 1000;
    // readiness may fail while an app starts: give up early only after a long run of failures
    const window = Math.max(READINESS_GIVE_UP_S, (probe.initialDelaySeconds ?? 0) + period * (threshold + 1));
    if (u.count > threshold && runningFor > window) {
      return { check: 'probes-ready', message: `container ${c.name} never became ready: ${u.message} (${u.count} times)` };
    }
  }
  return undefined;
}
