/**
 * What every Pod Security rule shares: one rule per check of upstream's Pod Security Admission
 * (`k8s.io/pod-security-admission/policy`), gated by the release it applies from, skipped where
 * a restricted check replaces it, and reading fields the way the admission plugin's typed Go
 * structs do (a JSON `null` is an unset pointer; strings are compared exactly).
 */
import { arr, Ctx, isObj, PodRef } from '../../context';
import { msg } from '../../field';
import { CheckedRule } from '../types';

export type Profile = 'baseline' | 'restricted';

export interface PssRuleSpec {
  id: string;
  profile: Profile;
  /** The upstream check this rule is (its `CheckID`). */
  upstream: string;
  /** First Kubernetes minor the check applies to (default: every release podsmith supports). */
  since?: number;
  /** Under the restricted profile, from this minor on a restricted rule replaces this baseline one (upstream's OverrideCheckIDs). */
  replacedUnderRestrictedSince?: { minor: number; by: string };
  handbook: string[];
  summary: string;
  rationale: string;
  fix: string;
  check(pod: PodRef, say: Say, ctx: Ctx): void;
}

/** Reports one violation: `say(path, what)` → "<what> is forbidden by the <profile> profile". */
export type Say = (path: string, what: string) => void;

/** Upstream check id of every Pod Security rule (`pss.*` → `CheckID`). */
export const PSS_UPSTREAM_CHECKS: Record<string, string> = {};

export function pssRule(spec: PssRuleSpec): CheckedRule {
  PSS_UPSTREAM_CHECKS[spec.id] = spec.upstream;
  const { id, profile, handbook, summary, fix } = spec;
  const since = spec.since !== undefined ? `, from Kubernetes 1.${spec.since}` : '';
  const r = spec.replacedUnderRestrictedSince;
  const replaced = r ? ` Under --profile restricted, ${r.by} replaces it${r.minor > 0 ? ` from Kubernetes 1.${r.minor}` : ''}.` : '';
  const rationale = `${spec.rationale}${replaced} Upstream check: \`${spec.upstream}\`${since}.`;
  return {
    id, severity: 'error', layer: 'pod-security', profile, handbook, summary, rationale, fix,
    check(ctx) {
      if (spec.since !== undefined && ctx.minor < spec.since) return;
      if (r && ctx.options.profile === 'restricted' && ctx.minor >= r.minor) return;
      const level = ctx.options.profile ?? profile;
      spec.check(ctx.pod!, (path, what) => ctx.report(id, path, `${what} is forbidden by the ${level} profile`), ctx);
    },
  };
}

export interface PssContainer {
  c: Record<string, any>;
  path: string;
  /** The container's securityContext when it is an object (unset otherwise). */
  sc?: Record<string, any>;
}

/** Init, regular and ephemeral containers, in the admission plugin's visiting order. */
export function pssContainers(pod: PodRef): PssContainer[] {
  const out: PssContainer[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(pod.spec[list]).forEach((c, i) => {
      if (isObj(c)) out.push({ c, path: `${pod.specPath}.${list}[${i}]`, sc: isObj(c.securityContext) ? c.securityContext : undefined });
    });
  }
  return out;
}

/** The Pod's securityContext when it is an object. */
export function podSc(pod: PodRef): Record<string, any> | undefined {
  const sc = pod.spec.securityContext;
  return isObj(sc) ? sc : undefined;
}

/** `spec.os.name: windows`: restricted exempts such Pods from the Linux-only checks since 1.25. */
export function isWindowsExempt(ctx: Ctx, pod: PodRef): boolean {
  return ctx.minor >= 25 && isObj(pod.spec.os) && pod.spec.os.name === 'windows';
}

/** `hostUsers: false` (a user namespace): since 1.35 the checks that only matter for host users relax. */
export function isUserNamespaceRelaxed(ctx: Ctx, pod: PodRef): boolean {
  return ctx.minor >= 35 && pod.spec.hostUsers === false;
}

/** A Go string field: unset and null read as "". */
export function str(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : msg`${v}`;
}

/** A Go pointer to a struct is set when the JSON holds an object there (not null, not absent). */
export function isSet(v: unknown): v is Record<string, any> {
  return isObj(v);
}
