/**
 * The verification report (DESIGN.md contract 3) and the shapes the runner passes around.
 * Everything here is plain data: the report is exactly what `--format json` prints.
 */

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One check of one object, tied to the handbook item(s) it proves. */
export interface CheckResult {
  /** `Kind/name` as written in the manifest (before any run-unique renaming). */
  object: string;
  /** Stable check id, e.g. `init-containers-completed-in-order`. */
  check: string;
  status: CheckStatus;
  /** What was observed (and, on failure, what was expected). One line. */
  detail: string;
  handbook: string[];
  durationMs: number;
}

export interface ClusterInfo {
  kind: 'local' | 'kind' | 'current';
  version: string;
}

/** Contract 3. Key order matters to nobody, but the set of keys is fixed. */
export interface VerifyReport {
  cluster: ClusterInfo;
  namespace: string;
  checks: CheckResult[];
  summary: { passed: number; failed: number; skipped: number };
  cleanedUp: boolean;
}

/** A manifest object as read from YAML (plain JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: any }; [k: string]: any };
