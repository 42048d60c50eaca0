/**
 * A StatefulSet's Pod template before 1.34. Until then the API server does not validate it: apps
 * validation's ValidatePodTemplateSpecForStatefulSet checks the template's labels and annotations
 * and the StatefulSet checks restartPolicy and activeDeadlineSeconds, and nothing else (the Pod
 * spec check was a TODO there from 2016 to 1.33). The StatefulSet is accepted; every Pod its
 * controller then creates from the template is refused. At those releases what the Pod's own
 * validation finds in the template is a warning of statefulset.pods-refused, not an error: the
 * object is valid, its Pods are not (judged by the API servers of 1.31 and 1.33,
 * `npm run test:value-sweep -- --release 1.33`; from 1.34 the StatefulSet itself is refused).
 */
import { RuleMeta } from './types';

export const statefulSetTemplateRules: RuleMeta[] = [
  {
    id: 'statefulset.pods-refused', severity: 'warning', layer: 'best-practice', handbook: ['H30'],
    summary: 'before 1.34, a StatefulSet whose Pod template the API server would refuse as a Pod',
    rationale: 'Up to Kubernetes 1.33 the API server accepts a StatefulSet without validating its Pod template, then refuses every Pod the StatefulSet controller creates from it: the StatefulSet exists and never runs (FailedCreate events). From 1.34 the StatefulSet itself is refused.',
    fix: 'fix the Pod template as the message says',
  },
];

/** The first release whose API server validates a StatefulSet's Pod template. */
const TEMPLATE_VALIDATED_FROM = 34;

/** What the StatefulSet's own validation checks in its template before 1.34 (labels and annotations are metadata, not spec). */
const CHECKED_BEFORE = new Set(['spec.template.spec.restartPolicy', 'spec.template.spec.activeDeadlineSeconds']);

/** Whether an API-server finding at `path` of an object of `kind` at release `minor` is one only its Pods would be refused for. */
export function onlyPodsRefuse(kind: string, minor: number, path: string): boolean {
  return kind === 'StatefulSet' && minor < TEMPLATE_VALIDATED_FROM
    && (path === 'spec.template.spec' || path.startsWith('spec.template.spec.') || path.startsWith('spec.template.spec['))
    && !CHECKED_BEFORE.has(path);
}

/** The warning that stands for an API-server finding of rule `rule` in a StatefulSet's template at release `minor`. */
export function podsRefused(rule: string, message: string, minor: number): { rule: string; message: string } {
  return {
    rule: 'statefulset.pods-refused',
    message: `${message} (${rule}): Kubernetes 1.${minor} accepts the StatefulSet without checking its Pod template, and refuses every Pod created from it`,
  };
}
