/** Processes by PID: alive or not, which executable, killing with a grace period. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readIf, sleep } from './sys';

/** Whether PID exists and is not a zombie (a killed process whose parent has not reaped it). */
export function pidAlive(pid: number): boolean {
  const stat = readIf(`/proc/${pid}/stat`);
  if (stat === undefined) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** The basename of the executable a PID runs ('' when gone or a zombie). */
export function exeName(pid: number): string {
  try {
    return path.basename(fs.readlinkSync(`/proc/${pid}/exe`)).replace(/ \(deleted\)$/, '');
  } catch {
    return '';
  }
}

export function listPids(): number[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

export function tryKill(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone */
  }
}

/** Waits until every PID is gone; SIGKILLs what is left after `ms`. */
export async function killWait(pids: number[], ms: number): Promise<void> {
  const until = Date.now() + ms;
  let left = pids.filter(pidAlive);
  while (left.length > 0 && Date.now() < until) {
    await sleep(50);
    left = left.filter(pidAlive);
  }
  for (const p of left) tryKill(p, 'SIGKILL');
  const until2 = Date.now() + 3000;
  while (left.some(pidAlive) && Date.now() < until2) await sleep(50);
}
