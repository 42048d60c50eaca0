import { Deployment, Handler } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H3 graceful termination and H19 lifecycle hooks', () => {
  test('the grace period defaults to 30 s and is visible in the output', () => {
    const c = chart();
    new Deployment(c, 'D', { name: 'd', containers: [web()] });
    const o = find(c, 'Deployment');
    expect(podSpec(o).terminationGracePeriodSeconds).toBe(30);
    expect(o.metadata.annotations['podsmith.dev/defaults']).toContain('terminationGracePeriodSeconds');
  });

  test('preStop and postStart render exec, httpGet and sleep handlers', () => {
    const c = chart();
    new Deployment(c, 'D', {
      terminationGracePeriodSeconds: 45,
      containers: [web({ postStart: Handler.exec(['sh', '-c', 'echo started > /tmp/s']), preStop: Handler.httpGet('/drain', { port: 'http' }) })],
      sidecars: [{ ...web({ name: 'side', ports: [{ number: 9090, name: 'side' }] }), preStop: Handler.sleep(5) }],
    });
    const spec = podSpec(find(c, 'Deployment'));
    expect(spec.terminationGracePeriodSeconds).toBe(45);
    expect(spec.containers[0].lifecycle).toEqual({
      postStart: { exec: { command: ['sh', '-c', 'echo started > /tmp/s'] } },
      preStop: { httpGet: { path: '/drain', port: 'http', scheme: 'HTTP' } },
    });
    expect(spec.initContainers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
  });

  test('a hook on a named port the container does not declare fails at construction', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ preStop: Handler.httpGet('/drain', { port: 'admin' }) })] }))
      .toThrow("test/D: containers[0].preStop.httpGet.port: port 'admin' is not a named port of this container");
  });

  test('a sleep hook must end within the grace period (the API server refuses a longer one)', () => {
    expect(() => new Deployment(chart(), 'D', { terminationGracePeriodSeconds: 10, containers: [web({ preStop: Handler.sleep(15) })] }))
      .toThrow("test/D: containers[0].preStop.sleep.seconds: must be a whole number from 0 to the Pod's terminationGracePeriodSeconds (10), got 15; fix: sleep for less, or raise terminationGracePeriodSeconds");
    expect(() => new Deployment(chart(), 'D', { containers: [web({ postStart: Handler.sleep(-1) })] })).toThrow(/postStart.sleep.seconds: .* got -1; fix: use 0 or more seconds/);
    // the default grace period is 30 s, and the bound is inclusive
    expect(() => new Deployment(chart(), 'D', { containers: [web({ preStop: Handler.sleep(30) })] })).not.toThrow();
  });

  test('a negative grace period is refused', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], terminationGracePeriodSeconds: -1 }))
      .toThrow(/terminationGracePeriodSeconds: must be a whole number ≥ 0, got -1/);
  });
});
