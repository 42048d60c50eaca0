/** A user-facing error of the local cluster: the CLI prints its message as one line. */
export class ClusterError extends Error {
  readonly userError = true;
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'ClusterError';
  }
}
