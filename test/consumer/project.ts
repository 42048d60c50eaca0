/**
 * A fresh consumer project, as a cdk8s user gets it: podsmith installed from the `npm pack`
 * tarball beside the cdk8s and constructs versions the user chose (and cdk8s-plus-27), the
 * examples/ apps compiled with TypeScript and synthesized with plain `node`.
 *
 * The npm cache lives under ${PODSMITH_CACHE:-~/.cache/podsmith}/npm, so a warm run installs
 * from disk; the projects live in a temp dir and are rebuilt each run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
const CACHE = process.env.PODSMITH_CACHE ?? path.join(os.homedir(), '.cache', 'podsmith');
export const NPM_CACHE = path.join(CACHE, 'npm');

/** A set of versions the consumer installs. */
export interface Pair {
  /** For test names and the project directory. */
  readonly label: string;
  readonly cdk8s: string;
  readonly constructs: string;
  /** cdk8s-plus-27's version, if the project uses it. */
  readonly plus?: string;
  /** Also install the cluster runner's optional client (for `podsmith verify`). */
  readonly client?: boolean;
}

/**
 * The floors of the peer ranges in package.json (the oldest versions podsmith supports), the
 * oldest pair cdk8s-plus-27 accepts, and the newest releases.
 */
export const PAIRS: Record<'oldest' | 'plusOldest' | 'newest', Pair> = {
  oldest: { label: 'cdk8s 2.0.0 / constructs 10.0.0', cdk8s: '2.0.0', constructs: '10.0.0' },
  plusOldest: { label: 'cdk8s 2.68.12 / constructs 10.3.0 + cdk8s-plus-27', cdk8s: '2.68.12', constructs: '10.3.0', plus: '2.9.5' },
  newest: { label: 'newest cdk8s / constructs + cdk8s-plus-27', cdk8s: 'latest', constructs: 'latest', plus: 'latest', client: true },
};

export interface Run { status: number | null; stdout: string; stderr: string }

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 10 * 60_000): Run {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

function npm(args: string[], cwd: string): Run {
  return run('npm', [...args, '--cache', NPM_CACHE, '--no-audit', '--no-fund', '--loglevel=error'], cwd, { npm_config_update_notifier: 'false' });
}

/** Packs the repository (lib/ must be compiled) into `dir`; returns the tarball's path and the file list. */
export function pack(dir: string): { tarball: string; files: string[]; size: number; unpackedSize: number } {
  const r = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], REPO);
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout);
  return { tarball: path.join(dir, info.filename), files: info.files.map((f: { path: string }) => f.path), size: info.size, unpackedSize: info.unpackedSize };
}

/** A consumer project at `dir` with podsmith from `tarball`; throws with npm's output when the install fails. */
export function createProject(dir: string, tarball: string, pair: Pair): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'podsmith-consumer', version: '1.0.0', private: true }, null, 2)}\n`);
  const deps = [tarball, `cdk8s@${pair.cdk8s}`, `constructs@${pair.constructs}`];
  if (pair.plus) deps.push(`cdk8s-plus-27@${pair.plus}`);
  if (pair.client) deps.push('@kubernetes/client-node@^1.4.0');
  const r = npm(['install', '--save-exact', ...deps], dir);
  if (r.status !== 0) throw new Error(`npm install in the consumer project failed:\n${r.stderr.slice(-3000)}`);
  fs.cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true, filter: (src) => !src.includes(`${path.sep}lib`) && !src.includes(`${path.sep}dist`) });
}

/** Compiles the named examples with the repository's TypeScript (the consumer's choice of compiler is theirs). */
export function compile(dir: string, examples: string[]): Run {
  const tsconfig = path.join(dir, 'examples', 'tsconfig.json');
  const config = JSON.parse(fs.readFileSync(tsconfig, 'utf8'));
  config.include = examples.map((e) => `${e}/main.ts`);
  fs.writeFileSync(tsconfig, JSON.stringify(config));
  return run(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], dir);
}

/** Runs a compiled example as `cdk8s synth` would (CDK8S_OUTDIR); returns the output directory. */
export function synth(dir: string, example: string): { out: string; run: Run } {
  const out = path.join(dir, 'dist', example);
  fs.rmSync(out, { recursive: true, force: true });
  return { out, run: run(process.execPath, [path.join('examples', 'lib', example, 'main.js')], dir, { CDK8S_OUTDIR: out }) };
}

/** The installed podsmith CLI of the consumer project. */
export function podsmith(dir: string, args: string[], timeout?: number): Run {
  return run(process.execPath, [path.join(dir, 'node_modules', 'podsmith', 'lib', 'cli.js'), ...args], dir, {}, timeout);
}

/** Whether npm can reach a registry (the consumer test needs one, or a warm cache). */
export function npmReachable(): boolean {
  try {
    execFileSync('npm', ['view', 'constructs@10.0.0', 'version', '--cache', NPM_CACHE, '--prefer-offline'], { stdio: 'pipe', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}
