/**
 * Generated cases for the differential test: valid Pods and Pod-template holders drawn from
 * the handbook's features, and mutations that break exactly one rule the API server enforces.
 * The API server (server-side dry-run, strict field validation) is the ground truth.
 */
import fc from 'fast-check';
import { writeYaml, YamlStyle, yamlStyle } from './yaml-style';

export type Kind = 'Pod' | 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'Service' | 'PodDisruptionBudget' | 'PriorityClass';

export interface Case {
  kind: Kind;
  /** undefined for a valid case; else the one rule the mutation breaks. */
  mutation?: string;
  object: any;
  /** How the object is written; the API server and podsmith both read `text`. */
  style: YamlStyle;
  /** The YAML text both sides read. */
  text: string;
}

const HEX = '0123456789abcdef';
const DIGEST = `sha256:${HEX.repeat(4)}`;

const image = fc.constantFrom('busybox:1.35.0', 'registry.example.com:5000/team/app:1.2.3', `app@${DIGEST}`, 'nginx:1.27.0-alpine');
// 1.34 accepts any printable name without '=' (RelaxedEnvironmentVariableValidation)
const envName = fc.constantFrom('MODE', 'LOG_LEVEL', 'APP_PORT', 'FEATURE_X', 'TZ', 'my.setting', 'app-mode', '1ST');
// env values are strings; written plain, YAML 1.1 reads some as booleans, numbers, null or dates
const envValue = fc.constantFrom('x', 'x', 'x', 'yes', 'on', 'off', 'no', 'y', 'true', '0644', '1.5', '0x1F', 'null', '~', '12:30', '2024-01-01', '1e3', '');

const millis = fc.integer({ min: 10, max: 4000 });
const mebis = fc.integer({ min: 8, max: 4096 });

/** requests ≤ limits, for cpu and memory, in the forms people write. */
/** The forms people write quantities in: millis, decimal cores, exponents; Mi, bytes, M, Gi fractions, exponents. */
const cpuForm = fc.constantFrom('m', 'cores', 'exp');
const memForm = fc.constantFrom('Mi', 'bytes', 'M', 'Gi', 'exp', 'Ki');
const cpuText = (m: number, form: string) => (form === 'm' ? `${m}m` : form === 'cores' ? `${m / 1000}` : `${m}e-3`);
const memText = (mi: number, form: string) => {
  switch (form) {
    case 'bytes': return `${mi * 1048576}`;
    case 'M': return `${mi}M`;
    case 'Gi': return `${mi / 1024}Gi`;
    case 'exp': return `${mi}e6`;
    case 'Ki': return `${mi * 1024}Ki`;
    default: return `${mi}Mi`;
  }
};

/** requests ≤ limits (compared in bytes and millicores), for cpu and memory, ephemeral storage sometimes. */
const resources = fc.tuple(millis, millis, mebis, mebis, cpuForm, memForm, fc.boolean()).map(([a, b, c, d, cf, mf, eph]) => {
  const [cr, cl] = a <= b ? [a, b] : [b, a];
  const [mr, ml] = c <= d ? [c, d] : [d, c];
  // 'M' and 'e6' are decimal: keep the order by using the same form on both sides
  return {
    requests: { cpu: cpuText(cr, cf), memory: memText(mr, mf), ...(eph ? { 'ephemeral-storage': '1Gi' } : {}) },
    limits: { cpu: cpuText(cl, cf), memory: memText(ml, mf), ...(eph ? { 'ephemeral-storage': '2Gi' } : {}) },
  };
});

const timing = fc.record({
  initialDelaySeconds: fc.integer({ min: 0, max: 30 }),
  periodSeconds: fc.integer({ min: 1, max: 30 }),
  timeoutSeconds: fc.integer({ min: 1, max: 10 }),
  failureThreshold: fc.integer({ min: 1, max: 10 }),
});

function probe(port: number, portName: string | undefined) {
  return fc.tuple(fc.constantFrom('httpGet', 'tcpSocket', 'exec', 'grpc'), timing, fc.boolean()).map(([kind, t, useName]) => {
    const p: any = portName && useName ? portName : port;
    const handler = kind === 'httpGet' ? { httpGet: { path: '/healthz', port: p, ...(useName ? { scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '1' }] } : {}) } }
      : kind === 'tcpSocket' ? { tcpSocket: { port: p } } : kind === 'grpc' ? { grpc: { port, ...(useName ? { service: 'health' } : {}) } } : { exec: { command: ['cat', '/tmp/healthy'] } };
    return { ...handler, ...t, successThreshold: 1 };
  });
}

const capability = fc.constantFrom('NET_BIND_SERVICE', 'CHOWN', 'KILL', 'NET_ADMIN');

