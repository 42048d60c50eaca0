/**
 * Process supervision: start a component detached (its PID in pids/, its output in logs/),
 * trust a recorded PID only while it runs the component's executable (PID reuse), stop with
 * SIGTERM then SIGKILL after a grace period, and fail a wait at once when a component started by
 * this bring-up exits.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { componentArgv } from './commands';
import { Component, EXE_NAMES } from './components';
import { ClusterContext } from './context';
import { ClusterError } from './errors';
import { exeName, killWait, pidAlive } from './procs';
import { readIf, sleep, writeFile } from './sys';

export class Supervisor {
  /** Components started by the current bring-up: one that exits fails every wait at once. */
  private watched: Component[] = [];

  constructor(private readonly ctx: ClusterContext) {}

  readPid(c: Component): number | undefined {
    const s = readIf(this.ctx.paths.pid(c));
    const n = s ? Number(s.trim()) : NaN;
    return Number.isInteger(n) && n > 0 ? n : undefined;
  }

  /** Whether PID runs this component (guards against PID reuse before we trust or kill it). */
  isOurs(c: Component, pid: number): boolean {
    return pidAlive(pid) && exeName(pid) === EXE_NAMES[c];
  }

  running(c: Component): boolean {
    const pid = this.readPid(c);
    return pid !== undefined && this.isOurs(c, pid);
  }

  /** Starts a component detached, inside the cluster's network namespace; records its PID. */
  start(c: Component): number {
    const { paths, log } = this.ctx;
    const logFd = fs.openSync(paths.log(c), 'a');
    fs.writeSync(logFd, `\n==== ${new Date().toISOString()} podsmith starts ${c}\n`);
    const [cmd, ...args] = componentArgv(this.ctx, c);
    const child = spawn(cmd, args, {
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: process.env.HOME ?? '/root', GOMAXPROCS: process.env.GOMAXPROCS ?? '' },
      cwd: paths.stateDir,
    });
    fs.closeSync(logFd);
    if (child.pid === undefined) throw new ClusterError(`could not start ${c} (nsenter missing?)`);
    writeFile(paths.pid(c), `${child.pid}\n`);
    child.unref();
    log(`started ${c} (pid ${child.pid}, log ${paths.log(c)})`);
    return child.pid;
  }

  /** Waits until a just-started PID has exec'd into its component (nsenter/unshare/sh first). */
  async execd(c: Component, timeoutMs = 5000): Promise<void> {
    const pid = this.readPid(c);
    const until = Date.now() + timeoutMs;
    while (pid !== undefined && pidAlive(pid) && exeName(pid) !== EXE_NAMES[c] && Date.now() < until) await sleep(10);
  }

  /** SIGTERM to each running component, SIGKILL after `graceMs`; removes their PID files. */
  async stop(cs: readonly Component[], graceMs = 3000): Promise<void> {
    const pids: number[] = [];
    for (const c of cs) {
      const pid = this.readPid(c);
      if (pid !== undefined && this.isOurs(c, pid)) {
        process.kill(pid, 'SIGTERM');
        pids.push(pid);
      }
      fs.rmSync(this.ctx.paths.pid(c), { force: true });
    }
    await killWait(pids, graceMs);
  }

  /** Watch these components during the waits that follow (empty: watch none). */
  watch(cs: Component[]): void {
    this.watched = cs;
  }

  private checkStartedAlive(): void {
    for (const c of this.watched) {
      if (!this.running(c)) {
        const tail = (readIf(this.ctx.paths.log(c)) ?? '').trim().split('\n').slice(-3).join(' | ');
        throw new ClusterError(`${c} exited during start-up; log ${this.ctx.paths.log(c)}: ${tail.slice(-600)}`);
      }
    }
  }

  /**
   * Polls `check` until true; fails on the deadline or as soon as a watched component exits. The deadline is
   * looked at before each check, so a wait that begins after its deadline fails at once, whatever `check` would say:
   * the step that ran out of time is the one named.
   */
  async waitFor(what: string, deadline: number, check: () => Promise<boolean>): Promise<void> {
    let last: unknown;
    for (;;) {
      this.checkStartedAlive();
      if (Date.now() > deadline) {
        throw new ClusterError(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}; logs in ${path.join(this.ctx.paths.stateDir, 'logs')}`);
      }
      try {
        if (await check()) return;
      } catch (e) {
        if (e instanceof ClusterError) throw e;
        last = e;
      }
      await sleep(150);
    }
  }
}
