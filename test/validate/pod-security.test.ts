/** --profile baseline|restricted: the Pod Security Standards, on top of the default rules. */
import { catalog } from '../../src/validate';
import { goodBundle, podOf, run, rulesOf } from './helpers';

const ctr = (o: any[]) => podOf(o[0]).containers[0];
type Case = [string, 'baseline' | 'restricted', (o: any[]) => void];

const cases: Case[] = [
  ['pss.host-namespaces', 'baseline', (o) => { podOf(o[0]).hostIPC = true; }],
  ['pss.privileged', 'baseline', (o) => { ctr(o).securityContext.privileged = true; delete ctr(o).securityContext.allowPrivilegeEscalation; }],
  ['pss.capabilities-baseline', 'baseline', (o) => { ctr(o).securityContext.capabilities.add = ['SYS_TIME']; }],
  ['pss.host-path', 'baseline', () => undefined],
  ['pss.host-ports', 'baseline', (o) => { ctr(o).ports[0].hostPort = 8080; }],
  ['pss.proc-mount', 'baseline', (o) => { ctr(o).securityContext.procMount = 'Unmasked'; }],
  ['pss.seccomp-unconfined', 'baseline', (o) => { podOf(o[0]).securityContext.seccompProfile.type = 'Unconfined'; }],
  ['pss.sysctls', 'baseline', (o) => { podOf(o[0]).securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }],
  ['pss.selinux', 'baseline', (o) => { ctr(o).securityContext.seLinuxOptions = { user: 'system_u' }; }],
  ['pss.volume-types', 'restricted', () => undefined],
  ['pss.privilege-escalation', 'restricted', (o) => { delete ctr(o).securityContext.allowPrivilegeEscalation; }],
  ['pss.run-as-non-root', 'restricted', (o) => { delete ctr(o).securityContext.runAsNonRoot; delete podOf(o[0]).securityContext.runAsNonRoot; }],
  ['pss.seccomp-required', 'restricted', (o) => { delete podOf(o[0]).securityContext.seccompProfile; }],
  ['pss.capabilities-restricted', 'restricted', (o) => { ctr(o).securityContext.capabilities = {}; }],
];

/** The good bundle without the H28 timezone hostPath, which both profiles forbid. */
function bundle(): any[] {
  const o = goodBundle();
  const pod = podOf(o[0]);
  pod.volumes = pod.volumes.filter((v: any) => !v.hostPath);
  pod.containers[0].volumeMounts = pod.containers[0].volumeMounts.filter((m: any) => m.name !== 'tz');
  return o;
}

describe.each(cases)('%s (%s)', (rule, profile, mutate) => {
  const mutated = () => {
    const o = rule === 'pss.host-path' || rule === 'pss.volume-types' ? goodBundle() : bundle();
    mutate(o);
    return o;
  };
  test('fires as an error under the profile', () => {
    const r = run(mutated(), { profile });
    const f = r.findings.find((x) => x.rule === rule);
    expect(f?.severity).toBe('error');
  });
  test('is off without a profile', () => {
    expect(rulesOf(run(mutated()))).not.toContain(rule);
  });
  test('stays quiet on the constructs\' defaults (without the timezone hostPath)', () => {
    expect(rulesOf(run(bundle(), { profile: 'restricted' }))).toEqual([]);
  });
});

test('baseline does not apply restricted rules', () => {
  const o = bundle();
  delete ctr(o).securityContext.allowPrivilegeEscalation;
  expect(rulesOf(run(o, { profile: 'baseline' }))).not.toContain('pss.privilege-escalation');
});

test('every Pod Security rule has a case', () => {
  expect(cases.map((c) => c[0]).sort()).toEqual(catalog.filter((r) => r.layer === 'pod-security').map((r) => r.id).sort());
});
