import type {IncomingMessage, ServerResponse} from 'node:http';
import {HttpError} from './http-error.js';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendDetail(response: ServerResponse, status: number, detail: string): void {
  sendJson(response, status, {detail});
}

/** The request body, refused with 413 past `limitBytes`. */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new HttpError(413, `The request body is larger than ${limitBytes} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `emptyValue`. */
export async function readJson(request: IncomingMessage, limitBytes: number, emptyValue?: unknown): Promise<unknown> {
  const body = await readBody(request, limitBytes);
  if (body.length === 0 && emptyValue !== undefined) return emptyValue;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** FastAPI-style booleans in query strings. */
export function parseBooleanQuery(name: string, value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback;
  const lowered = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
  if (['false', '0', 'no', 'off'].includes(lowered)) return false;
  throw new HttpError(400, `Query parameter "${name}" must be true or false, got "${value}".`);
}
