/**
 * Objects whose verdict changed between Kubernetes 1.31 and 1.37, each with the verdict the API
 * server of each release gives (server-side dry-run, strict field validation), recorded from
 * kube-apiserver v1.31.14, v1.33.13, v1.34.4, v1.35.4, v1.36.3 and v1.37.2 built by `cluster/build.sh apiserver`:
 * test/validate/release-gates.test.ts holds podsmith to the verdicts, test/e2e/release-gates.test.ts
 * holds the verdicts to every API server that is built.
 */
const meta = (name = 'podsmith-rel-case') => ({ name });
const pod = (containers: any[], initContainers?: any[]) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: meta(),
  spec: { containers, ...(initContainers ? { initContainers } : {}) },
});
const app = (extra: any = {}) => ({ name: 'app', image: 'busybox:1.35.0', ...extra });
const sidecar = (extra: any = {}) => ({ name: 'side', image: 'busybox:1.35.0', restartPolicy: 'Always', ...extra });
const rule = (action = 'Restart', exitCodes: any = { operator: 'In', values: [42] }) => ({ action, ...(exitCodes ? { exitCodes } : {}) });
const hpa = (minReplicas: number, metrics: any[]) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(),
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas, maxReplicas: 3, metrics },
});
const external = { type: 'External', external: { metric: { name: 'queue_depth' }, target: { type: 'AverageValue', averageValue: '10' } } };
const cpu = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } };
const sts = (rollingUpdate: any) => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta(),
  spec: {
    serviceName: 'web', selector: { matchLabels: { app: 'web' } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [app()] } },
  },
});
/** A StatefulSet with the Pod spec `spec` and without the fields `leaveOut` (`serviceName`). */
const statefulSet = (spec: any, leaveOut: string[] = []) => {
  const o: any = {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta(),
    spec: { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec } },
  };
  for (const f of leaveOut) delete o.spec[f];
  return o;
};
const job = (status?: string) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: meta(),
  spec: {
    podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', ...(status !== undefined ? { status } : {}) }] }] },
    template: { spec: { restartPolicy: 'Never', containers: [app()] } },
  },
});
/** A Pod with a resource claim `rc` and a container asking for the claim `asked`. */
const claimPod = (asked = 'rc') => ({
  apiVersion: 'v1', kind: 'Pod', metadata: meta(),
  spec: { resourceClaims: [{ name: 'rc', resourceClaimName: 'gpu' }], containers: [app({ resources: { claims: [{ name: asked }] } })] },
});
const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec: { ports: [{ port: 80 }] } });
const ingress = (serviceName: string) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(),
  spec: { defaultBackend: { service: { name: serviceName, port: { number: 80 } } } },
});

/** The releases the verdicts are recorded for. */
export const RECORDED_RELEASES = ['1.31', '1.33', '1.34', '1.35', '1.36', '1.37'] as const;
type Verdicts = Record<(typeof RECORDED_RELEASES)[number], boolean>;
const v = (a: boolean, b: boolean, c: boolean, d: boolean, e: boolean, f: boolean): Verdicts => ({ '1.31': a, '1.33': b, '1.34': c, '1.35': d, '1.36': e, '1.37': f });

