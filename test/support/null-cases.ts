/**
 * Fields written null, each with the verdict a 1.34 API server gives (server-side dry-run). Go's
 * JSON decoding leaves a field written null as if it were left out, so a required field written
 * null is refused as missing (`pdName: null`, a webhook's `name: ~`), and an optional one is
 * accepted. Found by sending real files with one value replaced (`null`, `~`) to the API server.
 */
const ctr = { name: 'app', image: 'busybox:1.35.0' };
const pod = (spec: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'podsmith-null-case' }, spec: { containers: [ctr], ...spec } });
const webhook = (name: unknown) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'podsmith-null-case' },
  webhooks: [{ name, clientConfig: { url: 'https://example.com/validate' }, sideEffects: 'None', admissionReviewVersions: ['v1'] }],
});
const service = (port: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'podsmith-null-case' }, spec: { selector: { app: 'web' }, ports: [port] } });
const binding = (roleRef: any) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'podsmith-null-case' }, roleRef, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
});
const deployment = (selector: any) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'podsmith-null-case' },
  spec: { selector, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [ctr] } } },
});

/** [description, object, accepted by the API server] */
export const NULL_CASES: Array<[string, any, boolean]> = [
  ['Pod volume gcePersistentDisk with pdName null (required)', pod({ volumes: [{ name: 'v', gcePersistentDisk: { pdName: null } }] }), false],
  ['Pod volume gcePersistentDisk with pdName given', pod({ volumes: [{ name: 'v', gcePersistentDisk: { pdName: 'disk' } }] }), true],
  ['Pod volume nfs with server ~ (required)', pod({ volumes: [{ name: 'v', nfs: { server: null, path: '/x' } }] }), false],
  ['Pod volume hostPath with path null (required)', pod({ volumes: [{ name: 'v', hostPath: { path: null } }] }), false],
  ['Pod volume hostPath with type null (optional)', pod({ volumes: [{ name: 'v', hostPath: { path: '/x', type: null } }] }), true],
  ['Pod with containers null (required)', pod({ containers: null }), false],
  ['Pod with nodeSelector and hostNetwork null (optional)', pod({ nodeSelector: null, hostNetwork: null }), true],
  // a best-practice warning at seccompProfile (not RuntimeDefault) does not stand for the API server's "Required value"
  ['Pod seccompProfile with type ~ (required)', pod({ securityContext: { seccompProfile: { type: null } } }), false],
  ['container seccompProfile with type null (required)', pod({ containers: [{ ...ctr, securityContext: { seccompProfile: { type: null } } }] }), false],
  ['Pod toleration with effect null (optional)', pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: null }] }), true],
  ['Pod env var with name null (required)', pod({ containers: [{ ...ctr, env: [{ name: null, value: 'x' }] }] }), false],
  ['webhook named ~ (required)', webhook(null), false],
  ['webhook named', webhook('validate.example.com'), true],
  ['Service port null (required)', service({ port: null }), false],
  ['Service port with protocol null (defaulted)', service({ port: 80, protocol: null }), true],
  ['RoleBinding with roleRef null (required)', binding(null), false],
  ['RoleBinding roleRef with name null (required)', binding({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: null }), false],
  ['Deployment with selector null (required)', deployment(null), false],
  // a null value of a map of strings is "" to Go, its key kept
  ['Deployment whose selector and template label values are left empty (app: )', {
    ...deployment({ matchLabels: { app: null } }), spec: { selector: { matchLabels: { app: null } }, template: { metadata: { labels: { app: null } }, spec: { containers: [ctr] } } },
  }, true],
  ['Deployment whose selector value is left empty and its template label is not (no match)', {
    ...deployment({ matchLabels: { app: null } }), spec: { selector: { matchLabels: { app: null } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [ctr] } } },
  }, false],
  ['ReplicationController whose only template label value is left empty (its selector defaulted from it)', {
    apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'podsmith-null-case' }, spec: { template: { metadata: { labels: { name: null } }, spec: { containers: [ctr] } } },
  }, true],
  ['Pod with a label and a nodeSelector value left empty', { ...pod({ nodeSelector: { disk: null } }), metadata: { name: 'podsmith-null-case', labels: { tier: null } } }, true],
  ['Pod whose container args hold a null (an empty argument)', pod({ containers: [{ ...ctr, args: ['a', null] }] }), true],
  // a null quantity of a map is 0, its key kept
  ['Pod whose memory limit is left empty (0) under a memory request of 20Mi', pod({ containers: [{ ...ctr, resources: { limits: { memory: null }, requests: { memory: '20Mi' } } }] }), false],
  ['Pod whose memory limit is left empty (0) and that requests no memory', pod({ containers: [{ ...ctr, resources: { limits: { memory: null, cpu: 1 }, requests: { cpu: '100m' } } }] }), true],
];

/** Numbers Go's decoding refuses for an int64 field (found with a value replaced by 99999999999999999999), beside one it takes. */
export const INT64_CASES: Array<[string, any, boolean]> = [
  ['Pod terminationGracePeriodSeconds 99999999999999999999 (past int64)', pod({ terminationGracePeriodSeconds: 1e20 }), false],
  ['Pod terminationGracePeriodSeconds 9007199254740991', pod({ terminationGracePeriodSeconds: 9007199254740991 }), true],
];
