import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The str_replace editor's directory view: the directory and everything up to two levels below
 * it, hidden entries left out (and counted at the first level), directories marked with a `/`.
 */
export async function listTwoLevels(dirPath: string): Promise<{entries: string[]; hiddenCount: number}> {
  const root = dirPath.length > 1 ? dirPath.replace(/\/+$/, '') : dirPath;
  const found: string[] = [`${root}/`];
  let hiddenCount = 0;
  for (const first of await readNames(root)) {
    if (first.startsWith('.')) {
      hiddenCount++;
      continue;
    }
    const firstPath = path.join(root, first);
    const firstIsDir = await isDirectory(firstPath);
    found.push(firstIsDir ? `${firstPath}/` : firstPath);
    if (!firstIsDir) continue;
    for (const second of await readNames(firstPath)) {
      if (second.startsWith('.')) continue;
      const secondPath = path.join(firstPath, second);
      found.push((await isDirectory(secondPath)) ? `${secondPath}/` : secondPath);
    }
  }
  found.sort();
  return {entries: found, hiddenCount};
}

async function readNames(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

/** Whether `entry` is a directory (following symlinks); false when it cannot be read. */
export async function isDirectory(entry: string): Promise<boolean> {
  try {
    return (await fs.stat(entry)).isDirectory();
  } catch {
    return false;
  }
}
