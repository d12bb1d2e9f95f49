import type fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type {Writable} from 'node:stream';
import {once} from 'node:events';
import {Zip, ZipDeflate, ZipPassThrough} from 'fflate';
import {pushFileChunks} from './push-file-chunks.js';

const UNIX = 3;

/**
 * Streams a zip of `root` into `out`: entries relative to `root`, files and (empty or not)
 * directories with their Unix modes; symlinked directories are skipped, as os.walk does in 0.15.
 * A plain file gives a zip with that one file. Waits for `out` to drain, so memory stays flat.
 */
export async function zipTree(root: string, out: Writable): Promise<void> {
  let failure: Error | undefined;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      return;
    }
    out.write(chunk);
    if (final) out.end();
  });
  const rootStat = await fsp.stat(root);
  if (rootStat.isDirectory()) await addDirectory(zip, root, '', out);
  else await addFile(zip, root, path.basename(root), rootStat, out);
  zip.end();
  if (failure) throw failure;
}

async function addDirectory(zip: Zip, dir: string, prefix: string, out: Writable): Promise<void> {
  const entries = await fsp.readdir(dir, {withFileTypes: true});
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const name = prefix + entry.name;
    if (entry.isDirectory()) {
      const stat = await fsp.stat(full);
      const folder = new ZipPassThrough(`${name}/`);
      folder.os = UNIX;
      folder.attrs = (stat.mode & 0xffff) << 16;
      folder.mtime = stat.mtime;
      zip.add(folder);
      folder.push(new Uint8Array(0), true);
      await addDirectory(zip, full, `${name}/`, out);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      const stat = await fsp.stat(full).catch(() => undefined);
      if (stat?.isFile()) await addFile(zip, full, name, stat, out);
    }
  }
}

async function addFile(zip: Zip, file: string, name: string, stat: fs.Stats, out: Writable): Promise<void> {
  const entry = new ZipDeflate(name, {level: 6});
  entry.os = UNIX;
  entry.attrs = (stat.mode & 0xffff) << 16;
  entry.mtime = stat.mtime;
  zip.add(entry);
  const drain = async () => {
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  await pushFileChunks(file, (chunk, final) => entry.push(chunk, final), drain);
  await drain();
}
