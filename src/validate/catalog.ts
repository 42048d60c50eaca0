/** The rule catalog: every rule podsmith can report, as data. Docs and `podsmith rules` read this. */
import { podSecurityRules } from './rules/pod-security';
import { bundleRules } from './rules/bundle';
import { envRules } from './rules/env';
import { identityRules } from './rules/identity';
import { portRules } from './rules/ports';
import { referenceRules } from './rules/references';
import { schedulingRules } from './rules/scheduling';
import { securityRules } from './rules/security';
import { CheckedRule } from './rules/types';
import { workloadRules } from './rules/workload';
import { exactRules } from './exact/rules';
import { schemaRules } from './schema';
import { semanticRules } from './semantic';
import { statefulSetTemplateRules } from './statefulset-template';
import { RuleMeta } from './types';

export const inputRules: RuleMeta[] = [
  {
    id: 'input.unreadable', severity: 'error', layer: 'input', handbook: ['H30'],
    summary: 'a file or directory that cannot be read (missing, binary, too large, no permission)',
    rationale: 'What cannot be read cannot be checked; the other files are still validated and the exit code is 2.',
    fix: 'fix the path or the file, or leave it out of the input',
  },
  {
    id: 'yaml.invalid', severity: 'error', layer: 'input', handbook: ['H30'],
    summary: 'a document that kubectl cannot read: bad YAML syntax, an invalid `---` line, excessive aliasing, too deep nesting',
    rationale: 'kubectl and the API server read YAML with sigs.k8s.io/yaml and stop at the first document they cannot read; podsmith reads it the same way and stops there too (the documents before it are checked).',
    fix: 'correct the YAML at the line named in the message',
  },
  {
    id: 'yaml.duplicate-key', severity: 'warning', layer: 'input', handbook: ['H30'],
    summary: 'a mapping that writes the same key twice',
    rationale: 'kubectl keeps the last value and silently drops the earlier one (the API server refuses the YAML under strict field validation); the value that counts is rarely the one the author meant.',
    fix: 'remove one of the two keys',
  },
  {
    id: 'input.skipped', severity: 'info', layer: 'input', handbook: [],
    summary: 'a file that is not a manifest and is skipped (cdk8s\' construct-metadata.json)',
    rationale: '`cdk8s synth` with validation plugins writes construct-metadata.json beside the manifests; it describes constructs, not Kubernetes objects.',
    fix: 'nothing to do',
  },
  {
    id: 'manifest.not-an-object', severity: 'error', layer: 'input', handbook: ['H30'],
    summary: 'a YAML document that is not a mapping (a scalar or a list)',
    rationale: 'Every document of a manifest file must be one Kubernetes object; kubectl rejects anything else.',
    fix: 'remove the document or turn it into an object with apiVersion, kind and metadata',
  },
  {
    id: 'manifest.missing-type', severity: 'error', layer: 'input', handbook: ['H30'],
    summary: 'an object without apiVersion or kind',
    rationale: 'The API server routes an object by apiVersion and kind; without them it cannot be applied.',
    fix: 'add apiVersion and kind (for example apps/v1 and Deployment)',
  },
  {
    id: 'manifest.api-version-unsupported', severity: 'error', layer: 'input', handbook: ['H30'],
    summary: 'a built-in kind under an apiVersion the Kubernetes release does not serve',
    rationale: 'Old group versions (extensions/v1beta1, apps/v1beta2, policy/v1beta1, batch/v1beta1) were removed; the API server answers "no matches for kind".',
    fix: 'use the apiVersion named in the message',
  },
  {
    id: 'manifest.check-failed', severity: 'info', layer: 'input', handbook: [],
    summary: 'podsmith could not finish checking an object (a bug in podsmith)',
    rationale: 'A check met input it did not expect; the other checks still ran. Please report it with the object.',
    fix: 'report the object to podsmith',
  },
];

export const checkedRules: CheckedRule[] = [
  ...workloadRules, ...portRules, ...envRules, ...securityRules, ...identityRules, ...schedulingRules, ...bundleRules, ...referenceRules,
];
export const profileRules: CheckedRule[] = podSecurityRules;

export const catalog: RuleMeta[] = [...inputRules, ...exactRules, ...schemaRules, ...semanticRules, ...statefulSetTemplateRules, ...checkedRules, ...profileRules];

const byId = new Map(catalog.map((r) => [r.id, r]));
if (byId.size !== catalog.length) throw new Error('podsmith: duplicate rule id in the catalog');

export function ruleById(id: string): RuleMeta | undefined {
  return byId.get(id);
}

/** Strips the check function: what `podsmith rules --format json` and the docs show. */
export function ruleData(r: RuleMeta): RuleMeta {
  const { id, severity, layer, handbook, summary, rationale, fix, profile } = r;
  return profile ? { id, severity, layer, profile, handbook, summary, rationale, fix } : { id, severity, layer, handbook, summary, rationale, fix };
}
