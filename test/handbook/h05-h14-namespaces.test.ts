import { DaemonSet, Deployment } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H5 shared PID namespace and H14 host namespaces', () => {
  test('host namespaces are off unless opted in', () => {
    for (const ns of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
      expect(() => new DaemonSet(chart(), 'N', { containers: [web()], [ns]: true }))
        .toThrow(new RegExp(`test/N: ${ns}: puts the Pod into the node's ${ns} namespace \\(H14\\); fix: remove it, or set allowHostNamespaces: true`));
    }
  });

  test('with the opt-in they render and are recorded; hostNetwork picks ClusterFirstWithHostNet (H13)', () => {
    const c = chart();
    new DaemonSet(c, 'N', { containers: [web()], hostNetwork: true, hostPID: true, allowHostNamespaces: true });
    const o = find(c, 'DaemonSet');
    const spec = podSpec(o);
    expect(spec).toMatchObject({ hostNetwork: true, hostPID: true, dnsPolicy: 'ClusterFirstWithHostNet' });
    expect(spec.hostIPC).toBeUndefined();
    expect(o.metadata.annotations['podsmith.dev/ignore']).toBe('host.namespaces');
  });

  test('with hostNetwork two containers cannot listen on the same port (found by test/e2e/constructs-apiserver.test.ts)', () => {
    expect(() => new DaemonSet(chart(), 'D', {
      hostNetwork: true, allowHostNamespaces: true,
      containers: [web({ name: 'a' }), web({ name: 'b' })],
    })).toThrow("test/D: containers[1].ports[0]: port 8080/TCP is already used by containers[0], and with hostNetwork both are the node's port; fix: give each container its own port");
    expect(() => new DaemonSet(chart(), 'D', {
      hostNetwork: true, allowHostNamespaces: true,
      containers: [web({ name: 'a' }), web({ name: 'b', ports: [{ number: 8081, name: 'http' }] })],
    })).not.toThrow();
  });

  test('shareProcessNamespace renders, and is refused together with hostPID', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web()], shareProcessNamespace: true });
    expect(podSpec(find(c, 'Deployment')).shareProcessNamespace).toBe(true);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], shareProcessNamespace: true, hostPID: true, allowHostNamespaces: true }))
      .toThrow('test/D: shareProcessNamespace: ShareProcessNamespace and HostPID cannot both be enabled; fix: use one of them');
  });
});