/** One container; `init` ones run to completion (no probes). */
function container(name: string, init: boolean, volumes: string[]) {
  return fc.record({
    image,
    port: fc.integer({ min: 1024, max: 65535 }),
    portName: fc.option(fc.constantFrom('http', 'metrics', 'grpc-api'), { nil: undefined }),
    resources,
    pullPolicy: fc.option(fc.constantFrom('Always', 'IfNotPresent', 'Never'), { nil: undefined }),
    env: fc.uniqueArray(envName, { maxLength: 3 }),
    envValues: fc.array(envValue, { minLength: 3, maxLength: 3 }),
    runAsUser: fc.integer({ min: 1, max: 65534 }),
    caps: fc.uniqueArray(capability, { maxLength: 2 }),
    mountCount: fc.integer({ min: 0, max: volumes.length }),
    workingDir: fc.option(fc.constantFrom('/srv', '/app'), { nil: undefined }),
  }).chain((c) => (init ? fc.constant({ c, probes: {} as any }) : fc.record({
    readinessProbe: fc.option(probe(c.port, c.portName), { nil: undefined }),
    livenessProbe: fc.option(probe(c.port, c.portName), { nil: undefined }),
  }).map((probes) => ({ c, probes })))).map(({ c, probes }) => ({
    name,
    image: c.image,
    ...(c.pullPolicy ? { imagePullPolicy: c.pullPolicy } : {}),
    ...(c.workingDir ? { workingDir: c.workingDir } : {}),
    command: ['sh', '-c', 'exec sleep 3600'],
    ...(c.env.length ? { env: c.env.map((n, i) => ({ name: n, value: c.envValues[i] })) } : {}),
    ...(init ? {} : { ports: [{ containerPort: c.port, ...(c.portName ? { name: c.portName } : {}), protocol: 'TCP' }] }),
    resources: c.resources,
    ...Object.fromEntries(Object.entries(probes).filter(([, v]) => v !== undefined)),
    securityContext: {
      runAsNonRoot: true, runAsUser: c.runAsUser, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'], ...(c.caps.length ? { add: c.caps } : {}) },
    },
    ...(c.mountCount ? { volumeMounts: volumes.slice(0, c.mountCount).map((v) => ({ name: v, mountPath: `/mnt/${v}` })) } : {}),
  }));
}

const SAFE_SYSCTLS: [string, string][] = [
  ['net.ipv4.ip_local_port_range', '20000 40000'], ['kernel.shm_rmid_forced', '1'], ['net/ipv4/tcp_syncookies', '1'], ['net.ipv4.ping_group_range', '0 2147483647'],
  ['kernel.msgmax', '65536'],
];

/** A volume by name: config is a ConfigMap and data a Secret (with file modes), the others emptyDirs. */
function volumeOf(name: string, modes: number[]): any {
  if (name === 'config') return { name, configMap: { name: 'app-config', defaultMode: modes[0], items: [{ key: 'app.yaml', path: 'app.yaml', mode: modes[1] }] } };
  if (name === 'data') return { name, secret: { secretName: 'app-secret', defaultMode: modes[1] } };
  return { name, emptyDir: {} };
}

