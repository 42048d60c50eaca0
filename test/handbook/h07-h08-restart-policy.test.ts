import { expectedOutcome, HANDBOOK_RESTART_TABLE, restartsContainer, RestartPolicy } from '../../src';

describe('H7/H8 the restartPolicy table as a model', () => {
  const policies: RestartPolicy[] = ['Always', 'OnFailure', 'Never'];
  for (const row of HANDBOOK_RESTART_TABLE) {
    for (const policy of policies) {
      const want = row.expected[policy];
      test(`${row.situation} under ${policy}: ${want.restart ? 'restart; ' : ''}phase ${want.phase}`, () => {
        const got = expectedOutcome(policy, row.outcomes, row.node);
        expect(got.phase).toBe(want.phase);
        // the failing container (the last one) is restarted or not
        expect(got.restarts[got.restarts.length - 1]).toBe(want.restart);
        expect(got.controllerRecreates).toBe(row.node !== undefined);
      });
    }
  }

  test('an OOM kill under Never records an event; restarts never move the Pod', () => {
    expect(expectedOutcome('Never', ['oomKilled'])).toEqual({ phase: 'Failed', restarts: [false], event: 'OOMKilled', controllerRecreates: false });
    expect(expectedOutcome('Always', ['oomKilled']).event).toBeUndefined();
  });

  test('two containers, one running, one fails under Never: the running one keeps the Pod Running', () => {
    expect(expectedOutcome('Never', ['running', 'exitNonZero'])).toEqual({ phase: 'Running', restarts: [false, false], controllerRecreates: false });
  });

  test('under Always a stopped container is restarted too; under OnFailure only the failed one', () => {
    expect(expectedOutcome('Always', ['stopped', 'exitNonZero']).restarts).toEqual([true, true]);
    expect(expectedOutcome('OnFailure', ['stopped', 'exitNonZero']).restarts).toEqual([false, true]);
  });

  test('per-container restart rule', () => {
    expect(restartsContainer('OnFailure', 'exit0')).toBe(false);
    expect(restartsContainer('OnFailure', 'oomKilled')).toBe(true);
    expect(restartsContainer('Never', 'exitNonZero')).toBe(false);
    expect(restartsContainer('Always', 'running')).toBe(false);
    expect(() => expectedOutcome('Always', [])).toThrow(RangeError);
  });
});
