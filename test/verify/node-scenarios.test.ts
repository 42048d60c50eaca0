/**
 * The node scenarios' verdicts (issue 13), on recorded observations: each passes what the
 * handbook says and fails, naming what was seen, on what it does not. The same scenarios run on
 * a real 3-node cluster in test/e2e/nodes.test.ts.
 */
import { bandwidthBytesPerSecond, evalBandwidth, evalDrain, evalNodeLoss, evalPlacement, evalPreemption, NodeLossObservation, usableNodes } from '../../src/verify/node-scenarios';

const node = (name: string, o: { ready?: boolean; unschedulable?: boolean; taints?: any[] } = {}) => ({
  metadata: { name },
  spec: { unschedulable: o.unschedulable, taints: o.taints },
  status: { conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});

describe('node scenarios: verdicts', () => {
  test('usable nodes: Ready, schedulable, without NoSchedule/NoExecute taints', () => {
    expect(usableNodes([
      node('c'), node('a'), node('down', { ready: false }), node('cordoned', { unschedulable: true }),
      node('tainted', { taints: [{ key: 'k', effect: 'NoSchedule' }] }), node('soft', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }),
    ])).toEqual(['a', 'c', 'soft']);
  });

  test('placement: where Pods must be, must not be, apart, and spread', () => {
    const p = (pod: string, n: string) => ({ pod, node: n });
    expect(evalPlacement({ rule: 'sel', object: {} as any, onlyOn: ['n3'] }, [p('x', 'n3')], 1).status).toBe('passed');
    expect(evalPlacement({ rule: 'sel', object: {} as any, onlyOn: ['n3'] }, [p('x', 'n2')], 1)).toEqual({ status: 'failed', detail: 'sel: x on n2, expected n3 (x→n2)' });
    expect(evalPlacement({ rule: 'taint', object: {} as any, never: ['n3'] }, [p('a', 'n1'), p('b', 'n3')], 2).detail).toMatch(/b on n3, which it must avoid/);
    expect(evalPlacement({ rule: 'anti', object: {} as any, distinct: true }, [p('a', 'n1'), p('b', 'n1')], 2).detail).toMatch(/two Pods share a node/);
    expect(evalPlacement({ rule: 'spread', object: {} as any, maxSkew: { skew: 1, over: ['n1', 'n2', 'n3'] } }, [p('a', 'n1'), p('b', 'n1'), p('c', 'n2'), p('d', 'n3')], 4).status).toBe('passed');
    expect(evalPlacement({ rule: 'spread', object: {} as any, maxSkew: { skew: 1, over: ['n1', 'n2', 'n3'] } }, [p('a', 'n1'), p('b', 'n1'), p('c', 'n2')], 3).detail).toMatch(/per-node counts 2\/1\/0 exceed maxSkew 1/);
    expect(evalPlacement({ rule: 'anti', object: {} as any, distinct: true }, [p('a', 'n1')], 3).detail).toBe('anti: 1 of 3 Pods scheduled (a→n1)');
  });

  test('preemption: the high-priority Pod runs on the full node, the low one was preempted', () => {
    expect(evalPreemption({ target: 'n3', lowPhaseOrGone: 'gone', lowPreempted: true, lowReason: 'PreemptionByScheduler', highNode: 'n3', highPhase: 'Running' }).status).toBe('passed');
    expect(evalPreemption({ target: 'n3', lowPhaseOrGone: 'Running', lowPreempted: false, highPhase: 'Pending' }).status).toBe('failed');
  });

  test('drain: 201, then 429 until a replacement is Ready on another node', () => {
    expect(evalDrain({ node: 'n3', codes: [201, 429], laterAllowed: true, replacementNode: 'n1' }).status).toBe('passed');
    expect(evalDrain({ node: 'n3', codes: [201, 201], laterAllowed: true, replacementNode: 'n1' }).status).toBe('failed');
    expect(evalDrain({ node: 'n3', codes: [201, 429], laterAllowed: true, replacementNode: 'n3' }).status).toBe('failed');
  });

  test('bandwidth: annotation values in bits per second; the steady rate near the limit, the unlimited one far above', () => {
    expect(bandwidthBytesPerSecond('4M')).toBe(500_000);
    expect(bandwidthBytesPerSecond('1Mi')).toBe(131_072);
    expect(() => bandwidthBytesPerSecond('fast')).toThrow(/expected a quantity/);
    expect(evalBandwidth({ annotation: '4M', limitedRate: 486_000, unlimitedRate: 15_600_000, burstBytes: 123e6 })).toEqual({ status: 'passed', detail: 'egress-bandwidth 4M: steady 3.89 Mbit/s after a burst of 123 MB; without it 124.80 Mbit/s' });
    expect(evalBandwidth({ annotation: '4M', limitedRate: 15_000_000, unlimitedRate: 15_600_000 }).status).toBe('failed');
    expect(evalBandwidth({ annotation: '4M', limitedRate: 480_000, unlimitedRate: 600_000 }).status).toBe('failed');
  });

  test('a lost node: the bare Pod gone, not rescheduled; the controller Pod recreated elsewhere; lost Pods Failed', () => {
    const base: NodeLossObservation = { how: 'stopped', node: 'n3', notReadyAfterS: 10, replacementNode: 'n1', replacementAfterS: 21, lostPhases: { 'web-abcde': 'Failed', bare: 'Failed' }, barePodRecreatedElsewhere: false, barePodGone: true };
    expect(evalNodeLoss(base, 'bare').status).toBe('passed');
    expect(evalNodeLoss(base, 'controller')).toEqual({ status: 'passed', detail: 'node n3 stopped; NotReady after 10 s; replacement on n1 after 21 s; lost Pods ended abcde Failed, bare Failed' });
    expect(evalNodeLoss({ ...base, graceSeconds: 10, tolerationSeconds: 10 }, 'bare').detail).toBe('node n3 stopped; NotReady after 10 s (node controller grace 10 s, Pods evicted 10 s later); the bare Pod is gone, not rescheduled (last phase Failed)');
    expect(evalNodeLoss({ ...base, barePodGone: false }, 'bare').status).toBe('failed');
    expect(evalNodeLoss({ ...base, barePodRecreatedElsewhere: true }, 'bare').status).toBe('failed');
    expect(evalNodeLoss({ ...base, replacementNode: 'n3' }, 'controller').status).toBe('failed');
    // an app that exits 0 on SIGTERM ends Succeeded: not the row's Failed
    expect(evalNodeLoss({ ...base, how: 'partitioned', lostPhases: { 'web-abcde': 'Succeeded' } }, 'controller').detail).toMatch(/^expected phase Failed/);
  });
});
