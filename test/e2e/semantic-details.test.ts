/**
 * The API server's own words, rule by rule: a table of objects the constructs' property tests
 * led to (volume sources, host ports, user and group IDs, sleep hooks, nodeSelector, env
 * sources, object references). Each is
 * sent to the API server as a server-side dry-run; podsmith must reach the same verdict, name
 * the same fields, and — where the API server reports one error — write the same message.
 */
import { validateObjects } from '../../src/validate';
import { ApiServer } from '../support/apiserver';
import { apiServer, e2eDescribe } from '../support/cluster';

const ctr = (name = 'a', extra: any = {}) => ({ name, image: 'busybox:1.35.0', ...extra });
const pod = (spec: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [ctr()], ...spec } });
const deployment = (spec: any) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
  spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [ctr()], ...spec } } },
});
const job = (spec: any, restartPolicy = 'Never') => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy, containers: [ctr()] } }, ...spec } });
const service = (spec: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { a: 'b' }, ports: [{ port: 80 }], ...spec } });
const hpa = (spec: any): any => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, maxReplicas: 3, ...spec } });
const webhook = (hook: any): any => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'w' },
  webhooks: [{ name: 'validate.example.com', clientConfig: { url: 'https://example.com/validate' }, sideEffects: 'None', admissionReviewVersions: ['v1'], ...hook }],
});
const crd = (version: any): any => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } }, status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' }, ready: { type: 'integer' } } } } } }, ...version }],
  },
});
const volume = (source: any) => pod({ volumes: [{ name: 'v', ...source }] });
const statefulSet = (spec: any) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
  spec: {
    serviceName: 'db', selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [ctr()], ...spec } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});

