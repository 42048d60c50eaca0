/**
 * Each API-server rule has a fixture that a real API server rejects (test/fixtures/validate/semantic,
 * replayed against kube-apiserver by the cluster tests): podsmith must flag it at the path the
 * fixture's header names, with no other error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalog, validatePaths } from '../../src/validate';
import { FIXTURES, goodBundle, run } from './helpers';

const DIR = path.join(FIXTURES, 'semantic');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('API-server semantics: fixtures', () => {
  test.each(files)('%s is flagged at the expected path', async (file) => {
    const rule = file.replace(/\.yaml$/, '');
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const expected = /expected path: (\S+)/.exec(text)![1];
    // a fixture of a rule that depends on the release names it (the cluster tests' API server is 1.34)
    const release = /judged at Kubernetes (\d+\.\d+)/.exec(text)?.[1];
    const report = await validatePaths([path.join(DIR, file)], release ? { k8sVersion: release } : {});
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toContain(rule);
    expect(errors.filter((f) => f.rule !== rule)).toEqual([]);
    const hit = errors.find((f) => f.rule === rule && f.path === expected);
    expect(hit).toBeDefined();
    expect(hit!.line).toBeGreaterThan(0);
    expect(report.summary.errors).toBeGreaterThan(0);
  });

  test('every semantic rule has a fixture', () => {
    const semantic = catalog.filter((r) => r.layer === 'semantic').map((r) => r.id).sort();
    expect(files.map((f) => f.replace(/\.yaml$/, ''))).toEqual(semantic);
  });

  test('the constructs\' defaults raise no semantic finding', () => {
    const report = run(goodBundle());
    expect(report.findings).toEqual([]);
  });
});

describe('API-server semantics: details', () => {
  const pod = (spec: any): any => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });
  const c = { name: 'app', image: 'busybox:1.36' };

  test('a StatefulSet serviceName must be a DNS label from 1.33 (kubernetes#130233; 1.32 accepts it)', () => {
    // the 1.34 verdict is the API server's (test/support/kind-cases.ts, proven by test/e2e/semantic-kinds.test.ts);
    // the release is read from k8s.io/kubernetes' pkg/apis/apps/validation at v1.32.0 (absent) and v1.33.0 (present)
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { serviceName: "'nginx'", selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [c] } } } };
    const errors = (v: string) => run([sts], { k8sVersion: v }).findings.filter((x) => x.severity === 'error').map((x) => [x.rule, x.path]);
    expect(errors('1.32')).toEqual([]);
    for (const v of ['1.33', '1.34', '1.37']) expect(errors(v)).toEqual([['pod.hostname-invalid', 'spec.serviceName']]);
  });

  test('before 1.34 a StatefulSet\'s Pod template is not validated: what its Pods would be refused for is a warning', () => {
    // k8s.io/kubernetes pkg/apis/apps/validation: ValidatePodTemplateSpecForStatefulSet validates the Pod spec from
    // v1.34.0 (a TODO up to v1.33.13; restartPolicy and activeDeadlineSeconds are checked by the StatefulSet itself);
    // the verdicts at 1.31 and 1.33 are those of their API servers (test:value-sweep and test:required-sweep --release)
    const bad = { ...c, volumeMounts: [{ name: 'www', mountPath: '' }], ports: [{ name: 'Sometimes', containerPort: 80 }] };
    const sts = (spec: any) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { serviceName: 's', selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec } } });
    const at = (o: any, k8sVersion: string, severity: string) => run([o], { k8sVersion }).findings.filter((x) => x.severity === severity && (severity === 'error' || x.rule === 'statefulset.pods-refused')).map((x) => `${x.rule} ${x.path}`);
    const paths = ['spec.template.spec.containers[0].ports[0].name', 'spec.template.spec.containers[0].volumeMounts[0].mountPath', 'spec.template.spec.containers[0].volumeMounts[0].name'];
    for (const v of ['1.27', '1.31', '1.33']) {
      expect(at(sts({ containers: [bad] }), v, 'error')).toEqual([]);
      expect(at(sts({ containers: [bad] }), v, 'warning').map((x) => x.split(' ')[1]).sort()).toEqual(paths);
      // what the StatefulSet's own validation checks stays an error
      expect(at(sts({ containers: [c], restartPolicy: 'Never' }), v, 'error')).toEqual(['pod.restart-policy-invalid spec.template.spec.restartPolicy']);
    }
    for (const v of ['1.34', '1.37']) {
      expect(at(sts({ containers: [bad] }), v, 'warning')).toEqual([]);
      expect(new Set(at(sts({ containers: [bad] }), v, 'error').map((x) => x.split(' ')[1]))).toEqual(new Set(paths));
    }
  });

  test('a required field a newer release\'s document dropped is not required at any release, unless its validation changed', () => {
    // the 1.27-1.32 documents list a StatefulSet's serviceName, 1.27-1.33 a NetworkPolicy's podSelector, 1.27-1.34 a Job
    // pod-condition pattern's status as required; the API servers of 1.31 and 1.33 accept all three left out
    // (test/support/release-cases.ts; test:required-sweep --release): SetDefaults_Job defaults the status at every release
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [c] } } } };
    const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: {} };
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] }, template: { spec: { restartPolicy: 'Never', containers: [c] } } } };
    const errors = (o: any, k8sVersion: string) => run([o], { k8sVersion }).findings.filter((x) => x.severity === 'error').map((x) => `${x.rule} ${x.path}`);
    for (const v of ['1.27', '1.31', '1.32', '1.33', '1.34', '1.37']) {
      expect(errors(sts, v)).toEqual([]);
      expect(errors(np, v)).toEqual([]);
      expect(errors(job, v)).toEqual([]);
    }
  });

  test('a sleep hook may not outlast the grace period, after the API server defaults it', () => {
    // each row measured against the local 1.34 API server (server-side dry-run); found by
    // test/e2e/constructs-apiserver.test.ts
    const rows: Array<[number | undefined, number, string | undefined]> = [
      [0, 1, 'Invalid value: 1: must be non-negative and less than terminationGracePeriodSeconds (0)'],
      [0, 0, undefined],
      [undefined, 30, undefined],
      [undefined, 31, 'Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)'],
      [-5, 1, undefined], // a negative grace period is defaulted to 1
      [-5, 2, 'Invalid value: 2: must be non-negative and less than terminationGracePeriodSeconds (1)'],
      [10, -1, 'Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (10)'],
    ];
    for (const [grace, seconds, message] of rows) {
      const spec = { ...(grace === undefined ? {} : { terminationGracePeriodSeconds: grace }), containers: [{ ...c, lifecycle: { preStop: { sleep: { seconds } } } }] };
      const errors = run([pod(spec)]).findings.filter((x) => x.severity === 'error');
      expect(errors.map((x) => [x.rule, x.path, x.message])).toEqual(message ? [['fields.out-of-range', 'spec.containers[0].lifecycle.preStop.sleep', message]] : []);
    }
    // in a template the negative grace period is not defaulted: even a zero sleep is refused
    // (found by the 2,000-case differential run)
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: -5, containers: [{ ...c, lifecycle: { preStop: { sleep: { seconds: 0 } } } }] } } } };
    expect(run([job]).findings.filter((x) => x.severity === 'error').map((x) => [x.path, x.message])).toEqual([
      ['spec.template.spec.containers[0].lifecycle.preStop.sleep', 'Invalid value: 0: must be non-negative and less than terminationGracePeriodSeconds (-5)'],
    ]);
  });

  test('nodeSelector keys and values are checked as labels (found by test/e2e/constructs-apiserver.test.ts)', () => {
    const errors = (ns: any) => run([pod({ nodeSelector: ns, containers: [c] })]).findings.filter((x) => x.severity === 'error').map((x) => [x.rule, x.path, x.message.slice(0, 40)]);
    expect(errors({ 'Bad Key': 'x' })).toEqual([['affinity.invalid', 'spec.nodeSelector', 'Invalid value: "Bad Key": name part must']]);
    expect(errors({ disktype: 'not valid!' })).toEqual([['affinity.invalid', 'spec.nodeSelector', 'Invalid value: "not valid!": a valid lab']]);
    expect(errors({ 'example.com/x': '' })).toEqual([]);
  });

  test('user and group IDs are 0 to 2^31-1, in the Pod and in each container (measured against the 1.34 API server)', () => {
    const errors = (psc: any, csc: any) => run([pod({ securityContext: psc, containers: [{ ...c, securityContext: csc }] })]).findings.filter((x) => x.severity === 'error').map((x) => `${x.path}: ${x.message}`);
    expect(errors({ fsGroup: -1 }, {})).toEqual(['spec.securityContext.fsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive']);
    expect(errors({ supplementalGroups: [5, -1] }, {})).toEqual(['spec.securityContext.supplementalGroups[1]: Invalid value: -1: must be between 0 and 2147483647, inclusive']);
    expect(errors({ runAsGroup: 2147483648 }, {})).toEqual(['spec.securityContext.runAsGroup: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive']);
    expect(errors({}, { runAsGroup: -1 })).toEqual(['spec.containers[0].securityContext.runAsGroup: Invalid value: -1: must be between 0 and 2147483647, inclusive']);
    expect(errors({}, { runAsUser: 2147483648 })).toEqual(['spec.containers[0].securityContext.runAsUser: Invalid value: 2147483648: must be between 0 and 2147483647, inclusive']);
    expect(errors({ fsGroup: 0, runAsGroup: 0 }, { runAsGroup: 2147483647 })).toEqual([]);
  });

  test('host ports are unique per protocol/hostIP/port; hostNetwork defaults them in bare Pods only (measured against 1.34)', () => {
    const ctr = (n: string, ports: any[]) => ({ ...c, name: n, ports });
    const errors = (o: any) => run([o]).findings.filter((x) => x.severity === 'error').map((x) => `${x.path}: ${x.message}`);
    const shared = { hostNetwork: true, containers: [ctr('a', [{ containerPort: 8080 }]), ctr('b', [{ containerPort: 8080 }])] };
    expect(errors(pod(shared))).toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: shared } } };
    expect(errors(dep)).toEqual([]);
    expect(errors(pod({ containers: [ctr('a', [{ containerPort: 8080, hostPort: 9000 }]), ctr('b', [{ containerPort: 8081, hostPort: 9000 }])] })))
      .toEqual(['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//9000"']);
  });

  test('a Job needs restartPolicy OnFailure or Never (the default Always is rejected)', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [c] } } } };
    const f = run([job]).findings.find((x) => x.rule === 'pod.restart-policy-invalid');
    expect(f?.path).toBe('spec.template.spec.restartPolicy');
    expect(f?.message).toBe('Required value: valid values: "OnFailure", "Never"');
  });

  test('an Indexed Job without completions is fine when parallelism is unset too (both default to 1)', () => {
    const job = (spec: any) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { completionMode: 'Indexed', ...spec, template: { spec: { restartPolicy: 'Never', containers: [c] } } } });
    expect(run([job({})]).findings.map((f) => f.rule)).not.toContain('job.spec-invalid');
    expect(run([job({ parallelism: 2 })]).findings.map((f) => f.rule)).toContain('job.spec-invalid');
  });

  test('DaemonSet surge: maxSurge needs maxUnavailable 0 (it defaults to 1)', () => {
    const ds = (rollingUpdate: any) => ({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' },
      spec: { selector: { matchLabels: { a: 'b' } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [c] } } },
    });
    const rules = (ru: any) => run([ds(ru)]).findings.filter((f) => f.severity === 'error').map((f) => f.rule);
    expect(rules({ maxUnavailable: 0, maxSurge: 1 })).toEqual([]);
    expect(rules({ maxUnavailable: '10%' })).toEqual([]);
    expect(rules({ maxSurge: 1 })).toEqual(['workload.update-strategy-invalid']);
    expect(rules({ maxUnavailable: 0 })).toEqual(['workload.update-strategy-invalid']);
  });

  test('topology spread: a repeated {topologyKey, whenUnsatisfiable} pair', () => {
    const t = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' };
    const f = run([pod({ topologySpreadConstraints: [t, { ...t }], containers: [c] })]).findings.find((x) => x.rule === 'scheduling.topology-spread-invalid');
    expect(f?.path).toBe('spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}');
    expect(f?.message).toBe('Duplicate value: "{zone, DoNotSchedule}"');
  });

  test('CronJob time zones: IANA names pass; unknown names, Local and bad characters do not', () => {
    const cj = (timeZone: string) => ({
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' },
      spec: { schedule: '0 3 * * *', timeZone, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [c] } } } } },
    });
    for (const tz of ['Europe/Berlin', 'Asia/Shanghai', 'UTC', 'America/Argentina/Buenos_Aires']) {
      expect(run([cj(tz)]).findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
    for (const tz of ['Mars/Olympus_Mons', 'Local', '', '../etc/passwd', 'Europe/Berlin Time']) {
      const f = run([cj(tz)]).findings.find((x) => x.rule === 'cronjob.schedule-invalid');
      expect(f?.path).toBe('spec.timeZone');
    }
  });

  test('seccomp Localhost needs localhostProfile; grpc probe ports are port numbers', () => {
    const r = run([pod({ securityContext: { seccompProfile: { type: 'Localhost' } }, containers: [{ ...c, livenessProbe: { grpc: { port: 0 } } }] })]);
    expect(r.findings.map((f) => [f.rule, f.path])).toEqual(expect.arrayContaining([
      ['security-context.invalid', 'spec.securityContext.seccompProfile.localhostProfile'],
      ['probes.port-invalid', 'spec.containers[0].livenessProbe.grpc.port'],
    ]));
  });

  test('sidecar init containers (restartPolicy Always) may have probes', () => {
    const r = run([pod({ initContainers: [{ ...c, name: 'side', restartPolicy: 'Always', livenessProbe: { tcpSocket: { port: 80 } } }], containers: [c] })]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('hugepages need cpu or memory', () => {
    const r = run([pod({ containers: [{ ...c, resources: { requests: { 'hugepages-2Mi': '2Mi' }, limits: { 'hugepages-2Mi': '2Mi' } } }] })]);
    expect(r.findings.find((f) => f.rule === 'resources.hugepages')?.message).toBe('Forbidden: HugePages require cpu or memory');
  });

  test('request equal to limit is fine; quantities compare exactly (1Gi > 1G)', () => {
    const ok = run([pod({ containers: [{ ...c, resources: { requests: { memory: '1G' }, limits: { memory: '1Gi' } } }] })]);
    expect(ok.findings.filter((f) => f.rule === 'resources.limit-below-request')).toEqual([]);
    const bad = run([pod({ containers: [{ ...c, resources: { requests: { memory: '1Gi' }, limits: { memory: '1G' } } }] })]);
    expect(bad.findings.filter((f) => f.rule === 'resources.limit-below-request')).toHaveLength(1);
  });

  test('env var names: letters, digits, _ - . and no leading digit before 1.32 (IsEnvVarName), printable ASCII since', () => {
    const env = (name: string) => pod({ containers: [{ ...c, env: [{ name, value: 'x' }], envFrom: [{ prefix: name, configMapRef: { name: 'cfg' } }] }] });
    const rules = (name: string, k8sVersion: string) => run([env(name)], { k8sVersion }).findings.filter((f) => f.rule === 'env.invalid').map((f) => f.path);
    for (const ok of ['my.var', 'MY-VAR', '_x', 'a..b']) expect([ok, rules(ok, '1.27')]).toEqual([ok, []]);
    for (const bad of ['1abc', 'a b', '..x', '.']) expect([bad, rules(bad, '1.27')]).toEqual([bad, ['spec.containers[0].envFrom[0].prefix', 'spec.containers[0].env[0].name']]);
    for (const ok of ['1abc', 'a b', '..x']) expect([ok, rules(ok, '1.34')]).toEqual([ok, []]);
    expect(rules('a=b', '1.34')).toEqual(['spec.containers[0].envFrom[0].prefix', 'spec.containers[0].env[0].name']);
  });

  test("a Job failure policy's empty condition status is defaulted to True at every release", () => {
    // k8s.io/kubernetes pkg/apis/batch/v1 SetDefaults_Job (from 1.34 SetDefaults_PodFailurePolicyOnPodConditionsPattern)
    // sets an empty status to True before validation; the API servers of 1.31, 1.33 and 1.34 accept it (test/support/release-cases.ts)
    const job = {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' },
      spec: {
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: '' }] }] },
        template: { spec: { restartPolicy: 'Never', containers: [c] } },
      },
    };
    const errors = (k8sVersion: string) => run([job], { k8sVersion }).findings.filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message}`);
    for (const v of ['1.27', '1.33', '1.34', '1.37']) expect(errors(v)).toEqual([]);
    // a status outside the enumeration is still refused
    job.spec.podFailurePolicy.rules[0].onPodConditions[0].status = 'Sometimes';
    expect(errors('1.33')).toHaveLength(1);
  });

  test('enumerated fields by release: trafficDistribution PreferSame* from 1.34, recursiveReadOnly from 1.31 (kube_features.go gates)', () => {
    // PreferSameTrafficDistribution: alpha (off) 1.33, beta (on) 1.34; ServiceTrafficDistribution and
    // RecursiveReadOnlyMounts: alpha (off: the field dropped) 1.30, on from 1.31 (k8s.io/kubernetes v1.34.4 pkg/features)
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { a: 'b' }, ports: [{ port: 80 }], trafficDistribution: 'PreferSameNode' } };
    const mount = pod({ volumes: [{ name: 'v', emptyDir: {} }], containers: [{ ...c, volumeMounts: [{ name: 'v', mountPath: '/v', recursiveReadOnly: 'Sometimes' }] }] });
    const errors = (o: any, k8sVersion: string) => run([o], { k8sVersion }).findings.filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message}`);
    expect(errors(svc, '1.30')).toEqual([]);
    expect(errors(svc, '1.33')).toEqual(['spec.trafficDistribution: Unsupported value: "PreferSameNode": supported values: "PreferClose"']);
    expect(errors(svc, '1.34')).toEqual([]);
    expect(errors(mount, '1.30')).toEqual([]);
    expect(errors(mount, '1.31')).toEqual(['spec.containers[0].volumeMounts[0].recursiveReadOnly: Unsupported value: "Sometimes": supported values: "Disabled", "Enabled", "IfPossible"']);
  });

  test('an empty string in a defaulted field is the field left out; the object keeps what was written', () => {
    const o = pod({ dnsPolicy: '', containers: [{ ...c, imagePullPolicy: '', ports: [{ containerPort: 80, protocol: '' }] }] });
    const before = JSON.stringify(o);
    expect(run([o]).findings.filter((f) => f.rule === 'fields.not-supported')).toEqual([]);
    expect(JSON.stringify(o)).toBe(before);
    // not in a pointer field: fsGroupChangePolicy "" is a value, and refused
    expect(run([pod({ securityContext: { fsGroupChangePolicy: '' } })]).findings.map((f) => f.rule)).toContain('fields.not-supported');
  });

  test('a MutatingAdmissionPolicy (v1 from 1.37) and its binding', () => {
    // the verdicts of 1.37's API server on these fields: npm run test:value-sweep -- --release 1.37 --collections
    // (policyName "", spec {}, mutations [], patchType, reinvocationPolicy, failurePolicy, empty resource rules)
    const policy = (spec: any) => ({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingAdmissionPolicy', metadata: { name: 'p' }, spec });
    const good = {
      matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] },
      mutations: [{ patchType: 'ApplyConfiguration', applyConfiguration: { expression: 'Object{}' } }],
      reinvocationPolicy: 'Never',
    };
    const errors = (o: any) => run([o], { k8sVersion: '1.37' }).findings.filter((f) => f.severity === 'error').map((f) => f.path);
    expect(errors(policy(good))).toEqual([]);
    expect(errors(policy({}))).toEqual(['spec.matchConstraints', 'spec.mutations', 'spec.reinvocationPolicy']);
    expect(errors(policy({ ...good, mutations: [{ patchType: 'Merge' }], reinvocationPolicy: 'Always', failurePolicy: 'Retry' }))).toEqual(['spec.failurePolicy', 'spec.mutations[0].patchType', 'spec.reinvocationPolicy']);
    const binding = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingAdmissionPolicyBinding', metadata: { name: 'b' }, spec: { policyName: '' } };
    expect(errors(binding)).toContain('spec.policyName');
  });

  test('cron schedules: descriptors and names are fine, out-of-range fields are not', () => {
    const cj = (schedule: string) => ({
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' },
      spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [c] } } } } },
    });
    for (const s of ['@hourly', '*/5 * * * *', '0 3 * JAN-MAR MON-FRI', '0 0 1,15 * *']) {
      expect(run([cj(s)]).findings.filter((f) => f.rule === 'cronjob.schedule-invalid')).toEqual([]);
    }
    for (const s of ['* * * *', '0 24 * * *', 'TZ=UTC 0 * * * *', '@often']) {
      expect(run([cj(s)]).findings.map((f) => f.rule)).toContain('cronjob.schedule-invalid');
    }
  });

  test('Service names are DNS-1035 labels (no leading digit) up to 1.35, DNS-1123 labels from 1.36', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } };
    expect(run([svc], { k8sVersion: '1.35' }).findings.map((f) => f.rule)).toEqual(['metadata.name-invalid']);
    expect(run([svc], { k8sVersion: '1.36' }).findings.map((f) => f.rule)).toEqual([]);
  });

  test('generateName is checked as a name prefix (its trailing dash masked), and so is the name the server generates from it', () => {
    const errs = (o: any, v = '1.34') => run([o], { k8sVersion: v }).findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.path]);
    const cm = (meta: any) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: {} });
    // argo-workflows' own test workflow: the API server refuses both the prefix and the name it generates
    expect(errs(cm({ generateName: 'dag-hang-failFast-' }))).toEqual([['metadata.name-invalid', 'metadata.name'], ['metadata.name-invalid', 'metadata.generateName']]);
    expect(errs(cm({ generateName: 'web-' }))).toEqual([]);
    expect(errs(cm({ generateName: 'web.' }))).toEqual([['metadata.name-invalid', 'metadata.generateName']]);
    // a long prefix: the generated name keeps 58 characters of it, the prefix itself is over 253
    expect(errs(cm({ generateName: `${'a'.repeat(300)}-` }))).toEqual([['metadata.name-invalid', 'metadata.generateName']]);
    // a name given beside generateName is the one the server keeps
    expect(errs(cm({ name: 'web', generateName: 'Web-' }))).toEqual([['metadata.name-invalid', 'metadata.generateName']]);
    // a CronJob's generated name is held to 52 characters
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { generateName: `${'c'.repeat(50)}-` }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36' }] } } } } } };
    expect(errs(cron)).toContainEqual(['metadata.name-invalid', 'metadata.name']);
    // RBAC names are path segments: its prefix is not held to DNS rules
    expect(errs({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { generateName: 'system:Reader-' }, rules: [] })).toEqual([]);
  });

  test('an error-level semantic finding cannot be suppressed', () => {
    const o = pod({ containers: [c, c] });
    o.metadata.annotations = { 'podsmith.dev/ignore': 'containers.duplicate-name' };
    const r = run([o]);
    const f = r.findings.find((x) => x.rule === 'containers.duplicate-name')!;
    expect(f.suppressed).toBeUndefined();
    expect(r.summary.errors).toBeGreaterThan(0);
  });
});

