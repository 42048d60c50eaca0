/** The finer cases of the rules added for peer parity (issue 11): what fires and what stays quiet. */
import { secretLiteral } from '../../src/validate/rules/env';
import { goodBundle, podOf, run } from './helpers';

const messages = (objs: any[], rule: string) => run(objs).findings.filter((f) => f.rule === rule).map((f) => `${f.path}: ${f.message}`);

describe('probes.port-not-exposed: a named UDP port', () => {
  test('fires for a tcpSocket probe on a UDP port, not for the TCP one', () => {
    const o = goodBundle();
    const c = podOf(o[0]).containers[0];
    c.ports.push({ name: 'dns', containerPort: 5353, protocol: 'UDP' });
    c.readinessProbe = { tcpSocket: { port: 'dns' } };
    expect(messages(o, 'probes.port-not-exposed')).toEqual(['spec.template.spec.containers[0].readinessProbe.tcpSocket.port: port "dns" of container "web" is not TCP: the tcpSocket probe cannot reach it']);
    c.readinessProbe = { tcpSocket: { port: 'http' } };
    expect(messages(o, 'probes.port-not-exposed')).toEqual([]);
  });
  test('probes.port-undeclared: a grpc probe on an undeclared number fires, on a declared one not', () => {
    const o = goodBundle();
    const c = podOf(o[0]).containers[0];
    c.livenessProbe = { grpc: { port: 9090 }, periodSeconds: 10 };
    expect(messages(o, 'probes.port-undeclared')).toHaveLength(1);
    c.livenessProbe = { grpc: { port: 8080 }, periodSeconds: 10 };
    expect(messages(o, 'probes.port-undeclared')).toEqual([]);
  });
});

describe('scheduling.spread-selects-nothing', () => {
  test('a spread constraint without labelSelector, and anti-affinity in another namespace, fire', () => {
    const o = goodBundle();
    const pod = podOf(o[0]);
    pod.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }];
    pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaces = ['other'];
    expect(messages(o, 'scheduling.spread-selects-nothing').map((m) => m.split(':')[0])).toEqual([
      'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaces',
      'spec.template.spec.topologySpreadConstraints[0].labelSelector',
    ]);
  });
  test('an empty labelSelector selects every Pod, the own ones included', () => {
    const o = goodBundle();
    podOf(o[0]).topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} }];
    expect(messages(o, 'scheduling.spread-selects-nothing')).toEqual([]);
  });
});

describe('pdb.blocks-drain', () => {
  test.each([
    ['maxUnavailable 0%', { maxUnavailable: '0%' }, true],
    ['minAvailable 100%', { minAvailable: '100%' }, true],
    ['minAvailable equal to the 3 replicas', { minAvailable: 3 }, true],
    ['minAvailable 2 of 3', { minAvailable: 2 }, false],
    ['minAvailable 99%', { minAvailable: '99%' }, false],
  ])('%s', (_name, spec, fires) => {
    const o = goodBundle();
    o[1].spec = { selector: o[1].spec.selector, ...spec };
    expect(messages(o, 'pdb.blocks-drain').length > 0).toBe(fires);
  });
});

describe('security.service-account-token follows the ServiceAccount of the bundle', () => {
  const withSa = (pod: boolean | undefined, sa: boolean) => {
    const o = goodBundle();
    const p = podOf(o[0]);
    p.serviceAccountName = 'web';
    if (pod === undefined) delete p.automountServiceAccountToken; else p.automountServiceAccountToken = pod;
    return [...o, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'default' }, automountServiceAccountToken: sa }];
  };
  test('unset on the Pod, false on the account: quiet', () => expect(messages(withSa(undefined, false), 'security.service-account-token')).toEqual([]));
  test('true on the Pod wins over false on the account', () => expect(messages(withSa(true, false), 'security.service-account-token')).toHaveLength(1));
  test('unset on both: fires', () => expect(messages(withSa(undefined, true), 'security.service-account-token')).toHaveLength(1));
});

test('secretLiteral: names and values that look like credentials', () => {
  expect(secretLiteral('AWS_SECRET_ACCESS_KEY', 'x')).toBeDefined();
  expect(secretLiteral('OCI_CLI_KEY_CONTENT', 'x')).toBeDefined();
  expect(secretLiteral('apiToken', 'x')).toBeDefined();
  expect(secretLiteral('the_good_stuff', '---BEGIN OPENSSH PRIVATE KEY---\nxx')).toBeDefined();
  expect(secretLiteral('TOKEN_FILE', '/run/secrets/t')).toBeUndefined();
  expect(secretLiteral('DB_PASSWORD', '$(FROM_SECRET)')).toBeUndefined();
  expect(secretLiteral('MONKEY', 'banana')).toBeUndefined();
  expect(secretLiteral('KEYCLOAK_URL', 'http://k')).toBeUndefined();
});
