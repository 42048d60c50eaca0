import { Deployment, imageTag } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H12 imagePullPolicy and :latest', () => {
  test('a pinned tag gets IfNotPresent, explicitly, and the default is recorded', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web()] });
    const o = find(c, 'Deployment');
    expect(podSpec(o).containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(o.metadata.annotations['podsmith.dev/defaults']).toContain('imagePullPolicy');
  });

  test.each(['nginx', 'nginx:latest', 'registry.example.com:5000/team/app', 'registry.example.com:5000/team/app:latest'])('%s is refused without allowLatestTag', (image) => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ image })] }))
      .toThrow(/containers\[0\].image: .* which drifts and is pulled on every start \(H12\); fix: pin a version tag or digest, or set allowLatestTag: true/);
  });

  test('with allowLatestTag, :latest is pulled Always, as the kubelet would, and recorded', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web({ image: 'nginx:latest', allowLatestTag: true })] });
    const o = find(c, 'Deployment');
    expect(podSpec(o).containers[0].imagePullPolicy).toBe('Always');
    expect(o.metadata.annotations['podsmith.dev/ignore']).toBe('image.latest-tag');
  });

  test('digests and registry ports are read correctly; an explicit policy wins', () => {
    expect(imageTag('registry.example.com:5000/app')).toBe('');
    expect(imageTag('registry.example.com:5000/app:1.2')).toBe('1.2');
    expect(imageTag('app@sha256:abc')).toBeUndefined();
    const c = chart();
    new Deployment(c, 'D', { containers: [web({ image: 'app@sha256:0123', imagePullPolicy: 'Never' })] });
    expect(podSpec(find(c, 'Deployment')).containers[0].imagePullPolicy).toBe('Never');
  });
});
