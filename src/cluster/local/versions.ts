/** The pinned versions (cluster/versions.env, the single place they are set) and where cluster/ is. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterError } from './errors';

/** Versions pinned in cluster/versions.env. */
export interface ClusterVersions {
  KUBERNETES_VERSION: string;
  ETCD_VERSION: string;
  COREDNS_VERSION: string;
  BUSYBOX_VERSION: string;
  PAUSE_VERSION: string;
}

/** The repository's cluster/ directory (works from src/ under ts-jest and from lib/ when built). */
export function clusterDir(): string {
  for (const rel of ['../../../cluster', '../../../../cluster']) {
    const dir = path.resolve(__dirname, rel);
    if (fs.existsSync(path.join(dir, 'versions.env'))) return dir;
  }
  throw new ClusterError(`cluster/versions.env not found near ${__dirname}`);
}

/** Parses cluster/versions.env (KEY=VALUE lines, # comments). */
export function readVersions(file = path.join(clusterDir(), 'versions.env')): ClusterVersions {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(\S*)\s*$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  for (const k of ['KUBERNETES_VERSION', 'ETCD_VERSION', 'COREDNS_VERSION', 'BUSYBOX_VERSION', 'PAUSE_VERSION']) {
    if (!out[k]) throw new ClusterError(`${file}: ${k} is not set`);
  }
  return out as unknown as ClusterVersions;
}
