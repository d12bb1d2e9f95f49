import {createHash, randomBytes} from 'node:crypto';
import path from 'node:path';
import {UserError} from '../lib/errors.js';

/** A sid becomes a directory name and part of a container name, so it is held to this. */
export const sidPattern = /^[a-zA-Z0-9_-]{1,64}$/;

export function isValidSessionId(value: string): boolean {
  return sidPattern.test(value);
}

/** Returns the sid unchanged, or throws a UserError naming the bad value. */
export function validateSessionId(value: string): string {
  if (isValidSessionId(value)) return value;
  throw new UserError(`Invalid session id ${JSON.stringify(value)}.`, {
    hint: 'A session id is 1 to 64 characters from a-z, A-Z, 0-9, "_" and "-".',
  });
}

/** A fresh sid that sorts by creation time: `20241204-100000-3fa9c2`. */
export function newSessionId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * The sid a command uses when none is given: one per workspace, so `oh-tui exec` in two projects
 * never shares a container (each container mounts its own workspace). Readable part from the folder
 * name, uniqueness from a hash of the absolute path: `/home/me/my app` gives `my-app-1b2c3d4e`.
 */
export function defaultSessionId(workspace: string): string {
  const absolute = path.resolve(workspace);
  const hash = createHash('sha256').update(absolute).digest('hex').slice(0, 8);
  const name = path
    .basename(absolute)
    .replace(/[^a-zA-Z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return name ? `${name}-${hash}` : `ws-${hash}`;
}