/** A valid Pod spec. */
export function podSpec(restartPolicies: string[]) {
  return fc.record({
    volumes: fc.uniqueArray(fc.constantFrom('data', 'cache', 'config', 'tmp'), { maxLength: 3 }),
    modes: fc.array(fc.constantFrom(0o644, 0o755, 0o400, 0o600, 0o777, 0o440), { minLength: 2, maxLength: 2 }),
    appNames: fc.uniqueArray(fc.constantFrom('app', 'sidecar', 'web'), { minLength: 1, maxLength: 2 }),
    withInit: fc.boolean(),
    restartPolicy: fc.constantFrom(...restartPolicies),
    grace: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    // a preStop sleep (H3), within the grace period: 0..grace is accepted in 1.34
    preStopSleep: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    dns: fc.constantFrom('ClusterFirst', 'Default', 'None', undefined),
    hostAliases: fc.option(fc.constantFrom([{ ip: '192.0.2.10', hostnames: ['legacy.example.internal'] }], [{ ip: '2001:db8::10', hostnames: ['v6.example.internal', 'alias'] }]), { nil: undefined }),
    labels: fc.option(fc.constantFrom({ 'example.com/tier': 'web' }, { tier: 'a.b-c_d' }, { 'app.kubernetes.io/part-of': '' }), { nil: undefined }),
    spread: fc.boolean(),
    sysctls: fc.subarray(SAFE_SYSCTLS),
    tolerations: fc.option(fc.constant([{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }, { operator: 'Exists' }]), { nil: undefined }),
    nodeSelector: fc.option(fc.constant({ disktype: 'ssd' }), { nil: undefined }),
    shareProcessNamespace: fc.option(fc.boolean(), { nil: undefined }),
    antiAffinity: fc.boolean(),
  }).chain((p) => fc.record({
    p: fc.constant(p),
    containers: fc.tuple(...p.appNames.map((n) => container(n, false, p.volumes))),
    init: p.withInit ? fc.tuple(container('init', true, p.volumes)) : fc.constant([]),
  })).map(({ p, containers, init }) => {
    // port names must be unique per container only, but keep numbers distinct Pod-wide
    containers.forEach((c: any, i: number) => { c.ports[0].containerPort = 10000 + i * 1000 + (c.ports[0].containerPort % 1000); });
    containers.forEach((c: any) => {
      for (const pr of ['readinessProbe', 'livenessProbe']) {
        const h = c[pr]?.httpGet ?? c[pr]?.tcpSocket;
        if (h && typeof h.port === 'number') h.port = c.ports[0].containerPort;
      }
    });
    if (p.preStopSleep !== undefined) (containers[0] as any).lifecycle = { preStop: { sleep: { seconds: Math.min(p.preStopSleep, p.grace ?? 30) } } };
    return {
      ...(init.length ? { initContainers: init } : {}),
      containers,
      restartPolicy: p.restartPolicy,
      ...(p.grace !== undefined ? { terminationGracePeriodSeconds: p.grace } : {}),
      ...(p.dns ? { dnsPolicy: p.dns } : {}),
      ...(p.dns === 'None' ? { dnsConfig: { nameservers: ['192.0.2.53'], searches: ['svc.example'] } } : {}),
      ...(p.hostAliases ? { hostAliases: p.hostAliases } : {}),
      ...(p.sysctls.length ? { securityContext: { sysctls: p.sysctls.map(([name, value]) => ({ name, value })) } } : {}),
      ...(p.tolerations ? { tolerations: p.tolerations } : {}),
      ...(p.nodeSelector ? { nodeSelector: p.nodeSelector } : {}),
      ...(p.shareProcessNamespace !== undefined ? { shareProcessNamespace: p.shareProcessNamespace } : {}),
      ...(p.antiAffinity ? {
        affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' } }] } },
      } : {}),
      ...(p.volumes.length ? { volumes: p.volumes.map((v) => volumeOf(v, p.modes)) } : {}),
      ...(p.spread ? { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'x' } } }] } : {}),
      automountServiceAccountToken: false,
      ...(p.labels ? { __labels: p.labels } : {}),
    };
  });
}

/** Wraps a Pod spec into an object of the kind. */
export function holder(kind: Kind, name: string, specIn: any): any {
  const { __labels, ...spec } = specIn;
  const labels = { 'app.kubernetes.io/name': name, ...(__labels ?? {}) };
  const template = { metadata: { labels }, spec };
  switch (kind) {
    case 'Pod': return { apiVersion: 'v1', kind, metadata: { name, labels }, spec };
    case 'Deployment':
    case 'ReplicaSet': return { apiVersion: 'apps/v1', kind, metadata: { name }, spec: { replicas: 2, selector: { matchLabels: labels }, template } };
    case 'StatefulSet': return { apiVersion: 'apps/v1', kind, metadata: { name }, spec: { replicas: 2, serviceName: name, selector: { matchLabels: labels }, template } };
    case 'DaemonSet': return { apiVersion: 'apps/v1', kind, metadata: { name }, spec: { selector: { matchLabels: labels }, template } };
    case 'Job': return { apiVersion: 'batch/v1', kind, metadata: { name }, spec: { backoffLimit: 3, template } };
    case 'CronJob': return { apiVersion: 'batch/v1', kind, metadata: { name }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } } };
  }
}

/** The Pod spec inside an object. */
export function specOf(o: any): any {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template.spec;
  return o.spec.template.spec;
}

const BATCH = new Set<Kind>(['Job', 'CronJob']);

