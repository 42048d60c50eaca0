/** Mount points: listing them, and the kubelet's shared bind mount. */
import * as path from 'node:path';
import { ClusterContext } from './context';
import { readIf, run } from './sys';

export function mountPoints(): string[] {
  const info = readIf('/proc/self/mountinfo') ?? '';
  return info
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/\\040/g, ' '));
}

/** Mount points at or below `dir`, deepest first. */
export function mountsUnder(dir: string): string[] {
  const points = mountPoints().filter((p) => p === dir || p.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/**
 * The kubelet runs in a mount namespace of its own (to shadow kernel sysctls); its root dir
 * is a shared bind mount so the volumes it mounts there propagate back to the host's mount
 * namespace, where containerd and runc see them.
 */
export async function ensureKubeletMount(ctx: ClusterContext): Promise<void> {
  const dir = path.join(ctx.paths.stateDir, 'kubelet');
  if (!mountsUnder(ctx.paths.stateDir).includes(dir)) {
    await run('mount', ['--bind', dir, dir]);
  }
  await run('mount', ['--make-shared', dir]);
}
