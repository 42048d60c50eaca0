/** When an applied object is ready, and when waiting will not help (fail fast, right check named). */
import { podProblem, waitsFor, workloadReadiness } from '../../src/verify/readiness';

describe('readiness per kind', () => {
  test('Deployment: updated, ready and available replicas at the observed generation', () => {
    const d = (status: object) => ({ kind: 'Deployment', metadata: { generation: 2 }, spec: { replicas: 2 }, status });
    expect(workloadReadiness(d({ observedGeneration: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }))).toEqual({ ready: true, progress: '2/2 ready, 2 available' });
    expect(workloadReadiness(d({ observedGeneration: 1, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 })).ready).toBe(false);
    expect(workloadReadiness(d({ observedGeneration: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 })).progress).toBe('1/2 ready, 1 available');
  });
  test('StatefulSet, DaemonSet, Job, Pod', () => {
    expect(workloadReadiness({ kind: 'StatefulSet', spec: { replicas: 2 }, status: { readyReplicas: 2, updatedReplicas: 2 } }).ready).toBe(true);
    expect(workloadReadiness({ kind: 'DaemonSet', metadata: { generation: 1 }, status: { observedGeneration: 1, desiredNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1 } }).ready).toBe(true);
    expect(workloadReadiness({ kind: 'DaemonSet', status: {} }).ready).toBe(false);
    expect(workloadReadiness({ kind: 'Job', status: { conditions: [{ type: 'Complete', status: 'True' }] } })).toEqual({ ready: true, progress: 'complete' });
    expect(workloadReadiness({ kind: 'Job', status: { active: 1 } })).toEqual({ ready: false, progress: '1 active, 0 succeeded, 0 failed' });
    expect(workloadReadiness({ kind: 'Pod', status: { phase: 'Succeeded' } }).ready).toBe(true);
    expect(workloadReadiness({ kind: 'Service' }).ready).toBe(true);
    expect(waitsFor('Service')).toBe(false);
    expect(waitsFor('StatefulSet')).toBe(true);
  });
});

describe('failing fast', () => {
  const now = Date.parse('2026-11-27T10:01:00Z');
  test('an init container that exited 1 and is being retried: the H18 check', () => {
    const pod = { spec: {}, status: { initContainerStatuses: [{ name: 'setup', restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } } }] } };
    expect(podProblem(pod, {}, now)).toEqual({ check: 'init-containers-completed-in-order', message: 'init container setup exited 1 (Error), 1 restarts' });
  });
  test('under restartPolicy Never, the first failure is final', () => {
    const pod = { spec: { restartPolicy: 'Never' }, status: { initContainerStatuses: [{ name: 'setup', restartCount: 0, state: { terminated: { exitCode: 2 } } }] } };
    expect(podProblem(pod, {}, now)?.message).toBe('init container setup exited 2');
  });
  test('an image that cannot be had', () => {
    const pod = { spec: {}, status: { containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ErrImageNeverPull', message: 'Container image "x:1" is not present with pull policy of Never' } } }] } };
    expect(podProblem(pod, {}, now)).toEqual({ check: 'probes-ready', message: 'container app: ErrImageNeverPull (Container image "x:1" is not present with pull policy of Never)' });
  });
  test('a readiness probe failing beyond its threshold for a minute or more', () => {
    const pod = {
      spec: { containers: [{ name: 'httpd', readinessProbe: { periodSeconds: 1, failureThreshold: 3 } }] },
      status: { containerStatuses: [{ name: 'httpd', ready: false, state: { running: { startedAt: '2026-11-27T09:59:50Z' } } }] },
    };
    const unhealthy = { httpd: { count: 7, message: 'Readiness probe failed: connection refused' } };
    expect(podProblem(pod, unhealthy, now)).toEqual({ check: 'probes-ready', message: 'container httpd never became ready: Readiness probe failed: connection refused (7 times)' });
    expect(podProblem(pod, { httpd: { count: 2, message: 'x' } }, now)).toBeUndefined();
    // a slow start: failing for 30 s is not yet a failure
    expect(podProblem(pod, unhealthy, Date.parse('2026-11-27T10:00:20Z'))).toBeUndefined();
  });
  test('a healthy Pod has no problem', () => {
    expect(podProblem({ spec: {}, status: { containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }] } })).toBeUndefined();
  });
});
