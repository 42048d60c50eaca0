/**
 * Objects whose verdict changed between Kubernetes 1.27 and 1.37, each with the verdict the API
 * server of each release gives (server-side dry-run, strict field validation), recorded from
 * kube-apiserver v1.27.16, v1.28.15, v1.29.15, v1.30.14, v1.31.14, v1.32.13, v1.33.13, v1.34.4,
 * v1.35.4, v1.36.3 and v1.37.2 built by `cluster/build.sh apiserver` (test/support/record-release-cases.ts
 * prints them from every built server): test/validate/release-gates.test.ts holds podsmith to the
 * verdicts, test/e2e/release-gates.test.ts holds the verdicts to every API server that is built.
 */
const meta = (name = 'podsmith-rel-case') => ({ name });
const pod = (containers: any[], initContainers?: any[]) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: meta(),
  spec: { containers, ...(initContainers ? { initContainers } : {}) },
});
const app = (extra: any = {}) => ({ name: 'app', image: 'busybox:1.35.0', ...extra });
/** A Pod with one app container and this spec besides. */
const podWith = (spec: any) => { const p = pod([app()]); return { ...p, spec: { ...p.spec, ...spec } }; };
const sidecar = (extra: any = {}) => ({ name: 'side', image: 'busybox:1.35.0', restartPolicy: 'Always', ...extra });
const rule = (action = 'Restart', exitCodes: any = { operator: 'In', values: [42] }) => ({ action, ...(exitCodes ? { exitCodes } : {}) });
const hpa = (minReplicas: number, metrics: any[]) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(),
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas, maxReplicas: 3, metrics },
});
const withTarget = (scaleTargetRef: any) => { const h = hpa(1, [cpu]); return { ...h, spec: { ...h.spec, scaleTargetRef } }; };
const svcLb = (loadBalancerSourceRanges: string[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { type: 'LoadBalancer', ports: [{ port: 80 }], loadBalancerSourceRanges } });
const npCidr = (cidr: string, except?: string[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(), spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }] }] } });
const svcLbIP = (loadBalancerIP: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { type: 'LoadBalancer', ports: [{ port: 80 }], loadBalancerIP } });
const nodeCidr = (podCIDR: string, podCIDRs = [podCIDR]) => ({ apiVersion: 'v1', kind: 'Node', metadata: meta(), spec: { podCIDR, podCIDRs } });
const nodeCidrs = (podCIDRs: string[]) => ({ apiVersion: 'v1', kind: 'Node', metadata: meta(), spec: { podCIDRs } });
const serviceCidr = (cidrs: string[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: meta(), spec: { cidrs } });
const ipAddress = (name: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IPAddress', metadata: { name }, spec: { parentRef: { group: '', resource: 'services', namespace: 'default', name: 'web' } } });
const svcIPs = (externalIPs: string[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { ports: [{ port: 80 }], externalIPs } });
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
const indexedJob = (extra: any) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: meta(),
  spec: { completionMode: 'Indexed', completions: 2, ...extra, template: { spec: { restartPolicy: 'Never', containers: [app()] } } },
});
/** A CRD whose spec has the validation rule `rule` (and `messageExpression`, if given). */
const celCrd = (rule: string, messageExpression?: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.podsmith-rel.example.com' },
  spec: {
    group: 'podsmith-rel.example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [{
      name: 'v1', served: true, storage: true,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              properties: { name: { type: 'string', maxLength: 63 }, items: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 10 } } },
              'x-kubernetes-validations': [{ rule, ...(messageExpression ? { messageExpression } : {}) }],
            },
          },
        },
      },
    }],
  },
});
const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec: { ports: [{ port: 80 }] } });
const ingress = (serviceName: string) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(),
  spec: { defaultBackend: { service: { name: serviceName, port: { number: 80 } } } },
});

