import { Deployment, effectivePodRequests, Probe } from '../../src';
import { chart, find, podSpec, web } from './util';

const step = (name: string, cpu: string, memory: string) => ({
  name, image: 'busybox:1.35.0', command: ['sh', '-c', `echo ${name}`],
  resources: { cpu: { request: cpu, limit: cpu }, memory: { request: memory, limit: memory } },
});

describe('H18 init containers and sidecars', () => {
  test('init containers keep their order; sidecars come first with restartPolicy Always', () => {
    const c = chart();
    new Deployment(c, 'D', {
      initContainers: [step('first', '100m', '16Mi'), step('second', '100m', '16Mi')],
      sidecars: [{ ...web({ name: 'proxy', ports: [{ number: 15001, name: 'proxy' }] }) }],
      containers: [web()],
    });
    const spec = podSpec(find(c, 'Deployment'));
    expect(spec.initContainers.map((x: any) => [x.name, x.restartPolicy])).toEqual([['proxy', 'Always'], ['first', undefined], ['second', undefined]]);
    expect(spec.initContainers[0].readinessProbe).toBeDefined();
  });

  test('init containers may not have probes or hooks', () => {
    expect(() => new Deployment(chart(), 'D', { initContainers: [{ ...step('a', '1', '1Mi'), probe: Probe.exec(['true']) }], containers: [web()] }))
      .toThrow('test/D: initContainers[0].probe: an init container runs to completion and may not have probes or lifecycle hooks (H18); fix: remove it, or make the container a sidecar (pod prop `sidecars`)');
  });

  test('effective request = max(largest init container, sum of app containers)', () => {
    const c = chart();
    const d = new Deployment(c, 'D', {
      initContainers: [step('big-cpu', '2', '16Mi'), step('small', '100m', '16Mi')],
      containers: [web({ resources: { cpu: { request: '300m' }, memory: { request: '100Mi', limit: '100Mi' } } }),
        web({ name: 'b', ports: [{ number: 9090, name: 'http' }], resources: { cpu: { request: '300m' }, memory: { request: '100Mi', limit: '100Mi' } } })],
    });
    const r = d.effectiveRequests;
    expect(r.cpu.toString()).toBe('2');
    expect(r.memory.toString()).toBe('200Mi');
  });

  test('sidecars count towards later init containers and the app sum', () => {
    const spec = {
      initContainers: [
        { restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
        { resources: { requests: { cpu: '1' } } },
      ],
      containers: [{ resources: { requests: { cpu: '200m' } } }],
    };
    expect(effectivePodRequests(spec).cpu.toString()).toBe('1500m');
    expect(effectivePodRequests({ ...spec, initContainers: [spec.initContainers[0]] }).cpu.toString()).toBe('700m');
  });

  test('container names must be unique across init, sidecar and app containers', () => {
    expect(() => new Deployment(chart(), 'D', { initContainers: [step('web', '1', '1Mi')], containers: [web()] }))
      .toThrow(/containers\[0\].name: duplicate container name 'web'/);
  });
});
