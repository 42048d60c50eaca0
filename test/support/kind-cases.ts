/**
 * Objects of the kinds people write beside workloads, each with the verdict a 1.34 API server
 * gives (server-side dry-run, strict field validation): test/validate/semantic-kinds.test.ts
 * holds podsmith to the verdicts, test/e2e/semantic-kinds.test.ts holds the verdicts to the API
 * server, and `npm run test:cases` podsmith to the API server of every release built (a case
 * whose verdict changes with the release is in release-cases.ts too).
 */
import { CEL_COMPILE_CASES } from './cel-compile-cases';
import { CONTROL_PLANE_CASES } from './control-plane-cases';
import { DEVICE_REQUEST_CASES } from './device-request-cases';
import { FLOWCONTROL_CASES } from './flowcontrol-cases';
import { IN_TREE_VOLUME_CASES } from './in-tree-volume-cases';
import { ADMISSION_RULE_CASES } from './admission-rule-cases';
import { BYTE_CASES } from './byte-cases';
import { NAME_CASES } from './name-cases';
import { INT64_CASES, NULL_CASES } from './null-cases';
import { CRD_DECODING_CASES, CRD_TYPING_CASES, LIST_MAP_TYPE_CASES } from './crd-typing-cases';

const meta = (name = 'podsmith-i10-case') => ({ name });
const role = (rules: any[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(), rules });
const crb = (roleRef: any, subjects: any[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(), roleRef, subjects });
const np = (spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(), spec: { podSelector: {}, ...spec } });
const backend = { service: { name: 'web', port: { number: 80 } } };
const ing = (paths: any[], extra: any = {}) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(), spec: { rules: [{ host: 'example.com', http: { paths } }], ...extra } });
const secret = (type: string, stringData: any, annotations?: any) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { ...meta(), ...(annotations ? { annotations } : {}) }, type, stringData });
const crd = (schema: any) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: meta('widgets.podsmith-i10.example.com'),
  spec: { group: 'podsmith-i10.example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
});

/** A CRD whose two versions a webhook converts, reviewing these versions. */
const convertingCrd = (conversionReviewVersions: string[]) => {
  const c = crd({ type: 'object' });
  const version = (name: string, storage: boolean) => ({ ...c.spec.versions[0], name, storage });
  return {
    ...c,
    spec: {
      ...c.spec, versions: [version('v1', true), version('v2', false)],
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions, clientConfig: { service: { namespace: 'default', name: 'convert', path: '/convert' } } } },
    },
  };
};
/** A CRD schema whose spec has these properties. */
const specOf = (properties: Record<string, unknown>) => ({ type: 'object', properties: { spec: { type: 'object', properties } } });

/** A CRD in a group of its own (a protected one: k8s.io, kubernetes.io and their subdomains), annotated as given. */
const groupCrd = (group: string, annotations?: Record<string, string>) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `gizmos.${group}`, ...(annotations ? { annotations } : {}) },
  spec: { group, scope: 'Namespaced', names: { plural: 'gizmos', kind: 'Gizmo' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }] },
});
const approved = (v: string) => ({ 'api-approved.kubernetes.io': v });

/** A webhook configuration with one match condition (cases change its conditions). */
const WEBHOOK_WITH_CONDITION = {
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: meta(),
  webhooks: [{
    name: 'check.podsmith-i10.example.com', admissionReviewVersions: ['v1'], sideEffects: 'None',
    clientConfig: { service: { namespace: 'default', name: 'hook', path: '/check' } },
    matchConditions: [{ name: 'only-some', expression: 'true' }],
  }],
};
/** A ValidatingAdmissionPolicy on Deployments with one validation, and this spec besides. */
const policyWith = (spec: any) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: meta(),
  spec: {
    matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] },
    validations: [{ expression: 'object.spec.replicas <= 5' }], ...spec,
  },
});

/** A CronJob with this schedule (robfig/cron's standard parser: the API server's reading). */
const cronJob = (schedule: string) => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta(),
  spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'app', image: 'busybox:1.35.0' }] } } } } },
});

/** A PersistentVolume of 1Gi, ReadWriteOnce, with this spec besides. */
const pv = (spec: any) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...spec } });
const pvAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }] } };
const claimVolume = { name: 'v', persistentVolumeClaim: { claimName: 'c' } };

/** A v1 Endpoints object with one address on port 80. */
const endpoints = (ip: string) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: meta(), subsets: [{ addresses: [{ ip }], ports: [{ port: 80 }] }] });

/** A Service on port 80 with this spec besides. */
const svc80 = (spec: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { ports: [{ port: 80 }], ...spec } });

/** A Job whose Pods run busybox once, with this spec besides. */
const batchJob = (spec: any) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta(), spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.35.0' }] } }, ...spec } });
/** A workload of this kind selecting app: web, its template spec with these fields besides. */
const workload = (apiVersion: string, kind: string, podSpec: any, spec: any = {}) => ({
  apiVersion, kind, metadata: meta(),
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'busybox:1.35.0' }], ...podSpec } }, ...spec },
});

const apiSvc = (name: string, spec: any) => ({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: meta(name), ...(spec === undefined ? {} : { spec }) });
const apiSpec = { group: 'podsmith-i10.example.com', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, service: { name: 'metrics', namespace: 'kube-system' } };
const APISVC = 'v1beta1.podsmith-i10.example.com';

const sts = (serviceName: string) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta(),
  spec: { serviceName, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'busybox:1.35.0' }] } } },
});

const hpa = (scaleTargetRef: any, metrics?: any[]) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(), spec: { scaleTargetRef, maxReplicas: 3, ...(metrics ? { metrics } : {}) } });
const appsTarget = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const objectMetric = (describedObject: any) => ({ type: 'Object', object: { describedObject, metric: { name: 'requests-per-second' }, target: { type: 'Value', value: '10k' } } });

const sar = (kind: string, metadata: any, spec: any) => ({ apiVersion: 'authorization.k8s.io/v1', kind, ...(metadata ? { metadata } : {}), spec });
const getPods = { verb: 'get', resource: 'pods' };

const rc = (selector: any, labels: any) => ({
  apiVersion: 'v1', kind: 'ReplicationController', metadata: meta(),
  spec: { replicas: 1, ...(selector ? { selector } : {}), template: { metadata: labels ? { labels } : {}, spec: { containers: [{ name: 'app', image: 'busybox:1.35.0' }] } } },
});

const pod = (spec: any = {}, container: any = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: meta(), spec: { containers: [{ name: 'app', image: 'busybox:1.35.0', ...container }], ...spec },
});
/** A controller's reference to its Deployment, and a Pod with these owner references. */
const OWNER = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: '6a5b2c3d-0000-4000-8000-000000000001', controller: true };
const ownedPod = (ownerReferences: any[]) => { const p = pod(); return { ...p, metadata: { ...p.metadata, ownerReferences } }; };
const noEscalation = (add: string[]) => ({ securityContext: { allowPrivilegeEscalation: false, capabilities: { add } } });
const job = (spec: any, labels: any = { app: 'batch' }) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: meta(),
  spec: { ...spec, template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.35.0' }] } } },
});
const specless = (apiVersion: string, kind: string, spec?: any) => ({ apiVersion, kind, metadata: meta(), ...(spec === undefined ? {} : { spec }) });

const slice = (addressType: string, addresses: string[], extra: any = {}) => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta(), addressType, endpoints: [{ addresses }], ...extra,
});
const externalName = (spec: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { type: 'ExternalName', externalName: 'db.example.com', ...spec } });
const owned = (ref: any) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta(), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: '4e309601-01af-11ea-b38c-42010aa80083', ...ref }] } });

const vapRules = { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] };
const vap = (spec: any) => ({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: meta(), spec });
const vapb = (spec: any) => ({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: meta(), spec: { policyName: 'demo', ...spec } });

/** [description, object, accepted by the API server] */
const lr = (...limits: any[]) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: meta(), spec: { limits } });
const rq = (spec: any) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta(), spec });

