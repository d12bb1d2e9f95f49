import fs from 'node:fs';
import path from 'node:path';
import type {IncomingMessage} from 'node:http';
import {pipeline} from 'node:stream/promises';
import busboy from 'busboy';
import {HttpError} from '../http/http-error.js';

export interface ReceivedUpload {
  /** The client's file name (base name only). */
  filename: string;
  savedPath: string;
}

/**
 * Streams the multipart field `file` of an upload to disk. `pathFor` picks where, given the file
 * name; the body is never held in memory.
 */
export function receiveUpload(request: IncomingMessage, pathFor: (filename: string) => string): Promise<ReceivedUpload> {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(new HttpError(400, 'Expected a multipart/form-data body with a "file" field.'));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({headers: request.headers, limits: {files: 1}});
    } catch (error) {
      reject(new HttpError(400, `Bad multipart body: ${(error as Error).message}`));
      return;
    }
    let saving: Promise<ReceivedUpload> | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || saving) {
        stream.resume();
        return;
      }
      const filename = path.basename(info.filename ?? '');
      if (filename === '' || filename === '.' || filename === '..') {
        stream.resume();
        saving = Promise.reject(new HttpError(400, 'The uploaded file has no file name.'));
        return;
      }
      const savedPath = pathFor(filename);
      saving = pipeline(stream, fs.createWriteStream(savedPath)).then(() => ({filename, savedPath}));
    });
    parser.on('error', (error: Error) => reject(new HttpError(400, `Bad multipart body: ${error.message}`)));
    parser.on('close', () => {
      if (!saving) reject(new HttpError(400, 'Missing the multipart field "file".'));
      else saving.then(resolve, reject);
    });
    request.pipe(parser);
  });
}