/** Mutations that each break one rule the API server enforces. `applies` says when it can be applied. */
export const MUTATIONS: Record<string, { applies?: (o: any) => boolean; apply: (o: any) => void }> = {
  'request-above-limit': { apply: (o) => { const r = specOf(o).containers[0].resources; r.requests.cpu = '8'; r.limits.cpu = '500m'; } },
  'probe-two-handlers': { applies: (o) => !!specOf(o).containers[0].readinessProbe, apply: (o) => { const p = specOf(o).containers[0].readinessProbe; p.exec = { command: ['true'] }; p.tcpSocket = { port: 1 }; } },
  'probe-no-handler': { apply: (o) => { specOf(o).containers[0].readinessProbe = { periodSeconds: 5 }; } },
  'liveness-success-threshold': { apply: (o) => { specOf(o).containers[0].livenessProbe = { exec: { command: ['true'] }, successThreshold: 2 }; } },
  'probe-period-zero': { apply: (o) => { specOf(o).containers[0].readinessProbe = { exec: { command: ['true'] }, periodSeconds: -1 }; } },
  'init-container-probe': { applies: (o) => !!specOf(o).initContainers, apply: (o) => { specOf(o).initContainers[0].readinessProbe = { exec: { command: ['true'] } }; } },
  'init-container-lifecycle': { applies: (o) => !!specOf(o).initContainers, apply: (o) => { specOf(o).initContainers[0].lifecycle = { preStop: { exec: { command: ['true'] } } }; } },
  'duplicate-container-name': { apply: (o) => { const s = specOf(o); s.containers.push({ ...s.containers[0], ports: undefined }); } },
  'duplicate-volume-name': { applies: (o) => !!specOf(o).volumes, apply: (o) => { const s = specOf(o); s.volumes.push({ ...s.volumes[0] }); } },
  'mount-unknown-volume': { apply: (o) => { const c = specOf(o).containers[0]; c.volumeMounts = [...(c.volumeMounts ?? []), { name: 'nowhere', mountPath: '/nowhere' }]; } },
  'mount-duplicate-path': { applies: (o) => (specOf(o).volumes?.length ?? 0) >= 2, apply: (o) => { const s = specOf(o); s.containers[0].volumeMounts = [{ name: s.volumes[0].name, mountPath: '/same' }, { name: s.volumes[1].name, mountPath: '/same' }]; } },
  'dns-none-without-config': { apply: (o) => { const s = specOf(o); s.dnsPolicy = 'None'; delete s.dnsConfig; } },
  'dns-too-many-nameservers': { apply: (o) => { const s = specOf(o); s.dnsConfig = { nameservers: ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'] }; } },
  'sysctl-bad-name': { apply: (o) => { const s = specOf(o); s.securityContext = { ...(s.securityContext ?? {}), sysctls: [{ name: 'Net..ipv4', value: '1' }] }; } },
  'sysctl-duplicate': { apply: (o) => { const s = specOf(o); s.securityContext = { ...(s.securityContext ?? {}), sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'net.ipv4.tcp_syncookies', value: '0' }] }; } },
  'share-pid-with-host-pid': { apply: (o) => { const s = specOf(o); s.shareProcessNamespace = true; s.hostPID = true; } },
  'toleration-exists-with-value': { apply: (o) => { specOf(o).tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]; } },
  'toleration-seconds-without-noexecute': { apply: (o) => { specOf(o).tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]; } },
  'host-alias-bad-ip': { apply: (o) => { specOf(o).hostAliases = [{ ip: '300.1.2.3', hostnames: ['x'] }]; } },
  'port-out-of-range': { apply: (o) => { specOf(o).containers[0].ports = [{ containerPort: 70000, protocol: 'TCP' }]; } },
  'port-duplicate-name': { apply: (o) => { specOf(o).containers[0].ports = [{ containerPort: 8080, name: 'http', protocol: 'TCP' }, { containerPort: 8081, name: 'http', protocol: 'TCP' }]; } },
  'container-bad-name': { apply: (o) => { specOf(o).containers[0].name = 'Web_Server'; } },
  'template-label-bad-value': { applies: (o) => o.kind !== 'Pod', apply: (o) => { const t = o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template; t.metadata.labels.tier = 'not a valid value!'; } },
  'unknown-field': { apply: (o) => { const c = specOf(o).containers[0]; c.livenessprobe = c.livenessProbe ?? { exec: { command: ['true'] } }; delete c.livenessProbe; } },
  'enum-pull-policy': { apply: (o) => { specOf(o).containers[0].imagePullPolicy = 'Sometimes'; } },
  'quantity-malformed': { apply: (o) => { specOf(o).containers[0].resources.limits.memory = '1.5.5Gi'; } },
  'restart-policy-wrong-for-kind': { applies: (o) => o.kind !== 'Pod', apply: (o) => { specOf(o).restartPolicy = BATCH.has(o.kind) ? 'Always' : 'Never'; } },
  'grace-period-negative': { apply: (o) => { specOf(o).terminationGracePeriodSeconds = -5; } },
  // a sleep hook may not outlast the grace period (found by test/e2e/constructs-apiserver.test.ts)
  'sleep-beyond-grace': { apply: (o) => { const s = specOf(o); s.containers[0].lifecycle = { preStop: { sleep: { seconds: (s.terminationGracePeriodSeconds ?? 30) + 1 } } }; } },
  'node-selector-bad-key': { apply: (o) => { specOf(o).nodeSelector = { 'Bad Key': 'x' }; } },
  'node-selector-bad-value': { apply: (o) => { specOf(o).nodeSelector = { disktype: 'not valid!' }; } },
  // templates only: for a bare Pod, admission answers 403 (class or account not found) before validation
  'priority-class-name-invalid': { applies: (o) => o.kind !== 'Pod', apply: (o) => { specOf(o).priorityClassName = 'High'; } },
  'service-account-name-invalid': { applies: (o) => o.kind !== 'Pod', apply: (o) => { specOf(o).serviceAccountName = 'App_SA'; } },
  'env-config-key-invalid': { apply: (o) => { specOf(o).containers[0].env = [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'bad key!' } } }]; } },
  'env-divisor-invalid': { apply: (o) => { specOf(o).containers[0].env = [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '2' } } }]; } },
  'env-field-not-for-env': { apply: (o) => { specOf(o).containers[0].env = [{ name: 'L', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }]; } },
  'fs-group-negative': { apply: (o) => { const s = specOf(o); s.securityContext = { ...(s.securityContext ?? {}), fsGroup: -1 }; } },
  'supplemental-group-negative': { apply: (o) => { const s = specOf(o); s.securityContext = { ...(s.securityContext ?? {}), supplementalGroups: [1000, -1] }; } },
  'run-as-group-too-large': { apply: (o) => { const c = specOf(o).containers[0]; c.securityContext = { ...(c.securityContext ?? {}), runAsGroup: 2147483648 }; } },
  'host-port-duplicate': { apply: (o) => { specOf(o).containers[0].ports = [{ containerPort: 8080, hostPort: 9000, protocol: 'TCP' }, { containerPort: 8081, hostPort: 9000, protocol: 'TCP' }]; } },
  'sleep-negative': { apply: (o) => { specOf(o).containers[0].lifecycle = { postStart: { sleep: { seconds: -1 } } }; } },
  'hugepages-request-ne-limit': { apply: (o) => { const r = specOf(o).containers[0].resources; r.requests['hugepages-2Mi'] = '2Mi'; r.limits['hugepages-2Mi'] = '4Mi'; } },
  'metadata-bad-name': { apply: (o) => { o.metadata.name = 'Bad_Name'; } },
  'selector-mismatch': { applies: (o) => ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(o.kind), apply: (o) => { o.spec.selector.matchLabels = { 'app.kubernetes.io/name': 'other' }; } },
  'app-container-restart-policy': { apply: (o) => { specOf(o).containers[0].restartPolicy = 'Always'; } },
  'host-network-port-mismatch': { apply: (o) => { const s = specOf(o); s.hostNetwork = true; s.containers[0].ports = [{ containerPort: 8080, hostPort: 9090, protocol: 'TCP' }]; } },
  'env-missing-name': { apply: (o) => { specOf(o).containers[0].env = [{ value: 'x' }]; } },
  'capability-not-string': { apply: (o) => { specOf(o).containers[0].securityContext.capabilities.add = [42]; } },
  'negative-replicas': { applies: (o) => ['Deployment', 'ReplicaSet', 'StatefulSet'].includes(o.kind), apply: (o) => { o.spec.replicas = -1; } },
  'cronjob-bad-schedule': { applies: (o) => o.kind === 'CronJob', apply: (o) => { o.spec.schedule = 'every minute'; } },
  'job-negative-backoff': { applies: (o) => o.kind === 'Job', apply: (o) => { o.spec.backoffLimit = -1; } },
  'volume-two-sources': { applies: (o) => !!specOf(o).volumes, apply: (o) => { specOf(o).volumes[0].hostPath = { path: '/tmp' }; } },
  'label-key-bad-prefix': { apply: (o) => { o.metadata.labels = { ...(o.metadata.labels ?? {}), 'Example_com/tier': 'web' }; } },
  'annotation-key-bad': { apply: (o) => { o.metadata.annotations = { 'bad key!': 'x' }; } },
  'quantity-negative': { apply: (o) => { specOf(o).containers[0].resources.requests.memory = '-1Mi'; } },
  'ephemeral-request-above-limit': { apply: (o) => { const r = specOf(o).containers[0].resources; r.requests['ephemeral-storage'] = '4Gi'; r.limits['ephemeral-storage'] = '1Gi'; } },
  'port-name-too-long': { apply: (o) => { specOf(o).containers[0].ports = [{ containerPort: 8080, name: 'averyveryverylongname', protocol: 'TCP' }]; } },
  'port-protocol-bad': { apply: (o) => { specOf(o).containers[0].ports = [{ containerPort: 8080, protocol: 'ICMP' }]; } },
  'env-name-with-equals': { apply: (o) => { specOf(o).containers[0].env = [{ name: 'A=B', value: 'x' }]; } },
  'volume-name-bad': { applies: (o) => !!specOf(o).volumes, apply: (o) => { const s = specOf(o); const old = s.volumes[0].name; s.volumes[0].name = 'Data_1'; for (const c of [...s.containers, ...(s.initContainers ?? [])]) for (const m of c.volumeMounts ?? []) if (m.name === old) m.name = 'Data_1'; } },
  'init-container-restart-policy-never': { applies: (o) => !!specOf(o).initContainers, apply: (o) => { specOf(o).initContainers[0].restartPolicy = 'Never'; } },
  'dns-too-many-searches': { apply: (o) => { const s = specOf(o); s.dnsConfig = { ...(s.dnsConfig ?? {}), searches: Array.from({ length: 33 }, (_, i) => `s${i}.example`) }; } },
  'cronjob-bad-timezone': { applies: (o) => o.kind === 'CronJob', apply: (o) => { o.spec.timeZone = 'Mars/Olympus_Mons'; } },
  'deployment-bad-max-unavailable': { applies: (o) => o.kind === 'Deployment', apply: (o) => { o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '120%' } }; } },
  'statefulset-bad-pod-management': { applies: (o) => o.kind === 'StatefulSet', apply: (o) => { o.spec.podManagementPolicy = 'Sometimes'; } },
  'termination-message-policy-bad': { apply: (o) => { specOf(o).containers[0].terminationMessagePolicy = 'Always'; } },
  'run-as-user-negative': { apply: (o) => { specOf(o).containers[0].securityContext.runAsUser = -1; } },
  'capability-with-cap-prefix': { apply: (o) => { specOf(o).containers[0].securityContext.capabilities.add = ['CAP_NET_ADMIN']; } },
  'seccomp-localhost-without-profile': { apply: (o) => { specOf(o).containers[0].securityContext.seccompProfile = { type: 'Localhost' }; } },
  'affinity-weight-zero': { apply: (o) => { specOf(o).affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { labelSelector: { matchLabels: { a: 'b' } }, topologyKey: 'kubernetes.io/hostname' } }] } }; } },
  'spread-max-skew-zero': { apply: (o) => { specOf(o).topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { a: 'b' } } }]; } },
  'hugepages-without-cpu-or-memory': { apply: (o) => { specOf(o).containers[0].resources = { requests: { 'hugepages-2Mi': '2Mi' }, limits: { 'hugepages-2Mi': '2Mi' } }; } },
  'pod-active-deadline-zero': { apply: (o) => { specOf(o).activeDeadlineSeconds = 0; } },
  'probe-grpc-port-zero': { apply: (o) => { specOf(o).containers[0].livenessProbe = { grpc: { port: 0 } }; } },
  'mount-path-empty': { applies: (o) => !!specOf(o).volumes, apply: (o) => { const s = specOf(o); s.containers[0].volumeMounts = [{ name: s.volumes[0].name, mountPath: '' }]; } },
  'host-alias-no-ip': { apply: (o) => { specOf(o).hostAliases = [{ hostnames: ['x'] }]; } },
  // verdicts that changed between releases (test/support/release-cases.ts): 1.34 drops container
  // restartPolicy(Rules) and StatefulSet maxUnavailable, 1.35 checks restart rules, 1.36 adds the
  // RestartAllContainers action, 1.37 checks maxUnavailable
  'container-restart-policy-unknown': { apply: (o) => { specOf(o).containers[0].restartPolicy = 'Sometimes'; } },
  'restart-rules-without-policy': { apply: (o) => { const c = specOf(o).containers[0]; delete c.restartPolicy; c.restartPolicyRules = [{ action: 'Restart', exitCodes: { operator: 'In', values: [1] } }]; } },
  'restart-rule-restart-all': { apply: (o) => { const c = specOf(o).containers[0]; c.restartPolicy = 'Never'; c.restartPolicyRules = [{ action: 'RestartAllContainers', exitCodes: { operator: 'NotIn', values: [0] } }]; } },
  'statefulset-max-unavailable-zero': { applies: (o) => o.kind === 'StatefulSet', apply: (o) => { o.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }; } },
  // an empty string where the API server's defaulting fills in a value (accepted), and in a pointer enum (refused)
  'defaulted-fields-empty': { apply: (o) => { const s = specOf(o); s.dnsPolicy = ''; const c = s.containers[0]; c.imagePullPolicy = ''; c.terminationMessagePolicy = ''; for (const p of c.ports ?? []) p.protocol = ''; } },
  'fs-group-change-policy-empty': { apply: (o) => { const s = specOf(o); s.securityContext = { ...(s.securityContext ?? {}), fsGroupChangePolicy: '' }; } },
  'mount-propagation-bidirectional': { applies: (o) => !!specOf(o).volumes, apply: (o) => { const s = specOf(o); const c = s.containers[0]; c.volumeMounts = [{ name: s.volumes[0].name, mountPath: '/shared', mountPropagation: 'Bidirectional' }]; if (c.securityContext) delete c.securityContext.privileged; } },
  'sysctl-net-with-host-network': { apply: (o) => { const s = specOf(o); s.hostNetwork = true; s.containers.forEach((c: any) => { delete c.ports; for (const p of ['readinessProbe', 'livenessProbe']) if (c[p] && !c[p].exec) delete c[p]; }); s.securityContext = { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] }; } },
};

