import fs from 'node:fs/promises';
import path from 'node:path';
import {isDirectory} from './list-two-levels.js';

/**
 * POST /list_files as in 0.15: the names in a directory, directories first with a trailing `/`,
 * each group sorted case-insensitively; a missing path, a file or any error gives [].
 */
export async function listFiles(initialDir: string, requested: string | undefined): Promise<string[]> {
  const dir = requested === undefined ? initialDir : path.resolve(initialDir, requested);
  try {
    if (!(await fs.stat(dir)).isDirectory()) return [];
    const names = await fs.readdir(dir);
    const directories: string[] = [];
    const files: string[] = [];
    for (const name of names) {
      const isDir = await isDirectory(path.join(dir, name));
      (isDir ? directories : files).push(isDir ? `${name}/` : name);
    }
    return [...sortCaseInsensitive(directories), ...sortCaseInsensitive(files)];
  } catch {
    return [];
  }
}

export function sortCaseInsensitive(names: string[]): string[] {
  return [...names].sort((a, b) => {
    const left = a.toLowerCase();
    const right = b.toLowerCase();
    return left < right ? -1 : left > right ? 1 : 0;
  });
}
