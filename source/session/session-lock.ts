import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import {UserError} from '../lib/errors.js';

/** Who holds a session: written next to the lock so a refused client can name them. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

/** A held lock is refreshed every 5 s; one not refreshed for 10 s belongs to a dead client. */
const STALE_MS = 10_000;
const UPDATE_MS = 5_000;

export interface SessionLock {
  release(): void;
}

export interface AcquireOptions {
  /** Told when the lock was lost under us (its folder removed, the disk gone). */
  onCompromised?: (error: Error) => void;
  /** For tests: who we are. */
  self?: LockHolder;
}

/**
 * Takes the session's lock (proper-lockfile: an atomic mkdir, kept fresh by its mtime). A second
 * client is refused with the holder's pid and host. A lock left by a dead client is taken over:
 * at once when its pid is gone on this host, after 10 s of no refresh when it is elsewhere.
 */
export function acquireSessionLock(sessionDir: string, sid: string, options: AcquireOptions = {}): SessionLock {
  const lockPath = path.join(sessionDir, 'session.lock');
  const holderPath = path.join(sessionDir, 'lock-holder.json');
  const holder = readHolder(holderPath);
  if (holder && holder.host === os.hostname() && !isAlive(holder.pid) && fs.existsSync(lockPath)) {
    fs.rmSync(lockPath, {recursive: true, force: true});
  }
  let release: () => void;
  try {
    release = lockfile.lockSync(sessionDir, {
      lockfilePath: lockPath,
      stale: STALE_MS,
      update: UPDATE_MS,
      realpath: false,
      onCompromised: (error) => options.onCompromised?.(error),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const current = readHolder(holderPath);
    const who = current ? `pid ${current.pid} on host ${current.host}, since ${current.since}` : 'a client that left no name';
    throw new UserError(`Session ${sid} is already open in another oh-tui (${who}).`, {
      hint: 'Close it there first. A lock whose client died is taken over: at once on this host, after 10 s from another.',
    });
  }
  const self = options.self ?? {pid: process.pid, host: os.hostname(), since: new Date().toISOString()};
  fs.writeFileSync(holderPath, `${JSON.stringify(self)}\n`);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      fs.rmSync(holderPath, {force: true});
      try {
        release();
      } catch {
        // Already gone (compromised): nothing left to release.
      }
    },
  };
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string')
      return {pid: value.pid, host: value.host, since: String(value.since ?? '')};
  } catch {
    // none, or unreadable: no name to give
  }
  return undefined;
}

/** Signal 0 checks that a process exists; EPERM means it exists under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
