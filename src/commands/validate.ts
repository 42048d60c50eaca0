/** `podsmith validate PATH… [--format text|json|sarif|junit] [--k8s-version X.Y] [--strict] [--profile baseline|restricted] [--crds PATH] [--strict-kinds]` */
import { UsageError } from '../errors';
import { exitCodeOf, formatReport, REPORT_FORMATS, validatePaths, validatePathsJson } from '../validate';
import { parseCommandArgs, pickFormat } from './args';
import { loadCrds } from '../validate/crd/load';

const HELP = `Usage: podsmith validate PATH... [options]

Validates Kubernetes manifests: files, directories (recursively *.yaml, *.yml, *.json) or - for
stdin. Three layers: the API's schema (unknown fields are errors), the API server's semantic
rules, and the Pod handbook's best practices (podsmith rules lists them).

Options:
  --format text|json|sarif|junit   output format (default text)
  --k8s-version X.Y[.Z]            Kubernetes release to validate against, 1.27 to the newest bundled
                                   (default: the newest)
  --profile baseline|restricted    also enforce a Pod Security Standards profile
  --strict                         warnings fail too (exit 1)
  --crds PATH                      CustomResourceDefinitions (files or directories; repeat or
                                   separate with commas) whose kinds are then checked
  --strict-kinds                   a kind with no built-in schema and no CRD is an error
  --exact                          judge with a real API server instead: a throwaway etcd and
                                   kube-apiserver of --k8s-version (default: the newest built one)
                                   from podsmith's build cache, no root; every object a dry-run
  --kubeconfig PATH                with --exact: use this cluster's API server (current context)

Exit: 0 no error finding, 1 error finding (or a warning with --strict), 2 bad input or arguments
(a file that cannot be read or parsed is an error finding; every other file is still reported).
YAML is read as kubectl reads it (YAML 1.1: yes/no/on/off booleans, 0644 octals, merge keys).
Inputs over 8 MB are read on several threads, one per core; PODSMITH_WORKERS=N sets how many (1: one).
Suppress a best-practice rule on one object with the annotation podsmith.dev/ignore: "RULE[,RULE...]".
`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', argv, {
    'format': { type: 'string' },
    'k8s-version': { type: 'string' },
    'profile': { type: 'string' },
    'strict': { type: 'boolean' },
    'crds': { type: 'string', multiple: true },
    'strict-kinds': { type: 'boolean' },
    'exact': { type: 'boolean' },
    'kubeconfig': { type: 'string' },
    'help': { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = pickFormat(values.format as string | undefined, REPORT_FORMATS, 'text');
  const profile = values.profile as string | undefined;
  if (profile !== undefined && profile !== 'baseline' && profile !== 'restricted') {
    throw new UsageError(`--profile must be one of baseline, restricted, got '${profile}'`);
  }
  if (positionals.length === 0) throw new UsageError("give at least one file, directory or - for stdin (see 'podsmith validate --help')");
  const crdPaths = ((values.crds as string[] | undefined) ?? []).flatMap((p) => p.split(',')).filter(Boolean);
  const options = {
    k8sVersion: values['k8s-version'] as string | undefined, profile: profile as 'baseline' | 'restricted' | undefined, strict: values.strict === true,
    crds: crdPaths.length ? await loadCrds(crdPaths) : undefined, strictKinds: values['strict-kinds'] === true,
  };
  if (values.kubeconfig !== undefined && values.exact !== true) throw new UsageError('--kubeconfig goes with --exact (the API server that judges the objects)');
  if (format === 'json' && values.exact !== true) {
    // large inputs: the worker threads write the report's text, each its own findings
    const { parts, report } = await validatePathsJson(positionals, options);
    for (const p of parts) process.stdout.write(p);
    return exitCodeOf(report, options.strict);
  }
  const report = values.exact === true
    // loaded only here: the server code stays out of the fast path's start-up
    ? await (await import('../validate/exact/run')).runExact(positionals, options.k8sVersion, values.kubeconfig as string | undefined)
    : await validatePaths(positionals, options);
  process.stdout.write(formatReport(report, format, { strict: options.strict }));
  return exitCodeOf(report, options.strict);
}
