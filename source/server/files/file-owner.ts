import fs from 'node:fs/promises';

/** Who should own files the server (root) creates for the session user; undefined: leave as is. */
export type FileOwner = {uid: number; gid: number} | undefined;

export async function giveTo(owner: FileOwner, filePath: string): Promise<void> {
  if (owner) await fs.chown(filePath, owner.uid, owner.gid);
}

/** Creates the missing parents of `dir` (and `dir`) and gives the new ones to `owner`. */
export async function makeDirectoryFor(owner: FileOwner, dir: string): Promise<void> {
  const first = await fs.mkdir(dir, {recursive: true});
  if (!owner || first === undefined) return;
  // mkdir returns the first directory it created; chown it and everything below it down to dir.
  let current = dir;
  const created: string[] = [];
  while (current.length >= first.length) {
    created.push(current);
    if (current === first) break;
    current = current.slice(0, current.lastIndexOf('/')) || '/';
  }
  for (const path of created) await fs.chown(path, owner.uid, owner.gid);
}
