import { Deployment } from '../../src';
import { chart, find, web } from './util';

describe('H21 bandwidth annotations', () => {
  test('typed quantities become the kubernetes.io bandwidth annotations on the Pods', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web()], bandwidth: { ingress: '10M', egress: '0.5G' } });
    const a = find(c, 'Deployment').spec.template.metadata.annotations;
    expect(a['kubernetes.io/ingress-bandwidth']).toBe('10M');
    expect(a['kubernetes.io/egress-bandwidth']).toBe('500M');
  });

  test('malformed or out-of-range values fail at construction', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], bandwidth: { ingress: '10 Mbit' } })).toThrow(/bandwidth.ingress: .*is not a quantity/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], bandwidth: { egress: '10' } }))
      .toThrow("test/D: bandwidth.egress: 10 is outside 1k..1P bits per second; fix: use a value such as '10M'");
  });
});
