/**
 * Workload props drawn from valid and invalid values alike (names, images, ports, probes, hooks,
 * env, resources, security, volumes, mounts, DNS, scheduling, hostAliases, sysctls, bandwidth,
 * schedules): each field is valid most of the time, so that a fair share of cases build and
 * the rest are refused. Shared by test/unit/constructs-property.test.ts (oracle: the validator)
 * and test/e2e/constructs-apiserver.test.ts (oracle: a real API server).
 */
import { Testing } from 'cdk8s';
import { testChart } from './test-app';
import fc from 'fast-check';
import {
  ContainerProps, CronJob, DaemonSet, Deployment, EnvValue, Handler, Job, Pod, PodField, PriorityClass, Probe, RegistrySecret, ServiceAccount, StatefulSet, Timezone, Volume,
} from '../../src';

/** Mostly valid values, sometimes invalid ones: most cases build, enough are refused. */
function mostly<T>(valid: T[], invalid: T[]): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 120 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
}

const name = mostly(['web', 'a-b', 'x1'], ['Web', 'a_b', '-x', 'a'.repeat(64)]);
const quantity = mostly<string | number>(['100m', '0.5', '1', '250m', '2', '1e3', 0.25, 2], ['abc', '-1', '1.5Gi', '']);
const memory = mostly<string | number>(['64Mi', '1Gi', '128M', '0.5Gi', '1.5', 134217728], ['abc', '-64Mi', '100m']);
const port = fc.oneof({ arbitrary: fc.constantFrom(80, 8080, 9090, 1, 65535), weight: 120 }, { arbitrary: fc.integer({ min: -5, max: 70000 }), weight: 1 });
const portName = mostly(['http', 'metrics', 'grpc-api'], ['HTTP', 'a--b', 'toolongportname1', '1234', '']);
/** What a probe or hook points at: mostly the container's own http port. */
const portRef = fc.oneof({ arbitrary: fc.constantFrom<string | number>('http', 8080), weight: 12 }, { arbitrary: fc.oneof(port, portName), weight: 1 });
const timing = fc.record({
  periodSeconds: mostly([1, 5, 10, 60], [0, -1]),
  timeoutSeconds: mostly([1, 2, 10], [0, -1]),
  failureThreshold: mostly([1, 3, 5], [0]),
  successThreshold: mostly([1], [0, 2]),
  initialDelaySeconds: mostly([0, 5, 30], [-1]),
}, { requiredKeys: [] });
const probe = fc.oneof(
  fc.tuple(mostly(['/healthz', '/'], ['healthz']), fc.option(portRef, { nil: undefined }), timing)
    .chain(([p, pt, t]) => fc.record({
      scheme: mostly<'HTTP' | 'HTTPS' | undefined>([undefined, 'HTTP', 'HTTPS'], ['http' as any]),
      headers: mostly<Record<string, string> | undefined>([undefined, { 'X-Probe': '1' }], [{ 'Bad Header': 'x' }, { '': 'x' }]),
      host: mostly<string | undefined>([undefined, '127.0.0.1'], ['']),
    }).map((o) => Probe.httpGet(p, { ...(pt !== undefined ? { port: pt } : {}), ...t, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) }))),
  fc.tuple(portRef, timing).map(([pt, t]) => Probe.tcpSocket(pt, t)),
  fc.tuple(mostly<string[]>([['true'], ['cat', '/tmp/ok']], [[]]), timing).map(([c, t]) => Probe.exec(c, t)),
  fc.tuple(port, timing).map(([pt, t]) => Probe.grpc(pt, t)),
);
const envName = mostly(['A', 'LOG_LEVEL', 'a-b', 'a.b'], ['1A', 'A=B', '']);
/** Env values: literals, or factory calls drawn as thunks so that the factories' checks run inside build. */
const env = fc.dictionary(envName, fc.oneof<fc.Arbitrary<string | (() => EnvValue)>[]>(
  fc.constantFrom('x', '', '1'),
  fc.constant(() => EnvValue.fromField(PodField.NAME)),
  fc.constant(() => EnvValue.fromField(PodField.POD_IP)),
  fc.constant(() => EnvValue.fromResource('limits.memory', { divisor: '1Mi' })),
  fc.constant(() => EnvValue.fromLabel('app.kubernetes.io/name')),
  fc.constant(() => EnvValue.fromSecret('creds', 'token')),
  mostly<[string, string]>([['app-config', 'mode'], ['cfg', 'a.b_c-d']], [['', 'mode'], ['cfg', ''], ['cfg', 'bad key!'], ['Bad_Name', 'k']]).map(([n, k]) => () => EnvValue.fromConfigMap(n, k)),
  mostly<[string, string | undefined]>([['limits.cpu', '1m'], ['requests.memory', '1Mi'], ['limits.memory', undefined]], [['limits.cpu', 'abc'], ['limits.cpu', '-1']])
    .map(([r, d]) => () => EnvValue.fromResource(r as any, d !== undefined ? { divisor: d } : {})),
  mostly(['app.kubernetes.io/name', 'tier'], ['Bad Key', '']).map((k) => () => EnvValue.fromLabel(k)),
), { maxKeys: 3 });
const hook = fc.oneof(
  mostly([5, 1], [0, -1]).map((n) => Handler.sleep(n)),
  fc.constant(Handler.exec(['sh', '-c', 'sleep 1'])),
  portRef.map((pt) => Handler.httpGet('/stop', { port: pt })),
);
/** Volumes the Pod may declare, each with mostly valid parameters; mounts may name them, or (rarely) one that is not there. */
const volumeArb = {
  data: fc.tuple(mostly<string | undefined>([undefined, '64Mi', '1Gi'], ['abc', '-1Mi']), fc.boolean())
    .map(([sizeLimit, memory]) => () => Volume.emptyDir('data', { ...(sizeLimit !== undefined ? { sizeLimit } : {}), memory })),
  cfg: fc.tuple(mostly(['app-config', 'cfg.v2'], ['App_Config', '']), mostly<number | undefined>([undefined, 0o644, 0o400], [0o1000, -1]))
    .map(([name, defaultMode]) => () => Volume.configMap('cfg', name, defaultMode !== undefined ? { defaultMode } : {})),
  sec: fc.tuple(mostly(['app-secret'], ['App_Secret']), mostly<number | undefined>([0o440, undefined], [0o1777]))
    .map(([name, defaultMode]) => () => Volume.secret('sec', name, defaultMode !== undefined ? { defaultMode } : {})),
  info: fc.tuple(mostly(['labels', 'meta/name'], ['../up', '/abs', '']), mostly(['metadata.labels', 'metadata.name', 'metadata.annotations'], ['bogus', 'spec.nodeName']))
    .map(([path, fieldPath]) => () => Volume.downwardApi('info', [{ path, fieldPath }])),
  claim: mostly(['data-claim'], ['Data_Claim']).map((claim) => () => Volume.persistentVolumeClaim('claim', claim)),
  host: fc.constant(() => Volume.hostPath('host', '/var/log', { type: 'Directory' })),
};
const mount = fc.record({
  volume: mostly(['data', 'cfg', 'sec', 'info', 'claim'], ['missing', 'host']),
  path: mostly(['/data', '/etc/app', '/var/run/x'], ['relative', '']),
  readOnly: fc.boolean(),
}, { requiredKeys: ['volume', 'path'] });
/** Container props whose env values may still be factory thunks (resolved in build). */
type ContainerCase = Omit<ContainerProps, 'env'> & { env?: Record<string, string | EnvValue | (() => EnvValue)> };

