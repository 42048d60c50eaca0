import { Deployment, Volume } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H24 HugePages', () => {
  test('hugepages requests equal limits, with a HugePages emptyDir', () => {
    const c = chart();
    const pages = Volume.hugePages('pages');
    new Deployment(c, 'D', { volumes: [pages], containers: [web({ resources: { hugepages: { '2Mi': '100Mi' } }, mounts: [{ volume: pages, path: '/hugepages' }] })] });
    const spec = podSpec(find(c, 'Deployment'));
    expect(spec.containers[0].resources.requests['hugepages-2Mi']).toBe('100Mi');
    expect(spec.containers[0].resources.limits['hugepages-2Mi']).toBe('100Mi');
    expect(spec.volumes).toEqual([{ name: 'pages', emptyDir: { medium: 'HugePages' } }]);
    expect(Volume.hugePages('p', { pageSize: '1Gi' }).toJson()).toEqual({ name: 'p', emptyDir: { medium: 'HugePages-1Gi' } });
  });

  test('not a multiple of the page size, or not a page size, fails', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ resources: { hugepages: { '2Mi': '3Mi' } } })] }))
      .toThrow('test/D: containers[0].resources.hugepages[2Mi]: 3Mi is not a multiple of the page size 2Mi; fix: request a multiple of 2Mi');
    expect(() => new Deployment(chart(), 'D', { containers: [web({ resources: { hugepages: { big: '2Mi' } } })] })).toThrow(/'big' is not a huge page size/);
  });
});
