/** Images without a registry: the archives cluster/images/build-images.sh wrote, imported into containerd. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClusterContext } from './context';
import { ClusterError } from './errors';
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

/**
 * Imports image archives into the containerd of the context's node (LocalCluster.load calls it for every node: the `kind load` of this cluster):
 * `docker save` / `podman save` archives (docker-archive), OCI archives, and OCI layout
 * directories (as `skopeo copy … oci:DIR` or `buildah push … oci:DIR` write them), which are
 * tarred first. Returns the image names imported.
 */
export async function loadArchives(ctx: ClusterContext, archives: string[]): Promise<string[]> {
  const names: string[] = [];
  for (const archive of archives) {
    let file = archive;
    let tmp: string | undefined;
    if (!fs.existsSync(archive)) throw new ClusterError(`cluster load: ${archive}: no such file or directory`);
    if (fs.statSync(archive).isDirectory()) {
      if (!fs.existsSync(path.join(archive, 'oci-layout'))) throw new ClusterError(`cluster load: ${archive}: a directory must be an OCI image layout (oci-layout, index.json, blobs/)`);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podsmith-load-'));
      file = path.join(tmp, 'image.tar');
      await run('tar', ['-C', archive, '-cf', file, '.']);
    }
    try {
      // --all-platforms: a multi-platform archive keeps what it has; the CRI picks the node's
      const r = await run('ctr', ['-a', ctx.paths.containerdSock, '-n', 'k8s.io', 'images', 'import', '--all-platforms', '--no-unpack', file], { allowFail: true, timeoutMs: 600_000 });
      if (r.code !== 0) throw new ClusterError(`cluster load: ${archive}: not an image archive containerd can import (${r.stderr.trim().split('\n').pop()})`);
      const have = new Set((await run('ctr', ['-a', ctx.paths.containerdSock, '-n', 'k8s.io', 'images', 'ls', '-q'])).stdout.split('\n'));
      const got = (await archiveImageNames(file)).filter((n) => have.has(n));
      if (got.length === 0) throw new ClusterError(`cluster load: ${archive}: imported, but it names no image (docker save NAME:TAG, or an OCI index with io.containerd.image.name)`);
      names.push(...got);
      ctx.log(`loaded ${archive} into node ${ctx.node.name}: ${got.join(', ') || '(no image names in the output)'}`);
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return names;
}

/** The image names an archive declares: docker-archive RepoTags, OCI index io.containerd.image.name. */
async function archiveImageNames(file: string): Promise<string[]> {
  const member = async (name: string) => {
    for (const m of [name, `./${name}`]) {
      const r = await run('tar', ['-xOf', file, m], { allowFail: true });
      if (r.code === 0) return r.stdout;
    }
    return undefined;
  };
  const out: string[] = [];
  try {
    const docker = await member('manifest.json');
    if (docker) for (const m of JSON.parse(docker)) out.push(...(m.RepoTags ?? []).map(dockerName));
    const index = await member('index.json');
    if (index) for (const m of JSON.parse(index).manifests ?? []) if (m.annotations?.['io.containerd.image.name']) out.push(m.annotations['io.containerd.image.name']);
  } catch {
    /* not JSON: containerd's import has judged the archive already */
  }
  return [...new Set(out)];
}

/** `docker save` tags (`busybox:1`, `me/app:2`) as containerd names them. */
function dockerName(tag: string): string {
  const first = tag.split('/')[0];
  const hasHost = tag.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost) return tag;
  return `docker.io/${tag.includes('/') ? '' : 'library/'}${tag}`;
}
