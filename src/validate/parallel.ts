/**
 * `validatePaths` over worker threads for large inputs. The files are cut into contiguous groups
 * of about equal size, one per worker; each worker reads and checks its group with its own
 * Validation, sends what its objects add to the bundle, receives the whole input's bundle, runs
 * the cross-object rules for its own objects (their lines are at hand there) and sends its report.
 * The reports are joined in input order, so findings, summary and exit code are those of one
 * thread reading everything. For the JSON report (`--format json`) each worker writes the text of
 * its own findings instead, moved to the main thread as UTF-8 pieces (json-report.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { assembleReport, BundlePart, Validation } from './engine';
import { expandPaths, InputProblem, loadFile } from './load';
import { findingsJsonBytes, reportJsonParts } from './json-report';
import { Finding, Report, ValidateOptions } from './types';

/** Inputs smaller than this are read on one thread: a worker's start-up (~0.3 s) would not pay. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** Each worker gets at least this much input. */
const BYTES_PER_WORKER = 4 * 1024 * 1024;

/** One thing to read, in input order: a file, or a path that could not be expanded. */
export type Unit = { file: string; bytes: number } | { problem: InputProblem };

/**
 * The input as units, and how many workers it is worth (1: read it on this thread). No units
 * when stdin is among the paths: it is read once, on this thread.
 */
export function plan(paths: string[], workers?: number): { units: Unit[]; workers: number } {
  const units: Unit[] = [];
  let bytes = 0;
  const env = Number(process.env.PODSMITH_WORKERS);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const max = workers ?? (Number.isInteger(env) && env > 0 ? env : cores);
  for (const arg of paths) {
    if (arg === '-') return { units: [], workers: 1 }; // stdin is read once, here
    // a path's problems come before its files, as on one thread (expandPaths reports them first)
    const files = expandPaths([arg], (problem) => units.push({ problem }));
    for (const file of files) {
      let size = 0;
      // sizes only split the input between workers
      if (max > 1) try { size = fs.statSync(file).size; } catch { /* the reader reports it */ }
      bytes += size;
      units.push({ file, bytes: size });
    }
  }
  const files = units.filter((u) => 'file' in u).length;
  const asked = workers !== undefined || env > 0;
  const worth = asked ? max : bytes < PARALLEL_MIN_BYTES ? 1 : Math.ceil(bytes / BYTES_PER_WORKER);
  return { units, workers: Math.max(1, Math.min(max, worth, files)) };
}

/** Contiguous groups of units, of about equal bytes. */
function groups(units: Unit[], n: number): Unit[][] {
  const total = units.reduce((s, u) => s + ('file' in u ? u.bytes : 0), 0);
  const out: Unit[][] = [[]];
  let acc = 0;
  for (const u of units) {
    if ('file' in u && out.length < n && acc >= (total * out.length) / n && out[out.length - 1].length > 0) out.push([]);
    out[out.length - 1].push(u);
    if ('file' in u) acc += u.bytes;
  }
  return out;
}

/** What a worker sends back: its findings, or (when the JSON report is wanted) their text in it, as UTF-8 pieces (moved, not copied). */
interface WorkerReport {
  findings?: Finding[];
  json?: Uint8Array[];
  objects?: Array<{ ref: Finding['object']; file?: string }>;
  summary: Report['summary'];
  unreadable: boolean;
}

/** The JSON report of a parallel run as parts to write in turn, and what the exit code needs. */
export interface JsonRun {
  parts: Array<string | Uint8Array>;
  summary: Report['summary'];
  unreadable: boolean;
}

function workerScript(): { file: string; execArgv: string[] } {
  const js = path.join(__dirname, 'parallel.js');
  if (fs.existsSync(js)) return { file: js, execArgv: [] };
  // from the TypeScript sources (tests): through ts-node
  return { file: path.join(__dirname, 'parallel.ts'), execArgv: ['-r', 'ts-node/register/transpile-only'] };
}

