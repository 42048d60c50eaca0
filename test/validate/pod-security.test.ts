/** --profile baseline|restricted: the Pod Security Standards, on top of the default rule set. */
import { availableVersions, catalog } from '../../src/validate';
import { goodBundle, podOf, run, rulesOf } from './helpers';

const ctr = (o: any[]) => podOf(o[0]).containers[0];
const psc = (o: any[]) => podOf(o[0]).securityContext;
type Profile = 'baseline' | 'restricted';
/** [rule, profile, mutation, first minor the check applies to] */
type Case = [string, Profile, (o: any[]) => void, number?];

const cases: Case[] = [
  ['pss.host-namespaces', 'baseline', (o) => { podOf(o[0]).hostIPC = true; }],
  ['pss.privileged', 'baseline', (o) => { ctr(o).securityContext.privileged = true; delete ctr(o).securityContext.allowPrivilegeEscalation; }],
  ['pss.capabilities-baseline', 'baseline', (o) => { ctr(o).securityContext.capabilities.add = ['SYS_TIME']; }],
  ['pss.host-path', 'baseline', () => undefined],
  ['pss.host-ports', 'baseline', (o) => { ctr(o).ports[0].hostPort = 8080; }],
  ['pss.host-probes', 'baseline', (o) => { ctr(o).readinessProbe.httpGet.host = 'example.com'; }, 34],
  ['pss.apparmor', 'baseline', (o) => { ctr(o).securityContext.appArmorProfile = { type: 'Unconfined' }; }],
  ['pss.windows-host-process', 'baseline', (o) => { psc(o).windowsOptions = { hostProcess: true }; }],
  // before 1.33 the API server drops procMount (ProcMountType off by default: a 1.31 server admits Unmasked in a baseline namespace)
  ['pss.proc-mount', 'baseline', (o) => { ctr(o).securityContext.procMount = 'Unmasked'; }, 33],
  ['pss.seccomp-unconfined', 'baseline', (o) => { psc(o).seccompProfile.type = 'Unconfined'; }],
  ['pss.sysctls', 'baseline', (o) => { psc(o).sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }],
  ['pss.selinux', 'baseline', (o) => { ctr(o).securityContext.seLinuxOptions = { user: 'system_u' }; }],
  ['pss.volume-types', 'restricted', () => undefined],
  ['pss.privilege-escalation', 'restricted', (o) => { delete ctr(o).securityContext.allowPrivilegeEscalation; }],
  ['pss.run-as-non-root', 'restricted', (o) => { delete ctr(o).securityContext.runAsNonRoot; delete psc(o).runAsNonRoot; }],
  ['pss.run-as-user', 'restricted', (o) => { psc(o).runAsUser = 0; }],
  ['pss.seccomp-required', 'restricted', (o) => { delete psc(o).seccompProfile; }],
  ['pss.capabilities-restricted', 'restricted', (o) => { ctr(o).securityContext.capabilities = {}; }],
  ['pss.proc-mount-restricted', 'restricted', (o) => { podOf(o[0]).hostUsers = false; ctr(o).securityContext.procMount = 'Unmasked'; }, 35],
];

/** The good bundle without the H28 timezone hostPath, which both profiles forbid. */
function bundle(): any[] {
  const o = goodBundle();
  const pod = podOf(o[0]);
  pod.volumes = pod.volumes.filter((v: any) => !v.hostPath);
  pod.containers[0].volumeMounts = pod.containers[0].volumeMounts.filter((m: any) => m.name !== 'tz');
  return o;
}

/** The Pod Security rules a mutation of the bundle breaks, under a profile and release. */
function pss(mutate: (o: any[]) => void, profile: Profile, k8sVersion?: string): string[] {
  const o = bundle();
  mutate(o);
  return rulesOf(run(o, { profile, k8sVersion })).filter((r) => r.startsWith('pss.'));
}

const releases = availableVersions();
const minor = (v: string) => Number(v.split('.')[1]);

describe.each(cases)('%s (%s)', (rule, profile, mutate, since = 0) => {
  const mutated = () => {
    const o = rule === 'pss.host-path' || rule === 'pss.volume-types' ? goodBundle() : bundle();
    mutate(o);
    return o;
  };
  test.each(releases)(`fires as an error under the profile from 1.${since}, not before (Kubernetes %s)`, (release) => {
    const f = run(mutated(), { profile, k8sVersion: release }).findings.find((x) => x.rule === rule);
    if (minor(release) >= since) expect(f?.severity).toBe('error');
    else expect(f).toBeUndefined();
  });
  test('is off without a profile', () => {
    expect(rulesOf(run(mutated()))).not.toContain(rule);
  });
  test('stays quiet on the constructs\' defaults (without the timezone hostPath)', () => {
    expect(rulesOf(run(bundle(), { profile: 'restricted' }))).toEqual([]);
  });
});

