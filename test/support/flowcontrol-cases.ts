/**
 * FlowSchema and PriorityLevelConfiguration cases with a 1.34 API server's verdicts (spread into kind-cases.ts).
 * All flowcontrol.apiserver.k8s.io/v1: a 1.34 server no longer serves v1beta3 (removed in 1.32).
 */
const V1 = 'flowcontrol.apiserver.k8s.io/v1';

const flowSchema = (name: string, spec: any, apiVersion = V1) => ({ apiVersion, kind: 'FlowSchema', metadata: { name }, spec });
const level = (name: string, spec: any, apiVersion = V1, annotations?: Record<string, string>) =>
  ({ apiVersion, kind: 'PriorityLevelConfiguration', metadata: { name, ...(annotations ? { annotations } : {}) }, spec });

const group = (name: string) => ({ kind: 'Group', group: { name } });
const user = (name: string) => ({ kind: 'User', user: { name } });
const serviceAccount = (namespace: string, name: string) => ({ kind: 'ServiceAccount', serviceAccount: { namespace, name } });
const allResources = { verbs: ['*'], apiGroups: ['*'], resources: ['*'], clusterScope: true, namespaces: ['*'] };
const allNonResources = { verbs: ['*'], nonResourceURLs: ['*'] };
const everything = (subjects: any[]) => [{ subjects, resourceRules: [allResources], nonResourceRules: [allNonResources] }];
const pods = { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'], namespaces: ['team-a'] };
/** A custom FlowSchema with one rule for a user (what most clusters add). */
const custom = (rule: any, extra: any = {}) => flowSchema('podsmith-fc-case', { priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 5000, rules: [{ subjects: [user('alice')], ...rule }], ...extra });
/** A custom Limited level. */
const limited = (limitedSpec: any, apiVersion = V1, annotations?: Record<string, string>) =>
  level('podsmith-fc-case', { type: 'Limited', limited: limitedSpec }, apiVersion, annotations);
const queue = (queuing: any) => limited({ nominalConcurrencyShares: 10, limitResponse: { type: 'Queue', queuing } });
const PRESERVE_ZERO = 'flowcontrol.k8s.io/v1beta3-preserve-zero-concurrency-shares';

export const FLOWCONTROL_CASES: Array<[string, any, boolean]> = [
  // the objects Kubernetes ships (k8s.io/apiserver's bootstrap configuration)
  ['FlowSchema exempt as shipped (matchingPrecedence 1, system:masters)', flowSchema('exempt', { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1, rules: everything([group('system:masters')]) }), true],
  ['FlowSchema catch-all as shipped', flowSchema('catch-all', { priorityLevelConfiguration: { name: 'catch-all' }, matchingPrecedence: 10000, distinguisherMethod: { type: 'ByUser' }, rules: everything([group('system:unauthenticated'), group('system:authenticated')]) }), true],
  ['FlowSchema system-leader-election as shipped (service account name *)', flowSchema('system-leader-election', {
    priorityLevelConfiguration: { name: 'leader-election' }, matchingPrecedence: 100, distinguisherMethod: { type: 'ByUser' },
    rules: [{ subjects: [user('system:kube-controller-manager'), user('system:kube-scheduler'), serviceAccount('kube-system', '*')],
      resourceRules: [{ verbs: ['get', 'create', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ['*'] }] }],
  }), true],
  ['FlowSchema probes as shipped (exempt level, URL list)', flowSchema('probes', { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 2, rules: [{ subjects: [group('system:unauthenticated'), group('system:authenticated')], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }] }] }), true],
  ['PriorityLevelConfiguration exempt as shipped', level('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }), true],
  ['PriorityLevelConfiguration catch-all as shipped (5 shares, Reject)', level('catch-all', { type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } } }), true],
  ['PriorityLevelConfiguration workload-high as shipped', level('workload-high', { type: 'Limited', limited: { nominalConcurrencyShares: 40, lendablePercent: 50, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } }), true],
  // custom objects the API server accepts
  ['FlowSchema without matchingPrecedence (defaulted to 1000), namespaces and URL forms', flowSchema('podsmith-fc-case', {
    priorityLevelConfiguration: { name: 'workload-low' }, distinguisherMethod: { type: 'ByNamespace' },
    rules: [{ subjects: [group('devs'), serviceAccount('team-a', 'builder')], resourceRules: [pods, { verbs: ['create', 'deletecollection', 'proxy'], apiGroups: ['apps', 'batch'], resources: ['deployments', 'jobs/status'], namespaces: ['team-a', 'team-b'] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/', '/apis/*', '/metrics'] }] }],
  }), true],
  ['PriorityLevelConfiguration exempt with its exempt settings changed', level('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 10, lendablePercent: 100 } }), true],
  ['PriorityLevelConfiguration v1 Limited with nominalConcurrencyShares 0, borrowingLimitPercent 300', limited({ nominalConcurrencyShares: 0, borrowingLimitPercent: 300, limitResponse: { type: 'Reject' } }), true],
  ['PriorityLevelConfiguration queuing {} (defaulted: 64 queues, hand 8, length 50)', queue({}), true],
  ['PriorityLevelConfiguration 1024 queues and handSize 6 (60 bits of entropy)', queue({ queues: 1024, handSize: 6, queueLengthLimit: 1 }), true],
  // FlowSchema refusals
  ['FlowSchema matchingPrecedence 1 not named exempt', custom({ resourceRules: [pods] }, { matchingPrecedence: 1 }), false],
  ['FlowSchema matchingPrecedence 10001', custom({ resourceRules: [pods] }, { matchingPrecedence: 10001 }), false],
  ['FlowSchema distinguisherMethod type Sometimes', custom({ resourceRules: [pods] }, { distinguisherMethod: { type: 'Sometimes' } }), false],
  ['FlowSchema priorityLevelConfiguration name with capitals', custom({ resourceRules: [pods] }, { priorityLevelConfiguration: { name: 'Workload-Low' } }), false],
  ['FlowSchema rule with empty subjects', custom({ subjects: [], resourceRules: [pods] }), false],
  ['FlowSchema rule with neither resourceRules nor nonResourceRules', custom({ resourceRules: [], nonResourceRules: [] }), false],
  ['FlowSchema subject kind Robot', custom({ subjects: [{ kind: 'Robot', user: { name: 'r2' } }], resourceRules: [pods] }), false],
  ['FlowSchema User subject with a group too', custom({ subjects: [{ kind: 'User', user: { name: 'alice' }, group: { name: 'devs' } }], resourceRules: [pods] }), false],
  ['FlowSchema Group subject without group', custom({ subjects: [{ kind: 'Group' }], resourceRules: [pods] }), false],
  ['FlowSchema ServiceAccount subject with a capitalised name', custom({ subjects: [serviceAccount('team-a', 'Builder')], resourceRules: [pods] }), false],
  ['FlowSchema ServiceAccount subject with namespace *', custom({ subjects: [serviceAccount('*', 'builder')], resourceRules: [pods] }), false],
  ['FlowSchema verbs * with get', custom({ resourceRules: [{ ...pods, verbs: ['*', 'get'] }] }), false],
  ['FlowSchema verb GET (verbs are lowercase)', custom({ nonResourceRules: [{ verbs: ['GET'], nonResourceURLs: ['/healthz'] }] }), false],
  ['FlowSchema resource rule neither namespaced nor cluster-scoped', custom({ resourceRules: [{ ...pods, namespaces: [] }] }), false],
  ['FlowSchema namespace that is not a DNS label', custom({ resourceRules: [{ ...pods, namespaces: ['team_a'] }] }), false],
  ['FlowSchema nonResourceURL without a leading slash', custom({ nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['healthz'] }] }), false],
  ['FlowSchema nonResourceURL with a wildcard inside', custom({ nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/apis/*/v1'] }] }), false],
  ['FlowSchema catch-all with matchingPrecedence left out (1000, not the fixed 10000)', flowSchema('catch-all', { priorityLevelConfiguration: { name: 'catch-all' }, distinguisherMethod: { type: 'ByUser' }, rules: everything([group('system:unauthenticated'), group('system:authenticated')]) }), false],
  ['FlowSchema exempt for other subjects', flowSchema('exempt', { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1, rules: everything([group('admins')]) }), false],
  // PriorityLevelConfiguration refusals
  ['PriorityLevelConfiguration type Sometimes', level('podsmith-fc-case', { type: 'Sometimes' }), false],
  ['PriorityLevelConfiguration type Exempt not named exempt', level('podsmith-fc-case', { type: 'Exempt' }), false],
  ['PriorityLevelConfiguration exempt of type Limited', level('exempt', { type: 'Limited', limited: { limitResponse: { type: 'Reject' } } }), false],
  ['PriorityLevelConfiguration Limited without limited', level('podsmith-fc-case', { type: 'Limited' }), false],
  ['PriorityLevelConfiguration Limited with exempt too', level('podsmith-fc-case', { type: 'Limited', limited: { limitResponse: { type: 'Reject' } }, exempt: {} }), false],
  ['PriorityLevelConfiguration limited {} (no limitResponse type)', limited({}), false],
  ['PriorityLevelConfiguration Reject with queuing', limited({ limitResponse: { type: 'Reject', queuing: { queues: 8 } } }), false],
  ['PriorityLevelConfiguration Queue without queuing', limited({ limitResponse: { type: 'Queue' } }), false],
  ['PriorityLevelConfiguration 4 queues with the default hand of 8', queue({ queues: 4 }), false],
  ['PriorityLevelConfiguration 1025 queues and handSize 6 (61 bits of entropy)', queue({ queues: 1025, handSize: 6 }), false],
  ['PriorityLevelConfiguration negative queueLengthLimit', queue({ queueLengthLimit: -1 }), false],
  ['PriorityLevelConfiguration lendablePercent 101', limited({ lendablePercent: 101, limitResponse: { type: 'Reject' } }), false],
  ['PriorityLevelConfiguration negative borrowingLimitPercent', limited({ borrowingLimitPercent: -1, limitResponse: { type: 'Reject' } }), false],
  ['PriorityLevelConfiguration v1 with the v1beta3 preserve-zero-shares annotation', limited({ nominalConcurrencyShares: 0, limitResponse: { type: 'Reject' } }, V1, { [PRESERVE_ZERO]: '' }), false],
  ['PriorityLevelConfiguration catch-all without its shares (defaulted to 30, not 5)', level('catch-all', { type: 'Limited', limited: { limitResponse: { type: 'Reject' } } }), false],
  ['PriorityLevelConfiguration exempt with negative exempt shares', level('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: -1 } }), false],
];
