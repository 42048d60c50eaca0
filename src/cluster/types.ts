/**
 * The provider interface: what `podsmith verify` (and the e2e tests) need from a cluster.
 * Types only, so that every provider and the factory in provider.ts import them without
 * importing each other.
 */

/** The kubeconfig (and context, when not the file's current one) of a running cluster. */
export interface ClusterAccess {
  /** Absolute path of a kubeconfig file (mode 0600 for the local cluster). */
  readonly kubeconfig: string;
  /** Context to use; undefined means the file's current-context. */
  readonly context?: string;
}

export type ClusterKind = 'local' | 'kind' | 'current';

export interface ClusterProvider {
  readonly kind: ClusterKind;
  /**
   * Makes sure the cluster is up and ready (for `local`: API healthy, node Ready, CoreDNS
   * answering, a Pod can run), starting it when needed. Idempotent; progress goes to stderr.
   */
  ensureUp(): Promise<ClusterAccess>;
  /** Whether this provider can work here at all; when not, a one-line reason. */
  available(): { ok: true } | { ok: false; reason: string };
}
