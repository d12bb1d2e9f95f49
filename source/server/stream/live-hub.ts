import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type WebSocket} from 'ws';
import type {Observation} from '../../events/observations.js';
import {toHttpError} from '../http/http-error.js';

/** Past this many unsent bytes a client is too slow: its output chunks are dropped and counted. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface LiveHubHandlers {
  execute: (action: unknown, requestId: unknown) => Promise<unknown>;
  interrupt: () => void;
  type: (text: string) => void;
  log: (message: string) => void;
}

interface Client {
  socket: WebSocket;
  droppedChars: number;
}

/**
 * Our extension of the 0.15 protocol: GET /stream upgraded to a WebSocket. The server sends
 * `{type:'output', data}` for every chunk of shell output as it comes and `{type:'observation',
 * observation}` at the end of every action (HTTP or socket). Clients may send
 * `{type:'execute', action, request_id?}`, `{type:'interrupt'}` (SIGINT now, outside the action
 * queue) and `{type:'input', data}` (raw keys into the terminal).
 */
export class LiveHub {
  private readonly server = new WebSocketServer({noServer: true, maxPayload: 64 * 1024 * 1024});
  private readonly clients = new Set<Client>();

  constructor(private readonly handlers: LiveHubHandlers) {}

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  broadcastOutput(data: string, cause: number | undefined): void {
    if (this.clients.size === 0) return;
    for (const client of this.clients) {
      if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.droppedChars += data.length;
        continue;
      }
      if (client.droppedChars > 0) {
        send(client.socket, {type: 'output_dropped', chars: client.droppedChars});
        client.droppedChars = 0;
      }
      send(client.socket, withCause({type: 'output', data}, cause));
    }
  }

  broadcastObservation(observation: Observation, cause: number | undefined, requestId: unknown): void {
    const message = withCause({type: 'observation', observation}, cause);
    if (requestId !== undefined) message.request_id = requestId;
    for (const client of this.clients) send(client.socket, message);
  }

  close(): void {
    for (const client of this.clients) client.socket.terminate();
    this.server.close();
  }

  private accept(socket: WebSocket): void {
    const client: Client = {socket, droppedChars: 0};
    this.clients.add(client);
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', (error) => this.handlers.log(`stream client error: ${error.message}`));
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        send(socket, {type: 'error', detail: 'Send JSON text messages.'});
        return;
      }
      this.onMessage(socket, data.toString());
    });
  }

  private onMessage(socket: WebSocket, text: string): void {
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
    const {type, action, request_id: requestId, data} = message as Record<string, unknown>;
    switch (type) {
      case 'execute':
        // The observation reaches every client through broadcastObservation.
        this.handlers.execute({action}, requestId).catch((error: unknown) => {
          const {detail} = toHttpError(error);
          send(socket, {type: 'error', detail, ...(requestId === undefined ? {} : {request_id: requestId})});
        });
        return;
      case 'interrupt':
        this.handlers.interrupt();
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

function withCause(message: Record<string, unknown>, cause: number | undefined): Record<string, unknown> {
  if (cause !== undefined) message.cause = cause;
  return message;
}

function send(socket: WebSocket, message: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
