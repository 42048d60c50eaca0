/**
 * The best-practice catalog: each rule fires on a small change to what the constructs emit by
 * default (good/web.yaml), and stays quiet on the default and on the handbook's exceptions.
 */
import { catalog } from '../../src/validate';
import { goodBundle, podOf, run, rulesOf } from './helpers';

/** `k8sVersion`: the release the rule applies to, where it is not every release. */
type Case = { rule: string; fire: (objs: any[]) => any[] | void; quiet?: Array<[string, (objs: any[]) => any[] | void]>; k8sVersion?: string };

const dep = (objs: any[]) => objs[0];
const ctr = (objs: any[]) => podOf(objs[0]).containers[0];
const sc = (objs: any[]) => ctr(objs).securityContext;

const ingress = (service: string, port: number | string) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default' },
  spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } } } }] } }] },
});

const quota = (hard: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard } });

/** The first object (a Deployment) as a StatefulSet, its Pod spec changed by `change`. */
const statefulSet = (objs: any[], change: (pod: any) => void = () => undefined) => {
  const d = objs[0];
  const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { ...d.metadata }, spec: { serviceName: d.metadata.name, selector: d.spec.selector, template: JSON.parse(JSON.stringify(d.spec.template)) } };
  change(sts.spec.template.spec);
  return sts;
};