const CASES: Array<[string, any]> = [
  // a PersistentVolume's capacity (validateBasicResource, ValidatePositiveQuantityValue)
  ['PV capacity -5Gi', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '-5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp' } } }],
  ['PV capacity 0', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '0' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp' } } }],
  ['PV capacity number -2147483649', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: -2147483649 }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp' } } }],
  // a Namespace's Pod Security labels (the PodSecurity admission plugin, on by default)
  ['Namespace PSA enforce strict', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'psa-x', labels: { 'pod-security.kubernetes.io/enforce': 'strict' } } }],
  ['Namespace PSA warn-version A_b', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'psa-y', labels: { 'pod-security.kubernetes.io/warn-version': 'A_b' } } }],
  ['Namespace PSA audit-version empty', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'psa-z', labels: { 'pod-security.kubernetes.io/audit-version': '' } } }],
  ['Namespace PSA enforce restricted at v1.99 (accepted)', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'psa-w', labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.99' } } }],
  ['Namespace PSA warn baseline at latest (accepted)', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'psa-v', labels: { 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/warn-version': 'latest' } } }],
  // label selectors beside workloads (ValidateLabelSelector)
  ['PVC selector with a label value of 64 characters', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, selector: { matchLabels: { usage: 'x'.repeat(64) } } } }],
  ['PVC selector with a label value (accepted)', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, selector: { matchLabels: { usage: 'data' } } } }],
  ['webhook namespaceSelector with a label value that starts with a space', webhook({ namespaceSelector: { matchLabels: { environment: ' x' } } })],
  ['webhook objectSelector with an unknown operator', webhook({ objectSelector: { matchExpressions: [{ key: 'a', operator: 'Near', values: ['b'] }] } })],
  ['admission policy binding namespaceSelector with a label value that starts with a space', { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'b' }, spec: { policyName: 'demo', validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { environment: ' x' } } } } }],
  // an env var's key selector without a name: "" checked as a name
  ['env secretKeyRef with name null', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: null, key: 'k' } } }] })] })],
  ['env configMapKeyRef without a name', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { key: 'k' } } }] })] })],
  // AppArmor annotations (ValidateAppArmorProfileFormat)
  ['AppArmor annotation whose profile is no profile name', { ...pod({}), metadata: { name: 'p', annotations: { 'container.apparmor.security.beta.kubernetes.io/a': '100%' } } }],
  ['AppArmor annotation localhost/custom (accepted)', { ...pod({}), metadata: { name: 'p', annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'localhost/custom' } } }],
  ['AppArmor annotation unconfined (accepted)', { ...pod({}), metadata: { name: 'p', annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } } }],
  // volume sources
  ['configMap without a name', volume({ configMap: { name: '' } })],
  ['configMap name that is not DNS (accepted)', volume({ configMap: { name: 'App_Config' } })],
  ['configMap defaultMode 512', volume({ configMap: { name: 'c', defaultMode: 512 } })],
  ['configMap defaultMode 0777 (accepted)', volume({ configMap: { name: 'c', defaultMode: 0o777 } })],
  ['configMap item with an absolute path', volume({ configMap: { name: 'c', items: [{ key: 'k', path: '/abs' }] } })],
  ['configMap item without a key', volume({ configMap: { name: 'c', items: [{ key: '', path: 'a' }] } })],
  ['configMap item path starting with ..', volume({ configMap: { name: 'c', items: [{ key: 'k', path: '..data' }] } })],
  ['secret without a name', volume({ secret: {} })],
  ['secret defaultMode 1023', volume({ secret: { secretName: 's', defaultMode: 1023 } })],
  ['downwardAPI absolute path', volume({ downwardAPI: { items: [{ path: '/abs', fieldRef: { fieldPath: 'metadata.name' } }] } })],
  ['downwardAPI path with ..', volume({ downwardAPI: { items: [{ path: 'a/../b', fieldRef: { fieldPath: 'metadata.name' } }] } })],
  ['downwardAPI path a..b (accepted)', volume({ downwardAPI: { items: [{ path: 'a..b', fieldRef: { fieldPath: 'metadata.name' } }] } })],
  ['downwardAPI unknown field', volume({ downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'bogus' } }] } })],
  ['downwardAPI env-only field', volume({ downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'spec.nodeName' } }] } })],
  ['downwardAPI one label (accepted)', volume({ downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: "metadata.labels['app']" } }] } })],
  ['PVC without a claim name', volume({ persistentVolumeClaim: { claimName: '' } })],
  ['emptyDir negative size limit', volume({ emptyDir: { sizeLimit: '-1Mi' } })],
  ['hostPath without a path', volume({ hostPath: { path: '' } })],
  ['hostPath unknown type', volume({ hostPath: { path: '/x', type: 'Bogus' } })],
  // host ports
  ['hostNetwork Pod, two containers on one port', pod({ hostNetwork: true, containers: [ctr('a', { ports: [{ containerPort: 8080 }] }), ctr('b', { ports: [{ containerPort: 8080 }] })] })],
  ['hostNetwork template, two containers on one port (accepted: not defaulted)', deployment({ hostNetwork: true, containers: [ctr('a', { ports: [{ containerPort: 8080 }] }), ctr('b', { ports: [{ containerPort: 8080 }] })] })],
  ['one hostPort twice', deployment({ containers: [ctr('a', { ports: [{ containerPort: 8080, hostPort: 9000 }] }), ctr('b', { ports: [{ containerPort: 8081, hostPort: 9000 }] })] })],
  // user and group IDs
  ['fsGroup -1', pod({ securityContext: { fsGroup: -1 } })],
  ['supplementalGroups with -1', pod({ securityContext: { supplementalGroups: [5, -1] } })],
  ['container runAsGroup 2^31', deployment({ containers: [ctr('a', { securityContext: { runAsGroup: 2147483648 } })] })],
  // sleep hooks and the grace period
  ['sleep beyond a zero grace period', pod({ terminationGracePeriodSeconds: 0, containers: [ctr('a', { lifecycle: { preStop: { sleep: { seconds: 1 } } } })] })],
  ['sleep 30 with the default grace period (accepted)', pod({ containers: [ctr('a', { lifecycle: { preStop: { sleep: { seconds: 30 } } } })] })],
  ['template: negative grace period is not defaulted', deployment({ terminationGracePeriodSeconds: -5, containers: [ctr('a', { lifecycle: { preStop: { sleep: { seconds: 0 } } } })] })],
  // nodeSelector and priorityClassName
  ['nodeSelector key with a space', deployment({ nodeSelector: { 'Bad Key': 'x' } })],
  ['nodeSelector empty value (accepted)', pod({ nodeSelector: { 'example.com/x': '' } })],
  ['priorityClassName in capitals', deployment({ priorityClassName: 'High' })],
  ['serviceAccountName with an underscore', deployment({ serviceAccountName: 'App_SA' })],
  // env sources
  ['env from a ConfigMap key with a space', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'c', key: 'bad key!' } } }] })] })],
  ['env from a Secret without a name', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: '', key: 'k' } } }] })] })],
  ['env from a label with a bad key', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.labels['Bad Key']" } } }] })] })],
  ['env from all labels (volume only)', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }] })] })],
  ['env from an unknown field', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'bogus' } } }] })] })],
  ['cpu divisor 2', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '2' } } }] })] })],
  ['cpu divisor 1000m (accepted: it is 1)', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1000m' } } }] })] })],
  ['memory divisor 2Mi', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '2Mi' } } }] })] })],
  ['storage divisor 2', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { resourceFieldRef: { resource: 'limits.ephemeral-storage', divisor: '2' } } }] })] })],
  ['unknown resource', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { resourceFieldRef: { resource: 'bogus' } } }] })] })],
  // Services (found by the differential test once it drew Services)
  ['Service with one port/protocol twice', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'a', port: 80, protocol: 'TCP' }, { name: 'b', port: 80 }] } }],
  ['Service with one port over TCP and UDP (accepted)', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'a', port: 53, protocol: 'TCP' }, { name: 'b', port: 53, protocol: 'UDP' }] } }],
  ['Service selector key with a space', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { 'Bad Key': 'x' }, ports: [{ port: 80 }] } }],
  // probes
  ['httpGet header name with a space', pod({ containers: [ctr('a', { readinessProbe: { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'Bad Header', value: 'x' }] } } })] })],
  ['httpGet scheme in lower case', pod({ containers: [ctr('a', { readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'http' } } })] })],
  // what the server does before it validates, and what the real-world corpus showed missing
  ['StatefulSet mounting a claim template (accepted)', statefulSet({ containers: [ctr('a', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })] })],
  ['StatefulSet volume named like a claim template, two sources (accepted: replaced by the template)', statefulSet({ containers: [ctr('a', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })], volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }] })],
  ['StatefulSet template hostname that is no label (accepted: not validated)', statefulSet({ hostname: 'Not_A_Label' })],
  ['StatefulSet mounting neither a volume nor a claim template', statefulSet({ containers: [ctr('a', { volumeMounts: [{ name: 'other', mountPath: '/o' }] })] })],
  ['volume with only a name (accepted: an emptyDir)', pod({ volumes: [{ name: 'v' }], containers: [ctr('a', { volumeMounts: [{ name: 'v', mountPath: '/v' }] })] })],
  ['toleration effect null (accepted: null is absent)', pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: null }] })],
  ['template container without an image', deployment({ containers: [{ name: 'a' }] })],
  ['Deployment without a spec', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }],
  ['Deployment with an empty spec', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: {} }],
  ['CronJob without a jobTemplate', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *' } }],
  ['Service without a spec', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }],
  ['hostProcess container without hostNetwork', pod({ containers: [ctr('a', { securityContext: { windowsOptions: { hostProcess: true } } })] })],
  ['procMount Other', pod({ containers: [ctr('a', { securityContext: { procMount: 'Other' } })] })],
  ['AppArmor annotation for a container the Pod lacks', { ...pod({}), metadata: { name: 'p', annotations: { 'container.apparmor.security.beta.kubernetes.io/other': 'runtime/default' } } }],
  ['Ingress host left as a placeholder', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ host: '__INGRESS_HOST__', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } }],
  ['Ingress wildcard host (accepted)', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } }],
  // dynamic resource allocation: the Pod's resourceClaims and the containers' resources.claims
  ['resourceClaimName with a template placeholder', deployment({ resourceClaims: [{ name: 'gpu', resourceClaimName: 'gpu-{{ .Index }}' }] })],
  ['resourceClaimTemplateName in capitals', pod({ resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'GPU' }] })],
  ['resource claim with both names', pod({ resourceClaims: [{ name: 'gpu', resourceClaimName: 'a', resourceClaimTemplateName: 'b' }] })],
  ['resource claim with neither name', pod({ resourceClaims: [{ name: 'gpu' }] })],
  ['two resource claims of one name', pod({ resourceClaims: [{ name: 'gpu', resourceClaimName: 'a' }, { name: 'gpu', resourceClaimName: 'b' }] })],
  ['resource claim name not a label', pod({ resourceClaims: [{ name: 'GPU.x', resourceClaimName: 'a' }] })],
  ['container claim the Pod does not declare', pod({ containers: [ctr('a', { resources: { claims: [{ name: 'gpu' }] } })] })],
  ['container claim named twice', pod({ resourceClaims: [{ name: 'gpu', resourceClaimName: 'a' }], containers: [ctr('a', { resources: { claims: [{ name: 'gpu' }, { name: 'gpu' }] } })] })],
  ['container claim after one of its requests', pod({ resourceClaims: [{ name: 'gpu', resourceClaimName: 'a' }], containers: [ctr('a', { resources: { claims: [{ name: 'gpu', request: 'one' }, { name: 'gpu' }] } })] })],
  ['container claim request not a label', pod({ resourceClaims: [{ name: 'gpu', resourceClaimName: 'a' }], containers: [ctr('a', { resources: { claims: [{ name: 'gpu', request: 'One_' }] } })] })],
  // envFrom, runtimeClassName, readinessGates and resizePolicy
  ['envFrom without a source', pod({ containers: [ctr('a', { envFrom: [{ prefix: 'P_' }] })] })],
  ['envFrom with both sources', pod({ containers: [ctr('a', { envFrom: [{ configMapRef: { name: 'c' }, secretRef: { name: 's' } }] })] })],
  ['envFrom configMapRef without a name', pod({ containers: [ctr('a', { envFrom: [{ configMapRef: { name: '' } }] })] })],
  ['envFrom secretRef in capitals', deployment({ containers: [ctr('a', { envFrom: [{ secretRef: { name: 'Creds' } }] })] })],
  ['envFrom name with a trailing dash (accepted)', pod({ containers: [ctr('a', { envFrom: [{ configMapRef: { name: 'cfg-' } }] })] })],
  ['envFrom prefix with =', pod({ containers: [ctr('a', { envFrom: [{ prefix: 'A=B', configMapRef: { name: 'c' } }] })] })],
  ['envFrom prefix starting with a digit (accepted)', pod({ containers: [ctr('a', { envFrom: [{ prefix: '1_', configMapRef: { name: 'c' } }] })] })],
  ['runtimeClassName in capitals', deployment({ runtimeClassName: 'gVisor' })],
  ['readinessGate with a space', pod({ readinessGates: [{ conditionType: 'target health' }] })],
  ['readinessGate without a condition type', pod({ readinessGates: [{}] })],
  ['readinessGate with a prefix (accepted)', deployment({ readinessGates: [{ conditionType: 'example.com/ready' }] })],
  ['resizePolicy cpu twice', pod({ containers: [ctr('a', { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'cpu', restartPolicy: 'NotRequired' }] })] })],
  ['resizePolicy for a GPU', pod({ containers: [ctr('a', { resizePolicy: [{ resourceName: 'nvidia.com/gpu', restartPolicy: 'NotRequired' }] })] })],
  ['resizePolicy with an empty restart policy', pod({ containers: [ctr('a', { resizePolicy: [{ resourceName: 'memory', restartPolicy: '' }] })] })],
  ['resizePolicy restarting in a Pod that never restarts', pod({ restartPolicy: 'Never', containers: [ctr('a', { resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }] })] })],
  ['resizePolicy on a template (accepted)', deployment({ containers: [ctr('a', { resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'RestartContainer' }] })] })],
  // how a Service balances and admits traffic
  ['ClusterIP Service with externalTrafficPolicy Local', service({ externalTrafficPolicy: 'Local' })],
  ['ClusterIP Service with external IPs and externalTrafficPolicy Local (accepted)', service({ externalIPs: ['203.0.113.7'], externalTrafficPolicy: 'Local' })],
  ['NodePort Service with externalTrafficPolicy Global', service({ type: 'NodePort', externalTrafficPolicy: 'Global' })],
  ['NodePort Service with a health-check port', service({ type: 'NodePort', healthCheckNodePort: 30100 })],
  ['internalTrafficPolicy Node', service({ internalTrafficPolicy: 'Node' })],
  ['sessionAffinity Sticky', service({ sessionAffinity: 'Sticky' })],
  ['ClientIP affinity for two days', service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 172800 } } })],
  ['ClientIP affinity for an hour (accepted)', service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 3600 } } })],
  ['affinity config without ClientIP affinity (accepted: dropped)', service({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } })],
  ['affinity config with affinity None (accepted: dropped)', service({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } })],
  ['loadBalancerClass on a NodePort Service', service({ type: 'NodePort', loadBalancerClass: 'example.com/lb' })],
  ['loadBalancerClass with a space', service({ type: 'LoadBalancer', loadBalancerClass: 'my lb' })],
  ['allocateLoadBalancerNodePorts on a ClusterIP Service', service({ allocateLoadBalancerNodePorts: false })],
  ['loadBalancerSourceRanges on a ClusterIP Service', service({ loadBalancerSourceRanges: ['10.0.0.0/8'] })],
  ['appProtocol with a space', service({ ports: [{ port: 80, appProtocol: 'my proto' }] })],
  ['appProtocol kubernetes.io/h2c (accepted)', service({ ports: [{ port: 80, appProtocol: 'kubernetes.io/h2c' }] })],
  // a Job's podFailurePolicy
  ['podFailurePolicy with restartPolicy OnFailure', job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } }, 'OnFailure')],
  ['podFailurePolicy exit codes out of order', job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 1] } }] } })],
  ['podFailurePolicy exit code 0 with In', job({ podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [0] } }] } })],
  ['podFailurePolicy exit code twice', job({ podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 1] } }] } })],
  ['podFailurePolicy of a container the template lacks', job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'other', operator: 'In', values: [1] } }] } })],
  ['podFailurePolicy action Retry', job({ podFailurePolicy: { rules: [{ action: 'Retry', onExitCodes: { operator: 'In', values: [1] } }] } })],
  ['podFailurePolicy FailIndex without backoffLimitPerIndex', job({ podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } })],
  ['podFailurePolicy rule with neither exit codes nor conditions', job({ podFailurePolicy: { rules: [{ action: 'FailJob' }] } })],
  ['podFailurePolicy rule with both', job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } })],
  ['podFailurePolicy condition status Maybe', job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] }] } })],
  ['podReplacementPolicy TerminatingOrFailed beside a failure policy', job({ podReplacementPolicy: 'TerminatingOrFailed', podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } })],
  ['podFailurePolicy action left empty', job({ podFailurePolicy: { rules: [{ action: '', onExitCodes: { operator: 'In', values: [1] } }] } })],
  ['podFailurePolicy operator left empty', job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: '', values: [1] } }] } })],
  ['podFailurePolicy condition status left empty (accepted: defaults to True from 1.34)', job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: '' }] }] } })],
  ['podFailurePolicy with 21 rules', job({ podFailurePolicy: { rules: Array.from({ length: 21 }, (_, i) => ({ action: 'FailJob', onExitCodes: { operator: 'In', values: [i + 1] } })) } })],
  ['podFailurePolicy with 256 exit codes', job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: Array.from({ length: 256 }, (_, i) => i) } }] } })],
  ['podFailurePolicy with 21 pod conditions', job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: Array.from({ length: 21 }, (_, i) => ({ type: `example.com/c${i}`, status: 'True' })) }] } })],
  ['podFailurePolicy with 20 rules and 255 exit codes (accepted)', job({ podFailurePolicy: { rules: Array.from({ length: 20 }, (_, i) => ({ action: 'Count', onExitCodes: { operator: 'NotIn', values: i === 0 ? Array.from({ length: 255 }, (_, k) => k) : [i + 300] } })) } })],
  ['podFailurePolicy as the docs write it (accepted)', job({ podReplacementPolicy: 'Failed', podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'a', operator: 'In', values: [42] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } })],
  // an empty string the API server's defaulting replaces (semantic/defaulted.ts): accepted
  ['Deployment strategy type "" (accepted: RollingUpdate)', (() => { const d: any = deployment({}); d.spec.strategy = { type: '' }; return d; })()],
  ['StatefulSet updateStrategy type and podManagementPolicy "" (accepted)', (() => { const o: any = statefulSet({}); Object.assign(o.spec, { updateStrategy: { type: '' }, podManagementPolicy: '', persistentVolumeClaimRetentionPolicy: { whenDeleted: '' } }); return o; })()],
  ['CronJob concurrencyPolicy "" (accepted)', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '@hourly', concurrencyPolicy: '', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [ctr()] } } } } } }],
  ['container pull, termination and port fields "" (accepted)', pod({ dnsPolicy: '', restartPolicy: '', containers: [ctr('a', { imagePullPolicy: '', terminationMessagePath: '', terminationMessagePolicy: '', ports: [{ containerPort: 80, protocol: '' }], readinessProbe: { httpGet: { port: 80, path: '', scheme: '' } } })] })],
  ['Service type and port protocol "" (accepted)', service({ type: '', ports: [{ port: 80, protocol: '' }] })],
  ['PersistentVolume reclaim policy "" (accepted)', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp' }, persistentVolumeReclaimPolicy: '' } }],
  ['StorageClass reclaimPolicy "" (accepted)', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 's' }, provisioner: 'x.example.com', reclaimPolicy: '' }],
  // enumerated pointer fields (semantic/enums.ts): "" is a value
  ['fsGroupChangePolicy ""', pod({ securityContext: { fsGroupChangePolicy: '' } })],
  ['fsGroupChangePolicy Sometimes', pod({ securityContext: { fsGroupChangePolicy: 'Sometimes' } })],
  ['mountPropagation Both', pod({ volumes: [{ name: 'v', emptyDir: {} }], containers: [ctr('a', { volumeMounts: [{ name: 'v', mountPropagation: 'Both', mountPath: '/v' }] })] })],
  ['mountPropagation Bidirectional without privileged', pod({ volumes: [{ name: 'v', emptyDir: {} }], containers: [ctr('a', { volumeMounts: [{ name: 'v', mountPropagation: 'Bidirectional', mountPath: '/v' }] })] })],
  ['recursiveReadOnly ""', pod({ volumes: [{ name: 'v', emptyDir: {} }], containers: [ctr('a', { volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: '' }] })] })],
  ['recursiveReadOnly Enabled without readOnly', pod({ volumes: [{ name: 'v', emptyDir: {} }], containers: [ctr('a', { volumeMounts: [{ name: 'v', mountPath: '/v', recursiveReadOnly: 'Enabled' }] })] })],
  ['recursiveReadOnly IfPossible with HostToContainer', pod({ volumes: [{ name: 'v', emptyDir: {} }], containers: [ctr('a', { volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: 'IfPossible', mountPropagation: 'HostToContainer' }] })] })],
  ['os name ""', pod({ os: { name: '' } })],
  ['os name darwin', pod({ os: { name: 'darwin' } })],
  ['ipFamilyPolicy ""', service({ ipFamilyPolicy: '' })],
  ['trafficDistribution PreferFar', service({ trafficDistribution: 'PreferFar' })],
  ['trafficDistribution PreferSameNode (accepted)', service({ trafficDistribution: 'PreferSameNode' })],
  ['HPA selectPolicy Fastest', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, maxReplicas: 3, behavior: { scaleUp: { selectPolicy: 'Fastest' } } } }],
  ['CSIDriver fsGroupPolicy ""', { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'x.example.com' }, spec: { fsGroupPolicy: '' } }],
  ['webhook failurePolicy, matchPolicy and scope unknown', { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'w' }, webhooks: [{ name: 'a.example.com', clientConfig: { url: 'https://example.com' }, sideEffects: 'None', admissionReviewVersions: ['v1'], failurePolicy: 'Retry', matchPolicy: '', rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: 'Global' }] }] }],
  ['mutating webhook reinvocationPolicy Always', { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'w' }, webhooks: [{ name: 'a.example.com', clientConfig: { url: 'https://example.com' }, sideEffects: 'None', admissionReviewVersions: ['v1'], reinvocationPolicy: 'Always' }] }],
  ['StatefulSet PVC retention Keep', (() => { const o: any = statefulSet({}); o.spec.persistentVolumeClaimRetentionPolicy = { whenScaled: 'Keep' }; return o; })()],
  // an autoscaling/v2 HPA's metrics and behavior (semantic/hpa-metrics.ts); seccomp and AppArmor profiles; zeros the server defaults; the Pod version of a fieldRef
  ['hpa cpu 80 (accepted)', hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] })],
  ['hpa averageUtilization 0', hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }] })],
  ['hpa resource no target values', hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }] })],
  ['hpa resource both target values', hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50, averageValue: '100m' } } }] })],
  ['hpa resource name empty', hpa({ metrics: [{ type: 'Resource', resource: { name: '', target: { type: 'Utilization', averageUtilization: 50 } } }] })],
  ['hpa target type bogus', hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Percent', averageUtilization: 50 } } }] })],
  ['hpa target type empty', hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: '', averageUtilization: 50 } } }] })],
  ['hpa averageValue 0', hpa({ metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '0' } } }] })],
  ['hpa averageValue negative', hpa({ metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '-1Gi' } } }] })],
  ['hpa metric type bogus', hpa({ metrics: [{ type: 'Cpu', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] })],
  ['hpa metric type empty', hpa({ metrics: [{ type: '', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] })],
  ['hpa type Pods with resource', hpa({ metrics: [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] })],
  ['hpa two sources', hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } }, pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: '1' } } }] })],
  ['hpa pods no averageValue', hpa({ metrics: [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'Value', value: '10' } } }] })],
  ['hpa pods metric name with slash', hpa({ metrics: [{ type: 'Pods', pods: { metric: { name: 'a/b' }, target: { type: 'AverageValue', averageValue: '10' } } }] })],
  ['hpa object no describedObject kind', hpa({ metrics: [{ type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', name: 'i' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10' } } }] })],
  ['hpa object describedObject v1 (accepted)', hpa({ metrics: [{ type: 'Object', object: { describedObject: { apiVersion: 'v1', kind: 'Service', name: 's' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10' } } }] })],
  ['hpa object no value', hpa({ metrics: [{ type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'i' }, metric: { name: 'rps' }, target: { type: 'Utilization', averageUtilization: 5 } } }] })],
  ['hpa external both', hpa({ metrics: [{ type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: '10', averageValue: '2' } } }] })],
  ['hpa external none', hpa({ metrics: [{ type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value' } } }] })],
  ['hpa containerResource ok (accepted)', hpa({ metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } }] })],
  ['hpa containerResource bad name and container', hpa({ metrics: [{ type: 'ContainerResource', containerResource: { name: 'gpus', container: 'App_1', target: { type: 'Utilization', averageUtilization: 60 } } }] })],
  ['hpa containerResource extended name (accepted)', hpa({ metrics: [{ type: 'ContainerResource', containerResource: { name: 'example.com/gpu', container: 'app', target: { type: 'AverageValue', averageValue: '1' } } }] })],
  ['hpa containerResource hugepages (accepted)', hpa({ metrics: [{ type: 'ContainerResource', containerResource: { name: 'hugepages-2Mi', container: 'app', target: { type: 'AverageValue', averageValue: '1Mi' } } }] })],
  ['hpa behavior policies empty list', hpa({ behavior: { scaleDown: { policies: [] } } })],
  ['hpa behavior policies left out (accepted)', hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } })],
  ['hpa behavior window too long', hpa({ behavior: { scaleUp: { stabilizationWindowSeconds: 4000 } } })],
  ['hpa behavior window negative', hpa({ behavior: { scaleUp: { stabilizationWindowSeconds: -1 } } })],
  ['hpa behavior policy bad', hpa({ behavior: { scaleUp: { policies: [{ type: 'Replicas', value: 0, periodSeconds: 2000 }] } } })],
  ['hpa behavior policy zero period', hpa({ behavior: { scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 0 }] } } })],
  ['hpa behavior ok (accepted)', hpa({ behavior: { scaleUp: { policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }], selectPolicy: 'Max' } } })],
  ['hpa metrics empty (defaulted) (accepted)', hpa({ metrics: [] })],
  ['seccomp localhost empty profile (accepted)', pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: '' } } })],
  ['seccomp localhost absolute', pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: '/etc/x.json' } } })],
  ['seccomp localhost dotdot', pod({ containers: [ctr('a', { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'a/../b' } } })] })],
  ['seccomp type empty', pod({ securityContext: { seccompProfile: { type: '' } } })],
  ['apparmor runtime default with profile', pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: 'x' } } })],
  ['apparmor localhost padded', pod({ containers: [ctr('a', { securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: ' x' } } })] })],
  ['apparmor localhost blank', pod({ securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: '' } } })],
  ['apparmor type bogus', pod({ securityContext: { appArmorProfile: { type: 'Strict' } } })],
  ['apparmor type empty', pod({ securityContext: { appArmorProfile: { type: '' } } })],
  ['apparmor localhost ok (accepted)', pod({ securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-apparmor-example' } } })],
  ['probe zeros (defaulted) (accepted)', pod({ containers: [ctr('a', { livenessProbe: { exec: { command: ['true'] }, periodSeconds: 0, timeoutSeconds: 0, successThreshold: 0, failureThreshold: 0 }, readinessProbe: { exec: { command: ['true'] }, periodSeconds: 0, timeoutSeconds: 0, successThreshold: 0, failureThreshold: 0 } })] })],
  ['service targetPort 0 (accepted)', service({ ports: [{ port: 80, targetPort: 0 }] })],
  ['service targetPort empty string (accepted)', service({ ports: [{ port: 80, targetPort: '' }] })],
  ['appArmor localhostProfile empty', pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: '' } } })],
  ['env fieldRef apiVersion bogus', pod({ containers: [ctr('a', { env: [{ name: 'X', valueFrom: { fieldRef: { apiVersion: 'Bogus', fieldPath: 'metadata.name' } } }] })] })],
  ['downwardAPI volume fieldRef apiVersion bogus', pod({ volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'n', fieldRef: { apiVersion: 'Bogus', fieldPath: 'metadata.name' } }] } }] })],
  // what the value sweep (test/realworld/values.ts) found unchecked
  ['webhook name of two segments, timeout 60 s, side effects Some', webhook({ name: 'validate.example', timeoutSeconds: 60, sideEffects: 'Some' })],
  ['webhook service port 0 and path without a slash', webhook({ clientConfig: { service: { name: 's', namespace: 'default', port: 0, path: 'validate' } } })],
  ['webhook service path with an empty segment', webhook({ clientConfig: { service: { name: 's', namespace: 'default', path: '/a//b' } } })],
  ['two webhooks of one name', { ...webhook({}), webhooks: [webhook({}).webhooks[0], webhook({}).webhooks[0]] }],
  ['Endpoints port 0, protocol ICMP, nodeName ""', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '192.0.2.1', nodeName: '' }], ports: [{ port: 0, protocol: 'ICMP' }] }] }],
  ['Endpoints address not an IP', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: 'db.example.com' }], ports: [{ port: 5432 }] }] }],
  ['Endpoints for an external database (accepted)', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '192.0.2.10', hostname: 'db-0' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }] }],
  ['projected configMap without a name', pod({ volumes: [{ name: 'v', projected: { sources: [{ configMap: { name: '' } }] } }] })],
  ['projected token of 60 s', pod({ volumes: [{ name: 'v', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 60 } }] } }] })],
  ['projected token path with ..', pod({ volumes: [{ name: 'v', projected: { sources: [{ serviceAccountToken: { path: '../token' } }] } }] })],
  ['projected defaultMode -1', pod({ volumes: [{ name: 'v', projected: { defaultMode: -1, sources: [{ configMap: { name: 'c' } }] } }] })],
  ['projected source of two kinds', pod({ volumes: [{ name: 'v', projected: { sources: [{ configMap: { name: 'c' }, secret: { name: 's' } }] } }] })],
  ['projected sources writing one path twice', pod({ volumes: [{ name: 'v', projected: { sources: [{ configMap: { name: 'c', items: [{ key: 'a', path: 'x' }] } }, { secret: { name: 's', items: [{ key: 'b', path: 'x' }] } }] } }] })],
  ['projected token, configMap and downward API as kube-root-ca does it (accepted)', pod({ volumes: [{ name: 'v', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } }] } }] })],
  ['Deployment preemptionPolicy ""', deployment({ preemptionPolicy: '' })],
  ['Deployment preemptionPolicy Always', deployment({ preemptionPolicy: 'Always' })],
  ['Pod nodeName Node_1', pod({ nodeName: 'Node_1' })],
  ['Deployment serviceAccount Admin', deployment({ serviceAccount: 'Admin' })],
  ['PDB unhealthyPodEvictionPolicy Never', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: 1, selector: { matchLabels: { a: 'b' } }, unhealthyPodEvictionPolicy: 'Never' } }],
  ['CRD printer column of type float', crd({ additionalPrinterColumns: [{ name: 'Ready', type: 'float', jsonPath: '.status.ready' }] })],
  ['CRD printer column path without a dot and format uint', crd({ additionalPrinterColumns: [{ name: 'Ready', type: 'integer', format: 'uint', jsonPath: 'status.ready' }] })],
  ['CRD scale replicas path under .status', crd({ subresources: { scale: { specReplicasPath: '.status.replicas', statusReplicasPath: '.status.replicas' } } })],
  ['CRD with columns and scale as controller-gen writes them (accepted)', crd({ additionalPrinterColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }], subresources: { scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } } })],
  ['CRD list type ordered and map type deep', (() => { const c = crd({}); c.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.tags = { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'ordered' }; c.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.labels = { type: 'object', additionalProperties: { type: 'string' }, 'x-kubernetes-map-type': 'deep' }; return c; })()],
  ['liveness exec without a command', pod({ containers: [ctr('a', { livenessProbe: { exec: { command: [] } } })] })],
  ['preStop exec {}', deployment({ containers: [ctr('a', { lifecycle: { preStop: { exec: {} } } })] })],
  ['webhook without review versions or client', webhook({ admissionReviewVersions: [], clientConfig: {} })],
  ['webhook rule without operations and resources', webhook({ rules: [{ operations: [], apiGroups: [''], apiVersions: ['v1'], resources: [] }] })],
  ['admission policy rule without API versions', { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'p' }, spec: { matchConstraints: { resourceRules: [{ operations: ['CREATE'], apiGroups: ['apps'], apiVersions: [], resources: ['deployments'] }] }, validations: [{ expression: 'object.spec.replicas <= 5' }] } }],
  ['Endpoints subset without addresses', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ addresses: [], ports: [{ port: 80 }] }] }],
  ['rbd volume without monitors', pod({ volumes: [{ name: 'v', rbd: { monitors: [], image: 'img' } }] })],
  ['CRD map list without keys', (() => { const c = crd({}); c.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.ports = { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': [] }; return c; })()],
  ['CRD conversion strategy Auto', (() => { const c = crd({}); c.spec.conversion = { strategy: 'Auto' }; return c; })()],
  ['CRD conversion webhook without a client or review versions', (() => { const c = crd({}); c.spec.conversion = { strategy: 'Webhook', webhook: { clientConfig: {}, conversionReviewVersions: [] } }; return c; })()],
  ['CRD conversion webhook service path without a slash', (() => { const c = crd({}); c.spec.conversion = { strategy: 'Webhook', webhook: { clientConfig: { service: { name: 's', namespace: 'default', path: 'convert' } }, conversionReviewVersions: ['v1'] } }; return c; })()],
  ['Service clusterIP not an IP', service({ clusterIP: 'auto' })],
  ['Ingress TLS secret named TLS_Secret', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { tls: [{ hosts: ['a.example.com'], secretName: 'TLS_Secret' }], defaultBackend: { service: { name: 's', port: { number: 80 } } } } }],
  ['Ingress resource backend with apiGroup ""', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { resource: { apiGroup: '', kind: 'StorageBucket', name: 'b' } } } }],
  ['Deployment progressDeadlineSeconds 0', (() => { const d: any = deployment({}); d.spec.progressDeadlineSeconds = 0; return d; })()],
  ['Deployment progressDeadlineSeconds not above minReadySeconds', (() => { const d: any = deployment({}); Object.assign(d.spec, { progressDeadlineSeconds: 30, minReadySeconds: 30 }); return d; })()],
  ['StatefulSet claim template of storage class Fast', (() => { const o: any = statefulSet({}); o.spec.volumeClaimTemplates[0].spec.storageClassName = 'Fast'; return o; })()],
  ['StatefulSet revisionHistoryLimit -1 (accepted: not checked for StatefulSets)', (() => { const o: any = statefulSet({}); o.spec.revisionHistoryLimit = -1; return o; })()],
  ['EndpointSlice port 0 (accepted: not checked)', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [{ addresses: ['192.0.2.1'] }], ports: [{ port: 0 }] }],
  ['NFS volume of server "" and a relative path', pod({ volumes: [{ name: 'v', nfs: { server: '', path: 'exports' } }] })],
  ['Secret volume secretName ""', pod({ volumes: [{ name: 'v', secret: { secretName: '' } }] })],
  ['hostPath path ""', pod({ volumes: [{ name: 'v', hostPath: { path: '' } }] })],
  ['container name "" (one finding)', pod({ containers: [ctr('')] })],
  ['two requests of one claim (accepted)', deployment({ resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu.tpl' }], containers: [ctr('a', { resources: { claims: [{ name: 'gpu', request: 'one' }, { name: 'gpu', request: 'two' }] } })] })],
];

e2eDescribe('API-server semantics: verdict, fields and message as the API server gives them', () => {
  let api: ApiServer;
  beforeAll(async () => { api = await apiServer(); }, 30 * 60_000);
  afterAll(() => api?.close());

  test.each(CASES)('%s', async (_name, object) => {
    const verdict = await api.dryRunCreate(object);
    const errors = validateObjects([{ object }]).findings.filter((f) => f.severity === 'error');
    expect(errors.length === 0).toBe(verdict.accepted);
    if (verdict.accepted) return;
    // the fields the API server names (its causes) are the paths podsmith reports
    // (the API server names spec.loadBalancerSourceRanges with a capital L; podsmith where it stands in the manifest)
    // (validateMountPropagation and validateMountRecursiveReadOnly are given the list's path: the API server names no index)
    // (the deprecated serviceAccount and a clusterIP are validated where the API server copies them: serviceAccountName, clusterIPs;
    // a CRD whose versions share their printer columns and subresources is validated with them at spec, JSONPath in Go's spelling)
    const asServer = (p: string) => p.replace(/\.volumeMounts\[\d+\]\.(mountPropagation|recursiveReadOnly)$/, '.volumeMounts.$1')
      .replace(/\.serviceAccount$/, '.serviceAccountName').replace(/^spec\.clusterIP$/, 'spec.clusterIPs[0]')
      .replace(/^spec\.versions\[0\]\.(additionalPrinterColumns|subresources)/, 'spec.$1').replace(/(additionalPrinterColumns\[\d+\])\.jsonPath$/, '$1.JSONPath')
      .replace(/^spec\.versions\[0\]\.schema\.openAPIV3Schema/, 'spec.validation.openAPIV3Schema').replace(/^spec\.conversion\.webhook\.clientConfig/, 'spec.conversion.webhookClientConfig').replace(/^spec\.conversion\.webhook\.conversionReviewVersions/, 'spec.conversion.conversionReviewVersions').replace(/\.properties\.([a-z]+)/g, '.properties[$1]');
    expect([...new Set(errors.map((f) => asServer(f.path)))].sort()).toEqual([...new Set(verdict.fields.map((p) => p.replace('spec.LoadBalancerSourceRanges', 'spec.loadBalancerSourceRanges')))].sort());
    const detail = verdict.message!.replace(/^.* is invalid: /, '').replace('spec.LoadBalancerSourceRanges', 'spec.loadBalancerSourceRanges');
    // podsmith leaves out the regular expression and the double spaces of Go's example list
    const words = (t: string) => t.replace(/, regex used for validation is '[^']*'/, '').replace(/ {2,}/g, ' ');
    if (!detail.startsWith('[')) expect(words(`${asServer(errors[0].path)}: ${errors[0].message}`)).toBe(words(detail));
  });
});
