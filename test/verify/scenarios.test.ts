/** The handbook scenario suite (H8, H17) against the foundation's restartPolicy model. */
import { expectedOutcome } from '../../src/restart-policy';
import { evalScenario, handbookScenarios, observe, settled } from '../../src/verify/scenarios';

const scenarios = handbookScenarios('busybox:1.35.0');

test('every single-node row of the table for every policy, and the liveness scenario', () => {
  const rows = scenarios.filter((s) => s.check === 'restart-policy');
  expect(rows).toHaveLength(15);
  expect(new Set(rows.map((s) => s.situation)).size).toBe(5);
  expect(rows.map((s) => s.name)).toContain('h8-oom-never');
  expect(scenarios.find((s) => s.check === 'liveness-restarts-container')?.pod.spec.containers[0].livenessProbe.exec.command).toEqual(['cat', '/tmp/does-not-exist']);
  for (const s of scenarios) {
    expect(s.pod.spec.restartPolicy).toBe(s.policy);
    expect(s.pod.spec.containers).toHaveLength(s.outcomes.length);
    expect(s.pod.metadata.name).toMatch(/^[a-z0-9-]{1,63}$/);
  }
  // OOM needs a memory limit below what the command allocates
  expect(scenarios.find((s) => s.name === 'h8-oom-always')?.pod.spec.containers[0].resources.limits.memory).toBe('16Mi');
});

const pod = (phase: string, containers: Array<{ restartCount?: number; running?: boolean; terminated?: { exitCode: number; reason: string }; last?: { exitCode: number; reason: string } }>) => ({
  spec: { containers: containers.map((_, i) => ({ name: `c${i}` })) },
  status: {
    phase,
    containerStatuses: containers.map((c, i) => ({
      name: `c${i}`, restartCount: c.restartCount ?? 0,
      state: c.running ? { running: {} } : c.terminated ? { terminated: c.terminated } : { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: c.last ? { terminated: c.last } : {},
    })),
  },
});

describe('verdicts', () => {
  const by = (name: string) => scenarios.find((s) => s.name === name)!;

  test('exit 0 under Always: restarted, Running (as observed)', () => {
    const o = observe(pod('Running', [{ restartCount: 1, last: { exitCode: 0, reason: 'Completed' } }]), []);
    expect(settled(by('h8-exit0-always'), o)).toBe(true);
    expect(evalScenario(by('h8-exit0-always'), o)).toEqual({ status: 'passed', detail: 'phase Running, restarts [1], last Completed; expected Running, restart [yes]' });
  });

  test('OOM under Never: Failed with OOMKilled, no restart', () => {
    const o = observe(pod('Failed', [{ terminated: { exitCode: 137, reason: 'OOMKilled' } }]), []);
    expect(settled(by('h8-oom-never'), o)).toBe(true);
    expect(evalScenario(by('h8-oom-never'), o).status).toBe('passed');
    const notOom = observe(pod('Failed', [{ terminated: { exitCode: 1, reason: 'Error' } }]), []);
    expect(evalScenario(by('h8-oom-never'), notOom).detail).toMatch(/ended Error, expected OOMKilled/);
  });

  test('an OOM-killed container counted as restarted before its reason is reported is not settled yet', () => {
    const early = observe(pod('Running', [{ restartCount: 1, running: true }]), []);
    expect(settled(by('h8-oom-onfailure'), early)).toBe(false);
    const later = observe(pod('Running', [{ restartCount: 1, running: true, last: { exitCode: 137, reason: 'OOMKilled' } }]), []);
    expect(settled(by('h8-oom-onfailure'), later)).toBe(true);
    expect(evalScenario(by('h8-oom-onfailure'), later).status).toBe('passed');
  });

  test('a mismatch with the model fails and says how', () => {
    const o = observe(pod('Running', [{ restartCount: 2, last: { exitCode: 1, reason: 'Error' } }]), []);
    const v = evalScenario(by('h8-exit1-never'), o);
    expect(v.status).toBe('failed');
    expect(v.detail).toMatch(/phase Running, expected Failed; container c0 restarted 2×, expected no restart/);
  });

  test('not settled while a container that must restart has not', () => {
    const o = observe(pod('Running', [{ running: true }, { terminated: { exitCode: 1, reason: 'Error' } }]), []);
    expect(settled(by('h8-running-fails-always'), o)).toBe(false);
    expect(settled(by('h8-running-fails-never'), o)).toBe(true);
    expect(evalScenario(by('h8-running-fails-never'), o).status).toBe('passed');
  });

  test('each row agrees with expectedOutcome on what it checks', () => {
    for (const s of scenarios.filter((x) => x.check === 'restart-policy')) {
      const exp = expectedOutcome(s.policy, s.outcomes);
      const o = observe(pod(exp.phase, s.outcomes.map((out, i) => ({
        restartCount: exp.restarts[i] ? 1 : 0,
        running: out === 'running',
        ...(out === 'running' ? {} : { last: { exitCode: out === 'oomKilled' ? 137 : out === 'exitNonZero' ? 1 : 0, reason: out === 'oomKilled' ? 'OOMKilled' : out === 'exitNonZero' ? 'Error' : 'Completed' } }),
        ...(out !== 'running' && !exp.restarts[i] ? { terminated: { exitCode: out === 'oomKilled' ? 137 : out === 'exitNonZero' ? 1 : 0, reason: out === 'oomKilled' ? 'OOMKilled' : 'Error' } } : {}),
      }))), []);
      expect([s.name, evalScenario(s, o).status]).toEqual([s.name, 'passed']);
    }
  });

  test('liveness: a restart after Unhealthy', () => {
    const s = by('h17-liveness-fails');
    const o = observe(pod('Running', [{ restartCount: 1, running: true }]), [{ reason: 'Unhealthy' }, { reason: 'Killing' }]);
    expect(settled(s, o)).toBe(true);
    expect(evalScenario(s, o).status).toBe('passed');
    expect(evalScenario(s, observe(pod('Running', [{ restartCount: 1, running: true }]), [])).status).toBe('failed');
  });
});
