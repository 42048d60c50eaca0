/** Images without a registry: the archives cluster/images/build-images.sh wrote, imported into containerd. */
import { ClusterContext } from './context';
import { run } from './sys';

/** Imports the pause and busybox images into containerd's k8s.io namespace unless they are there. */
export async function importImages(ctx: ClusterContext): Promise<void> {
  const { paths } = ctx;
  const sock = paths.containerdSock;
  const have = (await run('ctr', ['-a', sock, '-n', 'k8s.io', 'images', 'ls', '-q'])).stdout.split('\n');
  const [pauseTar, busyboxTar] = paths.imageTars();
  const wanted: Array<[string, string]> = [
    [paths.pauseImage, pauseTar],
    [paths.busyboxImage, busyboxTar],
  ];
  for (const [ref, tar] of wanted) {
    if (have.includes(ref)) continue;
    await run('ctr', ['-a', sock, '-n', 'k8s.io', 'images', 'import', '--no-unpack', tar]);
  }
  ctx.log('images imported');
}
