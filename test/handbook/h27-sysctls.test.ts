import { Deployment, isSafeSysctl, safeSysctls } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H27 sysctls', () => {
  test("the handbook's safe sysctls render in spec.securityContext.sysctls", () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web()], sysctls: { 'kernel.shm_rmid_forced': '0', 'net.ipv4.ip_local_port_range': '1024 65535', 'net/ipv4/tcp_syncookies': '1' } });
    expect(podSpec(find(c, 'Deployment')).securityContext.sysctls).toEqual([
      { name: 'kernel.shm_rmid_forced', value: '0' }, { name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }, { name: 'net.ipv4.tcp_syncookies', value: '1' },
    ]);
  });

  test('the safe list grows with the Kubernetes version', () => {
    expect(safeSysctls(21)).toHaveLength(4);
    expect(isSafeSysctl('net.ipv4.tcp_keepalive_time', 28)).toBe(false);
    expect(isSafeSysctl('net.ipv4.tcp_keepalive_time', 29)).toBe(true);
    expect(isSafeSysctl('net.ipv4.tcp_rmem', 32)).toBe(true);
  });

  test('unsafe sysctls need allowUnsafeSysctls (the handbook\'s kernel.msg*, net.ipv4.route.min_pmtu)', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], sysctls: { 'kernel.msgmax': '65536' } }))
      .toThrow("test/D: sysctls[kernel.msgmax]: 'kernel.msgmax' is not a safe sysctl: kubelets reject the Pod unless --allowed-unsafe-sysctls names it (H27); fix: use a safe sysctl, or set allowUnsafeSysctls: true and allow it on the nodes");
    const c = chart();
    new Deployment(c, 'D', { containers: [web()], allowUnsafeSysctls: true, sysctls: { 'net.ipv4.route.min_pmtu': '1000' } });
    expect(find(c, 'Deployment').metadata.annotations['podsmith.dev/ignore']).toBe('sysctls.unsafe');
  });

  test('node-level, malformed, duplicate and host-namespace-conflicting sysctls fail', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], allowUnsafeSysctls: true, sysctls: { 'vm.swappiness': '1' } })).toThrow(/'vm.swappiness' is not namespaced/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], sysctls: { 'Net..bad': '1' } })).toThrow(/'Net..bad' is not a valid sysctl name/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], sysctls: { 'net.ipv4.tcp_syncookies': '1', 'net/ipv4/tcp_syncookies': '0' } })).toThrow(/duplicate sysctl/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], hostNetwork: true, allowHostNamespaces: true, sysctls: { 'net.ipv4.tcp_syncookies': '1' } }))
      .toThrow(/sysctl 'net.ipv4.tcp_syncookies' is not allowed with hostNetwork enabled/);
  });
});
