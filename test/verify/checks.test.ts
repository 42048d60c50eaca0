/**
 * The runtime checks' verdicts on recorded observations: what the runner read inside real
 * containers on the local cluster (cgroup v1 files, /etc/hosts, env, nslookup, date) and live
 * Pod objects.
 */
import {
  CHECKS, clusterDomainFrom, evalDns, expectsClusterDns, defaultPullPolicy, evalCgroup, evalDownward, evalEvictions, evalFqdn, evalHostAliases, evalInitOrder,
  evalJob, evalPriority, evalProbes, evalPullPolicy, evalQos, evalSysctls, evalTermination, evalTimezone, parseEnv, parseNslookup,
  podFqdn, preStopSleepSeconds, resourceFieldValue, sysctlPath, timezoneIntent, zoneOffset,
} from '../../src/verify/checks';

const httpd = {
  name: 'httpd',
  image: 'busybox:1.35.0',
  imagePullPolicy: 'IfNotPresent',
  resources: { requests: { cpu: '100m', memory: '32Mi' }, limits: { cpu: '500m', memory: '64Mi' } },
  readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
  livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
  lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 2'] } } },
  volumeMounts: [{ name: 'podsmith-timezone', mountPath: '/etc/localtime', readOnly: true }],
  env: [
    { name: 'TZ', value: 'Asia/Shanghai' },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'CPU_LIMIT_MILLIS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
    { name: 'MEMORY_LIMIT_MIB', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
  ],
};
const init = { name: 'content', image: 'busybox:1.35.0', resources: { requests: { cpu: '300m', memory: '56Mi' }, limits: { cpu: '500m', memory: '128Mi' } } };

/** A web Pod as the API server returned it on the local cluster. */
const pod = {
  metadata: { name: 'web-654d59b6f8-4g28s', namespace: 'podsmith-verify-ab12cd', uid: 'u-1' },
  spec: {
    initContainers: [{ ...init, imagePullPolicy: 'IfNotPresent' }],
    containers: [httpd],
    hostAliases: [{ ip: '192.0.2.10', hostnames: ['legacy.example.internal'] }],
    securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '20000 40000' }] },
    volumes: [{ name: 'podsmith-timezone', hostPath: { path: '/usr/share/zoneinfo/Asia/Shanghai', type: 'File' } }],
    priority: 1000,
    priorityClassName: 'podsmith-web-ab12cd',
  },
  status: {
    phase: 'Running',
    qosClass: 'Burstable',
    podIP: '10.244.0.7',
    conditions: [{ type: 'Ready', status: 'True' }],
    initContainerStatuses: [{ name: 'content', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-11-27T10:32:42Z', finishedAt: '2026-11-27T10:32:42Z' } } }],
    containerStatuses: [{ name: 'httpd', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-27T10:32:43Z' } } }],
  },
};

test('every check names at least one handbook item', () => {
  for (const [id, c] of Object.entries(CHECKS)) {
    expect([id, c.handbook.length > 0 && c.handbook.every((h) => /^H\d+$/.test(h))]).toEqual([id, true]);
  }
});

describe('H16 QoS and cgroup limits', () => {
  test('qos class compared with the model', () => {
    expect(evalQos(pod).status).toBe('passed');
    expect(evalQos({ ...pod, status: { qosClass: 'Guaranteed' } })).toEqual({ status: 'failed', detail: 'web-654d59b6f8-4g28s: qosClass Guaranteed, expected Burstable' });
  });
  test('cgroup v1 as read on the local cluster', () => {
    const v = evalCgroup(httpd, { version: 1, memory: '67108864', cpuQuota: '50000', cpuPeriod: '100000' });
    expect(v).toEqual({ status: 'passed', detail: 'cgroup v1: memory 67108864 bytes; cpu quota 50000/100000 µs (= 500m)' });
  });
  test('cgroup v2', () => {
    expect(evalCgroup(httpd, { version: 2, memory: '67108864', cpuQuota: '50000', cpuPeriod: '100000' }).status).toBe('passed');
    expect(evalCgroup({ name: 'x' }, { version: 2, memory: 'max', cpuQuota: 'max', cpuPeriod: '100000' }).status).toBe('passed');
  });
  test('a wrong or missing limit fails with both values', () => {
    const v = evalCgroup(httpd, { version: 1, memory: '9223372036854771712', cpuQuota: '-1', cpuPeriod: '100000' });
    expect(v.status).toBe('failed');
    expect(v.detail).toContain('memory unlimited, expected 67108864 (64Mi)');
    expect(v.detail).toContain('cpu quota unlimited, expected 50000/100000 µs (500m)');
    expect(evalCgroup(httpd, { version: 1 }).detail).toMatch(/not readable/);
  });
  test('tiny cpu limits get the kernel minimum quota', () => {
    expect(evalCgroup({ resources: { limits: { cpu: '1m', memory: '16Mi' } } }, { version: 1, memory: '16777216', cpuQuota: '1000', cpuPeriod: '100000' }).status).toBe('passed');
  });
});

describe('H18 init containers', () => {
  test('in order, before the app', () => {
    expect(evalInitOrder(pod)).toEqual({ status: 'passed', detail: 'web-654d59b6f8-4g28s: content exit 0 → app containers started' });
  });
  test('a failed init container is named with its exit code', () => {
    const bad = { ...pod, status: { initContainerStatuses: [{ name: 'content', restartCount: 2, state: { terminated: { exitCode: 1, reason: 'Error', startedAt: 'x', finishedAt: 'x' } } }] } };
    expect(evalInitOrder(bad).detail).toBe('web-654d59b6f8-4g28s: init container content exited 1 (Error)');
    const waiting = { ...pod, status: { initContainerStatuses: [{ name: 'content', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } };
    expect(evalInitOrder(waiting).detail).toMatch(/did not complete: waiting: CrashLoopBackOff, 3 restarts/);
  });
  test('overlap and an app started too early fail', () => {
    const two = {
      metadata: { name: 'p' },
      spec: { initContainers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        initContainerStatuses: [
          { name: 'a', state: { terminated: { exitCode: 0, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:05Z' } } },
          { name: 'b', state: { terminated: { exitCode: 0, startedAt: '2026-01-01T00:00:03Z', finishedAt: '2026-01-01T00:00:06Z' } } },
        ],
        containerStatuses: [{ name: 'app', state: { running: { startedAt: '2026-01-01T00:00:07Z' } } }],
      },
    };
    expect(evalInitOrder(two).detail).toMatch(/init container b started at .* before a finished/);
    two.status.initContainerStatuses[1].state.terminated.startedAt = '2026-01-01T00:00:05Z';
    expect(evalInitOrder(two).status).toBe('passed');
    two.status.containerStatuses[0].state.running.startedAt = '2026-01-01T00:00:04Z';
    expect(evalInitOrder(two).detail).toMatch(/app container app started before init container b finished/);
  });
  test('no init containers: skipped', () => {
    expect(evalInitOrder({ spec: {} }).status).toBe('skipped');
  });
});

test('H23 hostAliases in /etc/hosts', () => {
  const hosts = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n10.244.0.7\tweb-654d59b6f8-4g28s\n\n# Entries added by HostAliases.\n192.0.2.10\tlegacy.example.internal\n';
  expect(evalHostAliases(pod.spec, hosts)).toEqual({ status: 'passed', detail: '/etc/hosts has all 1 alias(es)' });
  expect(evalHostAliases(pod.spec, '127.0.0.1 localhost\n# 192.0.2.10 legacy.example.internal\n').detail).toBe('/etc/hosts lacks 192.0.2.10 legacy.example.internal');
});

test('H27 sysctls in /proc/sys', () => {
  expect(sysctlPath('net.ipv4.ip_local_port_range')).toBe('/proc/sys/net/ipv4/ip_local_port_range');
  expect(evalSysctls(pod.spec, { 'net.ipv4.ip_local_port_range': '20000\t40000\n' }).status).toBe('passed');
  expect(evalSysctls(pod.spec, { 'net.ipv4.ip_local_port_range': '32768\t60999' }).detail).toBe('net.ipv4.ip_local_port_range = 32768 60999, expected 20000 40000');
  expect(evalSysctls(pod.spec, {}).detail).toMatch(/not readable/);
});

describe('H28 timezone', () => {
  const when = new Date('2026-11-27T10:00:00Z');
  test('zone offsets from the IANA database of Node.js', () => {
    expect(zoneOffset('Asia/Shanghai', when)).toBe('+0800');
    expect(zoneOffset('UTC', when)).toBe('+0000');
    expect(zoneOffset('America/New_York', when)).toBe('-0500');
    expect(zoneOffset('Not/AZone', when)).toBeUndefined();
  });
  test('intent: the hostPath zone and TZ', () => {
    expect(timezoneIntent(pod, httpd)).toEqual({ mountedZone: 'Asia/Shanghai', tzEnv: 'Asia/Shanghai' });
    expect(timezoneIntent(pod, { name: 'x' })).toBeUndefined();
  });
  test('as observed in busybox: /etc/localtime right, TZ alone without tzdata wrong', () => {
    const v = evalTimezone({ mountedZone: 'Asia/Shanghai', tzEnv: 'Asia/Shanghai' }, { magic: 'TZif', localOffset: '+0800', tzOffset: '+0000' }, when);
    expect(v).toEqual({ status: 'passed', detail: '/etc/localtime is Asia/Shanghai: offset +0800; TZ=Asia/Shanghai alone gives +0000 (no tzdata in the image)' });
    expect(evalTimezone({ mountedZone: 'Asia/Shanghai' }, { magic: 'TZif', localOffset: '+0000' }, when).status).toBe('failed');
    expect(evalTimezone({ mountedZone: 'Asia/Shanghai' }, { magic: '', localOffset: '+0000' }, when).detail).toMatch(/not a zoneinfo file/);
    expect(evalTimezone({ tzEnv: 'Asia/Tokyo' }, { tzOffset: '+0000' }, when).detail).toMatch(/the image lacks tzdata; mount the zone/);
  });
});

describe('H11 Downward API', () => {
  const env = parseEnv('POD_NAME=web-654d59b6f8-4g28s\nPOD_NAMESPACE=podsmith-verify-ab12cd\nPOD_IP=10.244.0.7\nCPU_LIMIT_MILLIS=500\nMEMORY_LIMIT_MIB=64\nTZ=Asia/Shanghai\n');
  test('values equal the Pod and its limits', () => {
    expect(evalDownward(pod, httpd, env)).toEqual({ status: 'passed', detail: 'POD_NAME=web-654d59b6f8-4g28s; POD_NAMESPACE=podsmith-verify-ab12cd; POD_IP=10.244.0.7; CPU_LIMIT_MILLIS=500; MEMORY_LIMIT_MIB=64' });
  });
  test('a wrong value names the variable', () => {
    expect(evalDownward(pod, httpd, { ...env, POD_IP: '' }).detail).toBe('POD_IP=, expected 10.244.0.7');
  });
  test('resourceFieldRef rounds up like the kubelet', () => {
    expect(resourceFieldValue(httpd, { resource: 'limits.cpu' })).toBe('1');
    expect(resourceFieldValue(httpd, { resource: 'requests.cpu', divisor: '1m' })).toBe('100');
    expect(resourceFieldValue(httpd, { resource: 'limits.memory', divisor: '1M' })).toBe('68');
    expect(resourceFieldValue({}, { resource: 'limits.memory' })).toBeUndefined();
  });
});

describe('H12 imagePullPolicy', () => {
  test('handbook defaults', () => {
    expect(defaultPullPolicy('busybox')).toBe('Always');
    expect(defaultPullPolicy('busybox:latest')).toBe('Always');
    expect(defaultPullPolicy('localhost:5000/busybox')).toBe('Always');
    expect(defaultPullPolicy('localhost:5000/busybox:1.35.0')).toBe('IfNotPresent');
    expect(defaultPullPolicy('busybox@sha256:abc')).toBe('IfNotPresent');
  });
  test('declared or defaulted, compared with the live Pod', () => {
    expect(evalPullPolicy([{ name: 'a', image: 'x:latest' }], [{ name: 'a', imagePullPolicy: 'Always' }]).detail).toBe('a: Always (default)');
    expect(evalPullPolicy([{ name: 'a', image: 'x:1', imagePullPolicy: 'Never' }], [{ name: 'a', imagePullPolicy: 'IfNotPresent' }]).detail).toBe('a: IfNotPresent, expected Never (declared)');
  });
});

describe('H17 probes', () => {
  test('configured and Ready', () => {
    expect(evalProbes([httpd], pod).detail).toBe('web-654d59b6f8-4g28s Ready; probes: httpd readiness, httpd liveness');
  });
  test('not Ready names the container state', () => {
    const notReady = { ...pod, status: { conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ name: 'httpd', ready: false, state: { running: { startedAt: 'x' } } }] } };
    expect(evalProbes([httpd], notReady).detail).toBe('web-654d59b6f8-4g28s not Ready (httpd running since x)');
  });
  test('a probe that differs from the declaration', () => {
    const changed = { ...pod, spec: { ...pod.spec, containers: [{ ...httpd, readinessProbe: { tcpSocket: { port: 8080 } } }] } };
    expect(evalProbes([httpd], changed).detail).toMatch(/httpd readinessProbe: live tcpSocket port 8080, declared httpGet \/healthz port http/);
  });
});

describe('H13/H15 FQDN', () => {
  const out = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tdb-0.db.ns.svc.cluster.local\nAddress: 10.244.0.6\n\n';
  test('busybox nslookup output', () => {
    expect(parseNslookup(out)).toEqual(['10.244.0.6']);
    expect(evalFqdn('db-0.db.ns.svc.cluster.local', '10.244.0.6', out).status).toBe('passed');
    expect(evalFqdn('db-0.db.ns.svc.cluster.local', '10.244.0.9', out).detail).toBe('db-0.db.ns.svc.cluster.local resolved to 10.244.0.6, expected 10.244.0.9');
    expect(evalFqdn('x', '1.2.3.4', "Server:\t\t10.96.0.10\n** server can't find x: NXDOMAIN\n").detail).toMatch(/resolved to nothing/);
  });
  test('the FQDN from hostname, subdomain and the cluster domain of resolv.conf', () => {
    expect(clusterDomainFrom('search ns.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\n', 'ns')).toBe('cluster.local');
    expect(podFqdn({ metadata: { name: 'db-0', namespace: 'ns' }, spec: { hostname: 'db-0', subdomain: 'db' } }, 'cluster.local')).toBe('db-0.db.ns.svc.cluster.local');
    expect(podFqdn({ metadata: { name: 'x', namespace: 'ns' }, spec: {} }, 'cluster.local')).toBeUndefined();
  });
});

test('H25 priority', () => {
  expect(evalPriority(pod, 'podsmith-web-ab12cd', 1000).status).toBe('passed');
  expect(evalPriority(pod, 'podsmith-web-ab12cd', 2000).detail).toBe('web-654d59b6f8-4g28s: spec.priority 1000, expected 2000 from podsmith-web-ab12cd');
  expect(evalPriority(pod, 'gone', undefined).status).toBe('failed');
});

test('H26 evictions against the budget', () => {
  expect(evalEvictions(1, [{ pod: 'a', code: 201 }, { pod: 'b', code: 429 }])).toEqual({ status: 'passed', detail: '1 eviction(s) allowed (a 201), the next refused: b 429' });
  expect(evalEvictions(1, [{ pod: 'a', code: 201 }, { pod: 'b', code: 201 }]).detail).toMatch(/beyond the budget returned 201, expected 429/);
  expect(evalEvictions(1, [{ pod: 'a', code: 429, message: 'Cannot evict' }]).detail).toMatch(/within the budget .* was refused/);
  expect(evalEvictions(0, [{ pod: 'a', code: 429 }]).status).toBe('passed');
  expect(evalEvictions(2, [{ pod: 'a', code: 201 }]).status).toBe('skipped');
});

describe('H3 graceful termination', () => {
  test('preStop sleep seconds', () => {
    expect(preStopSleepSeconds(httpd)).toBe(2);
    expect(preStopSleepSeconds({ lifecycle: { preStop: { sleep: { seconds: 5 } } } })).toBe(5);
    expect(preStopSleepSeconds({})).toBeUndefined();
  });
  test('as observed: SIGTERM ignored by busybox httpd, SIGKILL at the end of the grace period', () => {
    const v = evalTermination(httpd, 15, { requestedAt: 0, endedAt: 15_300, exitCode: 137, preStopFailures: [] });
    expect(v.status).toBe('passed');
    expect(v.detail).toMatch(/preStop ran \(≥ 2s\), then SIGKILL at the end of the grace period/);
  });
  test('exit on SIGTERM after the preStop', () => {
    expect(evalTermination(httpd, 15, { requestedAt: 0, endedAt: 2500, exitCode: 143, preStopFailures: [] }).detail).toMatch(/exited on SIGTERM; ended 2.5s after/);
  });
  test('too early, too late, a failed hook, or never seen', () => {
    expect(evalTermination(httpd, 15, { requestedAt: 0, endedAt: 200, exitCode: 143, preStopFailures: [] }).detail).toMatch(/before its preStop/);
    expect(evalTermination(httpd, 15, { requestedAt: 0, endedAt: 30_000, exitCode: 137, preStopFailures: [] }).detail).toMatch(/beyond the grace period/);
    expect(evalTermination(httpd, 15, { requestedAt: 0, endedAt: 3000, preStopFailures: ['exec failed'] }).detail).toBe('preStop hook failed: exec failed');
    expect(evalTermination(httpd, 15, { requestedAt: 0, preStopFailures: [] }).status).toBe('failed');
  });
});

test('Jobs', () => {
  expect(evalJob({ metadata: { name: 'm' }, status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } }).status).toBe('passed');
  expect(evalJob({ metadata: { name: 'm' }, status: { failed: 4, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] } }).detail).toBe('Job m failed: BackoffLimitExceeded');
});

describe('H13 dnsPolicy', () => {
  const clusterResolv = 'search ns.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n';
  const nodeResolv = 'nameserver 10.254.254.1\n';
  const lookup = { name: 'kubernetes.default.svc.cluster.local', output: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n' };
  test('which policies mean cluster DNS', () => {
    expect(expectsClusterDns({})).toBe(true);
    expect(expectsClusterDns({ hostNetwork: true })).toBe(false);
    expect(expectsClusterDns({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })).toBe(true);
    expect(expectsClusterDns({ dnsPolicy: 'Default' })).toBe(false);
  });
  test('as observed: ClusterFirstWithHostNet on the host network resolves cluster names', () => {
    expect(evalDns({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, 'ns', clusterResolv, lookup)).toEqual({ status: 'passed', detail: 'dnsPolicy ClusterFirstWithHostNet with hostNetwork: cluster DNS 10.96.0.10; kubernetes.default.svc.cluster.local → 10.96.0.1' });
  });
  test('ClusterFirst on the host network falls back to the node resolver', () => {
    expect(evalDns({ hostNetwork: true }, 'ns', nodeResolv).status).toBe('passed');
    expect(evalDns({ dnsPolicy: 'Default' }, 'ns', clusterResolv).detail).toMatch(/should use the node's resolver/);
  });
  test('failures: no cluster search domain, no answer, dnsConfig not applied', () => {
    expect(evalDns({}, 'ns', nodeResolv, lookup).detail).toMatch(/no cluster search domain/);
    expect(evalDns({}, 'ns', clusterResolv, { name: 'kubernetes.default.svc.cluster.local', output: ';; connection timed out; no servers could be reached\n' }).detail).toMatch(/did not resolve through 10\.96\.0\.10 \(;; connection timed out/);
    expect(evalDns({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'] } }, 'ns', 'nameserver 1.2.3.4\n').status).toBe('passed');
    expect(evalDns({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'] } }, 'ns', nodeResolv).status).toBe('failed');
  });
});