/** A MutatingAdmissionPolicy on Deployments with this one mutation. */
const map = (mutation: any) => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingAdmissionPolicy', metadata: meta(),
  spec: {
    matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] },
    failurePolicy: 'Fail', reinvocationPolicy: 'Never', mutations: [mutation],
  },
});
/** A DeviceTaintRule tainting gpu-0 of pool node-1 of gpu.example.com, with this taint and selector besides. */
const taintRule = (taint: any, selector: any = {}) => ({
  apiVersion: 'resource.k8s.io/v1', kind: 'DeviceTaintRule', metadata: meta(),
  spec: { deviceSelector: { driver: 'gpu.example.com', pool: 'node-1', device: 'gpu-0', ...selector }, taint: { key: 'example.com/unhealthy', value: 'true', ...taint } },
});
/** A ResourceClaim for two devices of class gpu.example.com under this constraint. */
const constrainedClaim = (constraint: any) => ({
  apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaim', metadata: meta(),
  spec: { devices: { requests: ['a', 'b'].map((name) => ({ name, exactly: { deviceClassName: 'gpu.example.com' } })), constraints: [{ requests: ['a', 'b'], ...constraint }] } },
});
/** A ResourceClaim for one device of class gpu.example.com with this toleration. */
const gpuClaim = (toleration: any) => ({
  apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaim', metadata: meta(),
  spec: { devices: { requests: [{ name: 'gpu', exactly: { deviceClassName: 'gpu.example.com', tolerations: [toleration] } }] } },
});

/** The releases the verdicts are recorded for, oldest first. */
export const RECORDED_RELEASES = ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37'] as const;
export type Verdicts = Record<(typeof RECORDED_RELEASES)[number], boolean>;
/** One letter per recorded release, oldest first (1.27 … 1.37): `y` the API server accepts, `n` it refuses. */
const v = (letters: string): Verdicts => {
  if (!/^[yn]{11}$/.test(letters)) throw new Error(`release-cases: verdicts '${letters}' need one y or n for each of ${RECORDED_RELEASES.join(' ')}`);
  return Object.fromEntries(RECORDED_RELEASES.map((r, i) => [r, letters[i] === 'y'])) as Verdicts;
};
/** A case's verdicts as letters, for the recorder's comparison. */
export const letters = (verdicts: Verdicts): string => RECORDED_RELEASES.map((r) => (verdicts[r] ? 'y' : 'n')).join('');

