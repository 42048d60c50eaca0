/**
 * Every file the local cluster reads or writes, in one place: state (pids, logs, pki,
 * kubeconfigs, generated configs, containerd's socket) and the binary and image cache.
 */
import * as path from 'node:path';
import { Component } from './components';
import { ClusterIdentity } from './identity';
import { which } from './sys';
import { ClusterVersions, readVersions } from './versions';

export class ClusterPaths {
  private versionsCache?: ClusterVersions;

  constructor(
    readonly stateDir: string,
    /** Binary and image cache (`$PODSMITH_CACHE` or ~/.cache/podsmith). */
    readonly cacheDir: string,
  ) {}

  static of(id: ClusterIdentity, cacheDir?: string): ClusterPaths {
    return new ClusterPaths(id.stateDir, cacheDir ?? process.env.PODSMITH_CACHE ?? path.join(process.env.HOME ?? '/root', '.cache', 'podsmith'));
  }

  get versions(): ClusterVersions {
    this.versionsCache ??= readVersions();
    return this.versionsCache;
  }

  /** The lock that serialises up() and down() between processes. */
  get lock(): string {
    return `${this.stateDir}.lock`;
  }
  get containerdSock(): string {
    return path.join(this.stateDir, 'containerd', 'containerd.sock');
  }
  pid(c: Component): string {
    return path.join(this.stateDir, 'pids', `${c}.pid`);
  }
  log(c: string): string {
    return path.join(this.stateDir, 'logs', `${c}.log`);
  }
  pki(name: string): string {
    return path.join(this.stateDir, 'pki', name);
  }
  kubeconfig(user: string): string {
    return path.join(this.stateDir, 'kubeconfigs', `${user}.kubeconfig`);
  }
  etc(name: string): string {
    return path.join(this.stateDir, 'etc', name);
  }
  bin(c: Component): string {
    const v = this.versions;
    if (c === 'etcd') return path.join(this.cacheDir, 'etcd', v.ETCD_VERSION, 'etcd');
    if (c === 'coredns') return path.join(this.cacheDir, 'coredns', v.COREDNS_VERSION, 'coredns');
    if (c === 'containerd') return which('containerd') ?? '/usr/bin/containerd';
    return path.join(this.cacheDir, 'kubernetes', v.KUBERNETES_VERSION, c);
  }
  get pauseImage(): string {
    return `localhost/podsmith/pause:${this.versions.PAUSE_VERSION}`;
  }
  /** The busybox image imported from Debian's busybox-static. */
  get busyboxImage(): string {
    return `docker.io/library/busybox:${this.versions.BUSYBOX_VERSION}`;
  }
  /** The image archives cluster/images/build-images.sh writes: [pause, busybox]. */
  imageTars(): [string, string] {
    const v = this.versions;
    return [path.join(this.cacheDir, 'images', `pause-${v.PAUSE_VERSION}.tar`), path.join(this.cacheDir, 'images', `busybox-${v.BUSYBOX_VERSION}.tar`)];
  }
}