const cases: Case[] = [
  {
    // before 1.34 the API server accepts a StatefulSet without validating its Pod template (k8s.io/kubernetes
    // pkg/apis/apps/validation, v1.33.13); its Pods are refused. Judged by the API servers of 1.31 and 1.33 (test:value-sweep --release)
    rule: 'statefulset.pods-refused', k8sVersion: '1.33',
    fire: (o) => [statefulSet(o, (pod) => { pod.containers[0].volumeMounts = [{ name: 'not-a-volume', mountPath: '/data' }]; })],
    quiet: [['a valid Pod template', (o) => [statefulSet(o)]]],
  },
  {
    rule: 'pod.bare',
    fire: (o) => [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: podOf(o[0]) }],
    quiet: [['a Pod owned by a controller', (o) => [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r', uid: 'u' }] }, spec: podOf(o[0]) }]]],
  },
  {
    rule: 'image.latest-tag',
    fire: (o) => { ctr(o).image = 'nginx:latest'; },
    quiet: [['a digest', (o) => { ctr(o).image = 'nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000'; }],
      ['a registry with a port', (o) => { ctr(o).image = 'registry.local:5000/nginx:1.2'; }]],
  },
  { rule: 'probes.readiness-missing', fire: (o) => { delete ctr(o).readinessProbe; } },
  { rule: 'probes.liveness-missing', fire: (o) => { delete ctr(o).livenessProbe; } },
  {
    rule: 'probes.identical', fire: (o) => { ctr(o).livenessProbe = { ...ctr(o).readinessProbe }; },
    quiet: [['different periods', () => undefined]],
  },
  {
    rule: 'probes.port-not-exposed', fire: (o) => { ctr(o).readinessProbe.httpGet.port = 'web'; },
    quiet: [['a numeric port', (o) => { ctr(o).readinessProbe.httpGet.port = 8080; }]],
  },
  {
    // 1.34 only: 1.35 keeps and checks the field (ContainerRestartRules on by default)
    rule: 'containers.restart-policy-ignored', k8sVersion: '1.34', fire: (o) => { ctr(o).restartPolicy = 'Always'; },
    quiet: [['a sidecar init container', (o) => { podOf(dep(o)).initContainers = [{ ...ctr(o), name: 'side', restartPolicy: 'Always' }]; }]],
  },
  { rule: 'resources.requests-missing', fire: (o) => { delete ctr(o).resources.requests.memory; } },
  { rule: 'resources.limits-missing', fire: (o) => { delete ctr(o).resources.limits; } },
  {
    rule: 'security.privileged', fire: (o) => { sc(o).privileged = true; delete sc(o).allowPrivilegeEscalation; },
  },
  {
    rule: 'security.dangerous-capabilities', fire: (o) => { sc(o).capabilities.add = ['NET_ADMIN']; },
    quiet: [['NET_BIND_SERVICE', (o) => { sc(o).capabilities.add = ['NET_BIND_SERVICE']; }]],
  },
  { rule: 'host.namespaces', fire: (o) => { podOf(dep(o)).hostPID = true; } },
  {
    rule: 'host.network-dns-policy', fire: (o) => { podOf(dep(o)).hostNetwork = true; },
    quiet: [['ClusterFirstWithHostNet', (o) => {
      podOf(dep(o)).hostNetwork = true; podOf(dep(o)).dnsPolicy = 'ClusterFirstWithHostNet';
      dep(o).metadata.annotations = { 'podsmith.dev/ignore': 'host.namespaces' };
    }]],
  },
  { rule: 'host.ports', fire: (o) => { ctr(o).ports[0].hostPort = 8080; } },
  {
    rule: 'sysctls.unsafe', fire: (o) => { podOf(dep(o)).securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]; },
    quiet: [['a safe sysctl', (o) => { podOf(dep(o)).securityContext.sysctls = [{ name: 'net.ipv4.ip_local_port_range', value: '20000 40000' }]; }]],
  },
  {
    rule: 'security.host-path', fire: (o) => { podOf(dep(o)).volumes[0].hostPath.path = '/var/run/docker.sock'; },
    quiet: [
      ['the read-only zone file of H28', () => undefined],
      ['/etc/localtime read-only', (o) => { podOf(dep(o)).volumes[0].hostPath.path = '/etc/localtime'; }],
    ],
  },
  { rule: 'security.run-as-root', fire: (o) => { sc(o).runAsUser = 0; delete sc(o).runAsNonRoot; } },
  { rule: 'security.privilege-escalation', fire: (o) => { delete sc(o).allowPrivilegeEscalation; } },
  { rule: 'security.read-only-root-fs', fire: (o) => { sc(o).readOnlyRootFilesystem = false; } },
  { rule: 'security.seccomp-profile', fire: (o) => { delete podOf(dep(o)).securityContext.seccompProfile; } },
  { rule: 'security.service-account-token', fire: (o) => { delete podOf(dep(o)).automountServiceAccountToken; } },
  {
    rule: 'pdb.missing', fire: (o) => [o[0], o[2]],
    quiet: [['a single replica', (o) => { o[0].spec.replicas = 1; return [o[0], o[2]]; }]],
  },
  {
    rule: 'service.selector-matches-nothing', fire: (o) => { o[2].spec.selector = { 'app.kubernetes.io/name': 'api' }; },
    quiet: [['a Service alone (nothing to compare with)', (o) => [o[2]]], ['a Service without selector', (o) => { delete o[2].spec.selector; }]],
  },
  {
    rule: 'service.target-port-unknown', fire: (o) => { o[2].spec.ports[0].targetPort = 'web'; },
    quiet: [['a numeric targetPort', (o) => { o[2].spec.ports[0].targetPort = 8080; }]],
  },
  {
    rule: 'pdb.selector-matches-nothing', fire: (o) => { o[1].spec.selector.matchLabels = { 'app.kubernetes.io/name': 'api' }; },
    quiet: [['a PDB alone', (o) => [o[1]]]],
  },
  {
    rule: 'scheduling.anti-affinity-missing', fire: (o) => { delete podOf(dep(o)).affinity; },
    quiet: [['topology spread instead', (o) => {
      delete podOf(dep(o)).affinity;
      podOf(dep(o)).topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }];
    }]],
  },
  {
    rule: 'dns.subdomain-service-missing', fire: (o) => { podOf(dep(o)).subdomain = 'web'; },
    quiet: [['a headless Service with a port', (o) => { podOf(dep(o)).subdomain = 'web'; o[2].spec.clusterIP = 'None'; }]],
  },
  {
    rule: 'network.bandwidth-annotation', fire: (o) => { dep(o).spec.template.metadata.annotations = { 'kubernetes.io/ingress-bandwidth': '10 megabits' }; },
    quiet: [['10M', (o) => { dep(o).spec.template.metadata.annotations = { 'kubernetes.io/ingress-bandwidth': '10M' }; }]],
  },
  {
    rule: 'scheduling.priority-class-undefined', fire: (o) => { podOf(dep(o)).priorityClassName = 'high'; },
    quiet: [
      ['defined in the bundle', (o) => { podOf(dep(o)).priorityClassName = 'high'; return [...o, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 }]; }],
      ['a built-in class', (o) => { podOf(dep(o)).priorityClassName = 'system-node-critical'; }],
    ],
  },
  {
    rule: 'env.duplicate-name', fire: (o) => { ctr(o).env = [{ name: 'PORT', value: '8080' }, { name: 'PORT', value: '9090' }]; },
    quiet: [['distinct names', (o) => { ctr(o).env = [{ name: 'PORT', value: '8080' }, { name: 'HOST', value: 'localhost' }]; }]],
  },
  {
    rule: 'env.secret-literal', fire: (o) => { ctr(o).env = [{ name: 'DB_PASSWORD', value: 'hunter2' }]; },
    quiet: [
      ['a secretKeyRef', (o) => { ctr(o).env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]; }],
      ['a path to the secret file', (o) => { ctr(o).env = [{ name: 'DB_PASSWORD_FILE', value: '/run/secrets/db' }]; }],
      ['a name that only contains the letters', (o) => { ctr(o).env = [{ name: 'BLAH', value: 'secretsquirrels' }, { name: 'MONKEY', value: 'x' }]; }],
    ],
  },
  {
    rule: 'probes.port-undeclared', fire: (o) => { ctr(o).readinessProbe.httpGet.port = 9090; },
    quiet: [['the declared number', (o) => { ctr(o).readinessProbe.httpGet.port = 8080; }]],
  },
  {
    rule: 'security.run-as-root-group', fire: (o) => { podOf(dep(o)).securityContext.runAsGroup = 0; },
    quiet: [['group 65534', (o) => { podOf(dep(o)).securityContext.runAsGroup = 65534; }]],
  },
  {
    rule: 'security.low-ids', fire: (o) => { sc(o).runAsUser = 1000; },
    quiet: [['uid 10000', (o) => { sc(o).runAsUser = 10000; podOf(dep(o)).securityContext.fsGroup = 10001; }]],
  },
  {
    rule: 'resources.ephemeral-storage-missing', fire: (o) => [...o, quota({ 'requests.ephemeral-storage': '10Gi' })],
    quiet: [
      ['no ResourceQuota on it', (o) => [...o, quota({ 'requests.cpu': '10' })]],
      ['a limit (which also sets the request)', (o) => { ctr(o).resources.limits['ephemeral-storage'] = '1Gi'; return [...o, quota({ 'requests.ephemeral-storage': '10Gi' })]; }],
      ['a LimitRange default', (o) => [...o, quota({ 'limits.ephemeral-storage': '10Gi' }),
        { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'd', namespace: 'default' }, spec: { limits: [{ type: 'Container', default: { 'ephemeral-storage': '1Gi' } }] } }]],
    ],
  },
  {
    rule: 'scheduling.spread-selects-nothing',
    fire: (o) => { podOf(dep(o)).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels = { app: 'other' }; },
    quiet: [['a spread constraint on the own labels', (o) => {
      podOf(dep(o)).topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } }];
    }]],
  },
  {
    rule: 'reference.service-account-missing', fire: (o) => { podOf(dep(o)).serviceAccountName = 'web'; },
    quiet: [['the account in the bundle', (o) => { podOf(dep(o)).serviceAccountName = 'web'; return [...o, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'default' } }]; }]],
  },
  {
    rule: 'reference.service-missing',
    fire: (o) => [{ ...dep(o), kind: 'StatefulSet', spec: { ...dep(o).spec, serviceName: 'web-headless' } }, o[1], o[2]],
    quiet: [['the Service in the bundle', (o) => [{ ...dep(o), kind: 'StatefulSet', spec: { ...dep(o).spec, serviceName: 'web' } }, o[1], o[2]]]],
  },
  {
    rule: 'ingress.backend-missing',
    fire: (o) => [...o, ingress('web', 8080)],
    quiet: [['the Service and its port', (o) => [...o, ingress('web', 80)]], ['a port by name', (o) => [...o, ingress('web', 'http')]]],
  },
  {
    rule: 'network.policy-missing',
    fire: (o) => [...o, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'db' } } } }],
    quiet: [
      ['no NetworkPolicy in the bundle (not opted in)', () => undefined],
      ['a policy selecting the Pods', (o) => [...o, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'default' }, spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, policyTypes: ['Ingress', 'Egress'] } }]],
    ],
  },
  {
    rule: 'pdb.blocks-drain', fire: (o) => { o[1].spec.maxUnavailable = 0; },
    quiet: [
      ['minAvailable below the replicas', (o) => { delete o[1].spec.maxUnavailable; o[1].spec.minAvailable = 2; }],
      ['maxUnavailable 10%', (o) => { o[1].spec.maxUnavailable = '10%'; }],
    ],
  },
];

