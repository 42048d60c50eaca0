/** User and group ids (H20): kube-score and kube-linter parity. */
import { containersOf, isObj } from '../context';
import { msg } from '../field';
import { CheckedRule } from './types';

/**
 * Ids below this may belong to a user or group of the node (system accounts, the first human
 * users from 1000): a process that escapes its container then acts as that account. kube-score
 * and kube-linter use the same bound; 65534 (nobody), podsmith's default, is above it.
 */
export const MIN_SAFE_ID = 10000;

function effective(ctx: Parameters<CheckedRule['check']>[0], c: any, field: string): number | undefined {
  const v = c.securityContext?.[field] ?? ctx.pod!.spec.securityContext?.[field];
  return typeof v === 'number' ? v : undefined;
}

export const identityRules: CheckedRule[] = [
  {
    id: 'security.run-as-root-group', severity: 'warning', layer: 'best-practice', handbook: ['H20'],
    summary: 'a container runs with group 0 (root) as its primary group',
    rationale: 'runAsGroup 0 gives the process the root group: it can read and write every file owned by group root, on the image and on mounted host files, even as a non-root user (kube-linter run-as-non-root, kube-score).',
    fix: 'set securityContext.runAsGroup to a non-zero GID (for example 65534), or leave it unset',
    check(ctx) {
      for (const { c, path } of containersOf(ctx.pod!)) {
        if (effective(ctx, c, 'runAsGroup') !== 0) continue;
        const own = isObj(c.securityContext) && c.securityContext.runAsGroup === 0;
        ctx.report('security.run-as-root-group', own ? msg`${path}.securityContext.runAsGroup` : msg`${ctx.pod!.specPath}.securityContext.runAsGroup`, msg`container "${c.name}" runs with group 0 (root)`);
      }
    },
  },
  {
    id: 'security.low-ids', severity: 'warning', layer: 'best-practice', handbook: ['H20'],
    summary: `runAsUser, runAsGroup or fsGroup between 1 and ${MIN_SAFE_ID - 1}`,
    rationale: `Ids below ${MIN_SAFE_ID} are where nodes keep their system and login accounts; a process that breaks out of its container with such an id shares that account's files on the node. Ids of ${MIN_SAFE_ID} and above (65534, nobody, is podsmith's default) collide with nothing (kube-score container-security-context-user-group-id). Id 0 is reported by security.run-as-root and security.run-as-root-group.`,
    fix: `use ids of ${MIN_SAFE_ID} or more (for example 65534), and give the image's files to that id`,
    check(ctx) {
      const psc = ctx.pod!.spec.securityContext;
      const low = (v: unknown): v is number => typeof v === 'number' && v > 0 && v < MIN_SAFE_ID;
      if (low(psc?.fsGroup)) ctx.report('security.low-ids', msg`${ctx.pod!.specPath}.securityContext.fsGroup`, msg`fsGroup ${psc.fsGroup} is below ${MIN_SAFE_ID}`);
      for (const f of ['runAsUser', 'runAsGroup']) {
        if (low(psc?.[f])) ctx.report('security.low-ids', msg`${ctx.pod!.specPath}.securityContext.${f}`, msg`Pod ${f} ${psc[f]} is below ${MIN_SAFE_ID}`);
      }
      for (const { c, path } of containersOf(ctx.pod!)) {
        for (const f of ['runAsUser', 'runAsGroup']) {
          if (low(c.securityContext?.[f])) ctx.report('security.low-ids', msg`${path}.securityContext.${f}`, msg`container "${c.name}" ${f} ${c.securityContext[f]} is below ${MIN_SAFE_ID}`);
        }
      }
    },
  },
];
