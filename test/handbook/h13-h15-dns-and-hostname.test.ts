import { Deployment, Pod, StatefulSet } from '../../src';
import { chart, find, podSpec, synth, web } from './util';

describe('H13 DNS policy and H15 hostname/subdomain', () => {
  test('ClusterFirst by default; custom dnsConfig renders', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web()], dns: { policy: 'None', nameservers: ['192.0.2.53'], searches: ['svc.example'], options: { ndots: '2', edns0: undefined } } });
    expect(podSpec(find(c, 'Deployment'))).toMatchObject({
      dnsPolicy: 'None',
      dnsConfig: { nameservers: ['192.0.2.53'], searches: ['svc.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
    });
    const d = chart();
    new Deployment(d, 'D', { containers: [web()] });
    expect(podSpec(find(d, 'Deployment')).dnsPolicy).toBe('ClusterFirst');
  });

  test('dnsPolicy None without nameservers, more than 3 nameservers and a bad IP fail', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], dns: { policy: 'None' } }))
      .toThrow('test/D: dns.nameservers: dnsPolicy None needs at least one nameserver in dnsConfig; fix: add nameservers, or use another policy');
    expect(() => new Deployment(chart(), 'D', { containers: [web()], dns: { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] } })).toThrow(/more than 3 nameservers/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], dns: { nameservers: ['dns.example'] } })).toThrow(/must be a valid IP address/);
  });

  test('a subdomain creates the headless Service named like it, with the container ports', () => {
    const c = chart();
    new Pod(c, 'P', { name: 'busybox-1', bareProd: true, hostname: 'busybox-1', subdomain: 'default-subdomain', containers: [web()] });
    const pod = find(c, 'Pod');
    expect(pod.spec).toMatchObject({ hostname: 'busybox-1', subdomain: 'default-subdomain' });
    const svc = find(c, 'Service', 'default-subdomain');
    expect(svc.spec).toEqual({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'busybox-1' }, ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }] });
  });

  test('the headless Service must declare a port: no container port, no subdomain', () => {
    expect(() => new Pod(chart(), 'P', { bareProd: true, subdomain: 'sub', containers: [web({ ports: undefined, probe: undefined, allowNoProbes: true })] }))
      .toThrow(/subdomain: the headless Service behind a subdomain must declare at least one port, and no container declares one \(H15\)/);
  });

  test('the headless Service lists each port once, every one named when there are several', () => {
    // two containers declaring the same port name, one port twice, one port unnamed: found by
    // test/unit/constructs-property.test.ts (the API server refuses duplicate Service port names)
    const c = chart();
    new StatefulSet(c, 'S', {
      name: 'db',
      replicas: 1,
      containers: [
        web({ name: 'a', ports: [{ number: 8080, name: 'http' }, { number: 9090 }] }),
        web({ name: 'b', ports: [{ number: 8081, name: 'http' }, { number: 8080, name: 'other' }, { number: 53, protocol: 'UDP' }] }),
      ],
    });
    expect(find(c, 'Service', 'db').spec.ports.map((p: any) => [p.name, p.port, p.protocol])).toEqual([
      ['http', 8080, 'TCP'], ['tcp-9090', 9090, 'TCP'], ['udp-53', 53, 'UDP'],
    ]);
  });

  test('a StatefulSet gets its governing headless Service', () => {
    const c = chart();
    const s = new StatefulSet(c, 'S', { name: 'db', replicas: 3, containers: [web()] });
    expect(find(c, 'StatefulSet').spec.serviceName).toBe('db');
    expect(s.service.name).toBe('db');
    expect(synth(c).filter((o) => o.kind === 'Service')).toHaveLength(1);
  });
});
