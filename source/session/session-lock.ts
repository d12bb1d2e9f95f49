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
  /** For tests: called when a dead lock is about to be removed (to widen the window other takers race in). */
  beforeTakeover?: () => void;
}

/** A takeover holds the guard for milliseconds; one older than this was left by a client that died in it. */
const GUARD_STALE_MS = 5_000;
/** How long a client waits for another's acquisition (milliseconds of work) before giving up. */
const GUARD_WAIT_MS = 3_000;

/**
 * Takes the session's lock (proper-lockfile: an atomic mkdir, kept fresh by its mtime). A second
 * client is refused with the holder's pid and host. A lock left by a dead client is taken over:
 * at once when its pid is gone on this host, after 10 s of no refresh when it is elsewhere.
 *
 * Taking over means removing the dead lock, which must never remove a live one: two clients that
 * both judged the same lock dead could otherwise each remove it and lock (the second removing the
 * first one's fresh lock), and both would hold the session. So every acquisition runs under a guard
 * (another atomic mkdir, held for the few milliseconds of the check, the takeover and the holder's
 * name), and the lock is judged dead again inside it: only one taker can find it dead.
 */
export function acquireSessionLock(sessionDir: string, sid: string, options: AcquireOptions = {}): SessionLock {
  const lockPath = path.join(sessionDir, 'session.lock');
  const holderPath = path.join(sessionDir, 'lock-holder.json');
  const release = underGuard(path.join(sessionDir, 'session.lock.guard'), () => {
    if (isDead(lockPath, readHolder(holderPath))) {
      options.beforeTakeover?.();
      fs.rmSync(lockPath, {recursive: true, force: true});
    }
    let unlock: () => void;
    try {
      unlock = lockfile.lockSync(sessionDir, {
        lockfilePath: lockPath,
        stale: STALE_MS,
        update: UPDATE_MS,
        realpath: false,
        // Called from a timer: it must not throw (proper-lockfile's default does, which would crash).
        onCompromised: (error) => {
          try {
            options.onCompromised?.(error);
          } catch {
            // The warning could not be shown: nothing else to do.
          }
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      throw refusal(sid, readHolder(holderPath));
    }
    const self = options.self ?? {pid: process.pid, host: os.hostname(), since: new Date().toISOString()};
    fs.writeFileSync(holderPath, `${JSON.stringify(self)}\n`);
    return unlock;
  });
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

function refusal(sid: string, holder: LockHolder | undefined): UserError {
  const who = holder ? `pid ${holder.pid} on host ${holder.host}, since ${holder.since}` : 'a client that left no name';
  return new UserError(`Session ${sid} is already open in another oh-tui (${who}).`, {
    hint: 'Close it there first. A lock whose client died is taken over: at once on this host, after 10 s from another.',
  });
}

/** A lock whose holder is gone: its pid dead on this host, or not refreshed for STALE_MS (any host). */
function isDead(lockPath: string, holder: LockHolder | undefined): boolean {
  let modified: number;
  try {
    modified = fs.statSync(lockPath).mtimeMs;
  } catch {
    return false;
  }
  if (holder && holder.host === os.hostname() && !isAlive(holder.pid)) return true;
  return modified < Date.now() - STALE_MS;
}

/** Runs `work` while holding `guard` (an atomic mkdir); waits for another client's, breaks one left by a dead client. */
function underGuard<T>(guard: string, work: () => T): T {
  const deadline = Date.now() + GUARD_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(guard);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const age = ageOf(guard);
    if (age !== undefined && age > GUARD_STALE_MS) {
      // Renamed away first: of several clients breaking it, one succeeds; the others retry. What was
      // renamed is checked again: a fresh guard (another client broke the old one and took a new one
      // meanwhile) is put back.
      try {
        const broken = `${guard}.broken-${process.pid}-${Date.now()}`;
        fs.renameSync(guard, broken);
        const renamedAge = ageOf(broken);
        if (renamedAge !== undefined && renamedAge <= GUARD_STALE_MS) fs.renameSync(broken, guard);
        else fs.rmSync(broken, {recursive: true, force: true});
      } catch {
        // Another client broke it first.
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new UserError(`Could not lock the session: another oh-tui has been opening it for ${GUARD_WAIT_MS / 1000} s (${guard}).`, {
        hint: `Try again; if it persists, remove ${guard}.`,
      });
    }
    sleepSync(10);
  }
  try {
    return work();
  } finally {
    fs.rmSync(guard, {recursive: true, force: true});
  }
}

function ageOf(file: string): number | undefined {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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
