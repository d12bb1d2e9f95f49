import fs from 'node:fs/promises';
import {chownSync, mkdirSync} from 'node:fs';

/** Who should own files the server (root) creates for the session user; undefined: leave as is. */
export type FileOwner = {uid: number; gid: number} | undefined;

export async function giveTo(owner: FileOwner, filePath: string): Promise<void> {
  if (owner) await fs.chown(filePath, owner.uid, owner.gid);
}

/** Creates the missing parents of `dir` (and `dir`) and gives the new ones to `owner`. */
export async function makeDirectoryFor(owner: FileOwner, dir: string): Promise<void> {
  const first = await fs.mkdir(dir, {recursive: true});
  if (!owner || first === undefined) return;
  for (const path of createdDirectories(first, dir)) await fs.chown(path, owner.uid, owner.gid);
}

/** makeDirectoryFor for synchronous callers (the zip entry callback). */
export function makeDirectoryForSync(owner: FileOwner, dir: string): void {
  const first = mkdirSync(dir, {recursive: true});
  if (!owner || first === undefined) return;
  for (const path of createdDirectories(first, dir)) chownSync(path, owner.uid, owner.gid);
}

/** mkdir returns the first directory it created; that one and everything below it down to dir are new. */
function createdDirectories(first: string, dir: string): string[] {
  let current = dir;
  const created: string[] = [];
  while (current.length >= first.length) {
    created.push(current);
    if (current === first) break;
    current = current.slice(0, current.lastIndexOf('/')) || '/';
  }
  return created;
}
