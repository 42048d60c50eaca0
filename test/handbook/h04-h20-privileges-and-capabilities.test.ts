import { DaemonSet, Deployment, normalizeCapability } from '../../src';
import { chart, find, podSpec, web } from './util';

describe('H4 privileged containers and H20 capabilities', () => {
  test('by default a container is unprivileged, non-root, read-only, with every capability dropped', () => {
    const c = chart();
    new Deployment(c, 'D', { containers: [web()] });
    expect(podSpec(find(c, 'Deployment')).containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 65534,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('privileged needs allowPrivileged, and then it is recorded', () => {
    expect(() => new DaemonSet(chart(), 'N', { containers: [web({ securityContext: { privileged: true } })] }))
      .toThrow('test/N: containers[0].securityContext.privileged: a privileged container can change the node (H4: network plugins only); fix: drop privileged, add only the capabilities needed, or set allowPrivileged: true');
    const c = chart();
    new DaemonSet(c, 'N', { containers: [web({ securityContext: { privileged: true }, allowPrivileged: true })] });
    const o = find(c, 'DaemonSet');
    expect(podSpec(o).containers[0].securityContext).toMatchObject({ privileged: true, allowPrivilegeEscalation: true });
    expect(o.metadata.annotations['podsmith.dev/ignore']).toContain('security.privileged');
    expect(o.spec.template.metadata.annotations['podsmith.dev/opt-in']).toContain('allowPrivileged');
  });

  test('capability names are normalised without CAP_, and ALL is kept', () => {
    expect(normalizeCapability('CAP_NET_ADMIN')).toBe('NET_ADMIN');
    expect(normalizeCapability('net_admin')).toBe('NET_ADMIN');
    expect(normalizeCapability('all')).toBe('ALL');
    expect(normalizeCapability('CAP_FLY')).toBeUndefined();
    const c = chart();
    new Deployment(c, 'D', {
      containers: [web({
        allowDangerousCapabilities: true,
        securityContext: { capabilities: { add: ['CAP_NET_ADMIN'], drop: ['cap_kill'] } },
      })],
    });
    // the handbook's own example: add NET_ADMIN, drop KILL
    expect(podSpec(find(c, 'Deployment')).containers[0].securityContext.capabilities).toEqual({ add: ['NET_ADMIN'], drop: ['KILL'] });
  });

  test('adding a dangerous capability needs allowDangerousCapabilities; NET_BIND_SERVICE does not', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ securityContext: { capabilities: { add: ['SYS_ADMIN'] } } })] }))
      .toThrow(/capabilities.add: adds SYS_ADMIN, which widen what the container may do to the node \(H20\); fix: add only NET_BIND_SERVICE, or set allowDangerousCapabilities: true/);
    const c = chart();
    new Deployment(c, 'D', { containers: [web({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } })] });
    expect(find(c, 'Deployment').metadata.annotations['podsmith.dev/ignore']).toBeUndefined();
  });

  test('SYS_ADMIN turns escalation on unless it is set to false, which the API server refuses', () => {
    // found by test/unit/constructs-property.test.ts: the API server rejects allowPrivilegeEscalation
    // false beside CAP_SYS_ADMIN, as it does beside privileged
    const c = chart();
    new Deployment(c, 'D', { containers: [web({ securityContext: { capabilities: { add: ['SYS_ADMIN'] } }, allowDangerousCapabilities: true })] });
    expect(podSpec(find(c, 'Deployment')).containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: true, capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] } });
    expect(() => new Deployment(chart(), 'D', { containers: [web({ securityContext: { capabilities: { add: ['CAP_SYS_ADMIN'] }, allowPrivilegeEscalation: false }, allowDangerousCapabilities: true })] }))
      .toThrow('test/D: containers[0].securityContext.allowPrivilegeEscalation: cannot set allowPrivilegeEscalation to false and add CAP_SYS_ADMIN; fix: leave allowPrivilegeEscalation unset when adding SYS_ADMIN');
  });

  test('group IDs are checked like user IDs (found by test/e2e/constructs-apiserver.test.ts)', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ securityContext: { runAsGroup: -1 } })] }))
      .toThrow('test/D: containers[0].securityContext.runAsGroup: must be a group ID from 0 to 2147483647, got -1; fix: use a numeric GID');
    expect(() => new Deployment(chart(), 'D', { containers: [web()], securityContext: { fsGroup: -1 } })).toThrow(/securityContext.fsGroup: must be a group ID/);
    expect(() => new Deployment(chart(), 'D', { containers: [web()], securityContext: { supplementalGroups: [1000, 2147483648] } })).toThrow(/securityContext.supplementalGroups\[1\]: must be a group ID/);
  });

  test('a Localhost seccomp profile needs its path', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ securityContext: { seccompProfile: { localhostProfile: '' } } })] }))
      .toThrow(/containers\[0\].securityContext.seccompProfile.localhostProfile: a Localhost seccomp profile needs the path of the profile; fix: /);
  });

  test('an unknown capability fails with its index', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ securityContext: { capabilities: { drop: ['ALL', 'CAP_FLY'] } } })] }))
      .toThrow(/containers\[0\].securityContext.capabilities.drop\[1\]: 'CAP_FLY' is not a Linux capability/);
  });

  test('root needs allowRunAsRoot; explicit opt-outs of read-only root and escalation are recorded', () => {
    expect(() => new Deployment(chart(), 'D', { containers: [web({ securityContext: { runAsUser: 0 } })] }))
      .toThrow(/securityContext.runAsUser: the container would run as root; fix: run as a non-zero UID, or set allowRunAsRoot: true/);
    const c = chart();
    new Deployment(c, 'D', { containers: [web({ allowRunAsRoot: true, securityContext: { runAsUser: 0, readOnlyRootFilesystem: false, allowPrivilegeEscalation: true } })] });
    const o = find(c, 'Deployment');
    expect(podSpec(o).containers[0].securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false, readOnlyRootFilesystem: false });
    expect(o.metadata.annotations['podsmith.dev/ignore'].split(',')).toEqual(
      expect.arrayContaining(['security.run-as-root', 'security.read-only-root-fs', 'security.privilege-escalation']));
  });
});