/** [description, object, accepted by the API server of each release] */
export const RELEASE_CASES: Array<[string, any, Verdicts]> = [
  // the Pod template of a StatefulSet is validated from 1.34 (ValidatePodTemplateSpecForStatefulSet: a TODO before)
  ['StatefulSet mounting no volume', statefulSet({ containers: [app({ volumeMounts: [{ name: 'www', mountPath: '/www' }] })] }), v(true, true, false, false, false, false)],
  ['StatefulSet with a container port name Sometimes', statefulSet({ containers: [app({ ports: [{ name: 'Sometimes', containerPort: 80 }] })] }), v(true, true, false, false, false, false)],
  ['StatefulSet with a container without a name', statefulSet({ containers: [{ image: 'busybox:1.35.0' }] }), v(true, true, false, false, false, false)],
  ['StatefulSet with restartPolicy Never', statefulSet({ restartPolicy: 'Never', containers: [app()] }), v(false, false, false, false, false, false)],
  // required in the 1.27-1.32 (serviceName) and 1.27-1.33 (podSelector) documents, never by the API server
  ['StatefulSet without serviceName', statefulSet({ containers: [app()] }, ['serviceName']), v(true, true, true, true, true, true)],
  ['NetworkPolicy without podSelector', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(), spec: { policyTypes: ['Ingress'] } }, v(true, true, true, true, true, true)],
  // a Job's pod-condition pattern without a status, or with "": defaulted to True at every release
  ['Job pod-condition pattern without a status', job(), v(true, true, true, true, true, true)],
  ['Job pod-condition pattern with status ""', job(''), v(true, true, true, true, true, true)],
  ['Job pod-condition pattern with status True', job('True'), v(true, true, true, true, true, true)],
  // RelaxedServiceNameValidation: beta, on by default from 1.36
  ['Service named with a leading digit', service('1web'), v(false, false, false, false, true, true)],
  ['Service named with an uppercase letter', service('Web'), v(false, false, false, false, false, false)],
  ['Ingress backend Service named with a leading digit', ingress('1web'), v(false, false, false, false, true, true)],
  // HPAScaleToZero: beta, on by default from 1.37
  ['HPA minReplicas 0 with an External metric', hpa(0, [external]), v(false, false, false, false, false, true)],
  ['HPA minReplicas 0 with a CPU metric only', hpa(0, [cpu]), v(false, false, false, false, false, false)],
  ['HPA minReplicas -1', hpa(-1, [external]), v(false, false, false, false, false, false)],
  // MaxUnavailableStatefulSet: on by default from 1.37; dropped before
  ['StatefulSet maxUnavailable 0', sts({ maxUnavailable: 0 }), v(true, true, true, true, true, false)],
  ['StatefulSet maxUnavailable 120%', sts({ maxUnavailable: '120%' }), v(true, true, true, true, true, false)],
  ['StatefulSet maxUnavailable 2', sts({ maxUnavailable: 2 }), v(true, true, true, true, true, true)],
  // ContainerRestartRules: beta, on by default from 1.35 (dropped in 1.34);
  // RestartAllContainersOnContainerExits: on by default from 1.36
  ['app container restartPolicy Never', pod([app({ restartPolicy: 'Never' })]), v(false, false, true, true, true, true)],
  ['app container restartPolicy Sometimes', pod([app({ restartPolicy: 'Sometimes' })]), v(false, false, true, false, false, false)],
  ['init container restartPolicy OnFailure', pod([app()], [app({ name: 'init', restartPolicy: 'OnFailure' })]), v(false, false, true, true, true, true)],
  ['app container restart rule on exit code 42', pod([app({ restartPolicy: 'Never', restartPolicyRules: [rule()] })]), v(false, false, true, true, true, true)],
  ['restart rules without a restartPolicy', pod([app({ restartPolicyRules: [rule()] })]), v(false, false, true, false, false, false)],
  ['restart rule without exitCodes', pod([app({ restartPolicy: 'Never', restartPolicyRules: [rule('Restart', null)] })]), v(false, false, true, false, false, false)],
  ['restart rule with operator Equals', pod([app({ restartPolicy: 'Never', restartPolicyRules: [rule('Restart', { operator: 'Equals', values: [1] })] })]), v(false, false, true, false, false, false)],
  ['restart rule RestartAllContainers', pod([app({ restartPolicy: 'Never', restartPolicyRules: [rule('RestartAllContainers')] })]), v(false, false, true, false, true, true)],
  ['21 restart rules', pod([app({ restartPolicy: 'Never', restartPolicyRules: Array.from({ length: 21 }, () => rule()) })]), v(false, false, true, false, false, false)],
  ['sidecar with a restart rule', pod([app()], [sidecar({ restartPolicyRules: [rule()] })]), v(false, false, true, false, true, true)],
  // fields a release knows but drops while their feature gate is off by default (schema/gated.ts)
  ['Pod with a resource claim (DynamicResourceAllocation)', claimPod(), v(true, true, true, true, true, true)],
  ['Pod with a resource claim named by no container', claimPod('other'), v(true, true, false, false, false, false)],
  ['Pod with hostUsers false (UserNamespacesSupport)', { ...pod([app()]), spec: { hostUsers: false, containers: [app()] } }, v(true, true, true, true, true, true)],
  ['Pod with procMount Unmasked, hostUsers false (ProcMountType)', { ...pod([app()]), spec: { hostUsers: false, containers: [app({ securityContext: { procMount: 'Unmasked' } })] } }, v(true, true, true, true, true, true)],
  ['Pod with procMount Unmasked and host users (ProcMountType)', pod([app({ securityContext: { procMount: 'Unmasked' } })]), v(true, false, false, false, false, false)],
  ['Pod with a resizePolicy (InPlacePodVerticalScaling)', pod([app({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] })]), v(true, true, true, true, true, true)],
  ['Pod with Pod-level resources (PodLevelResources)', { ...pod([app()]), spec: { resources: { limits: { cpu: '1' } }, containers: [app()] } }, v(false, true, true, true, true, true)],
  ['Pod with an env var from a file (EnvFiles)', { ...pod([app({ env: [{ name: 'E', valueFrom: { fileKeyRef: { volumeName: 'v', path: 'a.env', key: 'K' } } }] })]), spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [app({ env: [{ name: 'E', valueFrom: { fileKeyRef: { volumeName: 'v', path: 'a.env', key: 'K' } } }] })] } }, v(false, false, false, true, true, true)],
  ['Pod mounting an image volume (ImageVolume): 1.31-1.34 drop the volume and its mounts', { ...pod([app()]), spec: { volumes: [{ name: 'img', image: { reference: 'busybox:1.35.0' } }], containers: [app({ volumeMounts: [{ name: 'img', mountPath: '/img' }] })] } }, v(true, true, true, true, true, true)],
  ['Pod with a container stop signal (ContainerStopSignals)', { ...pod([app()]), spec: { os: { name: 'linux' }, containers: [app({ lifecycle: { stopSignal: 'SIGUSR1' } })] } }, v(false, true, true, true, true, true)],
  ['Job managed by another controller (JobManagedBy)', { ...job('True'), spec: { ...job('True').spec, managedBy: 'example.com/queue' } }, v(true, true, true, true, true, true)],
];