const KINDS: Kind[] = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

// ---- Services, PodDisruptionBudgets and PriorityClasses ----------------------------------

const selectorLabels = fc.constantFrom({ app: 'x' }, { 'app.kubernetes.io/name': 'web' }, { tier: 'a.b-c_d', 'example.com/team': 'a' });

const service = fc.record({
  headless: fc.boolean(),
  ports: fc.uniqueArray(fc.record({
    port: fc.integer({ min: 1, max: 65535 }),
    name: fc.constantFrom('http', 'metrics', 'grpc', 'dns', 'tcp-8080'),
    protocol: fc.constantFrom('TCP', 'UDP'),
    target: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom('http', 'metrics')),
  }), { minLength: 1, maxLength: 3, selector: (p) => p.name }),
  selector: selectorLabels,
}).map((v) => {
  // (port, protocol) must be unique too
  const seen = new Set<string>();
  const ports = v.ports.filter((p) => !seen.has(`${p.port}/${p.protocol}`) && seen.add(`${p.port}/${p.protocol}`))
    .map((p) => ({ name: p.name, port: p.port, protocol: p.protocol, targetPort: p.target }));
  return { ...(v.headless ? { clusterIP: 'None' } : {}), selector: v.selector, ports };
});

const pdb = fc.record({
  budget: fc.oneof(
    fc.integer({ min: 0, max: 10 }).map((n) => ({ minAvailable: n })),
    fc.integer({ min: 0, max: 100 }).map((n) => ({ maxUnavailable: `${n}%` })),
    fc.integer({ min: 0, max: 10 }).map((n) => ({ maxUnavailable: n })),
    fc.integer({ min: 0, max: 100 }).map((n) => ({ minAvailable: `${n}%` })),
  ),
  selector: selectorLabels,
}).map((v) => ({ ...v.budget, selector: { matchLabels: v.selector } }));

