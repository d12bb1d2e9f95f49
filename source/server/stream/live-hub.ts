import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type WebSocket} from 'ws';
import type {Observation} from '../../events/observations.js';
import {encodeOutputFrame, type RequestId, type ServerMessage} from '../../events/stream-protocol.js';
import type {ActionOrigin, ActionRun} from '../executor.js';
import {toHttpError} from '../http/http-error.js';

/** Past this many unsent bytes a client is too slow: its output frames are dropped and counted. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/**
 * Output is gathered into frames of up to this size, or what came within COALESCE_MS: a socket
 * write per pty read (a few KB) cost more than everything else the stream does.
 */
const FRAME_BYTES = 64 * 1024;
const COALESCE_MS = 2;

export interface LiveHubHandlers {
  execute: (body: {action: unknown}, origin: ActionOrigin) => Promise<unknown>;
  /** SIGINT to the running command; with a request id, only when the running action is that request. */
  interrupt: (only: ActionOrigin | undefined) => void;
  type: (text: string) => void;
  log: (message: string) => void;
}

interface Client {
  socket: WebSocket;
  /** Output of action `droppedSeq` not sent to this client, told to it before its next frame. */
  droppedBytes: number;
  droppedSeq: number;
}

/**
 * The server end of /stream (the protocol is described in events/stream-protocol.ts): every
 * client gets every action's `started` and `observation` messages and its output as binary frames,
 * built once and shared; a request id goes back only to the client that chose it.
 */
export class LiveHub {
  private readonly server = new WebSocketServer({noServer: true, maxPayload: 64 * 1024 * 1024});
  private readonly clients = new Set<Client>();
  /** The `started` of the running action, for clients that connect while it runs. */
  private current: ActionRun | undefined;
  private batch: {seq: number; pieces: Buffer[]; bytes: number} | undefined;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly handlers: LiveHubHandlers) {}

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  broadcastOutput(bytes: Buffer, seq: number): void {
    if (this.clients.size === 0) return;
    if (this.batch && this.batch.seq !== seq) this.flushOutput();
    this.batch ??= {seq, pieces: [], bytes: 0};
    this.batch.pieces.push(bytes);
    this.batch.bytes += bytes.length;
    if (this.batch.bytes >= FRAME_BYTES) this.flushOutput();
    else this.flushTimer ??= setTimeout(() => this.flushOutput(), COALESCE_MS);
  }

  /** Sends the gathered output as one frame, built once for every client. */
  private flushOutput(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    const frame = encodeOutputFrame(batch.seq, batch.pieces);
    for (const client of this.clients) {
      if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        if (client.droppedBytes > 0 && client.droppedSeq !== batch.seq) flushDropped(client);
        client.droppedSeq = batch.seq;
        client.droppedBytes += batch.bytes;
        continue;
      }
      if (client.droppedBytes > 0) flushDropped(client);
      if (client.socket.readyState === client.socket.OPEN) client.socket.send(frame, {binary: true});
    }
  }

  actionStarted(run: ActionRun): void {
    this.flushOutput();
    this.current = run;
    for (const client of this.clients) sendStarted(client, run);
  }

  actionFinished(observation: Observation, run: ActionRun): void {
    this.flushOutput();
    if (this.current === run) this.current = undefined;
    for (const client of this.clients) {
      if (client.droppedBytes > 0) flushDropped(client);
      send(client.socket, {
        type: 'observation',
        seq: run.seq,
        observation,
        ...requestIdFor(client, run.origin),
        ...(run.cause === undefined ? {} : {cause: run.cause}),
      });
    }
  }

  close(): void {
    clearTimeout(this.flushTimer);
    for (const client of this.clients) client.socket.terminate();
    this.server.close();
  }

  private accept(socket: WebSocket): void {
    const client: Client = {socket, droppedBytes: 0, droppedSeq: 0};
    this.clients.add(client);
    if (this.current) sendStarted(client, this.current);
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', (error) => this.handlers.log(`stream client error: ${error.message}`));
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        send(socket, {type: 'error', detail: 'Send JSON text messages.'});
        return;
      }
      this.onMessage(client, data.toString());
    });
  }

  private onMessage(client: Client, text: string): void {
    const {socket} = client;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      send(socket, {type: 'error', detail: `The message is not valid JSON: ${(error as Error).message}`});
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      send(socket, {type: 'error', detail: 'A message must be a JSON object with a "type".'});
      return;
    }
    const {type, action, request_id: rawId, data} = message as Record<string, unknown>;
    if (rawId !== undefined && typeof rawId !== 'string' && typeof rawId !== 'number') {
      send(socket, {type: 'error', detail: `"request_id" must be a string or a number, got ${JSON.stringify(rawId)}.`});
      return;
    }
    const requestId = rawId as RequestId | undefined;
    const origin: ActionOrigin = {client, requestId};
    switch (type) {
      case 'execute':
        // The observation reaches every client through actionFinished.
        this.handlers.execute({action}, origin).catch((error: unknown) => {
          const {detail} = toHttpError(error);
          send(socket, {type: 'error', detail, ...(requestId === undefined ? {} : {request_id: requestId})});
        });
        return;
      case 'interrupt':
        this.handlers.interrupt(requestId === undefined ? undefined : origin);
        return;
      case 'input':
        if (typeof data !== 'string') {
          send(socket, {type: 'error', detail: '"input" needs a string "data".'});
          return;
        }
        this.handlers.type(data);
        return;
      default:
        send(socket, {type: 'error', detail: `Unknown message type ${JSON.stringify(type)}; use execute, interrupt or input.`});
    }
  }
}

/** True when `origin` is this client's own request. */
export function sameOrigin(a: ActionOrigin | undefined, b: ActionOrigin | undefined): boolean {
  return a !== undefined && b !== undefined && a.client === b.client && a.requestId === b.requestId;
}

function requestIdFor(client: Client, origin: ActionOrigin | undefined): {request_id?: RequestId} {
  return origin?.client === client && origin.requestId !== undefined ? {request_id: origin.requestId} : {};
}

function sendStarted(client: Client, run: ActionRun): void {
  send(client.socket, {
    type: 'started',
    seq: run.seq,
    action: run.action,
    ...requestIdFor(client, run.origin),
    ...(run.cause === undefined ? {} : {cause: run.cause}),
  });
}

function flushDropped(client: Client): void {
  send(client.socket, {type: 'output_dropped', seq: client.droppedSeq, bytes: client.droppedBytes});
  client.droppedBytes = 0;
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