const containerOf = (app: boolean): fc.Arbitrary<ContainerCase> => fc.record({
  name,
  image: mostly(['busybox:1.35.0', 'registry.example.com/team/app:1.2', `app@sha256:${'a'.repeat(64)}`, 'localhost:5000/app:v2'], ['busybox', 'busybox:latest', 'Busy Box', '']),
  // mostly the usual http port first, then any others
  ports: fc.tuple(mostly([[{ number: 8080, name: 'http' }]], [[]]), fc.array(fc.record({ number: mostly([9090, 9100], [8080, 0, 70000]), name: mostly(['metrics', 'grpc-api'], ['http', 'HTTP', 'a--b', 'toolongportname1', '1234', '']) }, { requiredKeys: ['number'] }), { maxLength: 1 }))
    .map(([a, b]) => [...a, ...b]),
  // init containers take no probes (H18): offered to them only rarely
  probe: app ? fc.option(probe, { freq: 10, nil: undefined }) : fc.oneof({ arbitrary: fc.constant(undefined), weight: 20 }, { arbitrary: probe, weight: 1 }),
  env,
  command: mostly<string[] | undefined>([undefined, ['sh', '-c', 'exec httpd -f'], ['/app']], [[]]),
  args: mostly<string[] | undefined>([undefined, ['--port', '8080']], [['']]),
  workingDir: mostly<string | undefined>([undefined, '/app'], ['relative', '']),
  startup: app ? fc.option(probe, { freq: 4, nil: undefined }) : fc.constant(undefined),
  resources: fc.record({
    cpu: fc.record({ request: quantity, limit: quantity }, { requiredKeys: [] }),
    memory: fc.record({ request: memory, limit: memory }, { requiredKeys: [] }),
    ephemeralStorage: mostly<any>([{ request: '1Gi', limit: '2Gi' }, { limit: '512Mi' }], [{ request: '2Gi', limit: '1Gi' }]),
    hugepages: mostly<Record<string, string>>([{ '2Mi': '4Mi' }, { '1Gi': '1Gi' }], [{ '3Mi': '6Mi' }, { '2Mi': '3Mi' }]),
  }, { requiredKeys: [] }),
  securityContext: fc.record({
    runAsUser: mostly([1000, 65534], [0, -1]),
    runAsGroup: mostly([1000, 0], [-1]),
    privileged: mostly([false], [true]),
    readOnlyRootFilesystem: fc.boolean(),
    capabilities: fc.record({ add: mostly<string[]>([[], ['NET_BIND_SERVICE']], [['CHOWN'], ['SYS_ADMIN'], ['CAP_NET_ADMIN'], ['bogus']]) }),
    seccompProfile: mostly<'RuntimeDefault' | 'Unconfined' | { localhostProfile: string }>(['RuntimeDefault'], ['Unconfined', { localhostProfile: 'profiles/app.json' }, { localhostProfile: '' }]),
  }, { requiredKeys: [] }),
  // init containers take no hooks (H18) either: offered to them only rarely
  preStop: app ? hook : fc.oneof({ arbitrary: fc.constant(undefined), weight: 20 }, { arbitrary: hook, weight: 1 }),
  postStart: app ? hook : fc.oneof({ arbitrary: fc.constant(undefined), weight: 20 }, { arbitrary: hook, weight: 1 }),
  mounts: fc.uniqueArray(mount, { maxLength: 2, selector: (m) => m.path }),
  allowDangerousCapabilities: fc.boolean(),
  allowRunAsRoot: fc.boolean(),
  allowPrivileged: fc.boolean(),
  allowLatestTag: fc.boolean(),
  allowNoProbes: fc.boolean(),
}, { requiredKeys: app ? ['name', 'image', 'probe'] : ['name', 'image'] });