export const KIND_CASES: Array<[string, any, boolean]> = [
  ['Role named system:controller:x (path segment, not DNS)', { ...role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]), metadata: meta('system:controller:x') }, true],
  ['Role rule without apiGroups', role([{ resources: ['pods'], verbs: ['get'] }]), false],
  ['Role rule without resources', role([{ apiGroups: [''], verbs: ['get'] }]), false],
  ['Role rule with nonResourceURLs', role([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]), false],
  ['ClusterRole rule with nonResourceURLs', { ...role([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]), kind: 'ClusterRole' }, true],
  ['ClusterRole with an empty aggregationRule', { ...role([]), kind: 'ClusterRole', aggregationRule: { clusterRoleSelectors: [] } }, false],
  ['binding whose roleRef has no apiGroup (defaulted)', crb({ kind: 'ClusterRole', name: 'view' }, [{ kind: 'User', name: 'jane' }]), true],
  ['binding to a roleRef of another group', crb({ apiGroup: 'example.com', kind: 'ClusterRole', name: 'view' }, []), false],
  ['subject Group with the core apiGroup', crb({ kind: 'ClusterRole', name: 'view' }, [{ kind: 'Group', name: 'devs', apiGroup: '' }]), true],
  ['subject ServiceAccount with the RBAC apiGroup', crb({ kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'a', namespace: 'default', apiGroup: 'rbac.authorization.k8s.io' }]), false],
  ['subject of an unknown kind', crb({ kind: 'ClusterRole', name: 'view' }, [{ kind: 'Robot', name: 'r' }]), false],
  ['NetworkPolicy peer with pod and namespace selectors', np({ ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] }), true],
  ['NetworkPolicy peer with ipBlock and a podSelector', np({ ingress: [{ from: [{ podSelector: {}, ipBlock: { cidr: '10.0.0.0/8' } }] }] }), false],
  ['NetworkPolicy empty peer', np({ ingress: [{ from: [{}] }] }), false],
  ['NetworkPolicy endPort after a named port', np({ egress: [{ ports: [{ port: 'http', endPort: 90 }] }] }), false],
  ['NetworkPolicy port range', np({ egress: [{ ports: [{ port: 80, endPort: 90 }] }] }), true],
  ['NetworkPolicy port range to 65535', np({ ingress: [{ ports: [{ port: 1, endPort: 65535 }] }] }), true],
  ['NetworkPolicy endPort past 65535', np({ ingress: [{ ports: [{ port: 80, endPort: 65536 }] }] }), false],
  ['NetworkPolicy endPort 0 after port 0', np({ egress: [{ ports: [{ port: 0, endPort: 0 }] }] }), false],
  ['NetworkPolicy endPort without a port', np({ egress: [{ ports: [{ endPort: 90 }] }] }), false],
  ['NetworkPolicy endPort below its port', np({ egress: [{ ports: [{ port: 90, endPort: 80 }] }] }), false],
  ['NetworkPolicy invalid CIDR', np({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] }), false],
  ['NetworkPolicy IPv6 except inside the CIDR', np({ egress: [{ to: [{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }] }] }), true],
  ['NetworkPolicy three policyTypes', np({ policyTypes: ['Ingress', 'Egress', 'Ingress'] }), false],
  ['Ingress with an ImplementationSpecific empty path', ing([{ pathType: 'ImplementationSpecific', backend }]), true],
  ['Ingress Prefix path with //', ing([{ path: '/a//b', pathType: 'Prefix', backend }]), false],
  ['Ingress backend with port name and number', ing([{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }]), false],
  ['Ingress backend without a port', ing([{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web' } } }]), false],
  ['Ingress wildcard host', { ...ing([{ path: '/', pathType: 'Prefix', backend }]), spec: { rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] } }, true],
  ['Ingress IP host', { ...ing([]), spec: { rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] } }, false],
  ['Ingress without rules or a default backend', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(), spec: {} }, false],
  ['IngressClass with Namespace-scoped parameters but no namespace', { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: meta(), spec: { controller: 'example.com/ingress', parameters: { kind: 'Params', name: 'p', scope: 'Namespace' } } }, false],
  ['HPA autoscaling/v1 with minReplicas 0', { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: meta(), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 0, maxReplicas: 3 } }, false],
  ['HPA whose target has no apiVersion', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3 } }, false],
  ['ReplicationController without a selector or template labels', rc(undefined, undefined), false],
  ['ReplicationController without a selector (defaulted from the template labels)', rc(undefined, { app: 'web' }), true],
  ['ReplicationController whose selector misses the template labels', rc({ app: 'db' }, { app: 'web' }), false],
  ['ReplicationController whose selector picks some template labels', rc({ app: 'web' }, { app: 'web', tier: 'front' }), true],
  ['HPA whose target is in the core group', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(), spec: { scaleTargetRef: { apiVersion: 'v1', kind: 'ReplicationController', name: 'web' }, maxReplicas: 3 } }, true],
  ['HPA v2 with a target in apps/v1', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(), spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3 } }, true],
  ['HPA whose Deployment target is in the core group', hpa({ apiVersion: 'v1', kind: 'Deployment', name: 'web' }), false],
  ['HPA whose target apiVersion has two slashes', hpa({ apiVersion: 'apps/v1/x', kind: 'Deployment', name: 'web' }), false],
  ['HPA whose target apiVersion is a group and a slash', hpa({ apiVersion: 'apps/', kind: 'Deployment', name: 'web' }), true],
  ['HPA whose target apiVersion has no group before its slash', hpa({ apiVersion: '/v1', kind: 'Deployment', name: 'web' }), false],
  ['HPA whose ReplicationController target has no apiVersion', hpa({ kind: 'ReplicationController', name: 'web' }), true],
  ['HPA Object metric whose describedObject has no apiVersion', hpa(appsTarget, [objectMetric({ kind: 'Service', name: 'web' })]), true],
  ['HPA Object metric whose describedObject is in the core group', hpa(appsTarget, [objectMetric({ apiVersion: 'v1', kind: 'Service', name: 'web' })]), true],
  ['HPA Object metric whose describedObject apiVersion has two slashes', hpa(appsTarget, [objectMetric({ apiVersion: 'a/b/c', kind: 'Service', name: 'web' })]), false],
  ['HPA v2 without a target name', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(), spec: { scaleTargetRef: { kind: 'Deployment', name: '' }, maxReplicas: 3 } }, false],
  ['PV with two volume sources', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' }, nfs: { server: 'n', path: '/x' } } }, false],
  ['PV without capacity', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(), spec: { accessModes: ['ReadWriteOnce'], hostPath: { path: '/x' } } }, false],
  ['PVC with ReadWriteOncePod and another mode', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: { accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'], resources: { requests: { storage: '1Gi' } } } }, false],
  // the list is atomic and only another supported mode conflicts (ValidatePersistentVolumeClaimSpec)
  ['PVC with ReadWriteOncePod twice', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } } } }, true],
  ['PV with ReadWriteOncePod twice', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(), spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteOncePod'], capacity: { storage: '1Gi' }, hostPath: { path: '/tmp/rwop' } } }, true],
  ['PV with ReadWriteOncePod and an unknown mode', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta(), spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteSome'], capacity: { storage: '1Gi' }, hostPath: { path: '/tmp/rwop' } } }, false],
  ['PVC of zero bytes', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } } }, false],
  ['StorageClass without a provisioner', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(), provisioner: '' }, false],
  ['ConfigMap key in data and binaryData', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(), data: { a: 'x' }, binaryData: { a: 'eA==' } }, false],
  ['Secret data that is not base64', { apiVersion: 'v1', kind: 'Secret', metadata: meta(), data: { a: 'not base64!' } }, false],
  ['Secret basic-auth with a password only', secret('kubernetes.io/basic-auth', { password: 'p' }), true],
  ['Secret basic-auth with neither', secret('kubernetes.io/basic-auth', { other: 'p' }), false],
  ['Secret dockerconfigjson that is not JSON', secret('kubernetes.io/dockerconfigjson', { '.dockerconfigjson': '{' }), false],
  ['Secret service-account-token without its annotation', secret('kubernetes.io/service-account-token', {}), false],
  ['Secret of a custom type', secret('example.com/thing', { a: 'b' }), true],
  ['CRD int-or-string field without a type', crd({ type: 'object', properties: { spec: { type: 'object', properties: { port: { 'x-kubernetes-int-or-string': true } } } } }), true],
  ['CRD preserve-unknown-fields object without properties', crd({ type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }), true],
  ['CRD array without items', crd({ type: 'object', properties: { spec: { type: 'array' } } }), false],
  ['CRD root of type string', crd({ type: 'string' }), false],
  ['APIService with its service (port defaulted to 443)', apiSvc(APISVC, apiSpec), true],
  ['APIService whose name is not version.group', apiSvc('v1.podsmith-i10.example.com', apiSpec), false],
  ['APIService without a spec (a kustomize patch applied whole)', apiSvc(APISVC, undefined), false],
  ['APIService with an empty group and version v1beta1', apiSvc('v1beta1.', { ...apiSpec, group: '' }), false],
  ['APIService with groupPriorityMinimum 20001', apiSvc(APISVC, { ...apiSpec, groupPriorityMinimum: 20001 }), false],
  ['APIService with versionPriority 0', apiSvc(APISVC, { ...apiSpec, versionPriority: 0 }), false],
  ['local APIService with a caBundle', apiSvc(APISVC, { ...apiSpec, service: undefined, caBundle: 'YWJj' }), false],
  ['APIService service without a namespace', apiSvc(APISVC, { ...apiSpec, service: { name: 'metrics' } }), false],
  ['APIService service port 70000', apiSvc(APISVC, { ...apiSpec, service: { ...apiSpec.service, port: 70000 } }), false],
  ['APIService insecureSkipTLSVerify beside a caBundle', apiSvc(APISVC, { ...apiSpec, caBundle: 'YWJj', insecureSkipTLSVerify: true }), false],
  ['StatefulSet serviceName nginx', sts('nginx'), true],
  ['StatefulSet serviceName written with its quotes (\'nginx\')', sts("'nginx'"), false],
  ['StatefulSet serviceName with a dot', sts('web.default'), false],
  ['ClusterRole with a namespace that is no DNS label (cleared, not checked)', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { ...meta(), namespace: 'Bad_NS' }, rules: [] }, true],
  ['StorageClass with a namespace that is no DNS label', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { ...meta(), namespace: 'Bad_NS' }, provisioner: 'x.example.com' }, true],
  ['SubjectAccessReview without metadata', sar('SubjectAccessReview', undefined, { user: 'jane', resourceAttributes: getPods }), true],
  ['SubjectAccessReview with a name', sar('SubjectAccessReview', { name: 'x' }, { user: 'jane', resourceAttributes: getPods }), false],
  ['SubjectAccessReview with labels only', sar('SubjectAccessReview', { labels: { a: 'b' } }, { user: 'jane', resourceAttributes: getPods }), false],
  ['SubjectAccessReview with empty labels', sar('SubjectAccessReview', { labels: {} }, { user: 'jane', resourceAttributes: getPods }), true],
  ['SubjectAccessReview without a user or group', sar('SubjectAccessReview', undefined, { resourceAttributes: getPods }), false],
  ['SubjectAccessReview with both kinds of attributes', sar('SubjectAccessReview', undefined, { user: 'jane', resourceAttributes: getPods, nonResourceAttributes: { path: '/healthz', verb: 'get' } }), false],
  ['SelfSubjectAccessReview with a name', sar('SelfSubjectAccessReview', { name: 'x' }, { resourceAttributes: getPods }), false],
  ['SelfSubjectAccessReview with neither kind of attributes', sar('SelfSubjectAccessReview', undefined, {}), false],
  ['TokenReview with a name and label key that are not valid (not checked)', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: { name: 'Bad_Name', labels: { 'bad key!': 'x' } }, spec: { token: 'abc' } }, true],
  ['SelfSubjectRulesReview with a name that is not valid (not checked)', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: { name: 'Bad_Name' }, spec: { namespace: 'default' } }, true],
  ['allowPrivilegeEscalation false beside SYS_ADMIN (the server compares CAP_SYS_ADMIN only)', pod({}, noEscalation(['SYS_ADMIN'])), true],
  ['allowPrivilegeEscalation false beside CAP_SYS_ADMIN', pod({}, noEscalation(['CAP_SYS_ADMIN'])), false],
  ['sysctl written with its name only', pod({ securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start' }] } }), true],
  ['probe header written with its name only', pod({}, { readinessProbe: { httpGet: { port: 80, httpHeaders: [{ name: 'X-Probe' }] } } }), true],
  // a port written as a string is a port name, digits too (IsValidPortName: at least one letter)
  ['probe httpGet port "80" written as a string', pod({}, { livenessProbe: { httpGet: { port: '80' } } }), false],
  ['probe tcpSocket port "8080" written as a string', pod({}, { readinessProbe: { tcpSocket: { port: '8080' } } }), false],
  ['preStop httpGet port "80" written as a string', pod({}, { lifecycle: { preStop: { httpGet: { port: '80' } } } }), false],
  ['probe httpGet port named http, exposed', pod({}, { ports: [{ name: 'http', containerPort: 80 }], livenessProbe: { httpGet: { port: 'http' } } }), true],
  ['Pod created with ephemeral containers', pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox:1.35.0' }] }), false],
  ['Deployment template with ephemeral containers', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(), spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox:1.35.0' }] }).spec } } }, false],
  ['Pod created with nodeName and schedulingGates', pod({ nodeName: 'node-1', schedulingGates: [{ name: 'example.com/wait' }] }), false],
  ['procMount Unmasked in the host user namespace', pod({}, { securityContext: { procMount: 'Unmasked' } }), false],
  ['procMount Unmasked with hostUsers false', pod({ hostUsers: false }, { securityContext: { procMount: 'Unmasked' } }), true],
  ['procMount Default', pod({}, { securityContext: { procMount: 'Default' } }), true],
  ['hostUsers false with hostNetwork', pod({ hostUsers: false, hostNetwork: true }), false],
  ['hostUsers false with hostPID', pod({ hostUsers: false, hostPID: true }), false],
  ['Ingress without spec', specless('networking.k8s.io/v1', 'Ingress'), false],
  ['Ingress with spec null', specless('networking.k8s.io/v1', 'Ingress', null), false],
  ['IngressClass without spec', specless('networking.k8s.io/v1', 'IngressClass'), false],
  ['HorizontalPodAutoscaler without spec', specless('autoscaling/v2', 'HorizontalPodAutoscaler'), false],
  ['CertificateSigningRequest without spec', specless('certificates.k8s.io/v1', 'CertificateSigningRequest'), false],
  ['PersistentVolumeClaim without spec', specless('v1', 'PersistentVolumeClaim'), false],
  ['PersistentVolume with spec null', specless('v1', 'PersistentVolume', null), false],
  ['LimitRange with an empty spec', specless('v1', 'LimitRange', {}), true],
  ['CSINode with an empty spec', specless('storage.k8s.io/v1', 'CSINode', {}), true],
  ['PriorityClass without value (0)', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta() }, true],
  ['ConfigMap (no spec) with nothing else', specless('v1', 'ConfigMap'), true],
  ['Job whose template has a controller-uid label (copied from a cluster)', job({}, { 'controller-uid': '4e309601-01af-11ea-b38c-42010aa80083' }), false],
  ['Job whose template has its own job-name label', job({}, { 'job-name': 'podsmith-i10-case' }), true],
  ['Job whose template has another job-name label', job({}, { 'batch.kubernetes.io/job-name': 'other' }), false],
  ['Job with a selector of its own, not manual', job({ selector: { matchLabels: { app: 'batch' } } }), false],
  ['Job with a selector on its job-name, not manual', job({ selector: { matchLabels: { 'job-name': 'podsmith-i10-case' } } }), true],
  ['Job with a manual selector', job({ manualSelector: true, selector: { matchLabels: { app: 'batch' } } }), true],
  ['EndpointSlice IPv6 address in canonical form', slice('IPv6', ['2001:db8:3c4d:15::1a2f:1a2b']), true],
  ['EndpointSlice IPv6 address not in canonical form', slice('IPv6', ['2001:0db8:3c4d:0015:0000:0000:1a2f:1a2b']), false],
  ['EndpointSlice IPv6 address of two zero runs, the first compressed', slice('IPv6', ['2001:db8::1:0:0:1']), true],
  ['EndpointSlice IPv6 slice with an IPv4-mapped address', slice('IPv6', ['::ffff:10.0.0.1']), false],
  ['EndpointSlice IPv4 loopback address', slice('IPv4', ['127.0.0.1']), false],
  ['EndpointSlice IPv4 address', slice('IPv4', ['10.0.0.1']), true],
  ['EndpointSlice IPv4 slice with an IPv6 address', slice('IPv4', ['2001:db8::1']), false],
  ['EndpointSlice endpoint without addresses', slice('IPv4', []), false],
  ['EndpointSlice without endpoints', { ...slice('IPv4', []), endpoints: undefined }, true],
  ['EndpointSlice FQDN of one label', slice('FQDN', ['example']), false],
  ['EndpointSlice with two unnamed ports', slice('IPv4', ['10.0.0.1'], { ports: [{ port: 80 }, { port: 81 }] }), false],
  ['ExternalName Service naming a host', externalName({}), true],
  ['ExternalName Service naming a host with a trailing dot', externalName({ externalName: 'db.example.com.' }), true],
  ['ExternalName Service naming an IPv6 address', externalName({ externalName: '2001:db8::1' }), false],
  ['ExternalName Service with a clusterIP', externalName({ clusterIP: '10.96.0.10' }), false],
  ['ExternalName Service with ipFamilyPolicy', externalName({ ipFamilyPolicy: 'SingleStack' }), false],
  ['owner reference with an empty uid', owned({ uid: '' }), false],
  ['owner reference complete', owned({}), true],
  ['owner reference to an Event', owned({ apiVersion: 'v1', kind: 'Event' }), false],
  ['two controller owner references', { ...owned({ controller: true }), metadata: { ...meta(), ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'a', uid: '1', controller: true }, { apiVersion: 'v1', kind: 'Pod', name: 'b', uid: '2', controller: true }] } }, false],
  ['Secret data in base64 wrapped over lines', { apiVersion: 'v1', kind: 'Secret', metadata: meta(), data: { users: 'dGVzdDokYXBy\nMSRINnVza2s=\n' } }, true],
  ['Secret data that is not base64', { apiVersion: 'v1', kind: 'Secret', metadata: meta(), data: { users: 'not base64!' } }, false],
  ['ValidatingAdmissionPolicy with a rule and a validation', vap({ matchConstraints: vapRules, validations: [{ expression: 'object.spec.replicas <= 5' }] }), true],
  ['ValidatingAdmissionPolicy without validations or audit annotations', vap({ matchConstraints: vapRules }), false],
  ['ValidatingAdmissionPolicy without resourceRules', vap({ matchConstraints: {}, validations: [{ expression: 'true' }] }), false],
  ['ValidatingAdmissionPolicy with failurePolicy Skip', vap({ failurePolicy: 'Skip', matchConstraints: vapRules, validations: [{ expression: 'true' }] }), false],
  ['ValidatingAdmissionPolicyBinding with Deny', vapb({ validationActions: ['Deny'] }), true],
  ['ValidatingAdmissionPolicyBinding without validationActions', vapb({}), false],
  ['ValidatingAdmissionPolicyBinding with Deny and Warn', vapb({ validationActions: ['Deny', 'Warn'] }), false],
  ['ValidatingAdmissionPolicyBinding with an unknown action', vapb({ validationActions: ['Block'] }), false],
  ['ValidatingAdmissionPolicyBinding without policyName', { ...vapb({ validationActions: ['Audit'] }), spec: { validationActions: ['Audit'] } }, false],
  ['ValidatingAdmissionPolicyBinding paramRef by name, action given', vapb({ validationActions: ['Deny'], paramRef: { name: 'p', parameterNotFoundAction: 'Deny' } }), true],
  ['ValidatingAdmissionPolicyBinding paramRef by name and selector', vapb({ validationActions: ['Deny'], paramRef: { name: 'p', selector: {}, parameterNotFoundAction: 'Deny' } }), false],
  ['ValidatingAdmissionPolicyBinding paramRef without parameterNotFoundAction', vapb({ validationActions: ['Deny'], paramRef: { name: 'p' } }), false],
  ['TokenReview without a token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: {} }, false],
  ['CRD group without a dot', { ...crd({ type: 'object' }), metadata: meta('widgets.example'), spec: { ...crd({ type: 'object' }).spec, group: 'example' } }, false],
  ['LimitRange for containers with defaults between min and max', lr({ type: 'Container', min: { cpu: '50m' }, max: { cpu: '2', memory: '1Gi' }, default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m', memory: '256Mi' }, maxLimitRequestRatio: { cpu: '10' } }), true],
  ['LimitRange item of an unknown type', lr({ type: 'Deployment', max: { cpu: '1' } }), false],
  ['LimitRange item of a fully qualified type', lr({ type: 'example.com/Widget', max: { cpu: '1' } }), true],
  ['LimitRange with the same type twice', lr({ type: 'Container', max: { cpu: '1' } }, { type: 'Container', max: { memory: '1Gi' } }), false],
  ['LimitRange with min above max', lr({ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }), false],
  ['LimitRange with a default request above the default limit', lr({ type: 'Container', default: { memory: '256Mi' }, defaultRequest: { memory: '512Mi' } }), false],
  ['LimitRange with a default above max', lr({ type: 'Container', max: { memory: '1Gi' }, default: { memory: '2Gi' } }), false],
  ['LimitRange with defaults on a Pod item', lr({ type: 'Pod', max: { cpu: '4' }, default: { cpu: '1' } }), false],
  ['LimitRange for Pods with max only', lr({ type: 'Pod', max: { cpu: '4', memory: '8Gi' } }), true],
  ['LimitRange for claims without a storage bound', lr({ type: 'PersistentVolumeClaim', max: { cpu: '1' } }), false],
  ['LimitRange for claims with a storage range', lr({ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } }), true],
  ['LimitRange with a ratio below 1', lr({ type: 'Container', maxLimitRequestRatio: { cpu: '500m' } }), false],
  ['LimitRange with a ratio above max/min', lr({ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '20' } }), false],
  ['LimitRange naming pods for a container', lr({ type: 'Container', max: { pods: '1' } }), false],
  ['LimitRange naming an extended resource for a container', lr({ type: 'Container', max: { 'example.com/gpu': '2' } }), true],
  ['LimitRange with a hugepages default and default request apart', lr({ type: 'Container', default: { 'hugepages-2Mi': '4Mi' }, defaultRequest: { 'hugepages-2Mi': '2Mi' } }), false],
  ['ResourceQuota of common resources and object counts', rq({ hard: { 'requests.cpu': '4', 'limits.memory': '8Gi', pods: '20', 'count/deployments.apps': '10', 'requests.nvidia.com/gpu': '2', services: '5' } }), true],
  ['ResourceQuota on a resource it does not know', rq({ hard: { gpus: '1' } }), false],
  ['ResourceQuota on storage (a resource, not a quota resource)', rq({ hard: { storage: '10Gi' } }), false],
  ['ResourceQuota with a fractional pod count', rq({ hard: { pods: '1500m' } }), false],
  ['ResourceQuota with a negative cpu', rq({ hard: { 'requests.cpu': '-1' } }), false],
  ['ResourceQuota with BestEffort scope on pods', rq({ hard: { pods: '5' }, scopes: ['BestEffort'] }), true],
  ['ResourceQuota with BestEffort scope on cpu', rq({ hard: { 'requests.cpu': '1' }, scopes: ['BestEffort'] }), false],
  ['ResourceQuota with an unknown scope', rq({ hard: { pods: '5' }, scopes: ['Sometimes'] }), false],
  ['ResourceQuota with conflicting scopes', rq({ hard: { pods: '5' }, scopes: ['Terminating', 'NotTerminating'] }), false],
  ['ResourceQuota selecting a priority class', rq({ hard: { pods: '5' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } }), true],
  ['ResourceQuota selecting a priority class with In and no values', rq({ hard: { pods: '5' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In' }] } }), false],
  ['ResourceQuota selecting Terminating with In', rq({ hard: { pods: '5' }, scopeSelector: { matchExpressions: [{ scopeName: 'Terminating', operator: 'In', values: ['x'] }] } }), false],
  ['ResourceQuota selecting with an unknown operator', rq({ hard: { pods: '5' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'Sometimes', values: ['x'] }] } }), false],
  ['CRD in a .k8s.io group without the approval annotation', groupCrd('podsmith.k8s.io'), false],
  ['CRD in the group k8s.io itself without the approval annotation', groupCrd('k8s.io'), false],
  ['CRD in a .kubernetes.io group without the approval annotation', groupCrd('podsmith.x-k8s.kubernetes.io'), false],
  ['CRD in a x-k8s.io group (not protected) without the annotation', groupCrd('podsmith.x-k8s.io'), true],
  ['CRD in a protected group approved by a URL', groupCrd('podsmith.k8s.io', approved('https://github.com/kubernetes/enhancements/pull/1111')), true],
  ['CRD in a protected group marked unapproved', groupCrd('podsmith.k8s.io', approved('unapproved, experimental only')), true],
  ['CRD in a protected group whose approval is a word', groupCrd('podsmith.k8s.io', approved('approved')), false],
  ['CRD in a protected group whose approval URL has no host', groupCrd('podsmith.k8s.io', approved('https:///pull/1')), false],
  ['CRD in a protected group whose approval is a path without a scheme', groupCrd('podsmith.k8s.io', approved('/kubernetes/enhancements/pull/1111')), false],
  ['CRD in a protected group whose approval is an opaque URI', groupCrd('podsmith.k8s.io', approved('mailto:sig-api@example.com')), false],
  ['CRD in a protected group whose approval URL has a port and a user', groupCrd('podsmith.k8s.io', approved('http://me@example.com:8080/x')), true],
  ['CRD in a protected group whose approval says Unapproved (case matters)', groupCrd('podsmith.k8s.io', approved('Unapproved')), false],
  ['CronJob schedule 0 0 * * 7', cronJob('0 0 * * 7'), false],
  ['CronJob schedule */0 * * * *', cronJob('*/0 * * * *'), false],
  ['CronJob schedule 1,,2 * * * *', cronJob('1,,2 * * * *'), true],
  ['CronJob schedule , * * * *', cronJob(', * * * *'), true],
  ['CronJob schedule *-5 * * * *', cronJob('*-5 * * * *'), true],
  ['CronJob schedule +5 * * * *', cronJob('+5 * * * *'), true],
  ['CronJob schedule 5/15 * * * *', cronJob('5/15 * * * *'), true],
  ['CronJob schedule 0 0 * * 0-7', cronJob('0 0 * * 0-7'), false],
  ['CronJob schedule @every 5m ', cronJob('@every 5m '), false],
  ['CronJob schedule @every -5m', cronJob('@every -5m'), true],
  ['CronJob schedule @every 1h30m', cronJob('@every 1h30m'), true],
  ['CronJob schedule 0 0 * * SUNDAY', cronJob('0 0 * * SUNDAY'), false],
  ['CronJob schedule 99999999999999999999 * * * *', cronJob('99999999999999999999 * * * *'), false],
  ['CronJob schedule 1-2-3 * * * *', cronJob('1-2-3 * * * *'), false],
  ['CronJob schedule 1/2/3 * * * *', cronJob('1/2/3 * * * *'), false],
  ['CronJob schedule -1 * * * *', cronJob('-1 * * * *'), false],
  ['CronJob schedule  @hourly', cronJob(' @hourly'), false],
  ['CronJob schedule 0 0 1/0 * *', cronJob('0 0 1/0 * *'), false],
  ['CronJob schedule ?/5 * * * *', cronJob('?/5 * * * *'), true],
  ['CronJob schedule 0 0 * * 1/7', cronJob('0 0 * * 1/7'), true],
  ['CronJob schedule 0 0 * feb-jan *', cronJob('0 0 * feb-jan *'), false],
  ['CronJob schedule @Hourly', cronJob('@Hourly'), false],
  ['CronJob schedule 0 0 31 2 *', cronJob('0 0 31 2 *'), true],
  ['CronJob schedule 0 0 * JAN,dec *', cronJob('0 0 * JAN,dec *'), true],
  ['Pod whose image ends with a space', pod({}, { image: 'busybox:1.35.0 ' }), false],
  ['Pod whose init container image starts with a tab', pod({ initContainers: [{ name: 'init', image: '\tbusybox:1.35.0' }] }), false],
  ['Pod whose image ends with a line break', pod({}, { image: 'busybox:1.35.0\n' }), false],
  ['Pod whose image ends with a no-break space (Go trims it)', pod({}, { image: 'busybox:1.35.0\u00a0' }), false],
  ['Deployment whose image ends with a space (templates are not checked for it)', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(), spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'busybox:1.35.0 ' }] } } } }, true],
  ['Pod whose memory request and limit are written with spaces around them', pod({}, { resources: { requests: { memory: ' 64Mi' }, limits: { memory: '64Mi ' } } }), true],
  ['Pod whose memory limit is only a suffix (m: zero)', pod({}, { resources: { limits: { memory: 'm' } } }), true],
  ['Pod whose cpu request is only a point (zero)', pod({}, { resources: { requests: { cpu: '.' } } }), true],
  ['Pod whose memory request is Ki alone (zero)', pod({}, { resources: { requests: { memory: 'Ki' } } }), true],
  ['Pod whose memory request is Pi alone (no digit where the server needs one)', pod({}, { resources: { requests: { memory: 'Pi' } } }), false],
  ['Pod whose cpu request is e-10 alone (no digit where the server needs one)', pod({}, { resources: { requests: { cpu: 'e-10' } } }), false],
  ['Pod whose cpu request is e-9 alone (zero)', pod({}, { resources: { requests: { cpu: 'e-9' } } }), true],
  ['Pod whose memory limit has a signed exponent', pod({}, { resources: { limits: { memory: '1e+9' } } }), true],
  ['Pod whose memory limit is a bare e', pod({}, { resources: { limits: { memory: '1e' } } }), false],
  ['PV hostPath with a backstep', pv({ hostPath: { path: '/x/../y' } }), false],
  ['PV hostPath of an unknown type', pv({ hostPath: { path: '/x', type: 'bogus' } }), false],
  ['PV hostPath / with Recycle', pv({ hostPath: { path: '/' }, persistentVolumeReclaimPolicy: 'Recycle' }), false],
  ['PV hostPath // with Recycle (cleans to /)', pv({ hostPath: { path: '//' }, persistentVolumeReclaimPolicy: 'Recycle' }), false],
  ['PV hostPath /x with Recycle', pv({ hostPath: { path: '/x' }, persistentVolumeReclaimPolicy: 'Recycle' }), true],
  ['PV local without node affinity', pv({ local: { path: '/mnt/disk' } }), false],
  ['PV local with node affinity', pv({ local: { path: '/mnt/disk' }, nodeAffinity: pvAffinity }), true],
  ['PV local with a backstep', pv({ local: { path: '/mnt/../disk' }, nodeAffinity: pvAffinity }), false],
  ['PV node affinity without terms', pv({ hostPath: { path: '/x' }, nodeAffinity: { required: { nodeSelectorTerms: [] } } }), false],
  ['PV node affinity without required', pv({ hostPath: { path: '/x' }, nodeAffinity: {} }), false],
  ['Pod hostPath volume with a backstep', pod({ volumes: [{ name: 'v', hostPath: { path: '/x/../y' } }] }), false],
  ['Pod volume device with a backstep', pod({ volumes: [claimVolume] }, { volumeDevices: [{ name: 'v', devicePath: '/dev/../x' }] }), false],
  ['Pod volume device', pod({ volumes: [claimVolume] }, { volumeDevices: [{ name: 'v', devicePath: '/dev/xvda' }] }), true],
  ['Pod volume devices naming one volume twice', pod({ volumes: [claimVolume] }, { volumeDevices: [{ name: 'v', devicePath: '/dev/a' }, { name: 'v', devicePath: '/dev/b' }] }), false],
  ['Pod volume both a device and a mount', pod({ volumes: [claimVolume] }, { volumeDevices: [{ name: 'v', devicePath: '/dev/a' }], volumeMounts: [{ name: 'v', mountPath: '/d' }] }), false],
  ['Pod volume device of an emptyDir', pod({ volumes: [{ name: 'v', emptyDir: {} }] }, { volumeDevices: [{ name: 'v', devicePath: '/dev/a' }] }), false],
  ['Pod volume device at a mount path', pod({ volumes: [claimVolume, { name: 'e', emptyDir: {} }] }, { volumeDevices: [{ name: 'v', devicePath: '/dev/a' }], volumeMounts: [{ name: 'e', mountPath: '/dev/a' }] }), false],
  ['Pod gitRepo directory with a backstep', pod({ volumes: [{ name: 'v', gitRepo: { repository: 'r', directory: '../x' } }] }), false],
  ['Pod gitRepo directory absolute', pod({ volumes: [{ name: 'v', gitRepo: { repository: 'r', directory: '/x' } }] }), false],
  ['Pod downwardAPI volume resource without a container', pod({ volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'x', resourceFieldRef: { resource: 'limits.cpu' } }] } }] }), false],
  ['Pod downwardAPI volume resource of a container', pod({ volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'x', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }] } }] }), true],
  ['Pod downwardAPI volume hugepages resource', pod({ volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'x', resourceFieldRef: { containerName: 'app', resource: 'limits.hugepages-2Mi' } }] } }] }), true],
  ['Pod downwardAPI volume unknown resource', pod({ volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'x', resourceFieldRef: { containerName: 'app', resource: 'limits.gpu' } }] } }] }), false],
  ['Pod downwardAPI volume item with both refs', pod({ volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'metadata.name' }, resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }] } }] }), false],
  ['Pod downwardAPI volume item with no ref', pod({ volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'x' }] } }] }), false],
  ['Service NodePort with clusterIP None', svc80({ type: 'NodePort', clusterIP: 'None' }), false],
  // each nodePort once per protocol (a value copied from the port above)
  ['Service NodePort with one nodePort on two ports', svc80({ type: 'NodePort', ports: [{ name: 'web', port: 80, nodePort: 30901 }, { name: 'grpc', port: 81, nodePort: 30901 }] }), false],
  ['Service NodePort with one nodePort for TCP and UDP', svc80({ type: 'NodePort', ports: [{ name: 'dns', port: 53, nodePort: 30902 }, { name: 'dns-udp', port: 53, protocol: 'UDP', nodePort: 30902 }] }), true],
  ['Service LoadBalancer with clusterIP None', svc80({ type: 'LoadBalancer', clusterIP: 'None' }), false],
  ['Service ClusterIP with clusterIP None (headless)', svc80({ clusterIP: 'None' }), true],
  ['Service LoadBalancer source range that is an address', svc80({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8', '1.2.3.4'] }), false],
  ['Service LoadBalancer source range padded with spaces', svc80({ type: 'LoadBalancer', loadBalancerSourceRanges: [' 10.0.0.0/8 '] }), true],
  ['Service external IP in the loopback range', svc80({ externalIPs: ['127.0.0.1'] }), false],
  ['Service external IP ::1', svc80({ externalIPs: ['::1'] }), false],
  ['Service external IP 0.0.0.0', svc80({ externalIPs: ['0.0.0.0'] }), false],
  ['Service external IP link-local', svc80({ externalIPs: ['169.254.1.1'] }), false],
  ['Service external IP link-local multicast', svc80({ externalIPs: ['224.0.0.1'] }), false],
  ['Service external IP that is a name', svc80({ externalIPs: ['lb.example.com'] }), false],
  ['Service external IPs', svc80({ externalIPs: ['1.2.3.4', '2001:db8::1'] }), true],
  ['Service ipFamilies with a repeat', svc80({ ipFamilies: ['IPv4', 'IPv4'] }), false],
  ['Service SingleStack with two families', svc80({ ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] }), false],
  ['Deployment maxSurge 150% (only maxUnavailable is capped at 100%)', workload('apps/v1', 'Deployment', {}, { strategy: { rollingUpdate: { maxSurge: '150%' } } }), true],
  ['Deployment maxUnavailable 150%', workload('apps/v1', 'Deployment', {}, { strategy: { rollingUpdate: { maxUnavailable: '150%' } } }), false],
  ['Deployment template with activeDeadlineSeconds', workload('apps/v1', 'Deployment', { activeDeadlineSeconds: 10 }), false],
  ['DaemonSet template with activeDeadlineSeconds', workload('apps/v1', 'DaemonSet', { activeDeadlineSeconds: 10 }), false],
  ['StatefulSet template with activeDeadlineSeconds', workload('apps/v1', 'StatefulSet', { activeDeadlineSeconds: 10 }, { serviceName: 'web' }), false],
  ['StatefulSet ordinals starting at -1', workload('apps/v1', 'StatefulSet', {}, { serviceName: 'web', ordinals: { start: -1 } }), false],
  ['StatefulSet ordinals starting at 5', workload('apps/v1', 'StatefulSet', {}, { serviceName: 'web', ordinals: { start: 5 } }), true],
  ['Job activeDeadlineSeconds 0', batchJob({ activeDeadlineSeconds: 0 }), true],
  ['Job activeDeadlineSeconds -1', batchJob({ activeDeadlineSeconds: -1 }), false],
  ['Job backoffLimitPerIndex without Indexed mode', batchJob({ backoffLimitPerIndex: 1 }), false],
  ['Job maxFailedIndexes without backoffLimitPerIndex', batchJob({ completionMode: 'Indexed', completions: 3, maxFailedIndexes: 1 }), false],
  ['Job maxFailedIndexes above completions', batchJob({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1, maxFailedIndexes: 5 }), false],
  ['Job maxFailedIndexes within completions', batchJob({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1, maxFailedIndexes: 2 }), true],
  ['Job successPolicy without Indexed mode', batchJob({ successPolicy: { rules: [{ succeededCount: 1 }] } }), false],
  ['Job manualSelector without a selector', batchJob({ manualSelector: true }), false],
  ['Job successPolicy succeededCount above its indexes', batchJob({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '0-1', succeededCount: 3 }] } }), false],
  ['Job successPolicy indexes out of order', batchJob({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '0,2-1' }] } }), false],
  ['Job successPolicy index beyond completions', batchJob({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '0-5' }] } }), false],
  ['Job successPolicy interval with three parts', batchJob({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '0-1-2' }] } }), false],
  ['Job successPolicy index that is not a number', batchJob({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: 'a' }] } }), false],
  ['Job successPolicy with a rule that names nothing', batchJob({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{}] } }), false],
  ['Job successPolicy with indexes and a count', batchJob({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '0,2', succeededCount: 2 }] } }), true],
  ['Job successPolicy with a signed index', batchJob({ completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededIndexes: '+1' }] } }), true],
  ['StorageClass topology requirement without values', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(), provisioner: 'example.com/x', allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: [] }] }] }, false],
  ['StorageClass topology requirement with a value twice', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(), provisioner: 'example.com/x', allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a', 'a'] }] }] }, false],
  ['StorageClass topology term with a key twice', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(), provisioner: 'example.com/x', allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a'] }, { key: 'topology.kubernetes.io/zone', values: ['b'] }] }] }, false],
  ['StorageClass topology requirement', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(), provisioner: 'example.com/x', allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a', 'b'] }] }] }, true],
  // found by test:value-sweep on the AWS EBS CSI driver's StorageClass and Windows DaemonSet
  ['StorageClass topology term written twice', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(), provisioner: 'example.com/x', allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a', 'b'] }] }, { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['b', 'a'] }] }] }, false],
  ['StorageClass topology term without requirements (a duplicate of the empty terms validateAllowedTopologies starts with)', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(), provisioner: 'example.com/x', allowedTopologies: [{ matchLabelExpressions: [] }] }, false],
  ['StorageClass two topology terms with other values', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(), provisioner: 'example.com/x', allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a'] }] }, { matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['b'] }] }] }, true],
  ['Pod windowsOptions runAsUserName empty', pod({}, { securityContext: { windowsOptions: { runAsUserName: '' } } }), false],
  ['Pod windowsOptions runAsUserName with a slash', pod({ securityContext: { windowsOptions: { runAsUserName: 'a/b' } } }), false],
  ['Pod windowsOptions runAsUserName of 105 characters', pod({}, { securityContext: { windowsOptions: { runAsUserName: 'x'.repeat(105) } } }), false],
  ['Pod windowsOptions runAsUserName of only dots', pod({}, { securityContext: { windowsOptions: { runAsUserName: '..' } } }), false],
  ['Pod windowsOptions runAsUserName with two backslashes', pod({}, { securityContext: { windowsOptions: { runAsUserName: 'a\\b\\c' } } }), false],
  ['Pod windowsOptions runAsUserName with a domain that is neither NetBIOS nor DNS', pod({}, { securityContext: { windowsOptions: { runAsUserName: '.bad..\\user' } } }), false],
  ['Pod windowsOptions runAsUserName NT AUTHORITY\\SYSTEM and ContainerAdministrator', pod({ securityContext: { windowsOptions: { runAsUserName: 'ContainerAdministrator' } } }, { securityContext: { windowsOptions: { runAsUserName: 'NT AUTHORITY\\SYSTEM' } } }), true],
  ['Pod windowsOptions runAsUserName with a DNS domain', pod({}, { securityContext: { windowsOptions: { runAsUserName: 'corp.example.com\\svc-app' } } }), true],
  ['Pod windowsOptions gmsaCredentialSpecName that is no DNS subdomain', pod({}, { securityContext: { windowsOptions: { gmsaCredentialSpecName: 'Bad_Name' } } }), false],
  ['Pod windowsOptions gmsaCredentialSpec empty', pod({}, { securityContext: { windowsOptions: { gmsaCredentialSpec: '' } } }), false],
  ['Pod ephemeral volume without its claim template', pod({ volumes: [{ name: 'scratch', ephemeral: {} }] }), false],
  ['Pod ephemeral volume whose claim template has an empty spec', pod({ volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] }), false],
  ['Pod ephemeral volume with a claim template', pod({ volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }] }), true],
  ['PVC with an empty dataSource (dropped on create)', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: {} } }, true],
  ['PVC whose dataSource is a kind of no group but PVC (dropped on create)', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { kind: 'Foo', name: 'x' } } }, true],
  ['PVC whose dataSource is a PVC without a name', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { kind: 'PersistentVolumeClaim' } } }, false],
  ['PVC whose dataSource is a VolumeSnapshot without a name', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot' } } }, false],
  // legacy IP fields (IsValidIPForLegacyField): the sloppy parser's reading at every release; no zone
  ['Pod hostAlias IP with a zone', pod({ hostAliases: [{ ip: 'fe80::1%eth0', hostnames: ['a.example.com'] }] }), false],
  ['Pod hostAlias IPv6 address', pod({ hostAliases: [{ ip: '2001:db8::1', hostnames: ['a.example.com'] }] }), true],
  ['Pod hostAlias IP that is a name', pod({ hostAliases: [{ ip: 'localhost', hostnames: ['a.example.com'] }] }), false],
  ['Pod dnsConfig nameserver with a zone', pod({ dnsConfig: { nameservers: ['fe80::1%eth0'] } }), false],
  ['Pod dnsConfig nameserver IPv6', pod({ dnsConfig: { nameservers: ['2001:db8::53'] } }), true],
  ['Service externalIP with a zone', svc80({ externalIPs: ['fe80::1%eth0'] }), false],
  ['Service clusterIP with a zone', svc80({ clusterIP: 'fe80::1%eth0' }), false],
  ['Endpoints address with a zone', endpoints('fe80::1%eth0'), false],
  ['Endpoints address IPv4', endpoints('10.1.2.3'), true],
  ['Endpoints address loopback', endpoints('127.0.0.1'), false],
  ['Endpoints address link-local', endpoints('169.254.10.1'), false],
  ['Endpoints address IPv6 loopback', endpoints('::1'), false],
  ['Endpoints address unspecified', endpoints('0.0.0.0'), false],
  ['Endpoints address IPv6', endpoints('2001:db8::7'), true],
  // the sloppy parser reads any number of leading zeros, and Go tests a mapped address as IPv4
  ['Endpoints address loopback with leading zeros', endpoints('0127.0.0.1'), false],
  ['Endpoints address IPv4-mapped loopback', endpoints('::ffff:127.0.0.1'), false],
  ['Endpoints address IPv4-mapped link-local with leading zeros', endpoints('::ffff:0169.254.1.1'), false],
  ['Service external IP IPv4-mapped loopback', svc80({ externalIPs: ['::ffff:127.0.0.1'] }), false],
  ['Service external IP unspecified with leading zeros', svc80({ externalIPs: ['000.0.0.00'] }), false],
  // generateName: a name prefix whose trailing dash is masked, and the name generated from it (argo-workflows' test workflows)
  ['ConfigMap generateName with capitals', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'dag-hang-failFast-' } }, false],
  ['ConfigMap generateName ending in a dash', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } }, true],
  ['ConfigMap generateName ending in a dot', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web.' } }, false],
  ['ConfigMap generateName of 300 characters', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: `${'a'.repeat(299)}-` } }, false],
  ['ConfigMap name with a generateName with capitals', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', generateName: 'Web-' } }, false],
  ['CronJob generateName whose generated name is over 52 characters', { ...cronJob('* * * * *'), metadata: { generateName: `${'c'.repeat(50)}-` } }, false],
  ['CronJob generateName whose generated name fits 52 characters', { ...cronJob('* * * * *'), metadata: { generateName: `${'c'.repeat(46)}-` } }, true],
  ['ClusterRole generateName with capitals and a colon (a path segment)', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { generateName: 'system:Reader-' }, rules: [] }, true],
  // found by the value sweep's wider values (npm run test:value-sweep -- --collections --wide)
  ['Deployment with minReadySeconds 600 and progressDeadlineSeconds left out (600)', workload('apps/v1', 'Deployment', {}, { minReadySeconds: 600 }), false],
  ['Deployment with minReadySeconds 599 and progressDeadlineSeconds left out (600)', workload('apps/v1', 'Deployment', {}, { minReadySeconds: 599 }), true],
  ['Deployment with minReadySeconds 900 and progressDeadlineSeconds 1200', workload('apps/v1', 'Deployment', {}, { minReadySeconds: 900, progressDeadlineSeconds: 1200 }), true],
  ['Pod with activeDeadlineSeconds 2147483647', pod({ activeDeadlineSeconds: 2147483647 }), true],
  ['Pod with activeDeadlineSeconds 2147483648', pod({ activeDeadlineSeconds: 2147483648 }), false],
  ['Deployment with maxSurge 2147483648 (past int32)', workload('apps/v1', 'Deployment', {}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2147483648 } } }), false],
  ['Deployment with maxSurge 2147483647', workload('apps/v1', 'Deployment', {}, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2147483647 } } }), true],
  ['PodDisruptionBudget with minAvailable -2147483649 (past int32)', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(), spec: { minAvailable: -2147483649, selector: { matchLabels: { app: 'web' } } } }, false],
  ['Node with a taint whose value is no label value', { apiVersion: 'v1', kind: 'Node', metadata: meta(), spec: { taints: [{ key: 'dedicated', value: 'gpu nodes', effect: 'NoSchedule' }] } }, false],
  ['Node with a taint of effect NoScheduleNoAdmit (not implemented)', { apiVersion: 'v1', kind: 'Node', metadata: meta(), spec: { taints: [{ key: 'dedicated', effect: 'NoScheduleNoAdmit' }] } }, false],
  ['Node with a taint key that is no label name', { apiVersion: 'v1', kind: 'Node', metadata: meta(), spec: { taints: [{ key: 'dedicated/gpu/x', effect: 'NoSchedule' }] } }, false],
  ['Node with two taints of one key and effect', { apiVersion: 'v1', kind: 'Node', metadata: meta(), spec: { taints: [{ key: 'dedicated', value: 'a', effect: 'NoSchedule' }, { key: 'dedicated', value: 'b', effect: 'NoSchedule' }] } }, false],
  ['Node with two taints of one key and two effects', { apiVersion: 'v1', kind: 'Node', metadata: meta(), spec: { taints: [{ key: 'example.com/dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'example.com/dedicated', effect: 'NoExecute' }] } }, true],
  ['Ingress whose resource backend name is no path segment', ing([{ path: '/', pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static/assets' } } }]), false],
  ['Ingress whose resource backend kind is ..', ing([{ path: '/', pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: '..', name: 'assets' } } }]), false],
  ['Ingress with a resource backend', ing([{ path: '/', pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' } } }]), true],
  ['webhook match condition named with a space', { ...WEBHOOK_WITH_CONDITION, webhooks: [{ ...WEBHOOK_WITH_CONDITION.webhooks[0], matchConditions: [{ name: 'only some', expression: 'true' }] }] }, false],
  ['webhook match conditions named alike', { ...WEBHOOK_WITH_CONDITION, webhooks: [{ ...WEBHOOK_WITH_CONDITION.webhooks[0], matchConditions: [{ name: 'skip', expression: 'true' }, { name: 'skip', expression: 'true' }] }] }, false],
  ['webhook match condition named by a prefixed qualified name', { ...WEBHOOK_WITH_CONDITION, webhooks: [{ ...WEBHOOK_WITH_CONDITION.webhooks[0], matchConditions: [{ name: 'example.com/skip-leases', expression: 'true' }] }] }, true],
  ['admission policy match condition named with a slash too many', policyWith({ matchConditions: [{ name: 'a/b/c', expression: 'true' }] }), false],
  ['admission policy variable named with a dash', policyWith({ variables: [{ name: 'max-replicas', expression: '3' }] }), false],
  ['admission policy variable named by a reserved word', policyWith({ variables: [{ name: 'namespace', expression: '3' }] }), false],
  ['admission policy variable named by a CEL identifier', policyWith({ variables: [{ name: 'max_replicas', expression: '3' }] }), true],
  // lists with their first item twice (the wide sweep's list value)
  ['webhook with admissionReviewVersions v1 twice', { ...WEBHOOK_WITH_CONDITION, webhooks: [{ ...WEBHOOK_WITH_CONDITION.webhooks[0], admissionReviewVersions: ['v1', 'v1beta1', 'v1'] }] }, false],
  ['webhook with admissionReviewVersions of no version it knows', { ...WEBHOOK_WITH_CONDITION, webhooks: [{ ...WEBHOOK_WITH_CONDITION.webhooks[0], admissionReviewVersions: ['v2'] }] }, false],
  ['webhook with admissionReviewVersions that are no DNS-1035 labels', { ...WEBHOOK_WITH_CONDITION, webhooks: [{ ...WEBHOOK_WITH_CONDITION.webhooks[0], admissionReviewVersions: ['v1', 'V1.x'] }] }, false],
  ['Pod owned twice by one Deployment reference (deduplicated by the server)', ownedPod([OWNER, OWNER]), true],
  ['Pod owned by two controllers', ownedPod([OWNER, { ...OWNER, uid: '6a5b2c3d-0000-4000-8000-000000000002', name: 'other' }]), false],
  ['Pod owned by one reference twice, once with blockOwnerDeletion (two controllers)', ownedPod([OWNER, { ...OWNER, blockOwnerDeletion: true }]), false],
  // a structural schema's junctors (anyOf, allOf, oneOf, not) validate values only
  ['CRD with the int-or-string anyOf pattern', crd(specOf({ q: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } })), true],
  ['CRD with the int-or-string pattern and a third anyOf type', crd(specOf({ q: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }, { type: 'integer' }] } })), false],
  ['CRD with the int-or-string pattern in the other order', crd(specOf({ q: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'string' }, { type: 'integer' }] } })), false],
  ['CRD with the int-or-string pattern as the first allOf', crd(specOf({ q: { 'x-kubernetes-int-or-string': true, allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, { maxLength: 8 }] } })), true],
  ['CRD whose anyOf gives a string field types', crd(specOf({ s: { type: 'string', anyOf: [{ type: 'string', maxLength: 3 }, { minLength: 5 }] } })), false],
  ['CRD whose anyOf only validates values', crd(specOf({ s: { type: 'string', anyOf: [{ maxLength: 3 }, { minLength: 5 }] } })), true],
  ['CRD whose oneOf describes its branches', crd(specOf({ s: { type: 'string', oneOf: [{ description: 'short', maxLength: 3 }, { minLength: 5 }] } })), false],
  ['CRD whose anyOf branch is nullable', crd(specOf({ s: { type: 'string', anyOf: [{ nullable: true }, { minLength: 5 }] } })), false],
  ['CRD whose not has a default', crd(specOf({ s: { type: 'string', not: { default: 'x', enum: ['x'] } } })), false],
  ['CRD whose allOf has a CEL rule', crd(specOf({ s: { type: 'string', allOf: [{ 'x-kubernetes-validations': [{ rule: 'self.size() > 0' }] }] } })), false],
  ['CRD whose anyOf requires one of two fields', crd({ type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] } } }), true],
  ['CRD whose root anyOf names a property the root does not specify', crd({ type: 'object', properties: { spec: { type: 'object' } }, anyOf: [{ required: ['spec'] }, { properties: { status: { required: ['phase'] } } }] }), false],
  ['CRD whose field anyOf names a property the field does not specify (held only at the root)', crd(specOf({ o: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ properties: { b: { minLength: 1 } } }] } })), true],
  ['CRD whose anyOf names metadata in a nested context', crd(specOf({ o: { type: 'object', properties: { metadata: { type: 'object' } }, anyOf: [{ properties: { metadata: { required: ['name'] } } }] } })), false],
  ['CRD with a conversion webhook reviewing v1 and v1beta1', convertingCrd(['v1', 'v1beta1']), true],
  ['CRD with a conversion webhook reviewing v1 twice', convertingCrd(['v1', 'v1']), false],
  ['CRD with a conversion webhook reviewing only versions it does not know', convertingCrd(['v2']), false],
  ['CRD with a conversion webhook reviewing a version that is no DNS-1035 label', convertingCrd(['v1', 'V_2']), false],
  ['CRD with a list map keyed twice by one field', crd(specOf({ l: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name', 'name'], items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } })), false],
  ...CEL_COMPILE_CASES,
  ...FLOWCONTROL_CASES,
  ...DEVICE_REQUEST_CASES,
  ...IN_TREE_VOLUME_CASES,
  ...CONTROL_PLANE_CASES,
  ...NAME_CASES,
  ...NULL_CASES,
  ...INT64_CASES,
  ...BYTE_CASES,
  ...ADMISSION_RULE_CASES,
  ...CRD_TYPING_CASES,
  ...LIST_MAP_TYPE_CASES,
  ...CRD_DECODING_CASES,
];
