/**
 * For e2e tests that need a real API server: podsmith's local cluster (brought up if needed),
 * or, with PODSMITH_KUBECONFIG set, any cluster. Where none can run, `e2eDescribe` reports the
 * tests skipped with the reason — a failure instead under PODSMITH_REQUIRE_CLUSTER=1 (CI).
 */
import { LocalCluster, localClusterUnsupportedReason } from '../../src/cluster/local';
import { ApiServer } from './apiserver';

/** Why no cluster can run here, or undefined. `localOnly`: the test needs podsmith's own cluster. */
export function clusterUnavailableReason(localOnly = false): string | undefined {
  if (process.env.PODSMITH_KUBECONFIG && !localOnly) return undefined;
  return localClusterUnsupportedReason();
}

/** A client for the test cluster's API server (admin credentials). */
export async function apiServer(): Promise<ApiServer> {
  if (process.env.PODSMITH_KUBECONFIG) return new ApiServer(process.env.PODSMITH_KUBECONFIG, process.env.PODSMITH_CONTEXT);
  const access = await new LocalCluster().ensureUp();
  return new ApiServer(access.kubeconfig, access.context);
}

/** `describe` that skips with a reason where no cluster can run, or fails under PODSMITH_REQUIRE_CLUSTER=1. */
export function e2eDescribe(name: string, body: () => void, options: { localOnly?: boolean } = {}): void {
  const reason = clusterUnavailableReason(options.localOnly);
  if (!reason) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    if (process.env.PODSMITH_REQUIRE_CLUSTER === '1') {
      test('a cluster is required here (PODSMITH_REQUIRE_CLUSTER=1)', () => {
        throw new Error(`PODSMITH_REQUIRE_CLUSTER=1 but no cluster can run: ${reason}`);
      });
    } else {
      test.skip(`skipped: ${reason}`, () => undefined);
    }
  });
}
