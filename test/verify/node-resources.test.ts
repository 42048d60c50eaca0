import { nodeResourcesOf } from '../../src/verify/node-resources';

const pod = (spec: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
const ds = (spec: object) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { template: { spec } } });

describe('node-global resources a run needs', () => {
  test('a hostNetwork Pod takes its container ports on the node; others only their hostPorts', () => {
    expect(nodeResourcesOf([
      ds({ hostNetwork: true, containers: [{ name: 'a', ports: [{ containerPort: 19100 }, { containerPort: 53, protocol: 'UDP' }] }] }),
      pod({ containers: [{ name: 'b', ports: [{ containerPort: 8080 }, { containerPort: 80, hostPort: 8081 }] }] }),
    ])).toEqual([
      { key: 'hostport-19100-tcp', what: 'host port 19100/TCP' },
      { key: 'hostport-53-udp', what: 'host port 53/UDP' },
      { key: 'hostport-8081-tcp', what: 'host port 8081/TCP' },
    ]);
  });

  test('init containers count; the same port twice is one resource', () => {
    expect(nodeResourcesOf([
      pod({ initContainers: [{ name: 'i', ports: [{ containerPort: 1, hostPort: 9000 }] }], containers: [{ name: 'c', ports: [{ containerPort: 2, hostPort: 9000 }] }] }),
    ]).map((r) => r.key)).toEqual(['hostport-9000-tcp']);
  });

  test('fixed nodePorts of NodePort and LoadBalancer Services; a ClusterIP Service or an unset nodePort takes none', () => {
    const svc = (type: string, ports: object[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type, ports } });
    expect(nodeResourcesOf([
      svc('NodePort', [{ port: 80, nodePort: 30080 }, { port: 81 }]),
      svc('LoadBalancer', [{ port: 53, nodePort: 30053, protocol: 'UDP' }]),
      svc('ClusterIP', [{ port: 80, nodePort: 30099 }]),
    ]).map((r) => r.key)).toEqual(['nodeport-30053-udp', 'nodeport-30080-tcp']);
  });

  test('ordinary workloads need nothing', () => {
    expect(nodeResourcesOf([pod({ containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] }), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }])).toEqual([]);
  });
});