/** [description, object, accepted by the API server of each release] */
export const RELEASE_CASES: Array<[string, any, Verdicts]> = [
  // the Pod template of a StatefulSet is validated from 1.34 (ValidatePodTemplateSpecForStatefulSet: a TODO before)
  ['StatefulSet mounting no volume', statefulSet({ containers: [app({ volumeMounts: [{ name: 'www', mountPath: '/www' }] })] }), v('yyyyyyynnnn')],
  ['StatefulSet with a container port name Sometimes', statefulSet({ containers: [app({ ports: [{ name: 'Sometimes', containerPort: 80 }] })] }), v('yyyyyyynnnn')],
  ['StatefulSet with a container without a name', statefulSet({ containers: [{ image: 'busybox:1.35.0' }] }), v('yyyyyyynnnn')],
  ['StatefulSet with restartPolicy Never', statefulSet({ restartPolicy: 'Never', containers: [app()] }), v('nnnnnnnnnnn')],
  // required in the 1.27-1.32 (serviceName) and 1.27-1.33 (podSelector) documents, never by the API server
  ['StatefulSet without serviceName', statefulSet({ containers: [app()] }, ['serviceName']), v('yyyyyyyyyyy')],
  ['NetworkPolicy without podSelector', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(), spec: { policyTypes: ['Ingress'] } }, v('yyyyyyyyyyy')],
  // a Job's pod-condition pattern without a status, or with "": defaulted to True at every release
  ['Job pod-condition pattern without a status', job(), v('yyyyyyyyyyy')],
  ['Job pod-condition pattern with status ""', job(''), v('yyyyyyyyyyy')],
  ['Job pod-condition pattern with status True', job('True'), v('yyyyyyyyyyy')],
  // RelaxedServiceNameValidation: beta, on by default from 1.36
  ['Service named with a leading digit', service('1web'), v('nnnnnnnnnyy')],
  ['Service named with an uppercase letter', service('Web'), v('nnnnnnnnnnn')],
  ['Service generateName with a leading digit', { ...service('x'), metadata: { generateName: '1web-' } }, v('nnnnnnnnnyy')],
  ['Ingress backend Service named with a leading digit', ingress('1web'), v('nnnnnnnnnyy')],
  // HPAScaleToZero: beta, on by default from 1.37
  ['HPA minReplicas 0 with an External metric', hpa(0, [external]), v('nnnnnnnnnny')],
  ['HPA minReplicas 0 with a CPU metric only', hpa(0, [cpu]), v('nnnnnnnnnnn')],
  ['HPA minReplicas -1', hpa(-1, [external]), v('nnnnnnnnnnn')],
  // StrictIPCIDRValidation (beta, on from 1.36): a Service's legacy IP and CIDR fields read with netip
  ['Service LoadBalancer source range with a long zero-padded prefix', svcLb(['10.0.0.0/000000000008']), v('yyyyyyyyynn')],
  ['Service LoadBalancer source range with host bits', svcLb(['10.0.0.1/8']), v('yyyyyyyyynn')],
  ['Service LoadBalancer source range with a leading zero', svcLb(['010.0.0.0/8']), v('yyyyyyyyynn')],
  ['Service LoadBalancer source range IPv4-mapped', svcLb(['::ffff:10.0.0.0/104']), v('yyyyyyyyynn')],
  ['Service external IP with a leading zero', svcIPs(['010.1.2.3']), v('yyyyyyyyynn')],
  ['Service external IP IPv4-mapped', svcIPs(['::ffff:1.2.3.4']), v('yyyyyyyyynn')],
  // the same reading of a Pod's hostAliases and dnsConfig nameservers (IsValidIPForLegacyField from 1.33, the sloppy parser before)
  ['Pod hostAlias IP with a leading zero', podWith({ hostAliases: [{ ip: '010.1.2.3', hostnames: ['a.example.com'] }] }), v('yyyyyyyyynn')],
  ['Pod hostAlias IP IPv4-mapped', podWith({ hostAliases: [{ ip: '::ffff:1.2.3.4', hostnames: ['a.example.com'] }] }), v('yyyyyyyyynn')],
  // RelaxedDNSSearchValidation (beta, on from 1.33): underscores, and '.' alone
  ['Pod DNS search path with underscores', podWith({ dnsConfig: { searches: ['_sip._tcp.example.com'] } }), v('nnnnnnyyyyy')],
  ['Pod DNS search path that is a dot', podWith({ dnsConfig: { searches: ['.'] } }), v('nnnnnnyyyyy')],
  ['Pod DNS search path with a trailing dot', podWith({ dnsConfig: { searches: ['svc.cluster.local.'] } }), v('yyyyyyyyyyy')],
  ['Pod DNS search path starting with a dash', podWith({ dnsConfig: { searches: ['-a.example.com'] } }), v('nnnnnnnnnnn')],
  ['Pod DNS search path with an empty label', podWith({ dnsConfig: { searches: ['a..example.com'] } }), v('nnnnnnnnnnn')],
  ['Pod DNS search list beyond 2048 characters', podWith({ dnsConfig: { searches: Array.from({ length: 30 }, (_, k) => `${'a'.repeat(60)}${k}.example.com`) } }), v('nnnnnnnnnnn')],
  ['Pod dnsConfig nameserver with a leading zero', podWith({ dnsConfig: { nameservers: ['010.0.0.53'] } }), v('yyyyyyyyynn')],
  ['Endpoints address with a leading zero', { apiVersion: 'v1', kind: 'Endpoints', metadata: meta(), subsets: [{ addresses: [{ ip: '010.1.2.3' }], ports: [{ port: 80 }] }] }, v('yyyyyyyyynn')],
  ['NetworkPolicy ipBlock CIDR with a leading zero', npCidr('010.0.0.0/8'), v('yyyyyyyyynn')],
  ['NetworkPolicy ipBlock CIDR with host bits', npCidr('10.0.0.1/8'), v('yyyyyyyyynn')],
  ['NetworkPolicy ipBlock CIDR IPv4-mapped', npCidr('::ffff:10.0.0.0/104'), v('yyyyyyyyynn')],
  ['NetworkPolicy ipBlock except with a leading zero', npCidr('10.0.0.0/8', ['010.1.0.0/16']), v('yyyyyyyyynn')],
  ['NetworkPolicy ipBlock CIDR with a zero-padded prefix', npCidr('10.0.0.0/08'), v('yyyyyyyyynn')],
  ['Service loadBalancerIP with a leading zero', svcLbIP('010.0.0.1'), v('yyyyyyyyyyy')],
  ['Service loadBalancerIP IPv4-mapped', svcLbIP('::ffff:10.0.0.1'), v('yyyyyyyyyyy')],
  ['Service loadBalancerIP that is a name', svcLbIP('lb.example.com'), v('yyyyyyyyyyy')],
  ['Node podCIDR with a leading zero', nodeCidr('010.244.0.0/24'), v('yyyyyyyyynn')],
  ['Node podCIDR with host bits', nodeCidr('10.244.0.1/24'), v('yyyyyyyyynn')],
  ['Node podCIDR that is not a CIDR', nodeCidr('not-a-cidr'), v('nnnnnnnnnnn')],
  ['Node podCIDR alone', { apiVersion: 'v1', kind: 'Node', metadata: meta(), spec: { podCIDR: 'not-a-cidr' } }, v('nnnnnnnnnnn')],
  ['Node podCIDRs of one family twice', nodeCidrs(['10.244.0.0/24', '10.245.0.0/24']), v('nnnnnnnnnnn')],
  ['Node podCIDRs of both families', nodeCidrs(['10.244.0.0/24', 'fd00:10:244::/64']), v('yyyyyyyyyyy')],
  ['Node podCIDRs three', nodeCidrs(['10.244.0.0/24', 'fd00:10:244::/64', '10.245.0.0/24']), v('nnnnnnnnnnn')],
  ['Node podCIDR other than podCIDRs[0]', nodeCidr('10.244.0.0/24', ['10.245.0.0/24']), v('yyyyyyyyyyy')],
  ['Node podCIDR that is not a CIDR beside valid podCIDRs', nodeCidr('not-a-cidr', ['10.245.0.0/24']), v('nnnnnnnnnnn')],
  ['Node podCIDR beside podCIDRs of one family twice', nodeCidr('10.244.0.0/24', ['10.244.0.0/24', '10.245.0.0/24']), v('nnnnnnnnnnn')],
  ['ServiceCIDR', serviceCidr(['10.200.0.0/16']), v('nnnnnnyyyyy')],
  ['ServiceCIDR with a leading zero', serviceCidr(['010.200.0.0/16']), v('nnnnnnnnnnn')],
  ['ServiceCIDR with host bits', serviceCidr(['10.200.0.1/16']), v('nnnnnnnnnnn')],
  ['ServiceCIDR of one family twice', serviceCidr(['10.200.0.0/16', '10.201.0.0/16']), v('nnnnnnnnnnn')],
  ['ServiceCIDR of both families', serviceCidr(['10.200.0.0/16', 'fd00:200::/108']), v('nnnnnnyyyyy')],
  ['ServiceCIDR without CIDRs', serviceCidr([]), v('nnnnnnnnnnn')],
  ['ServiceCIDR that is not a CIDR', serviceCidr(['10.200.0.0']), v('nnnnnnnnnnn')],
  ['IPAddress', ipAddress('10.96.100.5'), v('nnnnnnyyyyy')],
  ['IPAddress with a leading zero', ipAddress('010.96.100.5'), v('nnnnnnnnnnn')],
  ['IPAddress IPv6 not canonical', ipAddress('2001:db8::0001'), v('nnnnnnnnnnn')],
  ['IPAddress IPv6 canonical', ipAddress('2001:db8::1'), v('nnnnnnyyyyy')],
  ['IPAddress that is not an IP', ipAddress('web'), v('nnnnnnnnnnn')],
  ['EndpointSlice IPv4 address with a leading zero', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta(), addressType: 'IPv4', endpoints: [{ addresses: ['010.0.0.1'] }] }, v('yyyyyyyyynn')],
  ['EndpointSlice IPv4 address with many leading zeros', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta(), addressType: 'IPv4', endpoints: [{ addresses: ['0010.0.0.1'] }] }, v('yyyyyyyyynn')],
  ['EndpointSlice IPv4 loopback address with leading zeros', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta(), addressType: 'IPv4', endpoints: [{ addresses: ['0127.0.0.1'] }] }, v('nnnnnnnnnnn')],
  ['Endpoints address with many leading zeros', { apiVersion: 'v1', kind: 'Endpoints', metadata: meta(), subsets: [{ addresses: [{ ip: '0010.1.2.3' }], ports: [{ port: 80 }] }] }, v('yyyyyyyyynn')],
  ['Service external IP IPv4-mapped', svcIPs(['::ffff:10.1.2.3']), v('yyyyyyyyynn')],
  ['Service external IP IPv4-mapped with leading zeros', svcIPs(['::ffff:010.1.2.3']), v('yyyyyyyyynn')],
  // ValidateAPIVersion of a scale target and a described object: from 1.34 (validationOptionsForHorizontalPodAutoscaler)
  ['HPA whose target has no apiVersion', withTarget({ kind: 'Deployment', name: 'web' }), v('yyyyyyynnnn')],
  ['HPA whose Deployment target is in the core group', withTarget({ apiVersion: 'v1', kind: 'Deployment', name: 'web' }), v('yyyyyyynnnn')],
  ['HPA whose ReplicationController target has no apiVersion', withTarget({ kind: 'ReplicationController', name: 'web' }), v('yyyyyyyyyyy')],
  ['HPA Object metric whose describedObject apiVersion has two slashes', hpa(1, [{ type: 'Object', object: { describedObject: { apiVersion: 'a/b/c', kind: 'Service', name: 'web' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10' } } }]), v('yyyyyyynnnn')],
  // MaxUnavailableStatefulSet: on by default from 1.37; dropped before
  ['StatefulSet maxUnavailable 0', sts({ maxUnavailable: 0 }), v('yyyyyyyyyyn')],
  ['StatefulSet maxUnavailable 120%', sts({ maxUnavailable: '120%' }), v('yyyyyyyyyyn')],
  ['StatefulSet maxUnavailable 2', sts({ maxUnavailable: 2 }), v('yyyyyyyyyyy')],
  // ContainerRestartRules: beta, on by default from 1.35 (dropped in 1.34);
  // RestartAllContainersOnContainerExits: on by default from 1.36
  ['app container restartPolicy Never', pod([app({ restartPolicy: 'Never' })]), v('nnnnnnnyyyy')],
  ['app container restartPolicy Sometimes', pod([app({ restartPolicy: 'Sometimes' })]), v('nnnnnnnynnn')],
  ['init container restartPolicy OnFailure', pod([app()], [app({ name: 'init', restartPolicy: 'OnFailure' })]), v('nynnnnnyyyy')],
  ['app container restart rule on exit code 42', pod([app({ restartPolicy: 'Never', restartPolicyRules: [rule()] })]), v('nnnnnnnyyyy')],
  ['restart rules without a restartPolicy', pod([app({ restartPolicyRules: [rule()] })]), v('nnnnnnnynnn')],
  ['restart rule without exitCodes', pod([app({ restartPolicy: 'Never', restartPolicyRules: [rule('Restart', null)] })]), v('nnnnnnnynnn')],
  ['restart rule with operator Equals', pod([app({ restartPolicy: 'Never', restartPolicyRules: [rule('Restart', { operator: 'Equals', values: [1] })] })]), v('nnnnnnnynnn')],
  ['restart rule RestartAllContainers', pod([app({ restartPolicy: 'Never', restartPolicyRules: [rule('RestartAllContainers')] })]), v('nnnnnnnynyy')],
  ['21 restart rules', pod([app({ restartPolicy: 'Never', restartPolicyRules: Array.from({ length: 21 }, () => rule()) })]), v('nnnnnnnynnn')],
  ['sidecar with a restart rule', pod([app()], [sidecar({ restartPolicyRules: [rule()] })]), v('nnnnnnnynyy')],
  // fields a release knows but drops while their feature gate is off by default (schema/gated.ts)
  ['Pod with a resource claim (DynamicResourceAllocation)', claimPod(), v('nnnnyyyyyyy')],
  ['Pod with a resource claim named by no container', claimPod('other'), v('nnnnyyynnnn')],
  ['Pod with hostUsers false (UserNamespacesSupport)', { ...pod([app()]), spec: { hostUsers: false, containers: [app()] } }, v('yyyyyyyyyyy')],
  ['Pod with procMount Unmasked, hostUsers false (ProcMountType)', { ...pod([app()]), spec: { hostUsers: false, containers: [app({ securityContext: { procMount: 'Unmasked' } })] } }, v('yyyyyyyyyyy')],
  ['Pod with procMount Unmasked and host users (ProcMountType)', pod([app({ securityContext: { procMount: 'Unmasked' } })]), v('yyyyyynnnnn')],
  ['Pod with a resizePolicy (InPlacePodVerticalScaling)', pod([app({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] })]), v('yyyyyyyyyyy')],
  ['Pod with Pod-level resources (PodLevelResources)', { ...pod([app()]), spec: { resources: { limits: { cpu: '1' } }, containers: [app()] } }, v('nnnnnyyyyyy')],
  ['Pod with an env var from a file (EnvFiles)', { ...pod([app({ env: [{ name: 'E', valueFrom: { fileKeyRef: { volumeName: 'v', path: 'a.env', key: 'K' } } }] })]), spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [app({ env: [{ name: 'E', valueFrom: { fileKeyRef: { volumeName: 'v', path: 'a.env', key: 'K' } } }] })] } }, v('nnnnnnnnyyy')],
  ['Pod mounting an image volume (ImageVolume): 1.31-1.34 drop the volume and its mounts', { ...pod([app()]), spec: { volumes: [{ name: 'img', image: { reference: 'busybox:1.35.0' } }], containers: [app({ volumeMounts: [{ name: 'img', mountPath: '/img' }] })] } }, v('nnnnyyyyyyy')],
  ['Pod with a container stop signal (ContainerStopSignals)', { ...pod([app()]), spec: { os: { name: 'linux' }, containers: [app({ lifecycle: { stopSignal: 'SIGUSR1' } })] } }, v('nnnnnnyyyyy')],
  ['sidecar with a readiness probe (SidecarContainers)', pod([app()], [sidecar({ readinessProbe: { tcpSocket: { port: 80 } } })]), v('nnyyyyyyyyy')],
  ['preStop hook that only sleeps (PodLifecycleSleepAction)', pod([app({ lifecycle: { preStop: { sleep: { seconds: 1 } } } })]), v('nnnyyyyyyyy')],
  ['Pod affinity with matchLabelKeys (MatchLabelKeysInPodAffinity)', { ...pod([app()]), metadata: { ...meta(), labels: { app: 'web', tier: 'a' } }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['tier'] }] } }, containers: [app()] } }, v('nnyyyyyyyyy')],
  ['read-only mount, recursively if possible (RecursiveReadOnlyMounts)', { ...pod([app()]), spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [app({ volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: 'IfPossible' }] })] } }, v('nnnyyyyyyyy')],
  ['Pod with seLinuxChangePolicy (SELinuxChangePolicy)', { ...pod([app()]), spec: { securityContext: { seLinuxChangePolicy: 'Recursive' }, containers: [app()] } }, v('nnnnnyyyyyy')],
  ['Pod with supplementalGroupsPolicy Strict (SupplementalGroupsPolicy)', { ...pod([app()]), spec: { securityContext: { supplementalGroupsPolicy: 'Strict' }, containers: [app()] } }, v('nnnnyyyyyyy')],
  ['Service with trafficDistribution (ServiceTrafficDistribution)', { ...service('web'), spec: { ports: [{ port: 80 }], trafficDistribution: 'PreferClose' } }, v('nnnyyyyyyyy')],
  ['PVC with a volume attributes class (VolumeAttributesClass)', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta(), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeAttributesClassName: 'gold' } }, v('nnyyyyyyyyy')],
  ['Indexed Job with a success policy (JobSuccessPolicy)', indexedJob({ successPolicy: { rules: [{ succeededIndexes: '0' }] } }), v('nnnyyyyyyyy')],
  ['Indexed Job with a backoff limit per index (JobBackoffLimitPerIndex)', indexedJob({ backoffLimitPerIndex: 1 }), v('nyyyyyyyyyy')],
  ['Job replacing failed Pods only (JobPodReplacementPolicy)', { ...job('True'), spec: { ...job('True').spec, podReplacementPolicy: 'Failed' } }, v('nyyyyyyyyyy')],
  // CEL libraries a CRD's rules may call: a CRD created on 1.N compiles them with 1.N-1's environment (semantic/crd-cel.ts)
  ['CRD rule with size() only', celCrd('!has(self.name) || self.name.size() > 0'), v('yyyyyyyyyyy')],
  ['CRD rule calling isQuantity() (quantity library)', celCrd('!has(self.name) || isQuantity(self.name)'), v('nnyyyyyyyyy')],
  ['CRD rule calling sets.contains() (sets extension)', celCrd("!has(self.items) || sets.contains(['a', 'b'], self.items)"), v('nnnyyyyyyyy')],
  ['CRD rule calling isIP() (IP library)', celCrd('!has(self.name) || isIP(self.name)'), v('nnnnyyyyyyy')],
  ['CRD rule calling format.dns1123Label() (format library)', celCrd('!has(self.name) || format.dns1123Label().validate(self.name) == null'), v('nnnnnyyyyyy')],
  ['CRD rule calling transformList() (two-variable comprehensions)', celCrd('!has(self.items) || self.items.transformList(i, x, x).size() >= 0'), v('nnnnnnyyyyy')],
  ['CRD rule calling isSemver() (semver library)', celCrd('!has(self.name) || isSemver(self.name)'), v('nnnnnnnyyyy')],
  ['CRD rule calling distinct() (lists extension v3)', celCrd('!has(self.items) || self.items.distinct().size() == self.items.size()'), v('nnnnnnnnyyy')],
  ['CRD message expression calling isIP() (IP library)', celCrd('!has(self.name) || self.name.size() > 0', "isIP('1.2.3.4') ? 'not a name' : 'bad'"), v('nnnnyyyyyyy')],
  ['Job managed by another controller (JobManagedBy)', { ...job('True'), spec: { ...job('True').spec, managedBy: 'example.com/queue' } }, v('nnnyyyyyyyy')],
  // MutatingAdmissionPolicy (admissionregistration.k8s.io/v1) and its mutations' CEL
  ['MutatingAdmissionPolicy setting replicas by an apply configuration', map({ patchType: 'ApplyConfiguration', applyConfiguration: { expression: 'Object{spec: Object.spec{replicas: 1}}' } }), v('nnnnnnnnnyy')],
  ['MutatingAdmissionPolicy whose apply configuration is an undeclared name', map({ patchType: 'ApplyConfiguration', applyConfiguration: { expression: 'Sometimes' } }), v('nnnnnnnnnnn')],
  ['MutatingAdmissionPolicy whose JSON patch is a list of an undeclared name', map({ patchType: 'JSONPatch', jsonPatch: { expression: '[patch]' } }), v('nnnnnnnnnnn')],
  // device taints: DeviceTaintRule (resource.k8s.io/v1) and the None effect
  ['DeviceTaintRule tainting one device NoSchedule', taintRule({ effect: 'NoSchedule' }), v('nnnnnnnnnny')],
  ['DeviceTaintRule with the informational effect None', taintRule({ effect: 'None' }), v('nnnnnnnnnny')],
  ['DeviceTaintRule with effect Sometimes', taintRule({ effect: 'Sometimes' }), v('nnnnnnnnnnn')],
  ['DeviceTaintRule selecting a driver that is no DNS subdomain', taintRule({ effect: 'NoSchedule' }, { driver: 'Bad_Driver' }), v('nnnnnnnnnnn')],
  ['DeviceTaintRule selecting a pool of two subdomains', taintRule({ effect: 'NoSchedule' }, { pool: 'node-1/gpus' }), v('nnnnnnnnnny')],
  ['DeviceTaintRule selecting a device that is no DNS label', taintRule({ effect: 'NoSchedule' }, { device: 'gpu.0' }), v('nnnnnnnnnnn')],
  ['ResourceClaim tolerating a device taint of effect None', gpuClaim({ key: 'example.com/unhealthy', operator: 'Exists', effect: 'None' }), v('nnnnnnnnyyy')],
  ['ResourceClaim tolerating a device taint of effect NoExecute', gpuClaim({ key: 'example.com/unhealthy', operator: 'Exists', effect: 'NoExecute' }), v('nnnnnnnyyyy')],
  // a constraint's attributes: 1.37 checks distinctAttribute beside matchAttribute, and a domain in capitals
  ['ResourceClaim constraint with a valid matchAttribute and a malformed distinctAttribute', constrainedClaim({ matchAttribute: 'example.com/model', distinctAttribute: 'not an attribute' }), v('nnnnnnnyyyn')],
  ['ResourceClaim constraint matchAttribute with an upper-case domain', constrainedClaim({ matchAttribute: 'GPU.Example.com/model' }), v('nnnnnnnyyyn')],
  // 1.35 drops tolerations and distinctAttribute (1.34 kept them), 1.34 and 1.35 drop capacity requests (gated.ts)
  ['ResourceClaim tolerating a taint with a key that is no label name', gpuClaim({ key: 'bad key', operator: 'Exists' }), v('nnnnnnnnynn')],
  ['ResourceClaim with a constraint of distinctAttribute alone', { ...gpuClaim({ key: 'example.com/unhealthy', operator: 'Exists' }), spec: { devices: { requests: gpuClaim({}).spec.devices.requests, constraints: [{ requests: ['gpu'], distinctAttribute: 'example.com/uuid' }] } } }, v('nnnnnnnynyy')],
  ['ResourceClaim asking for device capacity', { ...gpuClaim({}), spec: { devices: { requests: [{ name: 'gpu', exactly: { deviceClassName: 'gpu.example.com', capacity: { requests: { memory: '1Gi' } } } }] } } }, v('nnnnnnnyyyy')],
];

