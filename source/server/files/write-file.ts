import fs from 'node:fs/promises';
import path from 'node:path';
import {errorObservation, fileWriteObservation, type Observation} from '../../events/observations.js';
import {giveTo, makeDirectoryFor, type FileOwner} from './file-owner.js';
import {replaceLines} from './lines.js';
import {decodeUtf8} from './utf8.js';

/**
 * The `write` action: creates parent directories; a new file gets mode 0664 and the session user
 * as owner, an existing one keeps its mode and owner. start/end write over a line range.
 */
export async function writeFileAction(options: {
  filePath: string;
  content: string;
  start: number;
  end: number;
  owner: FileOwner;
}): Promise<Observation> {
  const {filePath, content, start, end, owner} = options;
  try {
    await makeDirectoryFor(owner, path.dirname(filePath));
    const existing = await readExisting(filePath);
    if (existing.kind === 'directory') return errorObservation(`Path is a directory: ${filePath}. You can only write to files`);
    if (existing.kind === 'undecodable') return errorObservation(`File could not be decoded as utf-8: ${filePath}`);
    if (existing.kind === 'missing') {
      await fs.writeFile(filePath, replaceLines('', content, start, end), {mode: 0o664});
      await fs.chmod(filePath, 0o664);
      await giveTo(owner, filePath);
    } else {
      await fs.writeFile(filePath, replaceLines(existing.text, content, start, end));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return errorObservation(`Malformed paths not permitted: ${filePath}`);
    if (code === 'ENOENT' || code === 'ENOTDIR') return errorObservation(`File not found: ${filePath}`);
    throw error;
  }
  return fileWriteObservation(filePath);
}

type Existing = {kind: 'file'; text: string} | {kind: 'directory'} | {kind: 'undecodable'} | {kind: 'missing'};

async function readExisting(filePath: string): Promise<Existing> {
  try {
    const stat = await fs.stat(filePath);
    if (stat.isDirectory()) return {kind: 'directory'};
    const text = decodeUtf8(await fs.readFile(filePath));
    return text === undefined ? {kind: 'undecodable'} : {kind: 'file', text};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'missing'};
    throw error;
  }
}