/** Validates the units on `n` worker threads; the report is the one a single thread would give. */
export async function validateParallel(units: Unit[], n: number, options: ValidateOptions): Promise<Report> {
  const reports = await runWorkers(units, n, options, false);
  return assembleReport(reports.flatMap((r) => r.findings!), reports.flatMap((r) => r.objects!), reports.some((r) => r.unreadable));
}

/** The same run with the JSON report (contract 2) written by the workers, each its own findings: the text of JSON.stringify(report, null, 2). */
export async function validateParallelJson(units: Unit[], n: number, options: ValidateOptions): Promise<JsonRun> {
  const reports = await runWorkers(units, n, options, true);
  const summary = { objects: 0, errors: 0, warnings: 0, infos: 0 };
  for (const r of reports) for (const k of Object.keys(summary) as Array<keyof typeof summary>) summary[k] += r.summary[k];
  return { parts: reportJsonParts(reports.map((r) => r.json!), summary), summary, unreadable: reports.some((r) => r.unreadable) };
}

async function runWorkers(units: Unit[], n: number, options: ValidateOptions, json: boolean): Promise<WorkerReport[]> {
  const parts = groups(units, n);
  const script = workerScript();
  const workers = parts.map((g) => new Worker(script.file, { execArgv: script.execArgv, workerData: { units: g, options, json } }));
  const bundles: BundlePart[] = new Array(workers.length);
  const reports: WorkerReport[] = new Array(workers.length);
  let bundlesLeft = workers.length;
  await Promise.all(workers.map((w, i) => new Promise<void>((resolve, reject) => {
    w.on('message', (m: { type: string; part?: BundlePart; report?: WorkerReport }) => {
      if (m.type === 'bundle') {
        bundles[i] = m.part!;
        if (--bundlesLeft === 0) for (const x of workers) x.postMessage({ type: 'bundle', parts: bundles });
      } else if (m.type === 'report') {
        reports[i] = m.report!;
        resolve();
      }
    });
    w.on('error', reject);
    w.on('exit', (code) => { if (!reports[i]) reject(new Error(`podsmith: a validation worker stopped (exit ${code})`)); });
  })));
  await Promise.all(workers.map((w) => w.terminate()));
  return reports;
}

/** Reads and checks units in order with one Validation (this thread's share of the input). */
export async function validateUnits(v: Validation, units: Unit[]): Promise<void> {
  for (const u of units) {
    if ('problem' in u) v.addProblem(u.problem);
    else await loadFile(u.file, (o) => v.add([o]), (p) => v.addProblem(p));
  }
}

/** The worker: its group of units, one Validation, the bundle exchange, its report. */
async function work(): Promise<void> {
  const { units, options, json } = workerData as { units: Unit[]; options: ValidateOptions; json: boolean };
  const v = new Validation(options);
  await validateUnits(v, units);
  parentPort!.postMessage({ type: 'bundle', part: v.bundlePart() });
  parentPort!.once('message', (m: { parts: BundlePart[] }) => {
    v.useBundle(m.parts);
    const r = v.finish();
    const unreadable = (r as { unreadable?: boolean }).unreadable === true;
    if (json) {
      // the text as bytes of its own, moved to the main thread, which writes them as they are
      const encoder = new TextEncoder();
      const bytes = findingsJsonBytes(r.findings, (s) => encoder.encode(s));
      parentPort!.postMessage({ type: 'report', report: { json: bytes, summary: r.summary, unreadable } satisfies WorkerReport }, bytes.map((b) => b.buffer as ArrayBuffer));
      return;
    }
    const report: WorkerReport = { findings: r.findings, objects: (r as unknown as { objects: WorkerReport['objects'] }).objects, summary: r.summary, unreadable };
    parentPort!.postMessage({ type: 'report', report });
  });
}

if (!isMainThread && (workerData as { units?: unknown } | undefined)?.units) void work();
