/**
 * `validatePaths` over worker threads for large inputs. The files are cut into numbered parts of
 * a few files each, handed out to the workers as they ask for more (so they finish together,
 * whatever the files cost). The main thread is one of the workers (it would wait otherwise, and a
 * thread of its own costs a start-up and its own compiling of the hot code): n workers are the
 * main thread and n - 1 worker threads. Each worker reads and checks its parts with one Validation and sends
 * what each part adds to the bundle. Once every part is read, every worker receives the whole
 * input's bundle in input order, runs the cross-object rules for its own objects (their lines are
 * at hand there) and sends its findings part by part. The parts are put back in input order, so
 * findings, summary and exit code are those of one thread reading everything. For the JSON
 * report (`--format json`) each worker writes the text of its own findings instead, moved to the
 * main thread as UTF-8 pieces (json-report.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { CrdKind } from './crd';
import { assembleReport, BundlePart, Validation } from './engine';
import { eachPath, InputProblem, loadFile } from './load';
import { findingsJsonBytes, reportJsonParts } from './json-report';
import { Finding, Report, ValidateOptions } from './types';

/** Inputs smaller than this are read on one thread: a worker's start-up (~0.3 s) would not pay. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/** Each worker gets at least this much input. */
const BYTES_PER_WORKER = 4 * 1024 * 1024;

/** One thing to read, in input order: a file, or a path that could not be expanded. */
export type Unit = { file: string } | { problem: InputProblem };

/**
 * The input as units, and how many workers it is worth (1: read it on this thread). No units
 * when stdin is among the paths: it is read once, on this thread. `sure` is told the number of
 * workers as soon as it is known to be the most there can be, before the rest of the input is
 * listed (so that the workers start meanwhile); the plan then has that many, unless stdin follows.
 */
export function plan(paths: string[], workers?: number, sure?: (workers: number) => void): { units: Unit[]; workers: number } {
  const units: Unit[] = [];
  let bytes = 0;
  const env = Number(process.env.PODSMITH_WORKERS);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const max = workers ?? (Number.isInteger(env) && env > 0 ? env : cores);
  const asked = workers !== undefined || env > 0;
  // sizes only decide how many workers are worth starting: files are looked at until that is clear
  const enough = asked ? 0 : max * BYTES_PER_WORKER;
  let files = 0;
  for (const arg of paths) {
    if (arg === '-') return { units: [], workers: 1 }; // stdin is read once, here
    // a path's problems come before its files, as on one thread (expandPaths reports them first);
    // its files are listed as they are found, so that the workers can start before the listing ends
    const first = units.length;
    let problems = 0;
    for (const file of eachPath([arg], (problem) => units.splice(first + problems++, 0, { problem }))) {
      if (max > 1 && bytes < enough) try { bytes += fs.statSync(file).size; } catch { /* the reader reports it */ }
      units.push({ file });
      files++;
      if (sure && max > 1 && files >= max && bytes >= enough) {
        sure(max);
        sure = undefined;
      }
    }
  }
  const worth = asked ? max : bytes < PARALLEL_MIN_BYTES ? 1 : Math.ceil(bytes / BYTES_PER_WORKER);
  return { units, workers: Math.max(1, Math.min(max, worth, files)) };
}

/** What a worker sends back for one part of the input: its findings, or (when the JSON report is wanted) their text in it, as UTF-8 pieces (moved, not copied). */
interface PartReport {
  part: number;
  findings?: Finding[];
  json?: Uint8Array[];
  objects?: Array<{ ref: Finding['object']; file?: string }>;
}

/** What a worker sends back at the end: each of its parts, and its summary. */
interface WorkerReport {
  parts: PartReport[];
  summary: Report['summary'];
  unreadable: boolean;
}

/** The JSON report of a parallel run as parts to write in turn, and what the exit code needs. */
export interface JsonRun {
  parts: Array<string | Uint8Array>;
  summary: Report['summary'];
  unreadable: boolean;
}

/**
 * Main thread to worker: a part of the input to read; the keys of the CRD versions whose last
 * definition in the input it read (to send them); the whole bundle.
 */
type ToWorker = { type: 'part'; part: number; units: Unit[] } | { type: 'crds'; keys: string[] } | { type: 'bundle'; parts: BundlePart[] };
/**
 * Worker to main thread: a part read, with what it adds to the bundle (its CRDs by key only: a
 * CRD's schema crosses threads once, from the worker that read its last definition); the CRD
 * versions asked for; the report.
 */
type FromWorker = { type: 'read'; part: number; bundle: BundlePart; crdKeys: string[] } | { type: 'crds'; kinds: CrdKind[] } | { type: 'report'; report: WorkerReport };

function workerScript(): { file: string; execArgv: string[] } {
  const js = path.join(__dirname, 'parallel.js');
  if (fs.existsSync(js)) return { file: js, execArgv: [] };
  // from the TypeScript sources (tests): through ts-node
  return { file: path.join(__dirname, 'parallel.ts'), execArgv: ['-r', 'ts-node/register/transpile-only'] };
}