describe('API-server semantics: what the server does before it validates (found by npm run test:realworld)', () => {
  const c = { name: 'app', image: 'busybox:1.36' };
  const errorsOf = (o: any) => run([o]).findings.filter((x) => x.severity === 'error').map((x) => [x.rule, x.path]);
  const sts = (spec: any, claims: string[]) => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
    spec: {
      serviceName: 'db', selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec },
      volumeClaimTemplates: claims.map((name) => ({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } })),
    },
  });

  test('a StatefulSet\'s volumeClaimTemplates are volumes its containers may mount', () => {
    const mounts = [{ name: 'data', mountPath: '/data' }];
    expect(errorsOf(sts({ containers: [{ ...c, volumeMounts: mounts }], initContainers: [{ ...c, name: 'init', volumeMounts: mounts }] }, ['data']))).toEqual([]);
    // a mount of neither a volume nor a claim template is still refused
    expect(errorsOf(sts({ containers: [{ ...c, volumeMounts: [{ name: 'other', mountPath: '/o' }] }] }, ['data'])))
      .toEqual([['volume-mounts.invalid', 'spec.template.spec.containers[0].volumeMounts[0].name']]);
    // a Deployment has no claim templates
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ ...c, volumeMounts: mounts }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' } }] } };
    expect(errorsOf(dep).map(([rule]) => rule)).toContain('volume-mounts.invalid');
  });

  test('a template volume named like a claim template is replaced by it: not a duplicate, not validated', () => {
    const spec = { containers: [{ ...c, volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }] };
    expect(errorsOf(sts(spec, ['data']))).toEqual([]);
  });

  test('a StatefulSet template\'s hostname and subdomain are not validated (the controller overwrites them)', () => {
    expect(errorsOf(sts({ containers: [c], hostname: 'Not_A_Label', subdomain: 'x.y' }, []))).toEqual([]);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [c], hostname: 'Not_A_Label' } };
    expect(errorsOf(pod)).toEqual([['pod.hostname-invalid', 'spec.hostname']]);
  });

  test('a volume with only a name is an emptyDir (SetDefaults_Volume)', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ ...c, volumeMounts: [{ name: 'scratch', mountPath: '/s' }] }], volumes: [{ name: 'scratch' }, { name: 'tmp', hostPath: null }] } };
    expect(errorsOf(pod)).toEqual([]);
  });

  test('null is absent: a toleration effect, a probe handler or a field left null', () => {
    const pod = (spec: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: null }, spec: { containers: [c], ...spec } });
    expect(errorsOf(pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: null }, { operator: 'Exists', effect: null, tolerationSeconds: null }] }))).toEqual([]);
    expect(errorsOf(pod({ containers: [{ ...c, readinessProbe: { exec: null, httpGet: { path: '/', port: 80 } } }] }))).toEqual([]);
    expect(errorsOf(pod({ dnsPolicy: null, restartPolicy: null, securityContext: null, affinity: null }))).toEqual([]);
    // what is there is still checked, and the user's object is left as it was
    const bad = pod({ tolerations: [{ key: 'k', operator: 'Exists', value: 'v', effect: null }] });
    expect(errorsOf(bad)).toEqual([['tolerations.invalid', 'spec.tolerations[0].operator']]);
    expect(bad.spec.tolerations[0]).toHaveProperty('effect', null);
  });
});

