/**
 * The corpora the real-world test reads, in place: the shared real-world corpus beside the
 * repository (PODSMITH_CORPUS overrides it), and the YAML that k8s.io/kubernetes keeps as its
 * own test data (UPSTREAM_DIRS), fetched through the Go module proxy
 * at the cluster's Kubernetes version, and other projects' manifests (MODULE_CORPORA), all kept in
 * the Go module cache — never committed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Corpus {
  name: string;
  root: string;
  /** Paths relative to root, sorted. */
  files: string[];
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function walk(root: string, dir: string, out: string[]): void {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) walk(root, rel, out);
    else if (e.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(rel);
  }
}

/** Every *.yaml, *.yml and *.json file under `root`, as a corpus named `name`. */
export function walkedCorpus(name: string, root: string): Corpus {
  const files: string[] = [];
  walk(root, '', files);
  return { name, root, files: files.sort() };
}

/** The shared real-world corpus: `<repo>/../shared/corpus/realworld`, or PODSMITH_CORPUS. */
export function realWorldRoot(): string {
  return process.env.PODSMITH_CORPUS ?? path.join(REPO_ROOT, '..', 'shared', 'corpus', 'realworld');
}

export function realWorldCorpus(): Corpus | undefined {
  const root = realWorldRoot();
  return fs.existsSync(root) ? walkedCorpus('realworld', root) : undefined;
}

/** The Kubernetes version the local cluster runs (cluster/versions.env). */
export function clusterKubernetesVersion(): string {
  const env = fs.readFileSync(path.join(REPO_ROOT, 'cluster', 'versions.env'), 'utf8');
  const m = /^KUBERNETES_VERSION=(v\d+\.\d+\.\d+)$/m.exec(env);
  if (!m) throw new Error('cluster/versions.env has no KUBERNETES_VERSION');
  return m[1];
}

