/**
 * Cluster providers: where `podsmith verify` (and the e2e tests) get a cluster from.
 *
 * - `local`   podsmith's own cluster (src/cluster/local/; Linux, root).
 * - `kind`    a kind cluster the user created (kubeconfig context `kind-<name>`).
 * - `current` the user's current kubeconfig context.
 *
 * A provider only answers "give me a kubeconfig for a working cluster"; everything else
 * (apply, wait, check) is the verify runner's job and talks to the API server itself.
 */

import { ClusterKind, ClusterProvider } from './types';

export type { ClusterAccess, ClusterKind, ClusterProvider } from './types';

/**
 * The provider for `--cluster KIND`. `context` selects a kubeconfig context for `current`
 * (default: the current one) and the cluster name for `kind` (default `kind`).
 */
export function clusterProvider(kind: ClusterKind, opts: { context?: string; kubeconfig?: string } = {}): ClusterProvider {
  switch (kind) {
    case 'local': {
      // Loaded lazily: only the local provider needs the process/namespace machinery.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { LocalCluster } = require('./local') as typeof import('./local');
      return new LocalCluster();
    }
    case 'kind':
      return kubeconfigProvider('kind', opts.kubeconfig, `kind-${opts.context ?? 'kind'}`);
    case 'current':
      return kubeconfigProvider('current', opts.kubeconfig, opts.context);
    default:
      throw new Error(`unknown cluster kind '${kind as string}'; use local, kind or current`);
  }
}

function defaultKubeconfig(): string {
  const fromEnv = process.env.KUBECONFIG?.split(':').find((p) => p.length > 0);
  return fromEnv ?? `${process.env.HOME ?? ''}/.kube/config`;
}

function kubeconfigProvider(kind: 'kind' | 'current', kubeconfig: string | undefined, context: string | undefined): ClusterProvider {
  const file = kubeconfig ?? defaultKubeconfig();
  return {
    kind,
    available() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fs = require('node:fs') as typeof import('node:fs');
      return fs.existsSync(file) ? { ok: true } : { ok: false, reason: `no kubeconfig at ${file}` };
    },
    async ensureUp() {
      const a = this.available();
      if (!a.ok) throw Object.assign(new Error(`${kind} cluster: ${a.reason}`), { userError: true });
      return { kubeconfig: file, context };
    },
  };
}
