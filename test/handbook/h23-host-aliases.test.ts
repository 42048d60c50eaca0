import { Deployment } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H23 /etc/hosts through hostAliases', () => {
  test('entries render in order', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web()], hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }, { ip: '2001:db8::1', hostnames: ['v6.local'] }] });
    expect(podSpec(find(c, 'Deployment')).hostAliases).toEqual([
      { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }, { ip: '2001:db8::1', hostnames: ['v6.local'] },
    ]);
  });

  test('a bad IP or no hostname fails at construction', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], hostAliases: [{ ip: '300.1.1.1', hostnames: ['x'] }] }))
      .toThrow("test/D: hostAliases[0].ip: '300.1.1.1' must be a valid IP address; fix: use an IPv4 or IPv6 address");
    expect(() => new Deployment(chart(), 'D', { containers: [web()], hostAliases: [{ ip: '127.0.0.1', hostnames: [] }] })).toThrow(/hostAliases\[0\].hostnames: needs at least one hostname/);
    // the API server wants each hostname to be a lowercase DNS-1123 subdomain (found by test/unit/constructs-property.test.ts)
    expect(() => new Deployment(chart(), 'D', { containers: [web()], hostAliases: [{ ip: '127.0.0.1', hostnames: ['ok.local', 'Legacy'] }] }))
      .toThrow("test/D: hostAliases[0].hostnames[1]: 'Legacy' must be a lowercase DNS-1123 subdomain; fix: use lower case letters, digits, - and ., e.g. 'legacy.example.internal'");
    // the same IP rule as the validator's (an IPv6-looking string of colons is not an address)
    expect(() => new Deployment(chart(), 'D', { containers: [web()], hostAliases: [{ ip: ':::::', hostnames: ['x'] }] })).toThrow(/hostAliases\[0\].ip: ':::::' must be a valid IP address/);
  });
});
