import { parseArgs, ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a sub-command's argv strictly: an unknown option or a missing value is a
 * UsageError (exit 2) that names the option, never a stack trace.
 */
export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export function parseCommandArgs(command: string, argv: string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${msg} (see 'podsmith ${command} --help')`);
  }
}

/** Reads `--format` and checks it against the allowed values. */
export function pickFormat<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')}, got '${value}'`);
  }
  return value as F;
}