const pod = fc.record({
  // names mostly unique per Pod (a duplicate is one of the rare invalid cases)
  containers: fc.uniqueArray(containerOf(true), { minLength: 1, maxLength: 2, selector: (c) => c.name }),
  initContainers: fc.array(fc.tuple(containerOf(false), mostly(['init'], ['web'])).map(([c, n]) => ({ ...c, name: n })), { maxLength: 1 }),
  hostAliases: fc.array(fc.record({
    ip: mostly(['127.0.0.1', '::1', '192.0.2.10', 'fe80::1'], ['300.1.1.1', 'abc', '']),
    hostnames: fc.oneof({ arbitrary: fc.array(mostly(['foo.local', 'legacy'], ['Foo', 'a_b', '']), { minLength: 1, maxLength: 2 }), weight: 120 }, { arbitrary: fc.constant([]), weight: 1 }),
  }), { maxLength: 2 }),
  sysctls: fc.dictionary(
    mostly(['net.ipv4.ip_local_port_range', 'kernel.shm_rmid_forced', 'net/ipv4/ping_group_range', 'net.core.somaxconn', 'kernel.msgmax'], ['vm.swappiness', 'bad name']),
    mostly(['20000 40000', '1', '0 1'], ['']), { maxKeys: 2 }),
  allowUnsafeSysctls: fc.boolean(),
  terminationGracePeriodSeconds: mostly([0, 30, 120], [-1]),
  timezone: fc.oneof(fc.constantFrom(undefined, Timezone.node({ allowHostPath: true }), Timezone.env('UTC')), mostly(['Asia/Shanghai', 'Europe/Berlin'], ['Mars/Olympus', '../etc']).map((z) => () => Timezone.zone(z))),
  // the mountable volumes always, a hostPath rarely (it needs allowHostPath)
  volumes: fc.tuple(volumeArb.data, volumeArb.cfg, volumeArb.sec, volumeArb.info, volumeArb.claim, mostly([false], [true]), volumeArb.host)
    .map(([d, c, se, i, cl, host, h]) => [d, c, se, i, cl, ...(host ? [h] : [])]),
  allowHostPath: fc.boolean(),
  sidecars: fc.array(containerOf(true).map((c) => ({ ...c, name: 'proxy' })), { maxLength: 1 }),
  dns: fc.record({
    policy: mostly<'ClusterFirst' | 'Default' | 'None'>(['ClusterFirst', 'Default'], ['None']),
    nameservers: mostly<string[]>([['10.0.0.10'], ['1.1.1.1', '8.8.8.8']], [['bad'], ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4']]),
    options: fc.constantFrom({ ndots: '2' }, { 'single-request': undefined }),
  }, { requiredKeys: [] }),
  scheduling: fc.record({
    nodeSelector: mostly<Record<string, string>>([{ disktype: 'ssd' }, { 'kubernetes.io/arch': 'amd64' }], [{ 'Bad Key': 'x' }, { disktype: 'not valid!' }]),
    tolerations: fc.array(mostly<any>([
      { key: 'dedicated', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ], [{ key: 'k', operator: 'Exists', value: 'v' }, { key: 'k', value: 'v', effect: 'NoSchedule', tolerationSeconds: 30 }, { operator: 'Equal', value: 'v' }]), { maxLength: 2 }),
    spreadReplicas: fc.boolean(),
    requiredNodeAffinity: mostly<any>([[[{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }]], [[{ key: 'gpu', operator: 'DoesNotExist' }]]],
      [[[{ key: 'k', operator: 'In', values: [] }]], [[{ key: 'k', operator: 'Exists', values: ['x'] }]], [[{ key: 'k', operator: 'Gt', values: ['abc'] }]], [[{ key: 'Bad Key', operator: 'Exists' }]]]),
    podAntiAffinity: mostly<any>([[{ labels: { app: 'cache' } }], [{ labels: { app: 'batch' }, topologyKey: 'topology.kubernetes.io/zone' }]],
      [[{ labels: { app: 'cache' }, topologyKey: '' }], [{ labels: { 'Bad Key': 'x' } }], [{ expressions: [{ key: 'app', operator: 'In' }] }]]),
  }, { requiredKeys: [] }),
  securityContext: fc.record({ fsGroup: mostly([1000, 0], [-1]), supplementalGroups: mostly([[1000], [1000, 2000]], [[-1]]) }, { requiredKeys: [] }),
  podLabels: mostly<Record<string, string>>([{ tier: 'web' }, { 'example.com/team': 'a' }], [{ 'Bad Key': 'x' }, { tier: 'not valid!' }]),
  podAnnotations: mostly<Record<string, string>>([{ 'example.com/note': 'free text, any value' }], [{ 'Bad Key': 'x' }]),
  hostname: mostly(['web-0', 'host'], ['Host_1']),
  subdomain: mostly(['sub', 'web-svc'], ['Sub']),
  hostNetwork: mostly([false], [true]),
  allowHostNamespaces: fc.boolean(),
  shareProcessNamespace: fc.boolean(),
  priorityClass: mostly(['high', 'system-cluster-critical'], ['High']),
  serviceAccountName: mostly<string | undefined>([undefined, 'app', 'default'], ['App_SA', '']),
  imagePullSecrets: mostly<string[] | undefined>([undefined, ['regcred']], [['Reg_Cred'], ['']]),
  bandwidth: fc.record({ ingress: mostly(['10M', '1k', '100M'], ['1', '2P', 'abc']) }, { requiredKeys: [] }),
}, { requiredKeys: ['containers', 'volumes'] });

/** A workload kind, its name and replicas (where they apply), a CronJob schedule, and Pod props. */
export const workload = fc.record({
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'),
  name,
  replicas: mostly([0, 1, 2, 3], [-1]),
  schedule: mostly(['*/5 * * * *', '0 3 * * *', '@daily'], ['61 * * * *', 'nonsense']),
  pod,
  labels: mostly<Record<string, string>>([{ tier: 'web' }, { 'example.com/team': 'a' }], [{ 'Bad Key': 'x' }, { tier: 'not valid!' }]),
  annotations: mostly<Record<string, string>>([{ 'example.com/owner': 'team-a@example.com' }], [{ 'Bad Key': 'x' }]),
  disruptionBudget: mostly<any>([undefined, { maxUnavailable: 1 }, { minAvailable: '50%' }, { maxUnavailable: '25%' }, false],
    [{ minAvailable: 1, maxUnavailable: 1 }, { maxUnavailable: '150%' }, { minAvailable: -1 }, { maxUnavailable: 'half' }]),
  podManagementPolicy: fc.constantFrom<'OrderedReady' | 'Parallel'>('OrderedReady', 'Parallel'),
  job: fc.record({
    backoffLimit: mostly([0, 3, 6], [-1]),
    completions: mostly([1, 5], [-1]),
    parallelism: mostly([1, 2], [-1]),
    activeDeadlineSeconds: mostly([60, 3600], [0, -5]),
    ttlSecondsAfterFinished: mostly([0, 3600], [-1]),
  }, { requiredKeys: [] }),
  // cluster objects the workload may come with: a PriorityClass, a registry Secret and a ServiceAccount
  extras: fc.record({
    priorityClass: fc.option(fc.record({
      name: mostly(['high', 'batch-low'], ['system-mine', 'High']),
      value: mostly([1000, 0, -5, 1000000000], [1000000001, 1.5]),
      globalDefault: mostly([false], [true]),
      preemptionPolicy: fc.constantFrom<'PreemptLowerPriority' | 'Never'>('PreemptLowerPriority', 'Never'),
      description: fc.constantFrom('user-facing', ''),
    }, { requiredKeys: ['name', 'value'] }), { nil: undefined }),
    registry: fc.option(fc.record({
      name: mostly(['regcred'], ['Reg_Cred']),
      server: mostly(['registry.example.com', 'registry.example.com:5000', 'https://index.docker.io/v1/'], ['']),
      username: mostly(['ci'], ['']),
      password: fc.constantFrom('s3cret', 'p:a:s:s'),
      email: fc.constantFrom(undefined, 'ci@example.com'),
    }, { requiredKeys: ['name', 'server', 'username', 'password'] }), { nil: undefined }),
    serviceAccount: fc.option(fc.record({ name: mostly(['app', 'runner'], ['App_SA']), automountServiceAccountToken: fc.boolean() }, { requiredKeys: ['name'] }), { nil: undefined }),
  }, { requiredKeys: [] }),
  cron: fc.record({
    scheduleTimeZone: mostly(['Europe/Berlin', 'UTC', 'Asia/Shanghai'], ['Mars/Olympus', 'Local', '']),
    concurrencyPolicy: fc.constantFrom<'Allow' | 'Forbid' | 'Replace'>('Allow', 'Forbid', 'Replace'),
    successfulJobsHistoryLimit: mostly([0, 3], [-1]),
    failedJobsHistoryLimit: mostly([1], [-1]),
    startingDeadlineSeconds: mostly([100], [-1]),
    suspend: fc.boolean(),
  }, { requiredKeys: [] }),
});

export type WorkloadCase = typeof workload extends fc.Arbitrary<infer T> ? T : never;

/** Builds the case in a fresh chart; returns the synthesized objects or throws what the construct threw. */
export function build(w: WorkloadCase): any[] {
  const chart = testChart();
  // zones and volumes are drawn as thunks, so that the factories' own checks run inside build
  const tz = typeof w.pod.timezone === 'function' ? w.pod.timezone() : w.pod.timezone;
  const base: any = { name: w.name || undefined, labels: w.labels, annotations: w.annotations, ...w.pod, timezone: tz, volumes: w.pod.volumes.map((v) => v()) };
  const withEnv = (c: any) => ({ ...c, ...(c.env ? { env: Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, typeof v === 'function' ? v() : v])) } : {}) });
  for (const list of ['containers', 'initContainers', 'sidecars']) if (base[list]) base[list] = base[list].map(withEnv);
  const replicated = { replicas: w.replicas, ...(w.disruptionBudget !== undefined ? { disruptionBudget: w.disruptionBudget } : {}) };
  const x = w.extras;
  if (x.priorityClass) new PriorityClass(chart, 'PC', x.priorityClass);
  const secret = x.registry ? new RegistrySecret(chart, 'Reg', x.registry) : undefined;
  if (x.serviceAccount) new ServiceAccount(chart, 'SA', { ...x.serviceAccount, ...(secret ? { imagePullSecrets: [secret] } : {}) });
  if (secret) base.imagePullSecrets = [secret];
  switch (w.kind) {
    case 'Deployment': new Deployment(chart, 'W', { ...base, ...replicated }); break;
    case 'StatefulSet': new StatefulSet(chart, 'W', { ...base, ...replicated, podManagementPolicy: w.podManagementPolicy }); break;
    case 'DaemonSet': new DaemonSet(chart, 'W', base); break;
    case 'Job': new Job(chart, 'W', { ...base, ...w.job }); break;
    case 'CronJob': new CronJob(chart, 'W', { ...base, ...w.job, ...w.cron, schedule: w.schedule }); break;
    default: new Pod(chart, 'W', { ...base, bareProd: true });
  }
  return Testing.synth(chart);
}