/** How a parallel run goes beyond its defaults: units per part (tests), and worker threads already started with startWorkers (same options). */
export interface ParallelRun {
  perPart?: number;
  started?: Worker[];
}

/**
 * The worker threads of a run of `n` workers (n - 1: the main thread is the n-th), started before
 * their input is known (they load the validator meanwhile); give them to validateParallel or
 * validateParallelJson with the same options.
 */
export function startWorkers(n: number, options: ValidateOptions, json: boolean): Worker[] {
  const script = workerScript();
  return Array.from({ length: Math.max(0, n - 1) }, () => new Worker(script.file, { execArgv: script.execArgv, workerData: { options, json } }));
}

/** A worker as the main thread sees it: a worker thread, or the main thread's own share of the input. */
interface Peer {
  send(m: ToWorker): void;
  /** `message` is called with each message from the worker, `failed` if it stops before its report. */
  listen(message: (m: FromWorker) => void, failed: (e: Error) => void): void;
  /** How many parts it is given ahead: a worker thread gets its next part while the main thread is busy with one of its own. */
  readonly ahead: number;
  stop(): Promise<unknown>;
}

function threadPeer(w: Worker): Peer {
  let done = false;
  return {
    ahead: 2,
    send: (m) => w.postMessage(m),
    listen: (message, failed) => {
      w.on('message', (m: FromWorker) => {
        if (m.type === 'report') done = true;
        message(m);
      });
      w.on('error', failed);
      w.on('exit', (code) => { if (!done) failed(new Error(`podsmith: a validation worker stopped (exit ${code})`)); });
    },
    stop: () => w.terminate(),
  };
}

/**
 * The main thread's share: the worker's own code, on this thread. Messages go both ways as
 * macrotasks (setImmediate), as between threads, so that the worker threads' messages are
 * answered between two of its parts; they are not copied (this thread keeps what it reads).
 */
function mainThreadPeer(options: ValidateOptions, json: boolean): Peer {
  let toMain: (m: FromWorker) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  let handler: (m: ToWorker) => void = () => undefined;
  serve({
    onMessage: (h) => { handler = h; },
    post: (m) => { setImmediate(() => toMain(m)); },
    fail: (e) => { setImmediate(() => fail(e)); },
  }, options, json);
  return {
    ahead: 1,
    send: (m) => {
      setImmediate(() => {
        try { handler(m); } catch (e) { fail(e as Error); }
      });
    },
    listen: (message, failed) => { toMain = message; fail = failed; },
    stop: async () => undefined,
  };
}

/** Validates the units on `n` workers (this thread and n - 1 worker threads, or those started); the report is the one a single thread would give. */
export async function validateParallel(units: Unit[], n: number, options: ValidateOptions, run: ParallelRun = {}): Promise<Report> {
  const { parts, reports } = await runWorkers(units, n, options, false, run);
  return assembleReport(parts.flatMap((p) => p.findings ?? []), parts.flatMap((p) => p.objects ?? []), reports.some((r) => r.unreadable), sum(reports));
}

/** The same run with the JSON report (contract 2) written by the workers, each its own findings: the text of JSON.stringify(report, null, 2). */
export async function validateParallelJson(units: Unit[], n: number, options: ValidateOptions, run: ParallelRun = {}): Promise<JsonRun> {
  const { parts, reports } = await runWorkers(units, n, options, true, run);
  const summary = sum(reports);
  return { parts: reportJsonParts(parts.map((p) => p.json ?? []), summary), summary, unreadable: reports.some((r) => r.unreadable) };
}

function sum(reports: WorkerReport[]): Report['summary'] {
  const summary = { objects: 0, errors: 0, warnings: 0, infos: 0 };
  for (const r of reports) for (const k of Object.keys(summary) as Array<keyof typeof summary>) summary[k] += r.summary[k];
  return summary;
}

/**
 * How many units a part has: small enough that the workers finish together (a worker that is
 * done asks for the next part), large enough that asking costs nothing (at most 64 files).
 */
function unitsPerPart(units: number, workers: number): number {
  return Math.max(1, Math.min(64, Math.ceil(units / (workers * 32))));
}

/**
 * The input in numbered parts, handed out to the workers as they ask; then every part's bundle,
 * in input order, to every worker; then each worker's report, its parts' findings put back in
 * input order.
 */
