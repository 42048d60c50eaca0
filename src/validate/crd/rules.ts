/** The catalog's rules for custom resources judged against their CRDs (crd/index.ts reports them). */
import { RuleMeta, Severity } from '../types';

/** A rule of the schema layer, from the handbook's item on the API server's checks (H30). */
const R = (id: string, severity: Severity, summary: string, rationale: string, fix: string): RuleMeta =>
  ({ id, severity, layer: 'schema', handbook: ['H30'], summary, rationale, fix });

export const crdKindRules: RuleMeta[] = [
  R('schema.kind-unknown', 'error', 'with --strict-kinds: a kind that is neither built in nor defined by a CRD in the input or --crds',
    'An API server answers "no matches for kind" for a kind no CRD defines; --strict-kinds makes podsmith say so instead of passing the object through unchecked.',
    'add the CRD that defines the kind to the input or to --crds, or fix apiVersion and kind'),
  R('crd.cel-not-evaluated', 'info', 'x-kubernetes-validations (CEL) rules of a custom resource\'s CRD that podsmith does not evaluate',
    'podsmith evaluates the CEL that CRD rules use most (field selection, has(), comparisons, arithmetic, lists, maps, size(), the all/exists/filter/map macros, string matching and the strings extension, durations, the ip and cidr libraries and the url library); rules that call the other Kubernetes libraries (quantity, format, semver), optionals or timestamps need the API server\'s own CEL environment.',
    'run podsmith validate --exact to have a real API server evaluate them'),
  R('crd.validation-rule-failed', 'error', 'a custom resource breaks an x-kubernetes-validations (CEL) rule of its CRD',
    'The API server evaluates each CEL rule of a CRD at every node of a custom resource it describes (on create, all but the transition rules that read oldSelf) and refuses the object when one is false or fails (a field the rule reads is absent: "no such key").',
    'change the object as the rule\'s message says, or guard the rule with has() where a field may be absent'),
  R('crd.version-not-served', 'error', 'a custom resource of a version its CRD lists with served: false',
    'The API server serves a custom resource only in the versions its CRD marks served: true; an object of another version is refused ("no matches for kind"), however valid its fields.',
    'write the object in a served version of the CRD (the storage version, usually), or mark the version served'),
  R('crd.list-duplicate', 'error', 'an item of a custom resource\'s list of type set or map repeats (its keys)',
    'A CRD\'s x-kubernetes-list-type: set makes a list\'s items unique and map makes them unique by x-kubernetes-list-map-keys (server-side apply merges them by those keys); the API server refuses a custom resource that repeats one.',
    'remove the repeated item, or merge the two into one'),
];