const priorityClass = fc.record({
  value: fc.integer({ min: -2147483648, max: 1000000000 }),
  preemptionPolicy: fc.constantFrom(undefined, 'PreemptLowerPriority', 'Never'),
  description: fc.constantFrom(undefined, 'user-facing'),
});

function other(kind: 'Service' | 'PodDisruptionBudget' | 'PriorityClass', name: string, body: any): any {
  if (kind === 'Service') return { apiVersion: 'v1', kind, metadata: { name }, spec: body };
  if (kind === 'PodDisruptionBudget') return { apiVersion: 'policy/v1', kind, metadata: { name }, spec: body };
  const { preemptionPolicy, description, value } = body;
  return { apiVersion: 'scheduling.k8s.io/v1', kind, metadata: { name }, value, globalDefault: false,
    ...(preemptionPolicy ? { preemptionPolicy } : {}), ...(description ? { description } : {}) };
}

/** One-rule mutations of Services, PDBs and PriorityClasses (the kind is in the name). */
export const OTHER_MUTATIONS: Record<string, { kind: 'Service' | 'PodDisruptionBudget' | 'PriorityClass'; apply: (o: any) => void }> = {
  'service-port-zero': { kind: 'Service', apply: (o) => { o.spec.ports[0].port = 0; } },
  'service-duplicate-port-name': { kind: 'Service', apply: (o) => { o.spec.ports = [{ name: 'http', port: 80 }, { name: 'http', port: 81 }]; } },
  'service-multi-port-unnamed': { kind: 'Service', apply: (o) => { o.spec.ports = [{ name: 'http', port: 80 }, { port: 81 }]; } },
  'service-duplicate-port': { kind: 'Service', apply: (o) => { o.spec.ports = [{ name: 'a', port: 80, protocol: 'TCP' }, { name: 'b', port: 80, protocol: 'TCP' }]; } },
  'service-selector-bad-key': { kind: 'Service', apply: (o) => { o.spec.selector = { 'Bad Key': 'x' }; } },
  'service-target-port-name-invalid': { kind: 'Service', apply: (o) => { o.spec.ports[0].targetPort = 'Bad_Name'; } },
  'service-port-name-invalid': { kind: 'Service', apply: (o) => { o.spec.ports[0].name = 'HTTP'; } },
  'service-protocol-bogus': { kind: 'Service', apply: (o) => { o.spec.ports[0].protocol = 'ICMP'; } },
  // a DNS-1123 label, no DNS-1035 one: accepted from 1.36 (RelaxedServiceNameValidation)
  'service-name-leading-digit': { kind: 'Service', apply: (o) => { o.metadata.name = `1${o.metadata.name}`; } },
  'pdb-min-and-max': { kind: 'PodDisruptionBudget', apply: (o) => { o.spec.minAvailable = 1; o.spec.maxUnavailable = 1; } },
  'pdb-percent-over-100': { kind: 'PodDisruptionBudget', apply: (o) => { delete o.spec.minAvailable; o.spec.maxUnavailable = '150%'; } },
  'pdb-negative': { kind: 'PodDisruptionBudget', apply: (o) => { delete o.spec.maxUnavailable; o.spec.minAvailable = -1; } },
  'pdb-selector-operator-bogus': { kind: 'PodDisruptionBudget', apply: (o) => { o.spec.selector = { matchExpressions: [{ key: 'app', operator: 'Bogus', values: ['x'] }] }; } },
  'pdb-selector-bad-value': { kind: 'PodDisruptionBudget', apply: (o) => { o.spec.selector = { matchLabels: { app: 'not valid!' } }; } },
  'service-type-empty': { kind: 'Service', apply: (o) => { o.spec.type = ''; for (const p of o.spec.ports) p.protocol = ''; } },
  'service-ip-family-policy-bogus': { kind: 'Service', apply: (o) => { o.spec.ipFamilyPolicy = 'DualStackPlease'; } },
  'priority-class-value-too-high': { kind: 'PriorityClass', apply: (o) => { o.value = 1000000001; } },
  'priority-class-system-prefix': { kind: 'PriorityClass', apply: (o) => { o.metadata.name = `system-${o.metadata.name}`; } },
  'priority-class-preemption-bogus': { kind: 'PriorityClass', apply: (o) => { o.preemptionPolicy = 'Sometimes'; } },
};

