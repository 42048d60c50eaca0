import { Deployment, fromDockerfile, Probe } from '../../src';
import { chart, find, podSpec } from './util';

const DOCKERFILE = `
FROM golang:1.22 AS build
RUN go build -o /app .

FROM debian:12-slim
# runtime
ENV APP_ENV=prod \\
    GREETING="hello world"
ENV LEGACY value with spaces
WORKDIR /srv
WORKDIR data
EXPOSE 8080 9090/udp
VOLUME ["/var/cache/app", "/tmp"]
USER 1000:2000
STOPSIGNAL SIGQUIT
HEALTHCHECK --interval=5s CMD curl -f http://localhost:8080/healthz
SHELL ["/bin/bash", "-c"]
ENTRYPOINT ["/app"]
CMD ["--port", "8080"]
`;

describe('H6 Dockerfile → Pod mapping', () => {
  const m = fromDockerfile(DOCKERFILE);

  test('ENTRYPOINT → command, CMD → args, ENV → env, WORKDIR → workingDir (last stage only)', () => {
    expect(m.container.command).toEqual(['/app']);
    expect(m.container.args).toEqual(['--port', '8080']);
    expect(m.container.env).toEqual({ APP_ENV: 'prod', GREETING: 'hello world', LEGACY: 'value with spaces' });
    expect(m.container.workingDir).toBe('/srv/data');
  });

  test('EXPOSE → ports, VOLUME → emptyDir volumes and mounts, USER → runAsUser/runAsGroup', () => {
    expect(m.container.ports).toEqual([{ number: 8080, protocol: 'TCP' }, { number: 9090, protocol: 'UDP' }]);
    expect(m.volumes.map((v) => v.toJson())).toEqual([{ name: 'vol-var-cache-app', emptyDir: {} }, { name: 'vol-tmp', emptyDir: {} }]);
    expect(m.container.mounts?.map((x) => x.path)).toEqual(['/var/cache/app', '/tmp']);
    expect(m.container.securityContext).toEqual({ runAsUser: 1000, runAsGroup: 2000 });
  });

  test('STOPSIGNAL, HEALTHCHECK and SHELL give notes that say what to use instead', () => {
    expect(m.notes.join('\n')).toMatch(/STOPSIGNAL SIGQUIT is not honoured.*preStop hook/);
    expect(m.notes.join('\n')).toMatch(/HEALTHCHECK is ignored by Kubernetes; use probes instead, e.g. probe: Probe.exec\(\["\/bin\/sh","-c","curl -f http:\/\/localhost:8080\/healthz"\]\)/);
    expect(m.notes.join('\n')).toMatch(/SHELL has no Pod field/);
  });

  test('shell-form ENTRYPOINT uses the SHELL in effect; a new ENTRYPOINT resets CMD', () => {
    const s = fromDockerfile('FROM x\nCMD ["a"]\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nENTRYPOINT exec /app --flag\n');
    expect(s.container.command).toEqual(['/bin/ash', '-eo', 'pipefail', '-c', 'exec /app --flag']);
    expect(s.container.args).toBeUndefined();
    expect(fromDockerfile('FROM x\nUSER app\n').notes[0]).toMatch(/USER app is a name; Kubernetes needs a numeric runAsUser/);
  });

  test('the mapping builds a valid container', () => {
    const c = chart();
    const { ports, ...container } = m.container;
    new Deployment(c, 'D', {
      volumes: m.volumes,
      containers: [{ name: 'app', image: 'example/app:1.0', ...container, ports: ports!.map((p, i) => ({ ...p, name: i === 0 ? 'http' : undefined })), probe: Probe.httpGet('/healthz') }],
    });
    const ctr = podSpec(find(c, 'Deployment')).containers[0];
    expect(ctr).toMatchObject({ command: ['/app'], args: ['--port', '8080'], workingDir: '/srv/data' });
    expect(ctr.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 2000 });
  });

  test('odd Dockerfiles map as Docker reads them (found by test/unit/dockerfile-property.test.ts)', () => {
    // VOLUME that is not a JSON array is a list of words; a path twice is one volume; relative paths get a note
    const v = fromDockerfile('FROM x\nVOLUME [\nVOLUME ["/x", "/x"]\nVOLUME /y relative\n');
    expect(v.container.mounts?.map((m) => m.path)).toEqual(['/x', '/y']);
    expect(v.notes.join('\n')).toMatch(/VOLUME \[ is not an absolute path[\s\S]*VOLUME relative is not an absolute path/);
    // EXPOSE of one port twice is one port; WORKDIR is relative to / before the first one
    const e = fromDockerfile('FROM x\nEXPOSE 8080 8080/tcp 8080/udp\nWORKDIR ../up\n');
    expect(e.container.ports).toEqual([{ number: 8080, protocol: 'TCP' }, { number: 8080, protocol: 'UDP' }]);
    expect(e.container.workingDir).toBe('/up');
  });
});
