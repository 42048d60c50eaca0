/**
 * The Kubernetes releases podsmith has schemas for: the one place that lists them (the PSA
 * tests, the cdk8s plugin and `--k8s-version` all read it). Written by scripts/gen-schemas.ts
 * into schemas/index.json: every minor from 1.27 to the newest the Go module proxy serves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** schemas/ in a checkout and in the installed package (lib/validate/schema → ../../../schemas). */
export const SCHEMA_DIR = path.join(__dirname, '..', '..', '..', 'schemas');

interface SchemaIndex {
  /** minor (`1.34`) → the patch release its schemas come from (`v1.34.4`). */
  releases: Record<string, string>;
  /** Every API group a release from 1.27 on defines (custom resources are in none of them). */
  groups: string[];
}

function readIndex(): SchemaIndex {
  try {
    return JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'index.json'), 'utf8'));
  } catch {
    return { releases: {}, groups: [] };
  }
}

const INDEX = readIndex();

/** minor → patch release, e.g. `{ '1.27': 'v1.27.16', …, '1.37': 'v1.37.2' }`. */
export const K8S_RELEASES: Readonly<Record<string, string>> = Object.freeze({ ...INDEX.releases });

/** The supported minors, oldest first: `['1.27', '1.28', …]`. */
export const SUPPORTED_K8S_VERSIONS: readonly string[] = Object.freeze(
  Object.keys(INDEX.releases).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])),
);

/** The default of `--k8s-version`: the newest supported minor. */
export const DEFAULT_K8S_VERSION: string | undefined = SUPPORTED_K8S_VERSIONS[SUPPORTED_K8S_VERSIONS.length - 1];

/** API groups that are built into Kubernetes (any release podsmith knows, plus retired ones). */
export const BUILTIN_GROUPS: ReadonlySet<string> = new Set(['', 'extensions', ...INDEX.groups]);

/** `1.34`, `v1.34`, `1.34.2` → `1.34`; undefined when not a supported minor. */
export function supportedMinor(v: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(v.trim());
  const minor = m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
  return minor && SUPPORTED_K8S_VERSIONS.includes(minor) ? minor : undefined;
}