describe('API-server semantics the real-world corpus showed missing (npm run test:realworld)', () => {
  const c = { name: 'app', image: 'busybox:1.36' };
  const errorsOf = (o: any) => run([o]).findings.filter((x) => x.severity === 'error').map((x) => [x.rule, x.path]);
  const pod = (spec: any, meta: any = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...meta }, spec: { containers: [c], ...spec } });

  test('a Pod template\'s containers need an image too', () => {
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'app' }] } } } };
    expect(errorsOf(dep)).toEqual([['containers.image-required', 'spec.template.spec.containers[0].image']]);
  });

  test('a left-out spec or template is validated as empty', () => {
    // judged at 1.34, the release of the API server this was read from (1.37's schema itself requires spec)
    const errors34 = (o: any) => run([o], { k8sVersion: '1.34' }).findings.filter((x) => x.severity === 'error').map((x) => [x.rule, x.path]);
    // (the selector left out is said once, by workload.selector-invalid)
    expect(errors34({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } })).toEqual([
      ['pod.containers-required', 'spec.template.spec.containers'],
      ['workload.selector-invalid', 'spec.selector'],
      ['workload.selector-invalid', 'spec.template.metadata.labels'],
    ]);
    expect(errorsOf({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: null } }).map(([r]) => r)).toContain('pod.containers-required');
    expect(errorsOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } })).toEqual([['service.ports-invalid', 'spec.ports']]);
  });

  test('hostProcess containers need hostNetwork, all containers alike and the Pod\'s value', () => {
    const hp = (v: boolean) => ({ securityContext: { windowsOptions: { hostProcess: v } } });
    expect(errorsOf(pod({ containers: [{ ...c, ...hp(true) }] }))).toEqual([['security-context.invalid', 'spec.hostNetwork']]);
    expect(errorsOf(pod({ hostNetwork: true, containers: [{ ...c, ...hp(true) }] }))).toEqual([]);
    expect(errorsOf(pod({ hostNetwork: true, containers: [{ ...c, ...hp(true) }, { ...c, name: 'b' }] }))).toEqual([['security-context.invalid', 'spec']]);
    expect(errorsOf(pod({ hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ ...c, ...hp(false) }] })).map(([, p]) => p))
      .toContain('spec.containers[0].securityContext.windowsOptions.hostProcess');
  });

  test('procMount is Default or Unmasked', () => {
    expect(errorsOf(pod({ containers: [{ ...c, securityContext: { procMount: 'Other' } }] }))).toEqual([['fields.not-supported', 'spec.containers[0].securityContext.procMount']]);
    expect(errorsOf(pod({ containers: [{ ...c, securityContext: { procMount: 'Default' } }] }))).toEqual([]);
  });

  test('an AppArmor annotation names a container of the Pod', () => {
    const key = 'container.apparmor.security.beta.kubernetes.io/other';
    expect(errorsOf(pod({}, { annotations: { [key]: 'runtime/default' } }))).toEqual([['metadata.annotations-invalid', `metadata.annotations[${key}]`]]);
    expect(errorsOf(pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' } }))).toEqual([]);
  });

  test('Ingress hosts are DNS names, a leading *. allowed', () => {
    const ing = (host: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [{ host }], tls: [{ hosts: [host] }] } });
    expect(errorsOf(ing('__INGRESS_HOST__'))).toEqual([['ingress.host-invalid', 'spec.rules[0].host'], ['ingress.host-invalid', 'spec.tls[0].hosts[0]']]);
    expect(errorsOf(ing('192.0.2.1')).map(([, p]) => p)).toContain('spec.rules[0].host');
    expect(errorsOf(ing('*.example.com'))).toEqual([]);
    expect(errorsOf(ing('web.example.com'))).toEqual([]);
  });
});

