/**
 * Which cluster a run uses (`--cluster local|kind|current`) and how to get a kubeconfig for it.
 * Default: `current` when a kubeconfig exists (KUBECONFIG, or ~/.kube/config), else `local`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clusterProvider, ClusterAccess, ClusterKind } from '../cluster/provider';
import { InputError, UsageError } from '../errors';

export const CLUSTER_KINDS: readonly ClusterKind[] = ['local', 'kind', 'current'];

/** The kubeconfig files kubectl would read (KUBECONFIG's list, else ~/.kube/config). */
export function defaultKubeconfigs(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = (env.KUBECONFIG ?? '').split(path.delimiter).filter((p) => p.length > 0);
  return list.length ? list : [path.join(env.HOME ?? os.homedir(), '.kube', 'config')];
}

export function pickClusterKind(flag: string | undefined, kubeconfigFlag: string | undefined, env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync): ClusterKind {
  if (flag !== undefined) {
    if (!(CLUSTER_KINDS as readonly string[]).includes(flag)) throw new UsageError(`--cluster must be one of ${CLUSTER_KINDS.join(', ')}, got '${flag}'`);
    return flag as ClusterKind;
  }
  if (kubeconfigFlag !== undefined) return 'current';
  return defaultKubeconfigs(env).some((p) => exists(p)) ? 'current' : 'local';
}

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch { /* next */ }
  }
  return undefined;
}

/** A kind cluster through the kind CLI: reuse `name` if it exists, else create it. */
async function kindAccess(name: string, log: (l: string) => void): Promise<ClusterAccess> {
  const kind = which('kind');
  if (!kind) throw new InputError("--cluster kind: the 'kind' CLI is not on PATH (install kind and Docker or Podman, or use --cluster local)");
  const engine = ['docker', 'podman', 'nerdctl'].find((e) => which(e));
  if (!engine) throw new InputError('--cluster kind: no container engine found (docker, podman or nerdctl on PATH)');
  const run = (args: string[], timeout = 20_000) => execFileSync(kind, args, { encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'], env: engine === 'podman' ? { ...process.env, KIND_EXPERIMENTAL_PROVIDER: 'podman' } : process.env });
  let clusters: string[];
  try {
    clusters = run(['get', 'clusters']).split('\n').map((s) => s.trim()).filter(Boolean);
  } catch (e) {
    throw new InputError(`--cluster kind: 'kind get clusters' failed: ${String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').pop()}`);
  }
  if (!clusters.includes(name)) {
    log(`creating kind cluster ${name} (kind create cluster --name ${name})`);
    try {
      run(['create', 'cluster', '--name', name, '--wait', '180s'], 600_000);
    } catch (e) {
      throw new InputError(`--cluster kind: 'kind create cluster --name ${name}' failed: ${String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').pop()}`);
    }
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-kind-')), 'kubeconfig');
  fs.writeFileSync(file, run(['get', 'kubeconfig', '--name', name]), { mode: 0o600 });
  return { kubeconfig: file, context: `kind-${name}` };
}

/**
 * A kubeconfig (and context) for the chosen cluster. `local` is brought up when it is not
 * running (progress on stderr); `current` uses --kubeconfig or kubectl's default files.
 */
export async function clusterAccess(kind: ClusterKind, opts: { context?: string; kubeconfig?: string; log: (l: string) => void }): Promise<ClusterAccess & { merged?: boolean }> {
  switch (kind) {
    case 'local': {
      const p = clusterProvider('local');
      const a = p.available();
      if (!a.ok) throw new InputError(`--cluster local: ${a.reason}`);
      try {
        return await p.ensureUp();
      } catch (e) {
        throw new InputError(`--cluster local: could not bring the local cluster up: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    case 'kind':
      return kindAccess(opts.context?.replace(/^kind-/, '') ?? 'kind', opts.log);
    case 'current': {
      if (opts.kubeconfig) {
        if (!fs.existsSync(opts.kubeconfig)) throw new InputError(`--kubeconfig ${opts.kubeconfig}: no such file`);
        return { kubeconfig: opts.kubeconfig, context: opts.context };
      }
      const files = defaultKubeconfigs().filter((f) => fs.existsSync(f));
      if (files.length === 0) throw new InputError(`no kubeconfig (looked at ${defaultKubeconfigs().join(', ')}); pass --kubeconfig FILE or --cluster local`);
      // kubectl merges the KUBECONFIG list; the client does the same when given no file
      return { kubeconfig: '', context: opts.context, merged: true };
    }
    default:
      throw new UsageError(`unknown cluster kind '${kind as string}'`);
  }
}
