/** Small host helpers shared by the local cluster's modules: commands, files, PATH lookup. */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterError } from './errors';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a command; rejects with its stderr on a non-zero exit (unless `allowFail`). */
export function run(cmd: string, args: string[], opts: { input?: string; allowFail?: boolean; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      if (err && !opts.allowFail) {
        reject(new ClusterError(`${cmd} ${args.join(' ')}: ${String(stderr || err.message).trim().split('\n').slice(-3).join(' | ')}`));
      } else {
        resolve({ stdout: String(stdout), stderr: String(stderr), code });
      }
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

export function which(tool: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').concat(['/usr/sbin', '/sbin'])) {
    const p = path.join(dir, tool);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

export function readIf(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename: readers never see half a file. */
export function writeFile(file: string, content: string | Buffer, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

export function readdirIf(dir: string, dirsOnly = false): string[] {
  try {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    return entries.filter((e) => !dirsOnly || e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** `dir` and every directory below it, deepest first (the order rmdir needs). */
export function dirsDepthFirst(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirIf(d, true)) walk(path.join(d, e));
    out.push(d);
  };
  walk(dir);
  return out;
}
