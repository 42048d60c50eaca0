/**
 * `podsmith verify PATH… [--cluster local|kind|current] [--context NAME] [--kubeconfig F]
 *  [--timeout 5m] [--keep] [--format text|json|junit] [--scenarios handbook]`
 * (DESIGN.md contract 1; the report is contract 3). Report on stdout, progress on stderr.
 * Exit 0 all checks passed, 1 a check failed, 2 could not run.
 */
import { UsageError } from '../errors';
import { pickFormat, parseCommandArgs } from './args';

const HELP = `Usage: podsmith verify PATH… [options]
       podsmith verify --scenarios handbook [options]

Applies the manifests into a fresh namespace (podsmith-verify-<id>), waits until they are
ready, checks their runtime behaviour against the Pod handbook, reports and deletes
everything it created.

Options:
  --cluster local|kind|current  where to run (default: current when a kubeconfig exists, else local)
  --context NAME                kubeconfig context (current) or kind cluster name (kind)
  --kubeconfig FILE             kubeconfig file (default: KUBECONFIG, then ~/.kube/config)
  --timeout DURATION            budget for waiting and checking, e.g. 90s, 5m (default 5m)
  --check-timeout DURATION      each check's own timeout (default 30s)
  --keep                        keep the namespace for debugging; prints how to delete it
  --format text|json|junit      report format on stdout (default text)
  --scenarios handbook          run the built-in handbook scenarios (restartPolicy table H8,
                                liveness H17) instead of manifests

Exit: 0 every check passed, 1 a check failed, 2 could not run (no cluster, bad input).
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', argv, {
    'help': { type: 'boolean', short: 'h' },
    'cluster': { type: 'string' },
    'context': { type: 'string' },
    'kubeconfig': { type: 'string' },
    'timeout': { type: 'string' },
    'check-timeout': { type: 'string' },
    'keep': { type: 'boolean' },
    'format': { type: 'string' },
    'scenarios': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  // Only the light modules before the arguments are known to be good.
  const { parseDuration } = require('../verify/plan') as typeof import('../verify/plan');
  const { VERIFY_FORMATS, formatReport } = require('../verify/report') as typeof import('../verify/report');
  const { pickClusterKind } = require('../verify/clusters') as typeof import('../verify/clusters');
  const format = pickFormat(values.format as string | undefined, VERIFY_FORMATS, 'text');
  const scenarios = values.scenarios as string | undefined;
  if (scenarios !== undefined && scenarios !== 'handbook') throw new UsageError(`--scenarios must be 'handbook', got '${scenarios}'`);
  if (scenarios === undefined && positionals.length === 0) throw new UsageError("give manifest files or directories, or --scenarios handbook (see 'podsmith verify --help')");
  if (scenarios !== undefined && positionals.length > 0) throw new UsageError('--scenarios runs built-in Pods: give no paths with it');
  const timeoutMs = parseDuration((values.timeout as string | undefined) ?? '5m');
  const checkTimeoutMs = parseDuration((values['check-timeout'] as string | undefined) ?? '30s');
  const cluster = pickClusterKind(values.cluster as string | undefined, values.kubeconfig as string | undefined);

  let objects: Array<{ object: unknown; file?: string }> | undefined;
  if (!scenarios) {
    const { loadPaths } = require('../validate/load') as typeof import('../validate/load');
    objects = await loadPaths(positionals);
  }
  const { VerifyRun } = require('../verify/runner') as typeof import('../verify/runner');
  const outcome = await new VerifyRun({
    cluster,
    context: values.context as string | undefined,
    kubeconfig: values.kubeconfig as string | undefined,
    timeoutMs,
    checkTimeoutMs,
    keep: values.keep === true,
    scenarios: scenarios as 'handbook' | undefined,
  }).run(objects);
  let out = formatReport(outcome.report, format);
  if (format === 'text' && outcome.scenarioGrid) {
    const { formatScenarioGrid } = require('../verify/report') as typeof import('../verify/report');
    out += `\n${formatScenarioGrid(outcome.scenarioGrid)}`;
  }
  // flushed before the exit timer can fire, even into a slow pipe
  await new Promise<void>((resolve) => process.stdout.write(out, () => resolve()));
  exitSoon(outcome.exitCode);
  return outcome.exitCode;
}

/**
 * A watch or exec socket the client library keeps open must not hold the process after the
 * report: exit shortly after returning, with the run's code.
 */
function exitSoon(code: number): void {
  setTimeout(() => process.exit(code), 1500).unref();
}
