import { Deployment, EnvValue, PodField } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H11 environment and the Downward API', () => {
  test('pod name, namespace, IP and resource limits are injected', () => {
    const c = chart();
    new Deployment(c, 'D', {
      containers: [web({
        env: {
          MODE: 'prod',
          POD_NAME: EnvValue.fromField(PodField.NAME),
          POD_NAMESPACE: EnvValue.fromField(PodField.NAMESPACE),
          POD_IP: EnvValue.fromField(PodField.POD_IP),
          APP: EnvValue.fromLabel('app.kubernetes.io/name'),
          CPU: EnvValue.fromResource('limits.cpu', { divisor: '1m' }),
          MEM: EnvValue.fromResource('limits.memory', { container: 'web', divisor: '1Mi' }),
          TOKEN: EnvValue.fromSecret('api', 'token'),
        },
      })],
    });
    expect(podSpec(find(c, 'Deployment')).containers[0].env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app.kubernetes.io/name']" } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
      { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', containerName: 'web', divisor: '1Mi' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    ]);
  });

  test('an env name with = is refused', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ env: { 'A=B': 'x' } })] })).toThrow(/env\[A=B\]: an environment variable name must be non-empty/);
  });

  test('env factories refuse what the API server refuses (found by test/e2e/constructs-apiserver.test.ts)', () => {
    expect(() => EnvValue.fromResource('limits.cpu', { divisor: '2' }))
      .toThrow("EnvValue.fromResource('limits.cpu'): divisor: '2': only divisor's values 1m and 1 are supported with the cpu resource; fix: use '1m' (millicores) or '1' (cores)");
    expect(() => EnvValue.fromResource('requests.memory', { divisor: '2Mi' })).toThrow(/divisor: '2Mi': only divisor's values 1, 1k, .* with the memory resource; fix: use '1', '1Ki', '1Mi' or '1Gi'/);
    expect(() => EnvValue.fromResource('limits.cpu', { divisor: '1000m' })).not.toThrow();
    expect(() => EnvValue.fromConfigMap('app-config', 'bad key!')).toThrow(/^EnvValue.fromConfigMap: key: 'bad key!': a valid config key must consist of/);
    expect(() => EnvValue.fromConfigMap('app-config', '')).toThrow(/^EnvValue.fromConfigMap: key: '': must not be empty/);
    expect(() => EnvValue.fromSecret('', 'token')).toThrow(/^EnvValue.fromSecret: secretName: '': a lowercase RFC 1123 subdomain/);
    expect(() => EnvValue.fromLabel('Bad Key')).toThrow(/^EnvValue.fromLabel: key: 'Bad Key': name part must consist of/);
  });
});
