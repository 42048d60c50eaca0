/**
 * Which check of a peer linter means what podsmith rule(s): the table `npm run test:peers` runs
 * on the peers' own fixtures and docs/rules.md shows. Data only; src/validate/peers/run.ts judges.
 *
 * Peers: Polaris (FairwindsOps/polaris, fixtures `test/checks/<check>/{success,failure}*.yaml`)
 * and kube-linter (stackrox/kube-linter, fixtures `tests/checks/<file>`, whose objects or
 * containers are named `dont-fire…` when the check must stay quiet). kube-score has no fixtures in
 * the corpus, so it is not measured.
 */

export type Peer = 'polaris' | 'kube-linter';

/** A fixture unit where podsmith's verdict differs from the peer's, on purpose. */
export interface PeerDifference {
  /** The unit as the runner names it: `<check dir>/<file>` (Polaris) or `<file>#<doc>[/<container>]` (kube-linter). */
  unit: string;
  /** Why podsmith differs: the handbook item or the API server behaviour that says otherwise. */
  reason: string;
}

export interface PeerCheck {
  peer: Peer;
  /** The peer's check id. */
  check: string;
  /** podsmith rules that together mean the same; a unit is caught when any of them fires on it. */
  rules: string[];
  /** Only findings whose message contains this count (a podsmith rule that covers more than the peer's check). */
  message?: string;
  /** kube-linter: the fixture file under tests/checks (default `<check>.yml`). */
  fixture?: string;
  /** kube-linter: the kinds the check reports on (default: the kinds with a Pod template). */
  kinds?: string[];
  /**
   * kube-linter: units whose expectation the fixture names do not carry, as upstream's
   * e2etests/bats-tests.sh states it (which objects it expects a report for); keyed by object name,
   * or by `#<n>` (the n-th document) where names repeat.
   */
  expect?: Record<string, 'fire' | 'clean'>;
  /** Where podsmith's verdict differs from the peer's on purpose. */
  differences?: PeerDifference[];
}

const RETIRED_V1 = 'the fixture says apiVersion v1, which does not serve this kind: podsmith reports manifest.api-version-unsupported (the API server answers "no matches for kind") and checks the object no further';
const ONE_REPLICA = 'podsmith asks for a budget only from 2 replicas (H26; the constructs add one from 2): a budget on a single replica either blocks every drain (minAvailable 1, which pdb.blocks-drain reports) or protects nothing';

const POLARIS: Array<[string, string[], Partial<PeerCheck>?]> = [
  ['automountServiceAccountToken', ['security.service-account-token']],
  ['cpuLimitsMissing', ['resources.limits-missing'], { message: 'cpu' }],
  ['cpuRequestsMissing', ['resources.requests-missing'], { message: 'cpu' }],
  ['memoryLimitsMissing', ['resources.limits-missing'], { message: 'memory' }],
  ['memoryRequestsMissing', ['resources.requests-missing'], { message: 'memory' }],
  ['dangerousCapabilities', ['security.dangerous-capabilities']],
  ['hostIPCSet', ['host.namespaces']],
  ['hostNetworkSet', ['host.namespaces']],
  ['hostPIDSet', ['host.namespaces']],
  ['hostPathSet', ['security.host-path']],
  ['hostPortSet', ['host.ports']],
  ['livenessProbeMissing', ['probes.liveness-missing']],
  ['readinessProbeMissing', ['probes.readiness-missing']],
  ['missingNetworkPolicy', ['network.policy-missing'], {
    differences: [
      { unit: 'missingNetworkPolicy/failure.netpol_missing_egress_in_policytypes.yaml', reason: 'podsmith requires ingress isolation only: kube-linter (non-isolated-pod) counts a Pod selected by an ingress-only policy as isolated, and egress is often governed elsewhere (egress gateways, a CNI default)' },
      { unit: 'missingNetworkPolicy/failure.netpol_missing_egress_rules.yaml', reason: 'policyTypes Egress with no egress rules denies all egress: the Pod is isolated, more strictly than with rules (NetworkPolicy semantics)' },
      { unit: 'missingNetworkPolicy/failure.netpol_missing_ingress_rules.yaml', reason: 'policyTypes Ingress with no ingress rules denies all ingress: the Pod is isolated, more strictly than with rules (NetworkPolicy semantics)' },
    ],
  }],
  ['missingPodDisruptionBudget', ['pdb.missing'], {
    differences: ['failure-bad-ns', 'failure.bad-name', 'failure.empty-labels', 'failure.no-labels', 'failure.no-metadata', 'failure.wrong-place', 'failure']
      .map((f) => ({ unit: `missingPodDisruptionBudget/${f}.yaml`, reason: ONE_REPLICA })),
  }],
  ['nakedPod', ['pod.bare'], {
    differences: [{ unit: 'nakedPod/success.yaml', reason: 'the Pod has no ownerReferences: Polaris\' test passes it only because its test cluster holds a controller with matching labels; from the manifest alone the Pod is bare (H2)' }],
  }],
  ['notReadOnlyRootFilesystem', ['security.read-only-root-fs']],
  ['pdbDisruptionsIsZero', ['pdb.blocks-drain'], {
    differences: ['failure.either', 'failure.max', 'failure.min'].map((f) => ({ unit: `pdbDisruptionsIsZero/${f}.yaml`, reason: RETIRED_V1 })),
  }],
  ['privilegeEscalationAllowed', ['security.privilege-escalation']],
  ['runAsPrivileged', ['security.privileged']],
  ['runAsRootAllowed', ['security.run-as-root'], { differences: [{ unit: 'runAsRootAllowed/failure.yaml', reason: RETIRED_V1 }] }],
  ['sensitiveContainerEnvVar', ['env.secret-literal']],
  ['tagNotSpecified', ['image.latest-tag']],
];

