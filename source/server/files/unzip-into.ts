import fs from 'node:fs';
import path from 'node:path';
import {Unzip, UnzipInflate} from 'fflate';
import {HttpError} from '../http/http-error.js';
import {makeDirectoryForSync, type FileOwner} from './file-owner.js';
import {pushFileChunks} from './push-file-chunks.js';

/**
 * Unpacks the zip file `archive` into `destination`, streaming (never the whole archive in memory).
 * Entries that would land outside `destination` (zip-slip) are refused with a 400.
 */
export async function unzipInto(archive: string, destination: string, owner: FileOwner): Promise<void> {
  const root = path.resolve(destination);
  let failure: unknown;
  const unzip = new Unzip((file) => {
    try {
      const target = insideOrThrow(root, file.name);
      if (file.name.endsWith('/')) {
        makeDirectoryForSync(owner, target);
        return;
      }
      makeDirectoryForSync(owner, path.dirname(target));
      const fd = fs.openSync(target, 'w', 0o664);
      if (owner) fs.fchownSync(fd, owner.uid, owner.gid);
      file.ondata = (error, data, final) => {
        if (error) failure ??= error;
        else fs.writeSync(fd, data);
        if (final || error) fs.closeSync(fd);
      };
      file.start();
    } catch (error) {
      failure ??= error;
    }
  });
  unzip.register(UnzipInflate);
  await pushFileChunks(
    archive,
    (chunk, final) => unzip.push(chunk, final),
    () => failure !== undefined,
  );
  if (failure instanceof HttpError) throw failure;
  if (failure) throw new HttpError(400, `Cannot unpack the zip file: ${(failure as Error).message}`);
}

function insideOrThrow(root: string, name: string): string {
  const target = path.resolve(root, name);
  if (target !== root && !target.startsWith(root.endsWith('/') ? root : `${root}/`)) {
    throw new HttpError(400, `Refusing zip entry outside the destination: ${name}`);
  }
  return target;
}
