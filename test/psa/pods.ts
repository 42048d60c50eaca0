/**
 * Generated Pods for the Pod Security differential: every field upstream's checks read, with the
 * values each check tells apart (odd spellings, nulls, empty strings, Windows, user namespaces).
 * Most fields take their restricted-compliant value most of the time, so a Pod usually breaks
 * one or two checks and a rule that is wrong on its own shows up.
 */
import fc from 'fast-check';

/** Mostly `good`, sometimes one of `odd`. */
function mostly<T>(good: fc.Arbitrary<T>, ...odd: fc.Arbitrary<T>[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 5 * odd.length, arbitrary: good }, ...odd.map((a) => ({ weight: 1, arbitrary: a })));
}
const c = fc.constant;
const from = <T>(...v: T[]): fc.Arbitrary<T> => fc.constantFrom(...v);
/** An optional field: absent, JSON null, or a value. */
const UNSET = Symbol('unset');
function opt<T>(a: fc.Arbitrary<T>, nullable = true): fc.Arbitrary<T | null | typeof UNSET> {
  return nullable ? fc.oneof(c(UNSET), c(null), a) : fc.oneof(c(UNSET), a);
}
/** Builds an object, leaving out the UNSET fields. */
function obj(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(fields).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== UNSET)));
}

const CAPS = ['AUDIT_WRITE', 'CHOWN', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'SETUID', 'KILL', 'SYS_ADMIN', 'NET_RAW', 'SYS_TIME', 'chown', 'CAP_CHOWN', 'Chown', 'net_bind_service', 'CAP_NET_BIND_SERVICE', 'NET_BIND_SERVICE ', 'ALL', 'all', ''];
const DROPS = ['ALL', 'all', 'All', 'CAP_ALL', 'NET_RAW', 'CHOWN', ''];
const SECCOMP = from('RuntimeDefault', 'Localhost', 'Unconfined', '', 'runtimedefault', 'RuntimeDefault ');
const APPARMOR = from('RuntimeDefault', 'Localhost', 'Unconfined', '', 'unconfined');
const SELINUX_TYPES = from('container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t', 'spc_t', '', 'Container_t');
const SYSCTLS = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat',
  'net/ipv4/tcp_syncookies', 'kernel.msgmax', 'net.core.somaxconn', 'kernel.shm_rmid_forced ', ''];
const HOSTS = from('', 'example.com', '127.0.0.1', '::1', 'localhost');
const ANNOTATION_VALUES = from('runtime/default', 'localhost/profile', 'unconfined', '', 'docker/default', 'Localhost/x', 'localhost/');

const seccompProfile = obj({ type: SECCOMP, localhostProfile: opt(from('p.json'), false) });
const seccomp = mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), seccompProfile);
const appArmor = mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), obj({ type: APPARMOR, localhostProfile: opt(from('p'), false) }));
const seLinux = mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), obj({ type: opt(SELINUX_TYPES), user: opt(from('', 'system_u')), role: opt(from('', 'system_r')), level: opt(from('s0:c1,c2'), false) }));
const windowsOptions = mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), obj({ hostProcess: opt(fc.boolean()), runAsUserName: opt(from('ContainerUser'), false) }));

function handler(probe: boolean): fc.Arbitrary<unknown> {
  const http = obj({ port: from<unknown>(8080, 'http'), path: opt(from('/healthz'), false), host: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), HOSTS) });
  const tcp = obj({ port: from(8080), host: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), HOSTS) });
  const kinds: fc.Arbitrary<unknown>[] = [http.map((h) => ({ httpGet: h })), tcp.map((t) => ({ tcpSocket: t })), c({ exec: { command: ['true'] } })];
  if (probe) kinds.push(c({ grpc: { port: 9090 } }));
  else kinds.push(c({ sleep: { seconds: 1 } }));
  return fc.oneof(...kinds);
}