async function runWorkers(units: Unit[], n: number, options: ValidateOptions, json: boolean, run: ParallelRun): Promise<{ parts: PartReport[]; reports: WorkerReport[] }> {
  const size = run.perPart ?? unitsPerPart(units.length, n);
  const todo: Unit[][] = [];
  for (let at = 0; at < units.length; at += size) todo.push(units.slice(at, at + size));
  const threads = run.started ?? startWorkers(Math.max(1, Math.min(n, todo.length)), options, json);
  const workers: Peer[] = [mainThreadPeer(options, json), ...threads.map(threadPeer)];
  const bundles: BundlePart[] = new Array(todo.length);
  const reports: WorkerReport[] = new Array(workers.length);
  let next = 0;
  let unread = todo.length;
  const handOut = (w: Peer) => {
    if (next < todo.length) {
      w.send({ type: 'part', part: next, units: todo[next] });
      next++;
    }
  };
  // the part of the last definition of each CRD version (useBundle applies them in order: the last counts), and who read each part
  const lastPart = new Map<string, number>();
  const readBy: number[] = new Array(todo.length);
  let asked = 0;
  const allRead = () => {
    const keysOf = workers.map((): string[] => []);
    for (const [key, part] of lastPart) keysOf[readBy[part]].push(key);
    asked = keysOf.filter((k) => k.length > 0).length;
    if (asked === 0) sendBundle();
    else keysOf.forEach((keys, i) => { if (keys.length > 0) workers[i].send({ type: 'crds', keys }); });
  };
  const sendBundle = () => { for (const x of workers) x.send({ type: 'bundle', parts: bundles }); };
  const done = Promise.all(workers.map((w, i) => new Promise<void>((resolve, reject) => {
    w.listen((m: FromWorker) => {
      if (m.type === 'read') {
        bundles[m.part] = m.bundle;
        readBy[m.part] = i;
        for (const key of m.crdKeys) if ((lastPart.get(key) ?? -1) < m.part) lastPart.set(key, m.part);
        unread--;
        handOut(w);
        if (unread === 0) allRead();
      } else if (m.type === 'crds') {
        for (const k of m.kinds) bundles[lastPart.get(k.key)!].crds.push(k);
        if (--asked === 0) sendBundle();
      } else {
        reports[i] = m.report;
        resolve();
      }
    }, reject);
  })));
  // the worker threads first, each with its next part ahead, then this thread
  for (let k = 1; k <= workers.length; k++) {
    const w = workers[k % workers.length];
    for (let a = 0; a < w.ahead; a++) handOut(w);
  }
  if (todo.length === 0) allRead(); // nothing to read: straight to the (empty) bundle
  try {
    await done;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  const parts: PartReport[] = new Array(todo.length);
  for (const r of reports) for (const p of r.parts) parts[p.part] = p;
  return { parts: parts.filter(Boolean), reports };
}

/** Reads and checks units in order with one Validation (this thread's share of the input). */
export async function validateUnits(v: Validation, units: Unit[]): Promise<void> {
  for (const u of units) {
    if ('problem' in u) v.addProblem(u.problem);
    else await loadFile(u.file, (o) => v.add([o]), (p) => v.addProblem(p));
  }
}

/** How a worker talks to the main thread: a worker thread's parentPort, or messages on the main thread itself. */
interface Port {
  onMessage(handler: (m: ToWorker) => void): void;
  post(m: FromWorker, transfer?: ArrayBuffer[]): void;
  /** A part or the report could not be made: the run fails with this error. */
  fail(e: Error): void;
}

/** A worker: the parts it is given, one Validation for all of them, the bundle exchange, its report. */
function serve(port: Port, options: ValidateOptions, json: boolean): void {
  const v = new Validation(options);
  // parts come in increasing order and are read in turn (each after the one before), which keeps their order
  let reading = Promise.resolve();
  // the last CRD version of each key read here (the parts come in increasing order)
  const lastKinds = new Map<string, CrdKind>();
  port.onMessage((m: ToWorker) => {
    if (m.type === 'part') {
      reading = reading.then(async () => {
        v.beginPart(m.part);
        await validateUnits(v, m.units);
        const bundle = v.takeBundlePart();
        for (const k of bundle.crds) lastKinds.set(k.key, k);
        port.post({ type: 'read', part: m.part, bundle: { ...bundle, crds: [] }, crdKeys: bundle.crds.map((k) => k.key) });
      });
      reading.catch((e: Error) => port.fail(e));
      return;
    }
    if (m.type === 'crds') {
      port.post({ type: 'crds', kinds: m.keys.map((key) => lastKinds.get(key)!) });
      lastKinds.clear();
      return;
    }
    reading.then(() => {
      v.useBundle(m.parts);
      const r = v.finishParts();
      const encoder = new TextEncoder();
      const transfer: ArrayBuffer[] = [];
      const parts: PartReport[] = r.parts.map((p) => {
        if (!json) return { part: p.part, findings: p.findings, objects: p.objects };
        // the text as bytes of its own, moved to the main thread, which writes them as they are
        const bytes = findingsJsonBytes(p.findings, (text) => encoder.encode(text));
        transfer.push(...bytes.map((b) => b.buffer as ArrayBuffer));
        return { part: p.part, json: bytes };
      });
      port.post({ type: 'report', report: { parts, summary: r.summary, unreadable: r.unreadable } }, transfer);
    }).catch((e: Error) => port.fail(e));
  });
}

/** A worker thread: serves the main thread through its parentPort; a failure stops the thread (the main thread sees its error). */
function work(): void {
  const { options, json } = workerData as { options: ValidateOptions; json: boolean };
  serve({
    onMessage: (h) => { parentPort!.on('message', h); },
    post: (m, transfer = []) => parentPort!.postMessage(m, transfer),
    fail: (e) => { process.nextTick(() => { throw e; }); },
  }, options, json);
}

if (!isMainThread && (workerData as { options?: unknown } | undefined)?.options) work();
