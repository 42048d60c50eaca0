/**
 * H6: any Dockerfile maps to container props that either build a valid Deployment or are
 * refused with a one-line PodsmithError; fromDockerfile itself never throws anything else.
 * Dockerfiles are assembled from instruction lines, valid and odd (seed fixed, see
 * test/support/fast-check-seed.ts).
 */
import { Testing } from 'cdk8s';
import { testChart } from '../support/test-app';
import fc from 'fast-check';
import { Deployment, fromDockerfile, PodsmithError, Probe } from '../../src';
import { validateObjects } from '../../src/validate';

const line = fc.constantFrom(
  'FROM debian:12-slim', 'FROM golang:1.22 AS build', 'RUN make', '# a comment', '',
  'ENV A=1', 'ENV GREETING="hello world" B=2', 'ENV LEGACY value with spaces', 'ENV 1BAD=x', 'ENV =x', 'ENV A', 'ENV PATH=/usr/bin:$PATH',
  'WORKDIR /srv', 'WORKDIR data', 'WORKDIR', 'WORKDIR ../up',
  'EXPOSE 8080', 'EXPOSE 9090/udp', 'EXPOSE 53/tcp 53/udp', 'EXPOSE 0', 'EXPOSE 70000', 'EXPOSE http', 'EXPOSE 8080/sctp', 'EXPOSE 8080 8080',
  'VOLUME ["/var/cache/app", "/tmp"]', 'VOLUME /data', 'VOLUME relative', 'VOLUME ["/a b"]', 'VOLUME ["/x", "/x"]', 'VOLUME [',
  'USER 1000', 'USER 1000:2000', 'USER app', 'USER 0', 'USER -1', 'USER 99999999999',
  'STOPSIGNAL SIGQUIT', 'HEALTHCHECK CMD curl -f http://localhost/', 'HEALTHCHECK NONE', 'SHELL ["/bin/bash", "-c"]', 'SHELL not-json',
  'ENTRYPOINT ["/app"]', 'ENTRYPOINT exec /app --flag', 'ENTRYPOINT []', 'ENTRYPOINT ["unterminated',
  'CMD ["--port", "8080"]', 'CMD echo hi', 'CMD []', 'ARG VERSION=1', 'LABEL a=b', 'ONBUILD RUN x', 'COPY . /src',
  'ENV CONT=a \\', '    B=2', 'WEIRD instruction',
);

test('any Dockerfile: a valid Deployment or a one-line PodsmithError', () => {
  let built = 0;
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
    const text = lines.join('\n');
    let objects: any[];
    try {
      const m = fromDockerfile(text);
      const chart = testChart();
      const { ports, ...container } = m.container;
      new Deployment(chart, 'D', {
        volumes: m.volumes,
        containers: [{
          name: 'app', image: 'example/app:1.0', ...container,
          ports: (ports ?? []).map((p, i) => ({ ...p, name: i === 0 ? 'http' : undefined })),
          ...(ports?.length ? { probe: Probe.tcpSocket(ports[0].number) } : { allowNoProbes: true }),
          allowRunAsRoot: true,
        }],
      });
      objects = Testing.synth(chart);
    } catch (e) {
      if (!(e instanceof PodsmithError)) throw new Error(`not a PodsmithError for:\n${text}\n${(e as Error)?.stack ?? e}`);
      expect(e.message).not.toContain('\n');
      return;
    }
    built++;
    const errors = validateObjects(objects.map((object) => ({ object }))).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.rule} ${f.path}: ${f.message}`)).toEqual([]);
  }), { numRuns: 300 });
  expect(built).toBeGreaterThan(30);
});
