/**
 * Errors that reach a user. Each prints as one line that names where the problem is and how
 * to fix it; the CLI never shows a stack trace for them.
 */

/** A construct was given props that cannot produce a valid or handbook-conforming manifest. */
export class PodsmithError extends Error {
  /**
   * @param where the construct path (or object name) that received the bad prop
   * @param prop  the prop, in dotted form (`containers[0].resources.limits.cpu`)
   * @param problem what is wrong, stated as the rule
   * @param fix   how to fix it
   */
  constructor(
    public readonly where: string,
    public readonly prop: string,
    public readonly problem: string,
    public readonly fix: string,
  ) {
    super(`${where}: ${prop}: ${problem}; fix: ${fix}`);
    this.name = 'PodsmithError';
  }
}

/** Wrong command-line usage: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Input that could not be read or parsed, or a cluster that could not be reached: exit code 2. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The one-line message for a user-facing error, or undefined when `e` is a bug. */
export function userErrorMessage(e: unknown): string | undefined {
  if (e instanceof PodsmithError || e instanceof UsageError || e instanceof InputError) {
    return e.message;
  }
  if (e && typeof e === 'object' && (e as { userError?: boolean }).userError === true) {
    return (e as Error).message;
  }
  // Construct errors surfacing through a cdk8s app run in a child process carry this prefix.
  return undefined;
}
