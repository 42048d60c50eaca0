/**
 * Options given to the validator from configuration (the cdk8s plugin's `properties`,
 * `validateOnSynth`, the jest matcher, `--k8s-version`): checked up front so that a typo or an
 * unsupported Kubernetes version is one line naming the fix, not a silently ignored key or a
 * stack trace.
 */
import { didYouMean } from '../did-you-mean';
import { availableVersions } from './schema';

const PROFILES = ['baseline', 'restricted'];

/** The Kubernetes version as the schema layer names it ('1.34' for 'v1.34' or '1.34.2'), or undefined when not bundled. */
export function bundledVersion(v: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(v.trim());
  const want = m ? `${m[1]}.${m[2]}` : v;
  return availableVersions().includes(want) ? want : undefined;
}

/** One line: why `k8sVersion` is refused, listing the versions with bundled schemas. */
export function k8sVersionProblem(v: unknown, name = 'k8sVersion'): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string' && bundledVersion(v)) return undefined;
  return `${name}: Kubernetes ${typeof v === 'string' ? `'${v}'` : JSON.stringify(v)} has no bundled schema; supported: ${availableVersions().join(', ')}`;
}

/**
 * One line describing what is wrong with validator options, or undefined. `where` names the
 * place they came from (e.g. "cdk8s.yaml validations[].properties").
 */
export function validateOptionsProblem(where: string, options: unknown, extraBooleans: string[] = []): string | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object' || Array.isArray(options)) return `${where}: must be an object such as { k8sVersion: "1.34" }, got ${JSON.stringify(options)}`;
  const known = ['k8sVersion', 'profile', 'strict', 'strictKinds', 'crds', ...extraBooleans];
  for (const [k, v] of Object.entries(options)) {
    if (!known.includes(k)) {
      const guess = didYouMean(k, known);
      return `${where}: '${k}' is not an option; ${guess ? `did you mean '${guess}'?` : `known: ${known.join(', ')}`}`;
    }
    if (k === 'profile' && v !== undefined && !PROFILES.includes(v as string)) return `${where}: profile must be 'baseline' or 'restricted', got ${JSON.stringify(v)}`;
    if (k === 'crds' && v !== undefined && !Array.isArray(v)) return `${where}: crds must be a list of CRD files or directories, got ${JSON.stringify(v)}`;
    if ((k === 'strict' || k === 'strictKinds' || extraBooleans.includes(k)) && v !== undefined && typeof v !== 'boolean') return `${where}: ${k} must be true or false, got ${JSON.stringify(v)}`;
  }
  const version = k8sVersionProblem((options as { k8sVersion?: unknown }).k8sVersion);
  return version ? `${where}: ${version}` : undefined;
}
