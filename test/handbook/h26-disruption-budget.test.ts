import { Deployment, PodDisruptionBudget, StatefulSet } from '../../src';
import { chart, find, synth, web } from './util';

describe('H26 PodDisruptionBudget', () => {
  test('a multi-replica workload gets a PDB selecting its Pods by default', () => {
    const c = chart();
    const d = new Deployment(c, 'D', { name: 'web', replicas: 3, containers: [web()] });
    const pdb = find(c, 'PodDisruptionBudget', 'web');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: d.selectorLabels } });
    expect(find(c, 'Deployment').metadata.annotations['podsmith.dev/defaults']).toContain('disruptionBudget');
  });

  test('single replicas get none; an explicit budget is used; false opts out and is recorded', () => {
    const c = chart();
    new Deployment(c, 'A', { name: 'a', replicas: 1, containers: [web()] });
    new StatefulSet(c, 'B', { name: 'b', replicas: 3, disruptionBudget: { minAvailable: '50%' }, containers: [web()] });
    new Deployment(c, 'C', { name: 'c', replicas: 3, disruptionBudget: false, containers: [web()] });
    const pdbs = synth(c).filter((o) => o.kind === 'PodDisruptionBudget');
    expect(pdbs.map((p) => [p.metadata.name, p.spec.minAvailable ?? p.spec.maxUnavailable])).toEqual([['b', '50%']]);
    expect(find(c, 'Deployment', 'c').metadata.annotations['podsmith.dev/ignore']).toContain('pdb.missing');
  });

  test('minAvailable with maxUnavailable, or a bad percentage, fails', () => {
    expect(() => new PodDisruptionBudget(chart(), 'P', { selector: { a: 'b' }, minAvailable: 1, maxUnavailable: 1 }))
      .toThrow('test/P: minAvailable: minAvailable and maxUnavailable cannot be both set; fix: keep one of them');
    expect(() => new PodDisruptionBudget(chart(), 'P', { selector: { a: 'b' }, minAvailable: '150%' })).toThrow(/minAvailable: must be a whole number ≥ 0 or a percentage/);
  });
});
