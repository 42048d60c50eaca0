import { Deployment, RegistrySecret, ServiceAccount } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H10 private registries', () => {
  test('a docker-registry Secret carries .dockerconfigjson with the auth string', () => {
    const c = chart();
    new RegistrySecret(c, 'Reg', { name: 'regcred', server: 'registry.example.com:5000', username: 'ci', password: 's3cret' });
    const s = find(c, 'Secret', 'regcred');
    expect(s.type).toBe('kubernetes.io/dockerconfigjson');
    const cfg = JSON.parse(Buffer.from(s.data['.dockerconfigjson'], 'base64').toString());
    expect(cfg).toEqual({ auths: { 'registry.example.com:5000': { username: 'ci', password: 's3cret', auth: Buffer.from('ci:s3cret').toString('base64') } } });
  });

  test('it is attached to the Pod or to a ServiceAccount', () => {
    const c = chart();
    const secret = new RegistrySecret(c, 'Reg', { name: 'regcred', server: 'r.example.com', username: 'u', password: 'p' });
    const sa = new ServiceAccount(c, 'SA', { name: 'puller', imagePullSecrets: [secret] });
    new Deployment(c, 'A', { name: 'a', imagePullSecrets: [secret], containers: [web()] });
    new Deployment(c, 'B', { name: 'b', serviceAccountName: sa.name, containers: [web()] });
    expect(podSpec(find(c, 'Deployment', 'a')).imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(find(c, 'ServiceAccount', 'puller')).toMatchObject({ imagePullSecrets: [{ name: 'regcred' }], automountServiceAccountToken: false });
    expect(podSpec(find(c, 'Deployment', 'b')).serviceAccountName).toBe('puller');
  });

  test('empty credentials fail at construction', () => {
    expect(() => new RegistrySecret(chart(), 'Reg', { server: 'r', username: '', password: 'p' }))
      .toThrow('test/Reg: username: must not be empty; fix: give the registry username');
  });

  test('a serviceAccountName must be a DNS-1123 subdomain', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], serviceAccountName: 'App_SA' }))
      .toThrow(/^test\/D: serviceAccountName: 'App_SA': a lowercase RFC 1123 subdomain .*; fix: name the ServiceAccount in lower case, e.g. 'app'$/);
  });

  test('Secret and ServiceAccount names must be DNS-1123 subdomains (found by test/unit/constructs-property.test.ts)', () => {
    expect(() => new RegistrySecret(chart(), 'R', { name: 'Reg_Cred', server: 'r.example.com', username: 'u', password: 'p' }))
      .toThrow(/^test\/R: name: 'Reg_Cred': a lowercase RFC 1123 subdomain .*; fix: use lower case letters, digits, - and ., e.g. 'regcred'$/);
    expect(() => new ServiceAccount(chart(), 'SA', { name: 'App_SA' })).toThrow(/^test\/SA: name: 'App_SA': a lowercase RFC 1123 subdomain/);
  });
});