/** One case: a valid object (about a third of the time) or a mutation of one. */
export function caseArbitrary(mutations?: string[]): fc.Arbitrary<Case> {
  return fc.tuple(objectCase(mutations), yamlStyle).map(([c, style]) => ({ ...c, style, text: writeYaml(c.object, style) }));
}

type ObjectCase = Omit<Case, 'style' | 'text'>;

function objectCase(mutations?: string[]): fc.Arbitrary<ObjectCase> {
  const podMutations = (mutations ?? Object.keys(MUTATIONS)).filter((m) => m in MUTATIONS);
  const otherMutations = (mutations ?? Object.keys(OTHER_MUTATIONS)).filter((m) => m in OTHER_MUTATIONS);
  const branches: Array<{ arbitrary: fc.Arbitrary<ObjectCase>; weight: number }> = [];
  if (!mutations || podMutations.length) branches.push({ arbitrary: holderCase(podMutations), weight: 8 });
  if (!mutations || otherMutations.length) branches.push({ arbitrary: otherCase(otherMutations), weight: 2 });
  return fc.oneof(...branches);
}

function holderCase(mutations: string[]): fc.Arbitrary<ObjectCase> {
  return fc.constantFrom(...KINDS).chain((kind) => fc.record({
    kind: fc.constant(kind),
    spec: podSpec(kind === 'Pod' ? ['Always', 'OnFailure', 'Never'] : BATCH.has(kind) ? ['OnFailure', 'Never'] : ['Always']),
    mutation: mutations.length ? fc.option(fc.constantFrom(...mutations), { nil: undefined, freq: 2 }) : fc.constant(undefined),
    n: fc.integer({ min: 0, max: 99999 }),
  })).map(({ kind, spec, mutation, n }) => {
    const object = holder(kind, `case-${n}`, spec);
    if (mutation && (MUTATIONS[mutation].applies?.(object) ?? true)) {
      MUTATIONS[mutation].apply(object);
      return { kind, mutation, object };
    }
    return { kind, object };
  });
}

function otherCase(mutations: string[]): fc.Arbitrary<ObjectCase> {
  const kinds = ['Service', 'PodDisruptionBudget', 'PriorityClass'] as const;
  return fc.constantFrom(...kinds).chain((kind) => fc.record({
    kind: fc.constant(kind),
    body: kind === 'Service' ? service : kind === 'PodDisruptionBudget' ? pdb : priorityClass,
    mutation: fc.option(fc.constantFrom(undefined, ...mutations.filter((m) => OTHER_MUTATIONS[m].kind === kind)), { nil: undefined, freq: 2 }),
    n: fc.integer({ min: 0, max: 99999 }),
  })).map(({ kind, body, mutation, n }) => {
    const object = other(kind, `case-${n}`, JSON.parse(JSON.stringify(body)));
    if (mutation) {
      OTHER_MUTATIONS[mutation].apply(object);
      return { kind, mutation, object };
    }
    return { kind, object };
  });
}