describe('exact strings, as the admission plugin compares them', () => {
  const add = (caps: string[]) => (o: any[]) => { ctr(o).securityContext.capabilities.add = caps; };
  test.each([['chown'], ['CAP_CHOWN'], ['Chown'], ['NET_BIND_SERVICE ']])('baseline refuses to add %j (not a default capability\'s exact name)', (cap) => {
    expect(pss(add([cap]), 'baseline')).toEqual(['pss.capabilities-baseline']);
  });
  test('baseline lets a container add CHOWN', () => {
    expect(pss(add(['CHOWN']), 'baseline')).toEqual([]);
  });
  test.each([['all'], ['All'], ['CAP_ALL']])('restricted does not count drop %j as dropping ALL', (drop) => {
    expect(pss((o) => { ctr(o).securityContext.capabilities.drop = [drop]; }, 'restricted')).toEqual(['pss.capabilities-restricted']);
  });
  test('restricted refuses to add net_bind_service, lower case', () => {
    expect(pss(add(['net_bind_service']), 'restricted')).toEqual(['pss.capabilities-restricted']);
  });
  test('a sysctl in the slash form is not the safe dotted one', () => {
    expect(pss((o) => { psc(o).sysctls = [{ name: 'net/ipv4/tcp_syncookies', value: '1' }]; }, 'baseline')).toEqual(['pss.sysctls']);
    expect(pss((o) => { psc(o).sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }]; }, 'baseline')).toEqual([]);
  });
});

describe('Windows Pods under restricted', () => {
  const windows = (o: any[]) => {
    podOf(o[0]).os = { name: 'windows' };
    delete psc(o).seccompProfile;
    delete ctr(o).securityContext.allowPrivilegeEscalation;
    ctr(o).securityContext.capabilities = { add: ['SYS_ADMIN'] };
  };
  test('are exempt from seccomp, privilege escalation and capabilities (since 1.25)', () => {
    expect(pss(windows, 'restricted')).toEqual([]);
  });
  test('still need runAsNonRoot', () => {
    expect(pss((o) => { windows(o); delete psc(o).runAsNonRoot; delete ctr(o).securityContext.runAsNonRoot; }, 'restricted')).toEqual(['pss.run-as-non-root']);
  });
  test('baseline still refuses the added capability (restricted replaces that check)', () => {
    expect(pss(windows, 'baseline')).toEqual(['pss.capabilities-baseline']);
  });
});

describe('restricted replaces some baseline checks, as upstream does', () => {
  test('an added capability is reported once, by the restricted rule', () => {
    expect(pss((o) => { ctr(o).securityContext.capabilities.add = ['SYS_ADMIN']; }, 'restricted')).toEqual(['pss.capabilities-restricted']);
  });
  test('a hostPath volume is reported once, by pss.volume-types', () => {
    const o = goodBundle();
    expect(rulesOf(run(o, { profile: 'restricted' })).filter((r) => r.startsWith('pss.'))).toEqual(['pss.volume-types']);
  });
  test('an Unconfined seccomp profile is reported once, by pss.seccomp-required', () => {
    expect(pss((o) => { psc(o).seccompProfile.type = 'Unconfined'; }, 'restricted')).toEqual(['pss.seccomp-required']);
  });
});

describe('fields the baseline rules used to miss', () => {
  test('a seccomp profile without a type', () => {
    expect(pss((o) => { ctr(o).securityContext.seccompProfile = {}; }, 'baseline')).toEqual(['pss.seccomp-unconfined']);
  });
  test('an AppArmor annotation other than runtime/default, localhost/* or empty', () => {
    expect(pss((o) => { o[0].spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/web': 'unconfined' }; }, 'baseline')).toEqual(['pss.apparmor']);
    expect(pss((o) => { o[0].spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/web': 'localhost/mine' }; }, 'baseline')).toEqual([]);
  });
  test('a tcpSocket host in a preStop hook (from 1.34)', () => {
    const hook = (o: any[]) => { ctr(o).lifecycle = { preStop: { tcpSocket: { port: 8080, host: '10.0.0.1' } } }; };
    for (const release of releases) expect(pss(hook, 'baseline', release)).toEqual(minor(release) >= 34 ? ['pss.host-probes'] : []);
  });
  test('hostNetwork turns a containerPort into a hostPort before admission', () => {
    expect(pss((o) => { podOf(o[0]).hostNetwork = true; }, 'baseline')).toEqual(['pss.host-namespaces', 'pss.host-ports']);
  });
  test('ephemeral containers are checked too', () => {
    expect(pss((o) => { podOf(o[0]).ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', securityContext: { privileged: true } }]; }, 'baseline')).toEqual(['pss.privileged']);
  });
  test('a Pod-level runAsNonRoot: false is refused even when every container says true', () => {
    expect(pss((o) => { psc(o).runAsNonRoot = false; }, 'restricted')).toEqual(['pss.run-as-non-root']);
  });
});

describe('release-dependent allow lists', () => {
  test.each(releases)('Kubernetes %s: tcp_keepalive_time from 1.29, container_engine_t from 1.31', (release) => {
    expect(pss((o) => { psc(o).sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }]; }, 'baseline', release)).toEqual(minor(release) >= 29 ? [] : ['pss.sysctls']);
    expect(pss((o) => { ctr(o).securityContext.seLinuxOptions = { type: 'container_engine_t' }; }, 'baseline', release)).toEqual(minor(release) >= 31 ? [] : ['pss.selinux']);
  });
});

test('baseline does not apply restricted rules', () => {
  expect(pss((o) => { delete ctr(o).securityContext.allowPrivilegeEscalation; }, 'baseline')).toEqual([]);
});

test('every Pod Security rule has a case', () => {
  expect(cases.map((c) => c[0]).sort()).toEqual(catalog.filter((r) => r.layer === 'pod-security').map((r) => r.id).sort());
});
