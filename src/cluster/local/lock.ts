/**
 * Serialises up() and down() between processes (e.g. jest workers that each call ensureUp): a
 * lock directory holding the owner's PID (renamed into place whole); a lock whose owner is gone is
 * taken over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterError } from './errors';
import { pidAlive } from './procs';
import { readIf, sleep } from './sys';

export async function withLock<T>(lock: string, log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  let announced = false;
  for (;;) {
    // the lock appears with its owner's PID already in it (a directory renamed into place), so a
    // waiter never reads a lock without an owner
    const staged = `${lock}.${process.pid}`;
    fs.rmSync(staged, { recursive: true, force: true });
    fs.mkdirSync(staged);
    fs.writeFileSync(path.join(staged, 'pid'), String(process.pid));
    try {
      fs.renameSync(staged, lock);
      break;
    } catch (e) {
      fs.rmSync(staged, { recursive: true, force: true });
      if (!['EEXIST', 'ENOTEMPTY'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      const owner = Number(readIf(path.join(lock, 'pid')) ?? NaN);
      if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!announced) log(`waiting for another podsmith process (pid ${owner}) working on the cluster`);
      announced = true;
      if (Date.now() > deadline) throw new ClusterError(`${lock} is held by pid ${owner}; remove it if that process is gone`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
