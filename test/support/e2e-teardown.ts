/**
 * After the end-to-end run (pass or fail): bring podsmith's local cluster down, so a test run
 * never leaves processes, mounts or the network namespace behind.
 */
import { LocalCluster, localClusterUnsupportedReason } from '../../src/cluster/local';

export default async function teardown(): Promise<void> {
  if (process.env.PODSMITH_KUBECONFIG || localClusterUnsupportedReason() || process.env.PODSMITH_KEEP_CLUSTER === '1') return;
  const cluster = new LocalCluster({ log: (l) => process.stderr.write(`e2e teardown: ${l}\n`) });
  if (!cluster.status().present) return;
  const left = await cluster.down();
  if (left.length) throw new Error(`e2e teardown: the local cluster left ${left.join('; ')}`);
}
