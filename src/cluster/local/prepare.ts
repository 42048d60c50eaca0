/** Makes sure the binaries, images and Debian packages are there, running cluster/prepare.sh when not. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMPONENTS } from './components';
import { ClusterContext } from './context';
import { ClusterError } from './errors';
import { which } from './sys';
import { clusterDir } from './versions';

/** What is missing to run the cluster here (empty when nothing is). */
export function missingArtifacts(ctx: ClusterContext): string[] {
  const { paths } = ctx;
  const missing = [...COMPONENTS.filter((c) => c !== 'containerd').map((c) => paths.bin(c)), ...paths.imageTars()].filter((f) => !fs.existsSync(f));
  if (!which('containerd') || !which('runc') || !fs.existsSync('/usr/lib/cni/bridge')) missing.push('Debian packages');
  return missing;
}

export async function ensureBuilt(ctx: ClusterContext): Promise<void> {
  const missing = missingArtifacts(ctx);
  if (missing.length === 0) return;
  ctx.log(`missing ${missing.map((m) => path.basename(m)).join(', ')}: running cluster/prepare.sh (a cold build takes a while)`);
  const script = path.join(clusterDir(), 'prepare.sh');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('bash', [script], { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, PODSMITH_CACHE: ctx.paths.cacheDir } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new ClusterError(`cluster/prepare.sh failed (exit ${code}); see the lines above`))));
  });
}
