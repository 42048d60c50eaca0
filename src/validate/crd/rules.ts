/** The catalog's rules for custom resources judged against their CRDs (crd/index.ts reports them). */
import { RuleMeta } from '../types';

export const crdKindRules: RuleMeta[] = [
  {
    id: 'schema.kind-unknown', severity: 'error', layer: 'schema', handbook: ['H30'],
    summary: 'with --strict-kinds: a kind that is neither built in nor defined by a CRD in the input or --crds',
    rationale: 'An API server answers "no matches for kind" for a kind no CRD defines; --strict-kinds makes podsmith say so instead of passing the object through unchecked.',
    fix: 'add the CRD that defines the kind to the input or to --crds, or fix apiVersion and kind',
  },
  {
    id: 'crd.cel-not-evaluated', severity: 'info', layer: 'schema', handbook: ['H30'],
    summary: 'x-kubernetes-validations (CEL) rules of a custom resource\'s CRD that podsmith does not evaluate',
    rationale: 'podsmith evaluates the CEL that CRD rules use most (field selection, has(), comparisons, arithmetic, lists, maps, size(), the all/exists/filter/map macros, string matching, durations and isIP()); rules that call the other Kubernetes libraries (quantity, ip() and cidr(), url, format, semver), optionals or timestamps need the API server\'s own CEL environment.',
    fix: 'run podsmith validate --exact to have a real API server evaluate them',
  },
  {
    id: 'crd.validation-rule-failed', severity: 'error', layer: 'schema', handbook: ['H30'],
    summary: 'a custom resource breaks an x-kubernetes-validations (CEL) rule of its CRD',
    rationale: 'The API server evaluates each CEL rule of a CRD at every node of a custom resource it describes (on create, all but the transition rules that read oldSelf) and refuses the object when one is false or fails (a field the rule reads is absent: "no such key").',
    fix: 'change the object as the rule\'s message says, or guard the rule with has() where a field may be absent',
  },
  {
    id: 'crd.version-not-served', severity: 'error', layer: 'schema', handbook: ['H30'],
    summary: 'a custom resource of a version its CRD lists with served: false',
    rationale: 'The API server serves a custom resource only in the versions its CRD marks served: true; an object of another version is refused ("no matches for kind"), however valid its fields.',
    fix: 'write the object in a served version of the CRD (the storage version, usually), or mark the version served',
  },
  {
    id: 'crd.list-duplicate', severity: 'error', layer: 'schema', handbook: ['H30'],
    summary: 'an item of a custom resource\'s list of type set or map repeats (its keys)',
    rationale: 'A CRD\'s x-kubernetes-list-type: set makes a list\'s items unique and map makes them unique by x-kubernetes-list-map-keys (server-side apply merges them by those keys); the API server refuses a custom resource that repeats one.',
    fix: 'remove the repeated item, or merge the two into one',
  },
];
