import type {Socket} from 'node:net';
import type WebSocket from 'ws';
import type {Action} from '../events/actions.js';
import type {Observation} from '../events/observations.js';
import {
  decodeOutputFrame,
  parseServerMessage,
  type RequestId,
  type ServerMessage,
  STREAM_PATH,
  StreamProtocolError,
} from '../events/stream-protocol.js';
import {RuntimeProtocolError, RuntimeRequestError, unreachable} from './runtime-errors.js';

/** What a subscriber to a session's live stream hears: every action, whoever started it. */
export type LiveEvent =
  | {type: 'started'; seq: number; action: unknown; cause?: number; requestId?: RequestId}
  | {type: 'output'; seq: number; bytes: Buffer}
  | {type: 'observation'; seq: number; observation: Observation; cause?: number; requestId?: RequestId}
  | {type: 'output_dropped'; seq: number; bytes: number}
  /** The connection is gone (the runtime stopped, or the network); it is opened again when needed. */
  | {type: 'closed'; error: Error};

export interface RequestHandlers {
  onOutput(bytes: Buffer): void;
  /** The server dropped `bytes` bytes of this request's output: this side read too slowly. */
  onDropped(bytes: number): void;
}

export interface LiveRequest {
  id: RequestId;
  observation: Promise<Observation>;
}

interface Pending extends RequestHandlers {
  kind: string;
  resolve(observation: Observation): void;
  reject(error: Error): void;
  seq?: number;
  interruptWanted: boolean;
}

export interface LiveConnectionOptions {
  apiUrl: string;
  headers: Record<string, string>;
  onEvent: (event: LiveEvent) => void;
  /** Bound on the WebSocket handshake. */
  handshakeTimeoutMs?: number;
}

/**
 * One WebSocket to a runtime's /stream, shared by all of a client's requests: each `execute` gets a
 * request id; the server's `started` message ties it to the action's `seq`, which output frames
 * carry. While no request waits, the socket does not keep the process alive.
 */
export class LiveConnection {
  readonly #socket: WebSocket;
  readonly #tcp: Socket | undefined;
  readonly #options: LiveConnectionOptions;
  readonly #pending = new Map<RequestId, Pending>();
  readonly #bySeq = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;
  #lastError: Error | undefined;

  /** Opens the stream; 'no-stream' when the server has none (404: a container OpenHands made). */
  static async open(options: LiveConnectionOptions): Promise<LiveConnection | 'no-stream'> {
    // Loaded on first use: attaching to a runtime need not pay for it.
    const {default: WebSocketClient} = await import('ws');
    return new Promise((resolve, reject) => {
      const socket = new WebSocketClient(`${options.apiUrl.replace(/^http/, 'ws')}${STREAM_PATH}`, {
        headers: options.headers,
        perMessageDeflate: false,
        handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
      });
      let tcp: Socket | undefined;
      const abandon = () => {
        socket.removeAllListeners();
        socket.on('error', () => {});
        socket.terminate();
      };
      socket.once('upgrade', (response) => {
        tcp = response.socket as Socket;
      });
      socket.once('unexpected-response', (_request, response) => {
        response.resume();
        abandon();
        const status = response.statusCode ?? 0;
        if (status === 404) return resolve('no-stream');
        const why = status === 401 || status === 403 ? 'the session key was refused' : `HTTP ${status}`;
        reject(new RuntimeRequestError(`Runtime at ${options.apiUrl} refused the stream: ${why}`, 'http', status));
      });
      socket.once('error', (error) => {
        abandon();
        reject(unreachable(options.apiUrl, error));
      });
      socket.once('open', () => {
        socket.removeAllListeners();
        resolve(new LiveConnection(socket, tcp, options));
      });
    });
  }

