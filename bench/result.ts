/**
 * The one shape every benchmark writes (bench/out/<name>.json), so `npm run bench` can put
 * them side by side in docs/benchmarks.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface BenchRow {
  /** What was measured, e.g. 'ms per Pod at N=10,000'. */
  metric: string;
  podsmith: number;
  /** The anchor's figure in the same run (undefined when the anchor is a published number). */
  anchor?: number;
  unit: string;
  /** podsmith / anchor. */
  ratio?: number;
  /** The target, in words, e.g. '≤ 1.3× anchor'. */
  target?: string;
  /** Whether the target holds. */
  met?: boolean;
}

export interface BenchResult {
  benchmark: string;
  /** The anchor compared against: a tool run in the same process, or a published figure. */
  anchor: string;
  date: string;
  cores: number;
  node: string;
  /** Measured runs per figure (median reported), after a warm-up. */
  runs: number;
  rows: BenchRow[];
  notes?: string[];
}

export const OUT_DIR = path.resolve(__dirname, 'out');

export function writeResult(r: Omit<BenchResult, 'date' | 'cores' | 'node'>): BenchResult {
  const full: BenchResult = { ...r, date: new Date().toISOString(), cores: os.cpus().length, node: process.version };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, `${r.benchmark}.json`), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
