/**
 * The Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards),
 * enabled with `--profile baseline|restricted`. A violation is an error: a namespace that
 * enforces the profile rejects the Pod. Each rule is one check of upstream's Pod Security
 * Admission, at the release given by `--k8s-version` (test/psa holds podsmith to upstream's
 * evaluator and fixtures for every supported release).
 */
import { CheckedRule } from '../types';
import { baselineRules } from './baseline';
import { restrictedRules } from './restricted';

export { PSS_UPSTREAM_CHECKS } from './shared';
export { BASELINE_CAPABILITIES, isPssSysctl } from './baseline';

export const podSecurityRules: CheckedRule[] = [...baselineRules, ...restrictedRules];
