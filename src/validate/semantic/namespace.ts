/**
 * A Namespace's Pod Security labels as the PodSecurity admission plugin (on by default in every
 * release) reads them when the Namespace is created (k8s.io/pod-security-admission's
 * PolicyToEvaluate): a level is privileged, baseline or restricted; a version is "latest" or v1.x.
 * Anything else is refused, with the label named.
 */
import { Ctx, isObj } from '../context';
import { field } from '../field';

const LEVELS = ['privileged', 'baseline', 'restricted'];
const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;
const PREFIX = 'pod-security.kubernetes.io/';

export function checkNamespace(ctx: Ctx): void {
  const labels = ctx.obj.metadata?.labels;
  if (!isObj(labels)) return;
  for (const mode of ['enforce', 'audit', 'warn']) {
    const level = labels[`${PREFIX}${mode}`];
    if (typeof level === 'string' && !LEVELS.includes(level)) {
      ctx.report('metadata.labels-invalid', `metadata.labels[${PREFIX}${mode}]`, field.invalid(level, `must be one of ${LEVELS.join(', ')}`));
    }
    const version = labels[`${PREFIX}${mode}-version`];
    // (Go's Atoi: a minor past int64 is refused too)
    if (typeof version === 'string' && version !== 'latest' && (!VERSION.test(version) || BigInt(version.slice(3)) > 9223372036854775807n)) {
      ctx.report('metadata.labels-invalid', `metadata.labels[${PREFIX}${mode}-version]`, field.invalid(version, 'must be "latest" or "v1.x"'));
    }
  }
}
