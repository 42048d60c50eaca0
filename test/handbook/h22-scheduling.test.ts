import { Deployment } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H22 scheduling', () => {
  test('nodeSelector keys and values must be label keys and values (the API server refuses others)', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], scheduling: { nodeSelector: { 'Bad Key': 'x' } } }))
      .toThrow(/^test\/D: scheduling.nodeSelector\[Bad Key\]: 'Bad Key': name part must consist of .*; fix: use a node label such as \{ 'disktype': 'ssd' \}$/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], scheduling: { nodeSelector: { disktype: 'not valid!' } } }))
      .toThrow(/scheduling.nodeSelector\[disktype\]: 'not valid!': a valid label must be an empty string/);
  });

  test('nodeSelector, node affinity, pod affinity, anti-affinity, tolerations and nodeName render', () => {
    const c = chart();
    new Deployment(c, 'D', {
      replicas: 1,
      containers: [web()],
      scheduling: {
        nodeSelector: { disktype: 'ssd' },
        requiredNodeAffinity: [[{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }]],
        preferredNodeAffinity: [{ weight: 10, match: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
        podAffinity: [{ labels: { app: 'cache' } }],
        podAntiAffinity: [{ labels: { app: 'batch' }, topologyKey: 'topology.kubernetes.io/zone' }],
        tolerations: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', tolerationSeconds: 30 }],
        nodeName: 'node-1',
      },
    });
    const spec = podSpec(find(c, 'Deployment'));
    expect(spec.nodeSelector).toEqual({ disktype: 'ssd' });
    expect(spec.nodeName).toBe('node-1');
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe('kubernetes.io/arch');
    expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toEqual({ weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } });
    expect(spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]).toEqual({ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' });
    expect(spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('topology.kubernetes.io/zone');
    expect(spec.tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ]);
  });

  test('multi-replica workloads spread over nodes by default; spreadReplicas: false opts out explicitly', () => {
    const c = chart();
    new Deployment(c, 'A', { name: 'a', replicas: 3, containers: [web()] });
    new Deployment(c, 'B', { name: 'b', replicas: 3, containers: [web()], scheduling: { spreadReplicas: false } });
    expect(podSpec(find(c, 'Deployment', 'a')).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0])
      .toEqual({ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'a' } }, topologyKey: 'kubernetes.io/hostname' } });
    const b = find(c, 'Deployment', 'b');
    expect(podSpec(b).affinity).toBeUndefined();
    expect(b.metadata.annotations['podsmith.dev/ignore']).toBe('scheduling.anti-affinity-missing');
  });

  test('bad weights and tolerations fail at construction', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web()], scheduling: { preferredNodeAffinity: [{ weight: 0, match: [] }] } }))
      .toThrow(/scheduling.preferredNodeAffinity\[0\].weight: must be in the range 1-100, got 0/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], scheduling: { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] } }))
      .toThrow(/tolerations\[0\].value: value must be empty when operator is 'Exists'/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], scheduling: { tolerations: [{ key: 'k', tolerationSeconds: 5 }] } }))
      .toThrow(/tolerations\[0\].effect: must be 'NoExecute' when tolerationSeconds is set/);
  });
});