  private constructor(socket: WebSocket, tcp: Socket | undefined, options: LiveConnectionOptions) {
    this.#socket = socket;
    this.#tcp = tcp;
    this.#options = options;
    this.#updateRef();
    socket.on('message', (data, isBinary) => this.#onMessage(data as Buffer, isBinary));
    socket.on('error', (error) => {
      this.#lastError = error;
    });
    socket.on('close', () => this.#onClose());
  }

  get closed(): boolean {
    return this.#closed;
  }

  execute(action: Action, handlers: RequestHandlers): LiveRequest {
    const id = this.#nextId++;
    const observation = new Promise<Observation>((resolve, reject) => {
      this.#pending.set(id, {...handlers, kind: action.action, resolve, reject, interruptWanted: false});
    });
    this.#updateRef();
    if (this.#closed) this.forget(id, this.#closedError(action.action));
    else this.#send({type: 'execute', request_id: id, action}, id);
    return {id, observation};
  }

  /** SIGINT to the request's command; sent once the server says it started (a queued one is stopped as it starts). */
  interrupt(id: RequestId): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (pending.seq === undefined) pending.interruptWanted = true;
    else this.#send({type: 'interrupt', request_id: id}, id);
  }

  /** Stops waiting for a request (its timeout passed): it fails with `error`; the server's answer is ignored. */
  forget(id: RequestId, error: Error): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (pending.seq !== undefined) this.#bySeq.delete(pending.seq);
    this.#updateRef();
    pending.reject(error);
  }

  /** Raw keys into the terminal of the running command. */
  input(data: string): void {
    this.#send({type: 'input', data}, undefined);
  }

  close(): void {
    if (this.#closed) return;
    this.#socket.close();
    this.#tcp?.unref();
  }

  #send(message: object, id: RequestId | undefined): void {
    this.#socket.send(JSON.stringify(message), (error) => {
      if (error && id !== undefined) this.forget(id, unreachable(this.#options.apiUrl, error));
    });
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    try {
      if (isBinary) {
        const frame = decodeOutputFrame(data);
        if (!frame) return;
        this.#bySeq.get(frame.seq)?.onOutput(frame.bytes);
        this.#options.onEvent({type: 'output', seq: frame.seq, bytes: frame.bytes});
        return;
      }
      const message = parseServerMessage(data.toString());
      if (message) this.#dispatch(message);
    } catch (error) {
      const failure =
        error instanceof StreamProtocolError
          ? new RuntimeProtocolError(`Runtime at ${this.#options.apiUrl} sent ${error.message}`, {cause: error})
          : (error as Error);
      this.#failAll(failure);
      this.#socket.terminate();
    }
  }

  #dispatch(message: ServerMessage): void {
    const {onEvent} = this.#options;
    switch (message.type) {
      case 'started': {
        const pending = message.request_id === undefined ? undefined : this.#pending.get(message.request_id);
        if (pending) {
          pending.seq = message.seq;
          this.#bySeq.set(message.seq, pending);
          if (pending.interruptWanted && message.request_id !== undefined) this.interrupt(message.request_id);
        }
        onEvent({type: 'started', seq: message.seq, action: message.action, ...optional(message)});
        return;
      }
      case 'observation': {
        const pending = message.request_id === undefined ? undefined : this.#pending.get(message.request_id);
        if (pending && message.request_id !== undefined) {
          this.#pending.delete(message.request_id);
          this.#bySeq.delete(message.seq);
          this.#updateRef();
          pending.resolve(message.observation);
        }
        onEvent({type: 'observation', seq: message.seq, observation: message.observation, ...optional(message)});
        return;
      }
      case 'output_dropped':
        this.#bySeq.get(message.seq)?.onDropped(message.bytes);
        onEvent(message);
        return;
      case 'error': {
        if (message.request_id === undefined) {
          // Our messages are well-formed: an error that names no request means the two ends disagree.
          this.#failAll(new RuntimeProtocolError(`Runtime at ${this.#options.apiUrl} could not read a stream message: ${message.detail}`));
          return;
        }
        const pending = this.#pending.get(message.request_id);
        if (pending)
          this.forget(message.request_id, new RuntimeRequestError(`Runtime refused the ${pending.kind}: ${message.detail}`, 'refused'));
        return;
      }
    }
  }

  #onClose(): void {
    this.#closed = true;
    this.#failAll(undefined);
    this.#options.onEvent({type: 'closed', error: this.#lastError ?? new Error('the stream closed')});
  }

  /** Fails every waiting request (with `error`, or the connection's end when undefined). */
  #failAll(error: Error | undefined): void {
    for (const [id, pending] of [...this.#pending]) this.forget(id, error ?? this.#closedError(pending.kind));
  }

  #closedError(kind: string): RuntimeRequestError {
    const reason = this.#lastError ? ` (${(this.#lastError as NodeJS.ErrnoException).code ?? this.#lastError.message})` : '';
    return new RuntimeRequestError(
      `Runtime at ${this.#options.apiUrl} closed the stream before the ${kind} finished${reason}`,
      'unreachable',
    );
  }

  #updateRef(): void {
    if (this.#pending.size > 0) this.#tcp?.ref();
    else this.#tcp?.unref();
  }
}

function optional(message: {cause?: number; request_id?: RequestId}): {cause?: number; requestId?: RequestId} {
  return {
    ...(message.cause === undefined ? {} : {cause: message.cause}),
    ...(message.request_id === undefined ? {} : {requestId: message.request_id}),
  };
}