const KUBE_LINTER: Array<Omit<PeerCheck, 'peer'>> = [
  { check: 'dangling-service', rules: ['service.selector-matches-nothing'], kinds: ['Service'] },
  { check: 'dangling-ingress', rules: ['ingress.backend-missing'], kinds: ['Ingress'] },
  { check: 'mismatching-selector', rules: ['workload.selector-invalid'] },
  { check: 'invalid-target-ports', rules: ['service.ports-invalid', 'ports.invalid'], fixture: 'invalid-target-ports.yaml', kinds: ['Service', 'Deployment'], expect: { 'empty-ports': 'clean', 'no-target-port': 'clean' },
    differences: [{ unit: 'invalid-target-ports.yaml#3 Service/empty-ports', reason: 'a Service with no spec has no ports: the API server refuses it (spec.ports: Required value), so podsmith reports service.ports-invalid where kube-linter, judging target ports only, stays quiet' }] },
  { check: 'duplicate-env-var', rules: ['env.duplicate-name'], fixture: 'duplicate-env-var.yaml' },
  { check: 'env-var-secret', rules: ['env.secret-literal'] },
  { check: 'host-ipc', rules: ['host.namespaces'] },
  { check: 'host-network', rules: ['host.namespaces'] },
  { check: 'host-pid', rules: ['host.namespaces'] },
  { check: 'latest-tag', rules: ['image.latest-tag'] },
  { check: 'liveness-port', rules: ['probes.port-not-exposed', 'probes.port-undeclared'] },
  { check: 'readiness-port', rules: ['probes.port-not-exposed', 'probes.port-undeclared'] },
  { check: 'startup-port', rules: ['probes.port-not-exposed', 'probes.port-undeclared'] },
  { check: 'no-anti-affinity', rules: ['scheduling.anti-affinity-missing', 'scheduling.spread-selects-nothing'] },
  { check: 'no-liveness-probe', rules: ['probes.liveness-missing'] },
  { check: 'no-readiness-probe', rules: ['probes.readiness-missing'] },
  { check: 'no-read-only-root-fs', rules: ['security.read-only-root-fs'] },
  { check: 'non-existent-service-account', rules: ['reference.service-account-missing'] },
  { check: 'non-isolated-pod', rules: ['network.policy-missing'] },
  { check: 'pdb-max-unavailable', rules: ['pdb.blocks-drain'], fixture: 'pdb-max-unavailable.yaml', kinds: ['PodDisruptionBudget'], expect: { baz: 'clean', foo: 'fire' } },
  { check: 'pdb-min-available', rules: ['pdb.blocks-drain'], fixture: 'pdb-min-available.yaml', kinds: ['PodDisruptionBudget'], expect: { baz: 'fire' },
    differences: [{ unit: 'pdb-min-available.yaml#1 PodDisruptionBudget/baz', reason: 'the Deployment it should protect has no Pod template (a schema error podsmith reports): podsmith matches budgets against Pod template labels, as the disruption controller does' }] },
  { check: 'privilege-escalation-container', rules: ['security.privilege-escalation'] },
  { check: 'privileged-container', rules: ['security.privileged'] },
  { check: 'run-as-non-root', rules: ['security.run-as-root'], expect: { 'group-zero': 'clean' } },
  { check: 'sensitive-host-mounts', rules: ['security.host-path'] },
  { check: 'writable-host-mount', rules: ['security.host-path'] },
  { check: 'docker-sock', rules: ['security.host-path'], differences: [{ unit: 'docker-sock.yml#1 Deployment/dont-fire', reason: 'podsmith flags every hostPath except a read-only timezone file (H9, H28), not only the Docker socket (the Pod Security baseline forbids them all)' }] },
  { check: 'drop-net-raw-capability', rules: ['security.dangerous-capabilities'] },
  { check: 'unsafe-sysctls', rules: ['sysctls.unsafe'] },
  { check: 'unset-cpu-requirements', rules: ['resources.requests-missing', 'resources.limits-missing'] },
  { check: 'unset-memory-requirements', rules: ['resources.requests-missing', 'resources.limits-missing'] },
  { check: 'no-extensions-v1beta', rules: ['manifest.api-version-unsupported'], kinds: ['NetworkPolicy', 'Ingress', 'Deployment', 'DaemonSet', 'ReplicaSet'], expect: { '#1': 'clean' } },
];

export const peerChecks: PeerCheck[] = [
  ...POLARIS.map(([check, rules, more]): PeerCheck => ({ peer: 'polaris', check, rules, ...more })),
  ...KUBE_LINTER.map((c): PeerCheck => ({ peer: 'kube-linter', ...c })),
];

/** The corpus folder of each peer. */
export const PEER_FOLDERS: Record<Peer, string> = {
  'polaris': 'FairwindsOps__polaris',
  'kube-linter': 'stackrox__kube-linter',
};
