/** The rules of `validate --exact` (a module of its own: the catalog needs them without the server code). */
import { RuleMeta } from '../types';

export const exactRules: RuleMeta[] = [
  {
    id: 'exact.rejected', severity: 'error', layer: 'input', handbook: ['H30'],
    summary: 'with --exact: the API server refused the object (server-side dry-run)',
    rationale: 'A real kube-apiserver of the chosen release decoded, defaulted, validated and admitted the object without storing it; this is its verdict, including admission policies and CEL rules the fast layers cannot evaluate.',
    fix: 'fix the object as the API server\'s message says',
  },
  {
    id: 'exact.not-sent', severity: 'error', layer: 'input', handbook: ['H30'],
    summary: 'with --exact: an object whose kind the API server does not serve',
    rationale: 'Neither the release\'s built-in kinds nor a CRD (in the input or on the cluster) define the kind; kubectl would answer "no matches for kind".',
    fix: 'install the CRD that defines the kind, or fix apiVersion and kind',
  },
];