/**
 * [case, paths, releases]: the releases whose API server drops the fields at `paths` of the case's
 * object (its answer to the dry-run create lacks them; test/e2e/release-gates.test.ts checks each
 * built server); podsmith says so with schema.field-dropped (test/validate/release-gates.test.ts).
 */
export const DROPPED: Array<[string, string[], string[]]> = [
  ['Pod with a resource claim (DynamicResourceAllocation)', ['spec.resourceClaims', 'spec.containers[0].resources.claims'], ['1.31', '1.33']],
  ['Pod with hostUsers false (UserNamespacesSupport)', ['spec.hostUsers'], ['1.31']],
  ['Pod with procMount Unmasked, hostUsers false (ProcMountType)', ['spec.hostUsers', 'spec.containers[0].securityContext.procMount'], ['1.31']],
  ['Pod with a resizePolicy (InPlacePodVerticalScaling)', ['spec.containers[0].resizePolicy'], ['1.31']],
  ['Pod with Pod-level resources (PodLevelResources)', ['spec.resources'], ['1.33']],
  ['Pod with an env var from a file (EnvFiles)', ['spec.containers[0].env[0].valueFrom.fileKeyRef'], ['1.34']],
  ['Pod mounting an image volume (ImageVolume): 1.31-1.34 drop the volume and its mounts', ['spec.volumes[0].image'], ['1.31', '1.33', '1.34']],
  ['Pod with a container stop signal (ContainerStopSignals)', ['spec.containers[0].lifecycle.stopSignal'], ['1.33', '1.34', '1.35', '1.36', '1.37']],
  ['Job managed by another controller (JobManagedBy)', ['spec.managedBy'], ['1.31']],
];
