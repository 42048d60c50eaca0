import { Deployment, Volume } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H9 volumes', () => {
  test('volumes render with their sources and mounts, sizes canonical', () => {
    const c = chart();
    const cache = Volume.emptyDir('cache', { sizeLimit: '0.5Gi' });
    new Deployment(c, 'D', {
      volumes: [cache, Volume.emptyDir('shm', { memory: true }), Volume.configMap('conf', 'app-config'), Volume.secret('creds', 'app-secret', { defaultMode: 0o400 }),
        Volume.persistentVolumeClaim('data', 'data-claim'), Volume.downwardApi('meta', [{ path: 'labels', fieldPath: 'metadata.labels' }])],
      containers: [web({ mounts: [{ volume: cache, path: '/cache' }, { volume: 'conf', path: '/etc/app', readOnly: true }, { volume: 'data', path: '/data', subPath: 'web' }] })],
    });
    const spec = podSpec(find(c, 'Deployment'));
    expect(spec.volumes).toEqual([
      { name: 'cache', emptyDir: { sizeLimit: '512Mi' } },
      { name: 'shm', emptyDir: { medium: 'Memory' } },
      { name: 'conf', configMap: { name: 'app-config' } },
      { name: 'creds', secret: { secretName: 'app-secret', defaultMode: 256 } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } },
      { name: 'meta', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { name: 'cache', mountPath: '/cache', readOnly: false },
      { name: 'conf', mountPath: '/etc/app', readOnly: true },
      { name: 'data', mountPath: '/data', readOnly: false, subPath: 'web' },
    ]);
  });

  test('a mount of an undeclared volume, a duplicate mount path and a duplicate volume fail at construction', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ mounts: [{ volume: 'nope', path: '/x' }] })] }))
      .toThrow("test/D: containers[0].mounts[0].volume: volume 'nope' is not declared by the Pod; fix: add the volume to the pod prop `volumes`");
    expect(() => new Deployment(chart(), 'D', { volumes: [Volume.emptyDir('a')], containers: [web({ mounts: [{ volume: 'a', path: '/x' }, { volume: 'a', path: '/x' }] })] }))
      .toThrow(/mounts\[1\].path: duplicate mount path '\/x'/);
    expect(() => new Deployment(chart(), 'D', { volumes: [Volume.emptyDir('a'), Volume.emptyDir('a')], containers: [web()] }))
      .toThrow(/volumes\[1\].name: duplicate volume name 'a'/);
  });

  test('a hostPath volume needs allowHostPath', () => {
    expect(() => new Deployment(chart(), 'D', { volumes: [Volume.hostPath('docker', '/var/run/docker.sock')], containers: [web()] }))
      .toThrow("test/D: volumes[0]: hostPath '/var/run/docker.sock' gives the Pod access to the node; fix: use another volume type, or set allowHostPath: true");
    const c = chart();
    new Deployment(c, 'D', { allowHostPath: true, volumes: [Volume.hostPath('logs', '/var/log', { type: 'Directory' })], containers: [web()] });
    expect(find(c, 'Deployment').metadata.annotations['podsmith.dev/ignore']).toBe('security.host-path');
  });
});