const containerSc = fc.oneof(
  { weight: 3, arbitrary: obj({ allowPrivilegeEscalation: c(false), capabilities: c({ drop: ['ALL'] }) }) as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: c(UNSET) },
  { weight: 1, arbitrary: c(null) },
  { weight: 6, arbitrary: obj({
    privileged: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), c(false), c(true)),
    allowPrivilegeEscalation: mostly(c(false) as fc.Arbitrary<unknown>, c(UNSET), c(null), c(true)),
    capabilities: fc.oneof(
      { weight: 4, arbitrary: obj({ drop: c(['ALL']), add: opt(fc.subarray(['NET_BIND_SERVICE'])) }) as fc.Arbitrary<unknown> },
      { weight: 1, arbitrary: c(UNSET) },
      { weight: 1, arbitrary: c(null) },
      { weight: 4, arbitrary: obj({ add: opt(fc.array(from(...CAPS), { maxLength: 3 })), drop: opt(fc.array(from(...DROPS), { maxLength: 2 })) }) },
    ),
    procMount: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), from('Default', 'Unmasked', 'default', '')),
    runAsNonRoot: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), fc.boolean()),
    runAsUser: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), from(0, 1000, 65534)),
    runAsGroup: opt(from(0, 1000), false),
    readOnlyRootFilesystem: opt(fc.boolean(), false),
    seccompProfile: seccomp,
    seLinuxOptions: seLinux,
    appArmorProfile: appArmor,
    windowsOptions,
  }) },
);

function container(name: string, kind: 'init' | 'app' | 'ephemeral'): fc.Arbitrary<Record<string, unknown>> {
  const probes: Record<string, fc.Arbitrary<unknown>> = kind === 'app'
    ? { livenessProbe: opt(handler(true)), readinessProbe: opt(handler(true)), startupProbe: opt(handler(true)) }
    : kind === 'init' ? { startupProbe: opt(handler(true)) } : {};
  return obj({
    name: c(name),
    image: c('registry.k8s.io/pause'),
    ports: kind === 'ephemeral' ? c(UNSET) : opt(fc.array(obj({ containerPort: from(80, 8080, 9090), hostPort: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(0), from(80, 8443)), protocol: opt(from('TCP', 'UDP'), false) }), { maxLength: 2 }), false),
    securityContext: containerSc,
    lifecycle: kind === 'ephemeral' ? c(UNSET) : opt(obj({ postStart: opt(handler(false)), preStop: opt(handler(false)) })),
    restartPolicy: kind === 'init' ? opt(from('Always'), false) : c(UNSET),
    ...probes,
  });
}

const ALLOWED_VOLUMES: fc.Arbitrary<Record<string, unknown>>[] = [
  c({ emptyDir: {} }), c({ configMap: { name: 'cm' } }), c({ secret: { secretName: 's' } }), c({ persistentVolumeClaim: { claimName: 'pvc' } }),
  c({ downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }), c({ projected: { sources: [] } }),
  c({ csi: { driver: 'inline.example.com' } }), c({ ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }),
  c({ image: { reference: 'registry.example.com/data:1' } }),
];
const OTHER_VOLUMES: fc.Arbitrary<Record<string, unknown>>[] = [
  c({ hostPath: { path: '/etc/localtime' } }), c({ hostPath: { path: '/var/run', type: 'Directory' } }), c({ nfs: { server: 'nfs', path: '/x' } }),
  c({ gitRepo: { repository: 'https://example.com/r.git' } }), c({ iscsi: { targetPortal: 'p', iqn: 'iqn.2001-04.com.example:x', lun: 0 } }),
  c({ rbd: { monitors: ['m'], image: 'i' } }), c({ flexVolume: { driver: 'd' } }), c({ cephfs: { monitors: ['m'] } }), c({ azureFile: { secretName: 's', shareName: 'x' } }),
  c({ awsElasticBlockStore: { volumeID: 'v' } }), c({ gcePersistentDisk: { pdName: 'p' } }), c({ fc: { wwids: ['w'] } }), c({ cinder: { volumeID: 'v' } }),
  c({ glusterfs: { endpoints: 'e', path: 'p' } }), c({ flocker: { datasetName: 'd' } }), c({ vsphereVolume: { volumePath: 'p' } }), c({ quobyte: { registry: 'r', volume: 'v' } }),
  c({ azureDisk: { diskName: 'd', diskURI: 'u' } }), c({ photonPersistentDisk: { pdID: 'p' } }), c({ portworxVolume: { volumeID: 'v' } }),
  c({ scaleIO: { gateway: 'g', system: 's', secretRef: { name: 's' } } }), c({ storageos: { volumeName: 'v' } }),
  c({}), c({ hostPath: null }), c({ hostPath: null, emptyDir: {} }), c({ hostPath: { path: '/x' }, configMap: { name: 'cm' } }),
];
const volume = fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.oneof(...ALLOWED_VOLUMES) }, { weight: 1, arbitrary: fc.oneof(...OTHER_VOLUMES) }));

