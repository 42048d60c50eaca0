/** The restricted level of the Pod Security Standards: one rule per upstream restricted check. */
import { arr, isObj } from '../../context';
import { msg } from '../../field';
import { CheckedRule } from '../types';
import { procMount } from './baseline';
import { isSet, isUserNamespaceRelaxed, isWindowsExempt, podSc, pssContainers, pssRule, str } from './shared';

/** The inline volume sources restricted allows (a volume passes when it sets any of them). */
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
/** The other volume sources of the Pod API, to name the one a volume uses. */
const OTHER_VOLUMES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos'];
const SECCOMP_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const WINDOWS = 'Pods with spec.os.name: windows are exempt from 1.25.';
const USERNS = 'From 1.35 a Pod in a user namespace (hostUsers: false) is exempt.';

export const restrictedRules: CheckedRule[] = [
  pssRule({
    id: 'pss.volume-types', profile: 'restricted', upstream: 'restrictedVolumes', handbook: ['H9'],
    summary: 'only configMap, csi, downwardAPI, emptyDir, ephemeral, image, PVC, projected and secret volumes',
    rationale: 'Restricted: other volume types (hostPath included) reach node or cluster storage directly. A volume without any source passes: the API server makes it an emptyDir before admission.',
    fix: 'use one of the allowed volume types',
    check(pod, say) {
      arr(pod.spec.volumes).forEach((v, i) => {
        if (!isObj(v) || RESTRICTED_VOLUMES.some((k) => isSet(v[k]))) return;
        const type = OTHER_VOLUMES.find((k) => isSet(v[k]));
        // a volume without any source is defaulted to an emptyDir before admission sees it
        if (type) say(`${pod.specPath}.volumes[${i}].${type}`, msg`${type} volume "${v.name}"`);
      });
    },
  }),
  pssRule({
    id: 'pss.privilege-escalation', profile: 'restricted', upstream: 'allowPrivilegeEscalation', handbook: ['H4', 'H20'],
    summary: 'allowPrivilegeEscalation must be false',
    rationale: `Restricted: every container must set allowPrivilegeEscalation: false. ${WINDOWS}`,
    fix: 'set allowPrivilegeEscalation: false',
    check(pod, say, ctx) {
      if (isWindowsExempt(ctx, pod)) return;
      for (const { c, sc, path } of pssContainers(pod)) if (sc?.allowPrivilegeEscalation !== false) say(`${path}.securityContext.allowPrivilegeEscalation`, msg`container "${c.name}" without allowPrivilegeEscalation=false`);
    },
  }),
  pssRule({
    id: 'pss.run-as-non-root', profile: 'restricted', upstream: 'runAsNonRoot', handbook: ['H20'],
    summary: 'runAsNonRoot must be true (on the Pod or every container) and never false',
    rationale: `Restricted: runAsNonRoot true on the Pod or on every container, and false nowhere (a Pod-level false is refused even when every container says true). ${USERNS}`,
    fix: 'set spec.securityContext.runAsNonRoot: true and remove any runAsNonRoot: false',
    check(pod, say, ctx) {
      if (isUserNamespaceRelaxed(ctx, pod)) return;
      const psc = podSc(pod);
      const podValue = psc?.runAsNonRoot;
      if (podValue === false) say(`${pod.specPath}.securityContext.runAsNonRoot`, 'runAsNonRoot=false');
      for (const { c, sc, path } of pssContainers(pod)) {
        const v = sc?.runAsNonRoot;
        if (v === false) say(`${path}.securityContext.runAsNonRoot`, msg`container "${c.name}" with runAsNonRoot=false`);
        else if (v !== true && podValue !== true) say(`${path}.securityContext.runAsNonRoot`, msg`container "${c.name}" without runAsNonRoot=true (on it or the Pod)`);
      }
    },
  }),
  pssRule({
    id: 'pss.run-as-user', profile: 'restricted', upstream: 'runAsUser', since: 23, handbook: ['H20'],
    summary: 'runAsUser must not be 0',
    rationale: `Restricted: runAsUser 0 (root) is refused on the Pod and on every container, whatever the other level says. ${USERNS}`,
    fix: 'set a non-zero runAsUser, or remove it and let runAsNonRoot check the image\'s user',
    check(pod, say, ctx) {
      if (isUserNamespaceRelaxed(ctx, pod)) return;
      if (podSc(pod)?.runAsUser === 0) say(`${pod.specPath}.securityContext.runAsUser`, 'runAsUser=0');
      for (const { c, sc, path } of pssContainers(pod)) if (sc?.runAsUser === 0) say(`${path}.securityContext.runAsUser`, msg`container "${c.name}" with runAsUser=0`);
    },
  }),
  pssRule({
    id: 'pss.seccomp-required', profile: 'restricted', upstream: 'seccompProfile_restricted', handbook: ['H20'],
    summary: 'seccompProfile must be RuntimeDefault or Localhost',
    rationale: `Restricted: the seccomp profile must be set explicitly, on the Pod or on every container, to RuntimeDefault or Localhost, and never to anything else. ${WINDOWS}`,
    fix: 'set spec.securityContext.seccompProfile.type: RuntimeDefault',
    check(pod, say, ctx) {
      if (isWindowsExempt(ctx, pod)) return;
      const psc = podSc(pod);
      let podSet = false;
      if (isSet(psc?.seccompProfile)) {
        if (SECCOMP_TYPES.has(str(psc!.seccompProfile.type))) podSet = true;
        else say(`${pod.specPath}.securityContext.seccompProfile.type`, msg`seccomp profile type ${JSON.stringify(str(psc!.seccompProfile.type))}`);
      }
      for (const { c, sc, path } of pssContainers(pod)) {
        if (isSet(sc?.seccompProfile)) {
          if (!SECCOMP_TYPES.has(str(sc!.seccompProfile.type))) say(`${path}.securityContext.seccompProfile.type`, msg`seccomp profile type ${JSON.stringify(str(sc!.seccompProfile.type))}`);
        } else if (!podSet) say(`${path}.securityContext.seccompProfile.type`, msg`container "${c.name}" without a RuntimeDefault or Localhost seccomp profile (on it or the Pod)`);
      }
    },
  }),
  pssRule({
    id: 'pss.capabilities-restricted', profile: 'restricted', upstream: 'capabilities_restricted', handbook: ['H20'],
    summary: 'containers must drop ALL and add only NET_BIND_SERVICE',
    rationale: `Restricted: capabilities.drop must include ALL and only NET_BIND_SERVICE may be added, spelled exactly so (the admission plugin compares strings: \`all\` does not drop everything in its eyes). ${WINDOWS}`,
    fix: 'set capabilities.drop: [ALL] (upper case)',
    check(pod, say, ctx) {
      if (isWindowsExempt(ctx, pod)) return;
      for (const { c, sc, path } of pssContainers(pod)) {
        const caps = isSet(sc?.capabilities) ? sc!.capabilities : undefined;
        if (!arr(caps?.drop).some((x) => x === 'ALL')) say(`${path}.securityContext.capabilities.drop`, msg`container "${c.name}" without drop ["ALL"]`);
        arr(caps?.add).forEach((cap, i) => {
          if (cap !== 'NET_BIND_SERVICE') say(`${path}.securityContext.capabilities.add[${i}]`, msg`capability ${JSON.stringify(str(cap))}`);
        });
      }
    },
  }),
  pssRule({
    id: 'pss.proc-mount-restricted', profile: 'restricted', upstream: 'procMount_restricted', since: 35, handbook: ['H4'],
    summary: 'procMount other than Default is forbidden, also for hostUsers: false',
    rationale: 'Restricted from 1.35: the default /proc masks must stay in place even in a user namespace (it replaces pss.proc-mount, which baseline relaxes for hostUsers: false).',
    fix: 'remove securityContext.procMount',
    check(pod, say) {
      procMount(pod, say);
    },
  }),
];
