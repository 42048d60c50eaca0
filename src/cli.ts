#!/usr/bin/env node
/**
 * The `podsmith` command (DESIGN.md, contract 1). Each sub-command lives in
 * `src/commands/<name>.ts` and exports `run(argv): Promise<number>` returning the exit code.
 * Results go to stdout, progress and logs to stderr.
 */
import { setFlagsFromString } from 'node:v8';
import { UsageError, userErrorMessage } from './errors';

// A podsmith run is short: V8's default tiering sends many functions to its optimizing compiler
// (on threads of its own, adding to the CPU time) that then run for a few milliseconds. A budget
// ~4.5x V8's before a function is optimized keeps the compiler for what runs long: validating
// 10,000 real-world objects takes ~20% less CPU, 51,000 ~5%, at the same wall-clock
// (docs/benchmarks.md). `node --interrupt-budget=N lib/cli.js` keeps N.
if (!process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) setFlagsFromString('--interrupt-budget=600000');

type Runner = (argv: string[]) => Promise<number>;

// Loaded lazily so that `podsmith rules` does not pay for the cluster code and vice versa.
const COMMANDS: Record<string, { summary: string; load: () => Runner }> = {
  synth: { summary: 'run the cdk8s app, validate its output, write it atomically', load: () => require('./commands/synth').run },
  validate: { summary: 'validate manifests: schema, API-server rules, best practices', load: () => require('./commands/validate').run },
  rules: { summary: 'list the validation rules', load: () => require('./commands/rules').run },
  explain: { summary: 'explain one validation rule', load: () => require('./commands/explain').run },
  cluster: { summary: 'the local single-node cluster: up, down, status, kubeconfig', load: () => require('./commands/cluster').run },
  verify: { summary: 'apply manifests to a cluster, check their runtime behaviour, clean up', load: () => require('./commands/verify').run },
};

const HELP = `podsmith — the Kubernetes Pod handbook as code

Usage: podsmith <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run 'podsmith <command> --help' for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${require('../package.json').version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`podsmith: unknown command '${name}'; run 'podsmith --help' for the list\n`);
    return 2;
  }
  try {
    return await command.load()(rest);
  } catch (e) {
    // User errors are one line; anything else is a bug and keeps its stack for the report.
    const message = userErrorMessage(e);
    if (message !== undefined) {
      process.stderr.write(`podsmith ${name}: ${message}\n`);
      return e instanceof UsageError ? 2 : (e as { exitCode?: number }).exitCode ?? 2;
    }
    process.stderr.write(`podsmith ${name}: internal error (please report): ${(e as Error)?.stack ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  // `podsmith validate … | head`: a reader that stops early is not an error; the command runs
  // to its end (verify still cleans up) and exits with its own code
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { process.stderr.write(`podsmith: ${e}\n`); process.exitCode = 2; },
  );
}
