/**
 * Issue 12, "Pods restart for nothing": a Deployment's Pods are replaced whenever its Pod
 * template changes, so the template may depend only on what shapes the Pod. These fail on the
 * code before 0.1.0, which wrote `podsmith.dev/defaults` (listing workload props) on the template
 * and added the spread preference only above one replica.
 */
import { Chart, Testing } from 'cdk8s';
import { testApp } from '../support/test-app';
import { Deployment, StatefulSet } from '../../src';
import { web } from '../handbook/util';

function objects(make: (c: Chart) => void): any[] {
  const c = new Chart(testApp(), 'test');
  make(c);
  return Testing.synth(c);
}

function template(make: (c: Chart) => void, kind = 'Deployment'): string {
  const o = objects(make).find((x) => x.kind === kind);
  return JSON.stringify(o.spec.template);
}

describe('the Pod template depends only on what shapes the Pod', () => {
  test('explicit replicas: 2 and the default give byte-identical templates', () => {
    expect(template((c) => new Deployment(c, 'W', { name: 'w', replicas: 2, containers: [web()] })))
      .toBe(template((c) => new Deployment(c, 'W', { name: 'w', containers: [web()] })));
  });

  test("explicit imagePullPolicy: 'IfNotPresent' and the default give byte-identical templates", () => {
    expect(template((c) => new Deployment(c, 'W', { name: 'w', containers: [web({ imagePullPolicy: 'IfNotPresent' })] })))
      .toBe(template((c) => new Deployment(c, 'W', { name: 'w', containers: [web()] })));
  });

  test.each(['Deployment', 'StatefulSet'])('scaling a %s from 1 to 3 does not change the template', (kind) => {
    const Kind = kind === 'Deployment' ? Deployment : StatefulSet;
    const one = template((c) => new Kind(c, 'W', { name: 'w', replicas: 1, containers: [web()] }), kind);
    expect(template((c) => new Kind(c, 'W', { name: 'w', replicas: 3, containers: [web()] }), kind)).toBe(one);
    // the spread preference is there at one replica too (harmless: a lone Pod matches nothing)
    expect(JSON.parse(one).spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
  });

  test('podsmith.dev/defaults lives on the workload object, and lists replicas only when defaulted', () => {
    const [explicit] = objects((c) => new Deployment(c, 'W', { name: 'w', replicas: 2, containers: [web()] }));
    const [defaulted] = objects((c) => new Deployment(c, 'W', { name: 'w', containers: [web()] }));
    expect(explicit.spec.template.metadata.annotations).toBeUndefined();
    expect(defaulted.metadata.annotations['podsmith.dev/defaults'].split(',')).toContain('replicas');
    expect(explicit.metadata.annotations['podsmith.dev/defaults'].split(',')).not.toContain('replicas');
    expect(defaulted.metadata.annotations['podsmith.dev/defaults'].split(',')).toContain('imagePullPolicy');
  });

  test('opt-ins that shape the Pod stay on the template (the validator reads them there too)', () => {
    const [d] = objects((c) => new Deployment(c, 'W', { name: 'w', containers: [web({ allowNoProbes: true, probe: undefined })] }));
    expect(d.spec.template.metadata.annotations['podsmith.dev/opt-in']).toBe('allowNoProbes');
    expect(d.metadata.annotations['podsmith.dev/opt-in']).toBe('allowNoProbes');
  });
});
