/**
 * The verdicts recorded in test/support/release-cases.ts are each release's API server's: for every
 * recorded release (1.27-1.37) whose kube-apiserver is in the build cache (`cluster/build.sh apiserver 1.X`),
 * a throwaway etcd + kube-apiserver (no kubelet, loopback ports) judges every case, and podsmith at
 * that --k8s-version agrees (test/validate/release-gates.test.ts holds podsmith to the record).
 */
import { validateObjects } from '../../src/validate';
import { ExactServer, cachedReleases, startExactServer } from '../../src/validate/exact/server';
import { ApiServer } from '../support/apiserver';
import { DROPPED, RECORDED_RELEASES, RELEASE_CASES } from '../support/release-cases';

/** The value at a finding's path (`spec.containers[0].resources.claims`). */
const valueAt = (o: any, path: string): unknown => path.split(/\.|(?=\[)/).reduce((cur: any, k) => cur?.[k.startsWith('[') ? Number(k.slice(1, -1)) : k], o);

const built = RECORDED_RELEASES.filter((r) => cachedReleases().includes(r));
if (built.length === 0) {
  test.skip('no kube-apiserver of a recorded release in the build cache (cluster/build.sh apiserver 1.37)', () => undefined);
}

describe.each(built)('release %s: the recorded verdicts are its API server\'s', (release) => {
  let server: ExactServer;
  let api: ApiServer;
  beforeAll(async () => {
    server = await startExactServer(release);
    api = new ApiServer(server.kubeconfig);
  }, 180_000);
  afterAll(async () => {
    api?.close();
    await server?.stop();
  });

  test.each(RELEASE_CASES)('%s', async (_name, object, verdicts) => {
    const verdict = await api.dryRunCreate(object);
    expect([verdict.accepted, verdict.message]).toEqual([verdicts[release], verdicts[release] ? undefined : expect.any(String)]);
    const errors = validateObjects([{ object }], { k8sVersion: release }).findings.filter((f) => f.severity === 'error');
    expect(errors.length === 0).toBe(verdict.accepted);
  }, 60_000);

  // what schema.field-dropped says a release drops is gone (or reset) in its answer, and kept by the others
  test.each(DROPPED)('%s: dropped where recorded', async (name, paths, releases) => {
    const object = RELEASE_CASES.find(([n]) => n === name)![1];
    const verdict = await api.dryRunCreate(object);
    if (!verdict.accepted) return; // refused (the verdict is checked above): no answer to look into
    const gone = paths.map((p) => {
      const sent = valueAt(object, p);
      const got = valueAt(verdict.answer, p);
      return got === undefined || (typeof sent !== 'object' && got !== sent);
    });
    expect(gone).toEqual(paths.map(() => releases.includes(release)));
  }, 60_000);
});
