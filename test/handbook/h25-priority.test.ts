import { Deployment, PriorityClass } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H25 priority', () => {
  test('a PriorityClass and the priorityClassName that refers to it', () => {
    const c = chart();
    const pc = new PriorityClass(c, 'High', { name: 'high', value: 100000, description: 'user-facing' });
    new Deployment(c, 'D', { containers: [web()], priorityClass: pc });
    expect(find(c, 'PriorityClass')).toEqual({
      apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 100000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority', description: 'user-facing',
    });
    expect(podSpec(find(c, 'Deployment')).priorityClassName).toBe('high');
  });

  test('a priorityClass given by name must be a DNS-1123 subdomain (found by test/e2e/constructs-apiserver.test.ts)', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], priorityClass: 'High' }))
      .toThrow(/^test\/D: priorityClass: 'High': a lowercase RFC 1123 subdomain must consist of .*; fix: name the PriorityClass in lower case, e.g. 'high-priority'$/);
  });

  test('system- names and values above 1e9 are reserved', () => {
    expect(() => new PriorityClass(chart(), 'P', { name: 'system-mine', value: 1 })).toThrow(/name: priority class names with 'system-' prefix are reserved/);
    expect(() => new PriorityClass(chart(), 'P', { value: 2000000000 })).toThrow('test/P: value: must be a whole number no greater than 1000000000, got 2000000000; fix: use a smaller value');
  });

  test('an existing class can be named', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web()], priorityClass: 'system-cluster-critical' });
    expect(podSpec(find(c, 'Deployment')).priorityClassName).toBe('system-cluster-critical');
  });
});
