import fs from 'node:fs/promises';
import http, {type IncomingMessage, type ServerResponse} from 'node:http';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import type {Duplex} from 'node:stream';
import type {ActionExecutor} from '../executor.js';
import {giveTo, makeDirectoryFor, type FileOwner} from '../files/file-owner.js';
import {listFiles} from '../files/list-files.js';
import {receiveUpload} from '../files/receive-upload.js';
import {unzipInto} from '../files/unzip-into.js';
import {zipTree} from '../files/zip-tree.js';
import type {ServerInfo} from '../server-info.js';
import type {LiveHub} from '../stream/live-hub.js';
import {hasValidKey, needsKey} from './auth.js';
import {HttpError, toHttpError} from './http-error.js';
import {parseBooleanQuery, readJson, sendDetail, sendJson} from './respond.js';

export interface RouterDeps {
  apiKey: string | undefined;
  executor: ActionExecutor;
  serverInfo: ServerInfo;
  /** The initial working directory (list_files resolves against it, as in 0.15). */
  workingDir: string;
  owner: FileOwner;
  vscodeToken: () => string | null;
  hub: LiveHub;
  log: (message: string) => void;
}

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> | void;

const JSON_LIMIT = 256 * 1024 * 1024;
const UNAUTHORIZED = 'Missing or invalid X-Session-API-Key header.';

/** The 0.15 HTTP protocol on node:http, plus the WebSocket stream at /stream. */
export function createHttpServer(deps: RouterDeps): http.Server {
  const routes = new Map<string, Handler>([
    ['GET /alive', (_request, response) => sendJson(response, 200, {status: 'ok'})],
    ['GET /server_info', (_request, response) => sendJson(response, 200, deps.serverInfo.collect())],
    ['POST /execute_action', (request, response) => executeAction(deps, request, response)],
    ['POST /upload_file', (request, response, url) => uploadFile(deps, request, response, url)],
    ['GET /download_files', (_request, response, url) => downloadFiles(response, url)],
    ['POST /list_files', (request, response) => listFilesRoute(deps, request, response)],
    ['GET /vscode/connection_token', (_request, response) => sendJson(response, 200, {token: deps.vscodeToken()})],
  ]);
  const paths = new Set([...routes.keys()].map((key) => key.split(' ')[1]));

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    void handle(request, response, url).catch((error: unknown) => {
      const failure = toHttpError(error);
      // An unexpected error is logged with its stack; an HttpError only when it is the server's fault.
      const unexpected = failure !== error;
      if (unexpected) deps.log(`${request.method} ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) sendDetail(response, failure.status, failure.detail);
      else response.destroy();
      if (!unexpected && failure.status >= 500) deps.log(`${request.method} ${url.pathname}: ${failure.detail}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (needsKey(url.pathname) && !hasValidKey(deps.apiKey, request.headers, null)) {
      request.resume();
      sendDetail(response, 401, UNAUTHORIZED);
      return;
    }
    const handler = routes.get(`${request.method} ${url.pathname}`);
    if (handler) {
      await handler(request, response, url);
      return;
    }
    request.resume();
    if (paths.has(url.pathname)) sendDetail(response, 405, 'Method Not Allowed');
    else sendDetail(response, 404, 'Not Found');
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/stream') {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (!hasValidKey(deps.apiKey, request.headers, url.searchParams.get('key'))) {
      refuseUpgrade(socket, 401, UNAUTHORIZED);
      return;
    }
    deps.hub.upgrade(request, socket, head);
  });
  // Uploads of a large workspace may take longer than Node's default 5 minutes.
  server.requestTimeout = 0;
  return server;
}

async function executeAction(deps: RouterDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJson(request, JSON_LIMIT);
  const observation = await deps.executor.execute(body);
  sendJson(response, 200, observation);
}

async function uploadFile(deps: RouterDeps, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const destination = url.searchParams.get('destination') ?? '/';
  if (!path.isAbsolute(destination)) throw new HttpError(400, `Destination must be an absolute path, got "${destination}".`);
  const recursive = parseBooleanQuery('recursive', url.searchParams.get('recursive'), false);
  try {
    await makeDirectoryFor(deps.owner, destination);
  } catch (error) {
    throw new HttpError(500, `Cannot create ${destination}: ${(error as Error).message}`);
  }
  const archiveName = path.join(destination, `.oh-tui-upload-${randomBytes(6).toString('hex')}.zip`);
  const unpacks = (filename: string) => recursive || filename.toLowerCase().endsWith('.zip');
  const received = await receiveUpload(request, (filename) => (unpacks(filename) ? archiveName : path.join(destination, filename)));
  if (unpacks(received.filename)) {
    try {
      if (!received.filename.toLowerCase().endsWith('.zip')) throw new HttpError(400, 'Uploaded file is not a zip file.');
      await unzipInto(received.savedPath, destination, deps.owner);
    } finally {
      await fs.rm(received.savedPath, {force: true});
    }
  } else {
    await giveTo(deps.owner, received.savedPath);
  }
  sendJson(response, 200, {filename: received.filename, destination, recursive});
}

async function downloadFiles(response: ServerResponse, url: URL): Promise<void> {
  const target = url.searchParams.get('path');
  if (!target) throw new HttpError(400, 'Query parameter "path" is required.');
  if (!path.isAbsolute(target)) throw new HttpError(400, `Path must be absolute, got "${target}".`);
  try {
    await fs.stat(target);
  } catch {
    throw new HttpError(404, `File not found: ${target}`);
  }
  response.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': attachment(`${target}.zip`),
  });
  await zipTree(target, response);
}

async function listFilesRoute(deps: RouterDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readJson(request, 1024 * 1024, {});
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'The request body must be a JSON object like {"path": "..."}.');
  }
  const requested = (body as Record<string, unknown>).path;
  if (requested !== undefined && requested !== null && typeof requested !== 'string') {
    throw new HttpError(400, `"path" must be a string, got ${JSON.stringify(requested)}.`);
  }
  sendJson(response, 200, await listFiles(deps.workingDir, requested ?? undefined));
}

/** Content-Disposition for a download; non-ASCII names go in filename* (RFC 6266). */
export function attachment(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename)) return `attachment; filename="${filename.replace(/["\\]/g, '_')}"`;
  return `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function refuseUpgrade(socket: Duplex, status: number, detail: string): void {
  const body = JSON.stringify({detail});
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