/** `go mod download -json MODULE@VERSION`: the module's directory in the Go module cache. */
export function moduleDir(module: string, version: string): string {
  const out = execFileSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
    encoding: 'utf8', cwd: REPO_ROOT, env: { ...process.env, GO111MODULE: 'on' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const info = JSON.parse(out);
  if (info.Error) throw new Error(`go mod download ${module}@${version}: ${info.Error}`);
  return info.Dir;
}

/** k8s.io/kubernetes at a release's patch version, in the Go module cache. */
export function kubernetesModuleDir(version = clusterKubernetesVersion()): string {
  return moduleDir('k8s.io/kubernetes', version);
}

/**
 * The directories of k8s.io/kubernetes read as corpora: its e2e testing manifests and test fixtures,
 * kubectl's own test data (hack/testdata: what test/cmd applies, some of it broken on purpose),
 * the cluster add-ons (cluster/addons: real installs, some of them Salt templates that are not
 * YAML) and the integration tests' manifests (test/integration: scheduler_perf's Go templates).
 */
export const UPSTREAM_DIRS = ['test/e2e/testing-manifests', 'test/fixtures', 'hack/testdata', 'cluster/addons', 'test/integration'];

/** Corpora already listed in this process, by what names them: each module is downloaded and walked once. */
const listed = new Map<string, Corpus[]>();
function once(key: string, list: () => Corpus[]): Corpus[] {
  if (!listed.has(key)) listed.set(key, list());
  return listed.get(key)!;
}

/** The upstream corpora, in UPSTREAM_DIRS' order. */
export function upstreamCorpora(version = clusterKubernetesVersion()): Corpus[] {
  return once(`k8s.io/kubernetes@${version}`, () => {
    const dir = kubernetesModuleDir(version);
    return UPSTREAM_DIRS.map((sub) => walkedCorpus(`k8s.io/kubernetes@${version}/${sub}`, path.join(dir, sub)));
  });
}

/**
 * k8s.io/api's round-trip fixtures (testdata/HEAD, the YAML ones): one object of every kind and
 * version the release defines, every field filled with placeholder values, at the release's
 * k8s.io/api version (v0.X.Y for Kubernetes v1.X.Y).
 */
export function apiFixturesCorpus(version = clusterKubernetesVersion()): Corpus {
  const apiVersion = version.replace(/^v1\./, 'v0.');
  return once(`k8s.io/api@${apiVersion}`, () => {
    const root = path.join(moduleDir('k8s.io/api', apiVersion), 'testdata', 'HEAD');
    const files = fs.readdirSync(root).filter((f) => f.endsWith('.yaml')).sort();
    return [{ name: `k8s.io/api@${apiVersion}/testdata/HEAD`, root, files }];
  })[0];
}

/**
 * Other projects' manifests that the Go module proxy serves, at fixed versions: Gateway API (its
 * CRDs, with CEL rules, and its examples, valid and invalid); Kueue's kustomize config (CRDs, RBAC,
 * webhooks, the manager, and kustomize patches that are not whole objects); the Kubernetes objects
 * in Chainsaw's test data (among its own test kinds); MetalLB's frr-k8s (its kustomize config, Helm
 * chart and Prometheus set-up); kube-router's DaemonSets; whereabouts' install manifests and CRDs;
 * Kyverno's conformance and CLI test resources (Pods written to trip Pod Security checks, objects
 * cut down to what a policy matches); Argo Rollouts (its examples, test data taken from live
 * clusters, Istio's generated CRDs); Flux's CLI test data (kustomize output, Go templates); Tekton
 * Pipelines, Knative Serving, Gatekeeper, cert-manager, KEDA and ExternalDNS (their config, examples
 * and test data); Traefik's and Cilium's provider test fixtures (EndpointSlices, ExternalName
 * Services, wrapped base64 Secrets); MetalLB, ingress-nginx, Argo CD, Contour, Dapr, Velero,
 * metrics-server, kind and kubebuilder (install manifests, charts' rendered output, examples);
 * Calico (its install manifests and calicoctl test input), flannel, Cluster API's AWS provider
 * (templates and their rendered output) and the descheduler; the Prometheus Operator (its examples
 * and bundle), kube-state-metrics, Cluster API (its config, templates and test data), Node Feature
 * Discovery, Sealed Secrets, the Vertical Pod Autoscaler, External Secrets (CRDs and the docs'
 * snippets, some with a key written twice), Helm's own test data (rendered charts, golden output),
 * KWOK (its stages and kustomize config), the AWS Load Balancer Controller, Reloader, the CSI
 * external-snapshotter, NVIDIA's device plugin, Istio (its charts, samples, the injector's
 * golden output, and the analyzers' and config validation's test data, valid and invalid), Envoy
 * Gateway (its translator's and egctl's test input) and Rancher's local-path-provisioner; kubectl's
 * and cli-runtime's own test data (edit, apply and set fixtures, lists), the apiextensions and
 * aggregator examples and test data, cli-utils, controller-tools' generated test CRDs, the Network
 * Policy API (its CRDs with CEL rules and its valid and invalid examples), kube-network-policies,
 * virtual-kubelet, KubeRay (RayCluster, RayJob and RayService samples), Katib, the Kubeflow
 * Training Operator and Trainer (their CRDs and job examples), and Karpenter (its CRDs, whose CEL
 * rules check label domains with find(), its KWOK chart and examples); Argo Workflows (its CRDs,
 * install manifests and ~600 example and test Workflows, most named by generateName), the Gateway
 * API Inference Extension, Cluster API's GCP provider (templates, ClusterClasses) and eksctl (the
 * EKS add-ons it installs: aws-node, CoreDNS, kube-proxy, as YAML and as kubectl's JSON lists);
 * the scheduler plugins, LeaderWorkerSet and JobSet (CRDs, Helm templates, examples), kube-vip,
 * Linkerd 2 (an early release), Longhorn's manager, the Secrets Store CSI driver, the Jaeger and
 * OpenTelemetry operators (bundles, kuttl and chainsaw e2e steps, an old operator manifest whose
 * quoted descriptions wrap under their keys), Knative Eventing, KubeVirt (instance types,
 * examples), CloudNativePG, Crossplane (its e2e manifests, CRDs with CEL rules that name
 * `__namespace__`), KServe, the AWS EBS CSI driver, Chaos Mesh, the node problem detector,
 * Consul on Kubernetes, Zalando's Postgres operator, OpenKruise, Sonobuoy, Prometheus and Loki
 * (their Kubernetes examples and test data) and kube-score's test fixtures (a peer's: objects
 * written to trip its checks); trust-manager, k3s' helm-controller, the ACK S3 controller, the
 * Prometheus adapter, the DRA example driver, Cluster API's vSphere provider, Kiali, the Security
 * Profiles Operator, the Hierarchical Namespace Controller, kops (its addons: Cluster API CRDs whose
 * conversion webhooks have placeholder caBundles, never established), minikube (its addons) and
 * Config Connector's config (600 CRDs, 1,150 samples); SPIRE (its Kubernetes integration suites and
 * workload attestor's test data: PodLists as the API server returns them, items without kind),
 * Jaeger, Trivy (its misconfiguration scanners' test manifests), OpenShift's Machine API and
 * cluster autoscaler operators, Pulumi's Kubernetes provider, Flux's server-side apply and kustomize
 * packages and its kustomize-controller (test data: objects to apply, kustomize output), and
 * kustomize's kyaml (its test data, fragments among whole objects). kubeconform's fixtures are in the real-world corpus already (its
 * module adds only a 100,000-object file for its own benchmark: 96 s of API server time here).
 */
export const MODULE_CORPORA = [
  { module: 'sigs.k8s.io/gateway-api', version: 'v1.6.3', sub: '' },
  { module: 'sigs.k8s.io/kueue', version: 'v0.17.0', sub: 'config' },
  { module: 'github.com/kyverno/chainsaw', version: 'v0.2.12', sub: 'testdata' },
  { module: 'github.com/metallb/frr-k8s', version: 'v0.0.21', sub: '' },
  { module: 'github.com/cloudnativelabs/kube-router/v2', version: 'v2.1.0', sub: '' },
  { module: 'github.com/k8snetworkplumbingwg/whereabouts', version: 'v0.9.2', sub: '' },
  { module: 'github.com/kyverno/kyverno', version: 'v1.13.4', sub: '' },
  { module: 'github.com/argoproj/argo-rollouts', version: 'v1.8.0', sub: '' },
  { module: 'github.com/fluxcd/flux2/v2', version: 'v2.5.1', sub: '' },
  { module: 'github.com/tektoncd/pipeline', version: 'v1.0.0', sub: '' },
  { module: 'knative.dev/serving', version: 'v0.44.0', sub: '' },
  { module: 'github.com/open-policy-agent/gatekeeper/v3', version: 'v3.18.2', sub: '' },
  { module: 'github.com/cert-manager/cert-manager', version: 'v1.17.1', sub: '' },
  { module: 'github.com/kedacore/keda/v2', version: 'v2.16.1', sub: '' },
  { module: 'sigs.k8s.io/external-dns', version: 'v0.15.1', sub: '' },
  { module: 'github.com/traefik/traefik/v3', version: 'v3.7.13', sub: '' },
  { module: 'github.com/cilium/cilium', version: 'v1.20.2', sub: '' },
  { module: 'go.universe.tf/metallb', version: 'v0.16.2', sub: '' },
  { module: 'k8s.io/ingress-nginx', version: 'v0.0.0-20240708192948-52c50467d67d', sub: '' },
  { module: 'github.com/argoproj/argo-cd/v2', version: 'v2.14.21', sub: '' },
  { module: 'github.com/projectcontour/contour', version: 'v1.33.8', sub: '' },
  { module: 'github.com/dapr/dapr', version: 'v1.14.0', sub: '' },
  { module: 'github.com/vmware-tanzu/velero', version: 'v1.18.3', sub: '' },
  { module: 'sigs.k8s.io/metrics-server', version: 'v0.9.0', sub: '' },
  { module: 'sigs.k8s.io/kind', version: 'v0.33.0', sub: '' },
  { module: 'sigs.k8s.io/kubebuilder/v4', version: 'v4.16.0', sub: '' },
  { module: 'github.com/projectcalico/calico', version: 'v1.11.0-cni-plugin.0.20250813170300-a0db560f0520', sub: '' },
  { module: 'github.com/flannel-io/flannel', version: 'v0.28.10', sub: '' },
  { module: 'sigs.k8s.io/cluster-api-provider-aws/v2', version: 'v2.13.0', sub: '' },
  { module: 'sigs.k8s.io/descheduler', version: 'v0.36.0', sub: '' },
  { module: 'github.com/prometheus-operator/prometheus-operator', version: 'v0.85.0', sub: '' },
  { module: 'k8s.io/kube-state-metrics/v2', version: 'v2.20.0', sub: '' },
  { module: 'sigs.k8s.io/cluster-api', version: 'v1.14.2', sub: '' },
  { module: 'sigs.k8s.io/node-feature-discovery', version: 'v0.17.3', sub: '' },
  { module: 'github.com/bitnami-labs/sealed-secrets', version: 'v0.40.0', sub: '' },
  { module: 'k8s.io/autoscaler/vertical-pod-autoscaler', version: 'v1.8.1', sub: '' },
  { module: 'github.com/external-secrets/external-secrets', version: 'v1.3.2', sub: '' },
  { module: 'helm.sh/helm/v3', version: 'v3.22.0', sub: '' },
  { module: 'sigs.k8s.io/kwok', version: 'v0.8.0', sub: '' },
  { module: 'sigs.k8s.io/aws-load-balancer-controller', version: 'v1.1.9', sub: '' },
  { module: 'github.com/stakater/Reloader', version: 'v1.4.22', sub: '' },
  { module: 'github.com/kubernetes-csi/external-snapshotter/v8', version: 'v8.7.0', sub: '' },
  { module: 'github.com/NVIDIA/k8s-device-plugin', version: 'v0.17.4', sub: '' },
  { module: 'istio.io/istio', version: 'v0.0.0-20260827124520-eed52ebb66ad', sub: '' },
  { module: 'github.com/envoyproxy/gateway', version: 'v1.9.1', sub: '' },
  { module: 'github.com/rancher/local-path-provisioner', version: 'v0.0.30', sub: '' },
  { module: 'k8s.io/kubectl', version: 'v0.37.2', sub: '' },
  { module: 'k8s.io/cli-runtime', version: 'v0.37.2', sub: '' },
  { module: 'k8s.io/apiextensions-apiserver', version: 'v0.37.2', sub: '' },
  { module: 'k8s.io/kube-aggregator', version: 'v0.37.2', sub: '' },
  { module: 'sigs.k8s.io/cli-utils', version: 'v0.37.2', sub: '' },
  { module: 'sigs.k8s.io/controller-tools', version: 'v0.23.0', sub: '' },
  { module: 'sigs.k8s.io/network-policy-api', version: 'v0.3.0', sub: '' },
  { module: 'sigs.k8s.io/kube-network-policies', version: 'v0.8.0', sub: '' },
  { module: 'github.com/virtual-kubelet/virtual-kubelet', version: 'v1.14.1', sub: '' },
  { module: 'github.com/ray-project/kuberay/ray-operator', version: 'v1.5.0', sub: '' },
  { module: 'github.com/kubeflow/katib', version: 'v0.19.0', sub: '' },
  { module: 'github.com/kubeflow/training-operator', version: 'v1.8.1', sub: '' },
  { module: 'github.com/kubeflow/trainer/v2', version: 'v2.0.0', sub: '' },
  { module: 'sigs.k8s.io/karpenter', version: 'v1.13.0', sub: '' },
  { module: 'github.com/argoproj/argo-workflows/v4', version: 'v4.0.5', sub: '' },
  { module: 'sigs.k8s.io/gateway-api-inference-extension', version: 'v1.6.2', sub: '' },
  { module: 'sigs.k8s.io/cluster-api-provider-gcp', version: 'v1.13.1', sub: '' },
  { module: 'github.com/weaveworks/eksctl', version: 'v0.215.0', sub: '' },
  { module: 'sigs.k8s.io/scheduler-plugins', version: 'v0.31.8', sub: '' },
  { module: 'sigs.k8s.io/lws', version: 'v0.6.1', sub: '' },
  { module: 'sigs.k8s.io/jobset', version: 'v0.8.0', sub: '' },
  { module: 'github.com/kube-vip/kube-vip', version: 'v0.9.1', sub: '' },
  { module: 'github.com/linkerd/linkerd2', version: 'v0.5.0', sub: '' },
  { module: 'github.com/longhorn/longhorn-manager', version: 'v1.8.1', sub: '' },
  { module: 'sigs.k8s.io/secrets-store-csi-driver', version: 'v1.5.0', sub: '' },
  { module: 'github.com/jaegertracing/jaeger-operator', version: 'v1.65.0', sub: '' },
  { module: 'github.com/open-telemetry/opentelemetry-operator', version: 'v0.120.0', sub: '' },
  { module: 'knative.dev/eventing', version: 'v0.44.0', sub: '' },
  { module: 'kubevirt.io/kubevirt', version: 'v1.5.0', sub: '' },
  { module: 'github.com/cloudnative-pg/cloudnative-pg', version: 'v1.25.1', sub: '' },
  { module: 'github.com/crossplane/crossplane/v2', version: 'v2.0.0', sub: '' },
  { module: 'github.com/kserve/kserve', version: 'v0.15.0', sub: '' },
  { module: 'github.com/kubernetes-sigs/aws-ebs-csi-driver', version: 'v1.44.0', sub: '' },
  { module: 'github.com/chaos-mesh/chaos-mesh', version: 'v0.9.1-0.20260902003049-47411975a8cb', sub: '' },
  { module: 'k8s.io/node-problem-detector', version: 'v0.8.20', sub: '' },
  { module: 'github.com/hashicorp/consul-k8s', version: 'v1.6.0', sub: '' },
  { module: 'github.com/zalando/postgres-operator', version: 'v1.14.0', sub: '' },
  { module: 'github.com/openkruise/kruise', version: 'v1.8.0', sub: '' },
  { module: 'github.com/vmware-tanzu/sonobuoy', version: 'v0.57.3', sub: '' },
  { module: 'github.com/prometheus/prometheus', version: 'v0.316.0', sub: '' },
  { module: 'github.com/grafana/loki/v3', version: 'v3.7.8', sub: '' },
  { module: 'github.com/zegl/kube-score', version: 'v1.20.0', sub: '' },
  { module: 'github.com/cert-manager/trust-manager', version: 'v0.25.0', sub: '' },
  { module: 'github.com/k3s-io/helm-controller', version: 'v0.17.9', sub: '' },
  { module: 'github.com/aws-controllers-k8s/s3-controller', version: 'v1.14.0', sub: '' },
  { module: 'sigs.k8s.io/prometheus-adapter', version: 'v0.12.0', sub: '' },
  { module: 'sigs.k8s.io/dra-example-driver', version: 'v0.1.0', sub: '' },
  { module: 'sigs.k8s.io/cluster-api-provider-vsphere', version: 'v1.12.0', sub: '' },
  { module: 'github.com/kiali/kiali', version: 'v1.82.0', sub: '' },
  { module: 'sigs.k8s.io/security-profiles-operator', version: 'v0.9.0', sub: '' },
  { module: 'sigs.k8s.io/hierarchical-namespaces', version: 'v1.1.0', sub: '' },
  { module: 'k8s.io/kops', version: 'v1.31.0', sub: '' },
  { module: 'k8s.io/minikube', version: 'v1.35.0', sub: '' },
  { module: 'github.com/GoogleCloudPlatform/k8s-config-connector', version: 'v1.155.1', sub: 'config' },
  { module: 'github.com/spiffe/spire', version: 'v1.13.3', sub: '' },
  { module: 'github.com/jaegertracing/jaeger', version: 'v1.75.0', sub: '' },
  { module: 'github.com/aquasecurity/trivy', version: 'v0.74.0', sub: '' },
  { module: 'github.com/openshift/machine-api-operator', version: 'v0.2.1-0.20260226113419-88465550a74b', sub: '' },
  { module: 'github.com/openshift/cluster-autoscaler-operator', version: 'v0.0.1-0.20260608074635-5c8643284941', sub: '' },
  { module: 'github.com/pulumi/pulumi-kubernetes/provider/v4', version: 'v4.0.0-20260115033456-f47bc2d6f199', sub: '' },
  { module: 'github.com/fluxcd/pkg/ssa', version: 'v0.78.0', sub: '' },
  { module: 'github.com/fluxcd/pkg/kustomize', version: 'v1.41.0', sub: '' },
  { module: 'github.com/fluxcd/kustomize-controller', version: 'v1.6.0', sub: '' },
  { module: 'sigs.k8s.io/kustomize/kyaml', version: 'v0.20.1', sub: '' },
];

export function moduleCorpora(): Corpus[] {
  return once('modules', () => MODULE_CORPORA.map(({ module, version, sub }) => {
    return walkedCorpus(`${module}@${version}${sub ? `/${sub}` : ''}`, path.join(moduleDir(module, version), sub));
  }));
}

/** The corpora `--only NAME[,NAME…]` names: those whose name contains one of the comma-separated parts (all without it). */
export function chosenCorpora(corpora: Corpus[], only: string | undefined): Corpus[] {
  const parts = only?.split(',').filter((x) => x !== '');
  return parts ? corpora.filter((c) => parts.some((x) => c.name.includes(x))) : corpora;
}
