import { DaemonSet, Deployment, Job, Probe } from '../../src';
import { chart, find, podSpec, task, web } from './util';

describe('H17 health checks', () => {
  test('one probe gives a readiness probe and a slower liveness probe, never identical', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web({ probe: Probe.httpGet('/healthz') })] });
    const ctr = podSpec(find(c, 'Deployment')).containers[0];
    expect(ctr.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 });
    expect(ctr.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 });
  });

  test('exec, tcpSocket, grpc and startup probes render with their handlers', () => {
    const c = chart();
    new Deployment(c, 'D', {
      containers: [web({
        probe: undefined,
        ports: [{ number: 8080, name: 'http' }, { number: 9000, name: 'grpc' }],
        readiness: Probe.tcpSocket('http'),
        liveness: Probe.exec(['cat', '/tmp/healthy'], { periodSeconds: 20 }),
        startup: Probe.grpc(9000, { service: 'ready', failureThreshold: 60 }),
      })],
    });
    const ctr = podSpec(find(c, 'Deployment')).containers[0];
    expect(ctr.readinessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(ctr.livenessProbe).toMatchObject({ exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 20 });
    expect(ctr.startupProbe).toMatchObject({ grpc: { port: 9000, service: 'ready' }, failureThreshold: 60 });
  });

  test('a long-running container without probes fails unless allowNoProbes, which is recorded', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ probe: undefined })] }))
      .toThrow("test/D: containers[0].readiness: a long-running container needs readiness and liveness probes (H17); fix: set probe: Probe.httpGet('/healthz') (or readiness and liveness), or allowNoProbes: true");
    const c = chart();
    new DaemonSet(c, 'N', { containers: [web({ probe: undefined, allowNoProbes: true })] });
    expect(find(c, 'DaemonSet').metadata.annotations['podsmith.dev/ignore']).toBe('probes.liveness-missing,probes.readiness-missing');
  });

  test('Jobs need no probes', () => {
    const c = chart();
    new Job(c, 'J', { containers: [task()] });
    expect(podSpec(find(c, 'Job')).containers[0].readinessProbe).toBeUndefined();
  });

  test('identical readiness and liveness probes are refused', () => {
    const p = Probe.httpGet('/healthz', { periodSeconds: 10, initialDelaySeconds: 10 });
    const q = Probe.httpGet('/healthz', { periodSeconds: 10, initialDelaySeconds: 10 });
    expect(() => new Deployment(chart(), 'D', { containers: [web({ probe: undefined, readiness: p, liveness: q })] }))
      .toThrow(/containers\[0\].liveness: is identical to the readiness probe/);
  });

  test('bad thresholds and ports fail with the prop path', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ probe: undefined, readiness: Probe.tcpSocket(8080), liveness: Probe.tcpSocket(8080, { successThreshold: 2 }) })] }))
      .toThrow('test/D: containers[0].liveness.successThreshold: must be 1 for a liveness probe, got 2; fix: set successThreshold to 1 or leave it unset');
    expect(() => new Deployment(chart(), 'D', { containers: [web({ probe: Probe.tcpSocket(70000) })] })).toThrow(/probe.tcpSocket.port: port must be between 1 and 65535/);
    expect(() => new Deployment(chart(), 'D', { containers: [web({ probe: Probe.httpGet('/h', { periodSeconds: 0 }) })] })).toThrow(/probe.periodSeconds: must be a whole number ≥ 1/);
    // port names follow the API server's IANA_SVC_NAME rule, consecutive hyphens included
    expect(() => new Deployment(chart(), 'D', { containers: [web({ ports: [{ number: 80, name: 'web--ui' }], probe: Probe.tcpSocket(80) })] })).toThrow(/ports\[0\].name: 'web--ui' must be an IANA service name/);
    expect(() => new Deployment(chart(), 'D', { containers: [web({ ports: undefined, probe: Probe.httpGet('/h') })] }))
      .toThrow(/the probe has no port and the container declares none/);
  });

  test("a defaulted httpGet port uses the container's first port when none is named http", () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web({ ports: [{ number: 3000 }], probe: Probe.httpGet('/') })] });
    expect(podSpec(find(c, 'Deployment')).containers[0].readinessProbe.httpGet.port).toBe(3000);
  });

  test('an httpGet probe takes HTTP or HTTPS and HTTP header names (checked for JavaScript callers too)', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ probe: Probe.httpGet('/', { scheme: 'http' as any }) })] }))
      .toThrow("test/D: containers[0].probe.httpGet.scheme: must be 'HTTP' or 'HTTPS', got 'http'; fix: write it in capitals: 'HTTPS'");
    expect(() => new Deployment(chart(), 'D', { containers: [web({ probe: Probe.httpGet('/', { headers: { 'Bad Header': 'x' } }) })] }))
      .toThrow(/containers\[0\].probe.httpGet.headers\[0\]: 'Bad Header' is not an HTTP header name/);
  });
});
