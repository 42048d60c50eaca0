/**
 * The real-world corpus in CI, a fixed representative subset (npm run test:realworld judges every
 * object): each object's own YAML bytes go to the API server as a server-side dry-run, podsmith
 * reads the same file as a user would, and the verdicts must agree — no false reject, false
 * accepts within 0.5% of the objects. Every sixth file of the shared corpus (when `../shared` is
 * there) and of k8s.io/api's fixtures, every third of k8s.io/kubernetes' own corpora (UPSTREAM_DIRS)
 * at the cluster's version and of the other projects' (MODULE_CORPORA; every sixth of Kyverno's,
 * Cilium's and Argo CD's, every one of ExternalDNS' 39), and the files in ALWAYS.
 */
import { ApiServer } from '../support/apiserver';
import { apiServer, e2eDescribe } from '../support/cluster';
import { apiFixturesCorpus, Corpus, moduleCorpora, realWorldCorpus, upstreamCorpora } from '../realworld/corpora';
import { figures, formatCorpus, runCorpus } from '../realworld/realworld';
import { ServerJudge } from '../realworld/server';

/** Files every subset keeps: the large multi-document installs and the shapes that once failed. */
const ALWAYS = [
  'argoproj__argo-cd/manifests/install.yaml',
  'kubernetes__examples/databases/cassandra/cassandra-statefulset.yaml',
  // kubectl's JSON stream (values one after another) and a file readable up to a templated document
  'multi-resource-json.json',
  'metadata-agent/stackdriver/metadata-agent.yaml',
  // a kustomize patch (an APIService without its spec) that the API server refuses
  'default/apiservice_cainjection_patch.yaml',
  // a StatefulSet whose serviceName keeps its quotes ('nginx')
  'resource/custom-resource.yaml',
  // an access review with metadata, a TokenReview whose name is not checked
  'authorization.k8s.io.v1.SubjectAccessReview.yaml',
  'authentication.k8s.io.v1.TokenReview.yaml',
  // a DaemonSet whose probes name a port another container declares (cannot work as written)
  'config/frr-k8s/frr-k8s.yaml',
  // SYS_ADMIN beside allowPrivilegeEscalation: false (the server knows CAP_SYS_ADMIN only), a sysctl
  // with its name only, ephemeral containers on create, procMount Unmasked in the host's user
  // namespace, an Ingress and a CSR without spec
  'test/conformance/chainsaw/exceptions/exclude-capabilities/pod-allowed.yaml',
  'test/conformance/chainsaw/exceptions/exclude-sysctls/pod-allowed-1.yaml',
  'test/conformance/chainsaw/exceptions/exclude-privileged-containers/pod-rejected-1.yaml',
  'test/cli/scenarios_to_cli/other/scenario_validate_default_proc_mount/resource.yaml',
  'test/conformance/chainsaw/validate/clusterpolicy/standard/enforce/validate-existing-with-precondition/ingress-ready.yaml',
  'test/conformance/chainsaw/validate/clusterpolicy/standard/enforce/csr/csr-mutated.yaml',
  // a Job taken from a cluster (controller-uid labels), CRDs only go-yaml reads, a document after one kubectl cannot read
  'pkg/kubectl-argo-rollouts/info/testdata/experiment-step/canary-exp-analysis-job.yaml',
  'test/e2e/crds/istio.yaml',
  'cmd/flux/testdata/build-kustomization/podinfo-with-my-app-result.yaml',
  // EndpointSlices (an IPv6 address not in canonical form, an endpoint without addresses, none at
  // all), ExternalName Services (an IP as name, a clusterIP), base64 wrapped over lines, an owner
  // reference without uid, an IPv6 Service on this IPv4 cluster
  'pkg/provider/kubernetes/ingress/fixtures/Ingress-with-IPv6-endpoints.yml',
  'pkg/provider/kubernetes/ingress-nginx/fixtures/services.yml',
  'operator/pkg/gateway-api/testdata/gateway/httproute-service-types/input/httproute-service-types.yaml',
  'pkg/provider/kubernetes/crd/fixtures/services.yml',
  'pkg/provider/kubernetes/ingress/fixtures/Ingress-with-service-with-externalName.yml',
  'pkg/provider/kubernetes/crd/fixtures/with_auth.yml',
  'operator/pkg/gateway-api/testdata/gateway/gateway-mixed-http-tcp/output/endpointslice-cilium-gateway-gateway-mixed-ecb92c68-ipv4.yaml',
  'dev-env/testsvc_ipv6.yaml',
  // the cluster's own kube-dns Service written with another clusterIP (applied over it: cluster state)
  'app-policy/config/install/05-calico.yaml',
];