function apply(c: (objs: any[]) => any[] | void): any[] {
  const objs = goodBundle();
  return c(objs) ?? objs;
}

describe('best-practice rules', () => {
  test('the constructs\' defaults are clean', () => {
    expect(rulesOf(run(goodBundle()))).toEqual([]);
  });

  describe.each(cases)('$rule', ({ rule, fire, quiet, k8sVersion }) => {
    const opts = k8sVersion ? { k8sVersion } : undefined;
    test('fires', () => {
      const report = run(apply(fire), opts);
      expect(rulesOf(report)).toContain(rule);
      const f = report.findings.find((x) => x.rule === rule)!;
      expect(f.path).not.toBe('');
      expect(f.handbook.length).toBeGreaterThan(0);
    });
    test('is suppressed by podsmith.dev/ignore (reported, not dropped)', () => {
      const objs = apply(fire);
      for (const o of objs) {
        o.metadata = o.metadata ?? {};
        o.metadata.annotations = { ...o.metadata.annotations, 'podsmith.dev/ignore': `host.namespaces, ${rule}` };
      }
      const report = run(objs, opts);
      const hits = report.findings.filter((x) => x.rule === rule);
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) expect(h.severity === 'error' ? true : h.suppressed).toBe(true);
    });
    for (const [name, q] of quiet ?? []) {
      test(`stays quiet: ${name}`, () => {
        expect(rulesOf(run(apply(q), opts))).not.toContain(rule);
      });
    }
  });

  test('every best-practice rule has a case here', () => {
    const ids = catalog.filter((r) => r.layer === 'best-practice').map((r) => r.id).sort();
    expect(cases.map((c) => c.rule).sort()).toEqual(ids);
  });

  test('Jobs and CronJobs need no probes; DaemonSets and single replicas need no PDB', () => {
    const pod = podOf(goodBundle()[0]);
    delete pod.containers[0].readinessProbe;
    delete pod.containers[0].livenessProbe;
    pod.restartPolicy = 'Never';
    // the labels that the template's anti-affinity selects (else scheduling.spread-selects-nothing fires)
    const labels = { 'app.kubernetes.io/name': 'web' };
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { metadata: { labels }, spec: pod } } };
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podOf(goodBundle()[0]) } } };
    expect(rulesOf(run([job, ds]))).toEqual([]);
  });
});
