import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {md5Hex, truncateHash} from './hash.js';

/**
 * MD5 directory hash after the Dirhash Standard v0.1 with name and data properties, as OpenHands
 * 0.15 hashes its source folder. Empty directories are skipped, and so is a directory that holds
 * only empty directories (the standard's "empty" is "no file to include"); symlinks are followed.
 */
export function dirhash(directory: string): string {
  return md5Hex([entryDescriptors(directory).sort().join('\0\0')]);
}

/** The sorted-property descriptor of each entry to include; none for an empty directory. */
function entryDescriptors(directory: string): string[] {
  const entries: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const stats = statSync(path);
    if (stats.isDirectory()) {
      const inner = entryDescriptors(path);
      if (inner.length === 0) continue;
      entries.push([`dirhash:${md5Hex([inner.sort().join('\0\0')])}`, `name:${name}`].sort().join('\0'));
    } else if (stats.isFile()) {
      entries.push([`data:${md5Hex([readFileSync(path)])}`, `name:${name}`].sort().join('\0'));
    }
  }
  return entries;
}

/** The source part of the source tag: the 16-character truncation of the code folder's dirhash. */
export function sourceHash(codeDirectory: string): string {
  return truncateHash(dirhash(codeDirectory));
}
