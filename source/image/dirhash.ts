import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {md5Hex, truncateHash} from './hash.js';

/**
 * MD5 directory hash after the Dirhash Standard v0.1 with name and data properties, as OpenHands
 * 0.15 hashes its source folder. Empty directories are skipped; symlinks are followed.
 */
export function dirhash(directory: string): string {
  const entries: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const stats = statSync(path);
    if (stats.isDirectory()) {
      if (readdirSync(path).length === 0) continue;
      entries.push([`dirhash:${dirhash(path)}`, `name:${name}`].sort().join('\0'));
    } else if (stats.isFile()) {
      entries.push([`data:${md5Hex([readFileSync(path)])}`, `name:${name}`].sort().join('\0'));
    }
  }
  return md5Hex([entries.sort().join('\0\0')]);
}

/** The source part of the source tag: the 16-character truncation of the code folder's dirhash. */
export function sourceHash(codeDirectory: string): string {
  return truncateHash(dirhash(codeDirectory));
}