/**
 * [case, paths, releases]: the releases whose API server drops the fields at `paths` of the case's
 * object (its answer to the dry-run create lacks them; test/e2e/release-gates.test.ts checks each
 * built server); podsmith says so with schema.field-dropped (test/validate/release-gates.test.ts).
 */
export const DROPPED: Array<[string, string[], string[]]> = [
  ['ResourceClaim tolerating a device taint of effect NoExecute', ['spec.devices.requests[0].exactly.tolerations'], ['1.35']],
  ['ResourceClaim asking for device capacity', ['spec.devices.requests[0].exactly.capacity'], ['1.34', '1.35']],
  ['Pod with a resource claim (DynamicResourceAllocation)', ['spec.resourceClaims', 'spec.containers[0].resources.claims'], ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33']],
  ['Pod with hostUsers false (UserNamespacesSupport)', ['spec.hostUsers'], ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32']],
  ['Pod with procMount Unmasked, hostUsers false (ProcMountType)', ['spec.hostUsers', 'spec.containers[0].securityContext.procMount'], ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32']],
  ['Pod with a resizePolicy (InPlacePodVerticalScaling)', ['spec.containers[0].resizePolicy'], ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32']],
  ['Pod with Pod-level resources (PodLevelResources)', ['spec.resources'], ['1.32', '1.33']],
  ['Pod with an env var from a file (EnvFiles)', ['spec.containers[0].env[0].valueFrom.fileKeyRef'], ['1.34']],
  ['Pod mounting an image volume (ImageVolume): 1.31-1.34 drop the volume and its mounts', ['spec.volumes[0].image'], ['1.31', '1.32', '1.33', '1.34']],
  ['Pod with a container stop signal (ContainerStopSignals)', ['spec.containers[0].lifecycle.stopSignal'], ['1.33', '1.34', '1.35', '1.36', '1.37']],
  ['Job managed by another controller (JobManagedBy)', ['spec.managedBy'], ['1.30', '1.31']],
  ['sidecar with a readiness probe (SidecarContainers)', ['spec.initContainers[0].restartPolicy'], ['1.28']],
  ['preStop hook that only sleeps (PodLifecycleSleepAction)', ['spec.containers[0].lifecycle.preStop.sleep'], ['1.29']],
  ['Pod affinity with matchLabelKeys (MatchLabelKeysInPodAffinity)', ['spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys'], ['1.29', '1.30']],
  ['read-only mount, recursively if possible (RecursiveReadOnlyMounts)', ['spec.containers[0].volumeMounts[0].recursiveReadOnly'], ['1.30']],
  ['Pod with seLinuxChangePolicy (SELinuxChangePolicy)', ['spec.securityContext.seLinuxChangePolicy'], ['1.32']],
  ['Pod with supplementalGroupsPolicy Strict (SupplementalGroupsPolicy)', ['spec.securityContext.supplementalGroupsPolicy'], ['1.31', '1.32']],
  ['Service with trafficDistribution (ServiceTrafficDistribution)', ['spec.trafficDistribution'], ['1.30']],
  ['PVC with a volume attributes class (VolumeAttributesClass)', ['spec.volumeAttributesClassName'], ['1.29', '1.30', '1.31', '1.32', '1.33']],
  ['Indexed Job with a success policy (JobSuccessPolicy)', ['spec.successPolicy'], ['1.30']],
  ['Indexed Job with a backoff limit per index (JobBackoffLimitPerIndex)', ['spec.backoffLimitPerIndex'], ['1.28']],
  ['Job replacing failed Pods only (JobPodReplacementPolicy)', ['spec.podReplacementPolicy'], ['1.28']],
];