describe('what the schema lists as required but the server does not require (found by npm run test:realworld)', () => {
  const errorsAt = (o: any, k8sVersion: string) => run([o], { k8sVersion }).findings.filter((x) => x.severity === 'error').map((x) => [x.rule, x.path]);

  test.each(['1.27', '1.34', '1.37'])('a kind without spec is judged as with an empty spec, what that lacks (%s)', (v) => {
    // k8s.io/kubernetes' own csi-mock-driverinfo.yaml: the API server accepts a CSIDriver with no spec
    expect(errorsAt({ apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'mock.storage.k8s.io' } }, v)).toEqual([]);
    // the server decodes a spec left out, null or {} alike (test/support/kind-cases.ts: an Ingress, an HPA, a CSR without spec are refused)
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } };
    expect(errorsAt(dep, v)).toContainEqual(['workload.selector-invalid', 'spec.selector']);
    expect(errorsAt(dep, v)).toEqual(errorsAt({ ...dep, spec: {} }, v));
    expect(errorsAt({ ...dep, spec: null }, v)).toEqual(errorsAt({ ...dep, spec: {} }, v));
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' } };
    expect(errorsAt(hpa, v)).toContainEqual(['schema.required', 'spec.maxReplicas']);
  });

  test('nothing under status is required (the API server resets status on create); its field names still are checked', () => {
    // test/e2e/required-sweep.test.ts: a Deployment condition without type, a Pod container status without image: accepted
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } };
    expect(errorsAt({ ...dep, status: { conditions: [{ status: 'True' }] } }, '1.34')).toEqual([]);
    expect(errorsAt({ ...dep, status: { conditions: [{ type: 'Available', status: 'True', bogus: 1 }] } }, '1.34')).toEqual([['schema.unknown-field', 'status.conditions[0].bogus']]);
  });

  test('review requests are answered without a name; an access review refuses any metadata, the other reviews check none', () => {
    // verdicts of the 1.34 API server: test/support/kind-cases.ts, proven by test/e2e/semantic-kinds.test.ts
    const sar = { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'u', resourceAttributes: { verb: 'get', resource: 'pods' } } };
    expect(errorsAt(sar, '1.34')).toEqual([]);
    expect(errorsAt({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec: { token: 't' } }, '1.34')).toEqual([]);
    expect(errorsAt({ ...sar, metadata: { name: 'Bad_Name' } }, '1.34')).toEqual([['review.invalid', 'metadata']]);
    expect(errorsAt({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: { name: 'Bad_Name' }, spec: { token: 't' } }, '1.34')).toEqual([]);
    expect(errorsAt({ apiVersion: 'v1', kind: 'ConfigMap', data: {} }, '1.34')).toContainEqual(['metadata.name-invalid', 'metadata.name']);
  });
});
