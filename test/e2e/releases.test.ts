/**
 * The newest release podsmith knows, against its own kube-apiserver: a fixed-seed subset of the
 * differential at that release, on a throwaway etcd + kube-apiserver (src/validate/exact/server.ts;
 * no kubelet, loopback ports). The test task builds it first (`cluster/build.sh apiserver newest`).
 * The full matrix — every release from 1.34 on, seeds 1–5 × 2,000 cases and the real-world
 * corpus — is `npm run test:releases`.
 */
import { ExactServer, cachedReleases, startExactServer } from '../../src/validate/exact/server';
import { DEFAULT_K8S_VERSION, K8S_RELEASES } from '../../src/validate/schema/versions';
import { formatResult, runDifferential } from '../differential/differential';
import { ApiServer } from '../support/apiserver';

const newest = DEFAULT_K8S_VERSION!;
const built = cachedReleases().includes(newest);
const suite = built ? describe : describe.skip;
if (!built && process.env.PODSMITH_REQUIRE_CLUSTER === '1') {
  test(`kube-apiserver ${newest} is built (PODSMITH_REQUIRE_CLUSTER=1)`, () => {
    throw new Error(`no kube-apiserver ${newest} in the build cache: run cluster/build.sh apiserver newest`);
  });
}

suite(`differential at the newest release (${newest}) against its own kube-apiserver`, () => {
  let server: ExactServer;
  let api: ApiServer;
  beforeAll(async () => {
    server = await startExactServer(newest);
    api = new ApiServer(server.kubeconfig);
  }, 180_000);
  afterAll(async () => {
    api?.close();
    await server?.stop();
  });

  test('the server is that release', async () => {
    const r = await api.get('/version');
    expect(JSON.parse(r.body).gitVersion).toBe(K8S_RELEASES[newest]);
  });

  test('300 generated cases, seed 11: no false rejects, agreement ≥ 99.5%', async () => {
    const r = await runDifferential(api, { cases: 300, seed: 11, k8sVersion: newest });
    process.stdout.write(`${formatResult(r)}\n`);
    // both verdicts were exercised
    expect(r.apiRejected).toBeGreaterThan(50);
    expect(r.cases - r.apiRejected).toBeGreaterThan(50);
    expect(r.falseRejects.map((o) => `${o.case.kind} ${o.case.mutation ?? 'valid'}`)).toEqual([]);
    expect(r.agreementRate).toBeGreaterThanOrEqual(0.995);
  }, 10 * 60_000);
});
