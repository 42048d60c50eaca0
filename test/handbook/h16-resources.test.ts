import { Deployment, HANDBOOK_RESOURCES, Job, podQosClass, Quantity } from '../../src';
import { chart, find, podSpec, task, web } from './util';

describe('H16 resources and QoS', () => {
  test("every container gets the handbook's example requests and limits by default", () => {
    const c = chart();
    const d = new Deployment(c, 'D', { containers: [web()] });
    expect(podSpec(find(c, 'Deployment')).containers[0].resources).toEqual({
      requests: { cpu: HANDBOOK_RESOURCES.cpu.request, memory: HANDBOOK_RESOURCES.memory.request },
      limits: { cpu: HANDBOOK_RESOURCES.cpu.limit, memory: HANDBOOK_RESOURCES.memory.limit },
    });
    expect(d.qosClass).toBe('Burstable');
  });

  test('quantities are canonical; request = limit gives Guaranteed', () => {
    const c = chart();
    const d = new Deployment(c, 'D', {
      containers: [web({ resources: { cpu: { request: 0.5, limit: '500m' }, memory: { request: Quantity.mebibytes(128), limit: '0.125Gi' }, ephemeralStorage: { request: '1Gi', limit: '2Gi' } } })],
    });
    expect(podSpec(find(c, 'Deployment')).containers[0].resources).toEqual({
      requests: { 'cpu': '500m', 'memory': '128Mi', 'ephemeral-storage': '1Gi' },
      limits: { 'cpu': '500m', 'memory': '128Mi', 'ephemeral-storage': '2Gi' },
    });
    expect(d.qosClass).toBe('Guaranteed');
  });

  test('a request above its limit fails at construction, in the API server\'s words', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ resources: { cpu: { request: '2', limit: '500m' } } })] }))
      .toThrow('test/D: containers[0].resources.cpu.request: cpu request 2 must be less than or equal to cpu limit 500m; fix: lower the request or raise the limit');
    expect(() => new Deployment(chart(), 'D', { containers: [web({ resources: { memory: { limit: 'lots' } } })] }))
      .toThrow(/containers\[0\].resources.memory.limit: 'lots' is not a quantity/);
  });

  test('a lone request raises the default limit; a lone limit lowers the default request', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web({ resources: { cpu: { request: '2' }, memory: { limit: '32Mi' } } })] });
    expect(podSpec(find(c, 'Deployment')).containers[0].resources).toEqual({
      requests: { cpu: '2', memory: '32Mi' }, limits: { cpu: '2', memory: '32Mi' },
    });
  });

  test('QoS from plain specs: BestEffort, Burstable, Guaranteed (limits only)', () => {
    expect(podQosClass({ containers: [{}] })).toBe('BestEffort');
    expect(podQosClass({ containers: [{ resources: { requests: { cpu: '1' } } }] })).toBe('Burstable');
    expect(podQosClass({ containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' } } }] })).toBe('Guaranteed');
    expect(podQosClass({ containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' } } }], initContainers: [{}] })).toBe('Burstable');
  });

  test('Jobs get resources too', () => {
    const c = chart();
    new Job(c, 'J', { containers: [task()] });
    expect(podSpec(find(c, 'Job')).containers[0].resources.limits).toEqual({ cpu: '500m', memory: '128Mi' });
  });
});
