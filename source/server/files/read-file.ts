import fs from 'node:fs/promises';
import {errorObservation, fileReadObservation, type Observation} from '../../events/observations.js';
import {selectLines, splitLinesKeepEnds} from './lines.js';
import {dataUrl, mediaTypeOf} from './media-types.js';
import {decodeUtf8} from './utf8.js';

/** The `read` action: text lines [start, end), or a data: URL for images, PDF and video. */
export async function readFileAction(filePath: string, cwd: string, start: number, end: number): Promise<Observation> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(filePath);
    if (stat.isDirectory()) return errorObservation(`Path is a directory: ${filePath}. You can only read files`);
    bytes = await fs.readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return errorObservation(`File not found: ${filePath}. Your current working directory is ${cwd}.`);
    }
    if (code === 'EACCES' || code === 'EPERM') return errorObservation(`Permission denied: ${filePath}.`);
    throw error;
  }
  const mediaType = mediaTypeOf(filePath);
  if (mediaType) return fileReadObservation(filePath, dataUrl(mediaType, bytes));
  const text = decodeUtf8(bytes);
  if (text === undefined) return errorObservation(`File could not be decoded as utf-8: ${filePath}.`);
  return fileReadObservation(filePath, selectLines(splitLinesKeepEnds(text), start, end).join(''));
}