const podSc = fc.oneof(
  { weight: 3, arbitrary: obj({ runAsNonRoot: c(true), seccompProfile: c({ type: 'RuntimeDefault' }) }) as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: c(UNSET) },
  { weight: 1, arbitrary: c(null) },
  { weight: 5, arbitrary: obj({
    runAsNonRoot: mostly(c(true) as fc.Arbitrary<unknown>, c(UNSET), c(null), c(false)),
    runAsUser: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), from(0, 1000)),
    runAsGroup: opt(from(0, 1000), false),
    fsGroup: opt(from(1000), false),
    seccompProfile: mostly(c({ type: 'RuntimeDefault' }) as fc.Arbitrary<unknown>, c(UNSET), c(null), seccompProfile),
    seLinuxOptions: seLinux,
    appArmorProfile: appArmor,
    windowsOptions,
    sysctls: opt(fc.array(obj({ name: from(...SYSCTLS), value: c('1') }), { maxLength: 3 }), false),
  }) },
);

/** Annotations the checks read (AppArmor beta annotations; the seccomp ones only before 1.19) and some they must ignore. */
function annotations(names: string[]): fc.Arbitrary<unknown> {
  const keys = [
    ...names.map((n) => `container.apparmor.security.beta.kubernetes.io/${n}`),
    'container.apparmor.security.beta.kubernetes.io/no-such-container',
    'seccomp.security.alpha.kubernetes.io/pod',
    ...names.map((n) => `container.seccomp.security.alpha.kubernetes.io/${n}`),
    'example.com/note',
  ];
  return mostly(c(UNSET) as fc.Arbitrary<unknown>, fc.dictionary(from(...keys), ANNOTATION_VALUES, { maxKeys: 3 }));
}

const wildPod: fc.Arbitrary<any> = fc.record({
  nApp: fc.integer({ min: 1, max: 2 }),
  nInit: fc.integer({ min: 0, max: 2 }),
  nEphemeral: mostly(c(0), c(1)),
}).chain(({ nApp, nInit, nEphemeral }) => {
  const app = Array.from({ length: nApp }, (_, i) => `app${i}`);
  const init = Array.from({ length: nInit }, (_, i) => `init${i}`);
  const eph = Array.from({ length: nEphemeral }, (_, i) => `debug${i}`);
  return obj({
    metadata: obj({ annotations: annotations([...app, ...init, ...eph]) }),
    spec: obj({
      hostNetwork: fc.oneof({ weight: 20, arbitrary: c(UNSET) as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: c(false) }, { weight: 1, arbitrary: c(true) }),
      hostPID: fc.oneof({ weight: 20, arbitrary: c(UNSET) as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: c(false) }, { weight: 1, arbitrary: c(true) }),
      hostIPC: fc.oneof({ weight: 20, arbitrary: c(UNSET) as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: c(false) }, { weight: 1, arbitrary: c(true) }),
      hostUsers: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), fc.boolean()),
      os: mostly(c(UNSET) as fc.Arbitrary<unknown>, c(null), from({ name: 'windows' }, { name: 'linux' }, { name: 'Windows' })),
      securityContext: podSc,
      containers: fc.tuple(...app.map((n) => container(n, 'app'))),
      initContainers: init.length ? fc.tuple(...init.map((n) => container(n, 'init'))) : c(UNSET),
      ephemeralContainers: eph.length ? fc.tuple(...eph.map((n) => container(n, 'ephemeral').map((x) => ({ ...x, targetContainerName: 'app0' })))) : c(UNSET),
      volumes: opt(fc.array(volume, { maxLength: 3 }).map((vs) => vs.map(([v], i) => ({ name: `vol${i}`, ...v }))), false),
    }),
  });
});

const COMPLIANT_SC = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

/**
 * A Pod (apiVersion, kind, metadata.name left to the caller) exercising every Pod Security check.
 * Half are "tame": every container but one gets a compliant securityContext (and the Pod one half
 * of the time), so restricted passes often enough and the exemptions (Windows, hostUsers) matter.
 */
export const podArb: fc.Arbitrary<any> = fc.tuple(wildPod, fc.boolean(), fc.nat(), fc.boolean()).map(([pod, tame, keep, keepPodSc]) => {
  if (!tame) return pod;
  const spec = pod.spec;
  const all = [...(spec.initContainers ?? []), ...spec.containers, ...(spec.ephemeralContainers ?? [])];
  all.forEach((ctr: any, i: number) => { if (i !== keep % all.length) ctr.securityContext = structuredClone(COMPLIANT_SC); });
  if (!keepPodSc) spec.securityContext = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
  return pod;
});