function subset(c: Corpus, every: number): string[] {
  return c.files.filter((f, i) => i % every === 0 || ALWAYS.includes(f));
}

e2eDescribe('real-world manifests: podsmith vs the API server on their own bytes (fixed subset)', () => {
  let api: ApiServer;
  let judge: ServerJudge;
  beforeAll(async () => {
    api = await apiServer();
    judge = new ServerJudge(api, `podsmith-rw-e2e-${process.pid}`);
    await judge.discover();
  }, 30 * 60_000);
  afterAll(async () => {
    await judge?.cleanup();
    api?.close();
  });

  const corpora: Array<[string, () => Corpus | undefined, number]> = [
    ['the shared real-world corpus', realWorldCorpus, 6],
    ['k8s.io/kubernetes test/e2e/testing-manifests', () => upstreamCorpora()[0], 3],
    ['k8s.io/kubernetes test/fixtures', () => upstreamCorpora()[1], 3],
    ['k8s.io/kubernetes hack/testdata', () => upstreamCorpora()[2], 3],
    ['k8s.io/kubernetes cluster/addons', () => upstreamCorpora()[3], 3],
    ['k8s.io/kubernetes test/integration', () => upstreamCorpora()[4], 3],
    ['k8s.io/api testdata/HEAD (every kind, every field)', () => apiFixturesCorpus(), 6],
    ['sigs.k8s.io/gateway-api', () => moduleCorpora()[0], 3],
    ['sigs.k8s.io/kueue config', () => moduleCorpora()[1], 3],
    ['github.com/kyverno/chainsaw testdata', () => moduleCorpora()[2], 3],
    ['github.com/metallb/frr-k8s', () => moduleCorpora()[3], 3],
    ['github.com/cloudnativelabs/kube-router', () => moduleCorpora()[4], 3],
    ['github.com/k8snetworkplumbingwg/whereabouts', () => moduleCorpora()[5], 3],
    ['github.com/kyverno/kyverno', () => moduleCorpora()[6], 6],
    ['github.com/argoproj/argo-rollouts', () => moduleCorpora()[7], 3],
    ['github.com/fluxcd/flux2', () => moduleCorpora()[8], 3],
    ['github.com/tektoncd/pipeline', () => moduleCorpora()[9], 3],
    ['knative.dev/serving', () => moduleCorpora()[10], 3],
    ['github.com/open-policy-agent/gatekeeper', () => moduleCorpora()[11], 3],
    ['github.com/cert-manager/cert-manager', () => moduleCorpora()[12], 3],
    ['github.com/kedacore/keda', () => moduleCorpora()[13], 3],
    ['sigs.k8s.io/external-dns', () => moduleCorpora()[14], 1],
    ['github.com/traefik/traefik', () => moduleCorpora()[15], 3],
    ['github.com/cilium/cilium', () => moduleCorpora()[16], 6],
    ['go.universe.tf/metallb', () => moduleCorpora()[17], 3],
    ['k8s.io/ingress-nginx', () => moduleCorpora()[18], 3],
    ['github.com/argoproj/argo-cd', () => moduleCorpora()[19], 6],
    ['github.com/projectcontour/contour', () => moduleCorpora()[20], 3],
    ['github.com/dapr/dapr', () => moduleCorpora()[21], 3],
    ['github.com/vmware-tanzu/velero', () => moduleCorpora()[22], 3],
    ['github.com/projectcalico/calico', () => moduleCorpora()[26], 3],
  ];

  test.each(corpora)('%s: no false reject, false accepts ≤ 0.5%%', async (_name, load, every) => {
    const c = load();
    if (!c) {
      process.stdout.write('realworld: no shared corpus beside the repository (PODSMITH_CORPUS): nothing to judge here\n');
      return;
    }
    const r = await runCorpus(judge, c, { k8sVersion: '1.34', files: subset(c, every) });
    process.stdout.write(`${formatCorpus(r)}\n`);
    const f = figures(r);
    // both verdicts were exercised
    expect(f.judged).toBeGreaterThan(10);
    expect(r.units.filter((u) => u.outcome === 'false-reject').map((u) => `${u.file}:${u.line} ${u.object}`)).toEqual([]);
    expect(f.falseAccepts).toBeLessThanOrEqual(Math.floor(0.005 * f.objects));
  }, 20 * 60_000);
});
