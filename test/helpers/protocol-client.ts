/** A small client of the action-server protocol for tests (HTTP via fetch, the stream via ws). */
import WebSocket from 'ws';
import type {Observation as EventObservation} from '../../source/events/observations.js';
import {decodeOutputFrame} from '../../source/events/stream-protocol.js';

export interface ProtocolTarget {
  baseUrl: string;
  apiKey: string;
  /** The server's --working-dir, as the server sees it. */
  workspace: string;
  /** The server's soft timeout; 5 s (0.15's default) when not given. */
  softTimeoutSeconds?: number;
}

/** An observation of the event model, its extras open to any key: the suite reads fields across kinds. */
export type Observation = EventObservation & {extras: Record<string, unknown>};

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface ActionInput {
  action: string;
  args?: Record<string, unknown>;
  timeout?: number;
  source?: string;
  id?: number;
}

export class ProtocolClient {
  constructor(readonly target: ProtocolTarget) {}

  async request(
    method: string,
    path: string,
    options: {
      body?: unknown;
      rawBody?: NonNullable<Parameters<typeof fetch>[1]>['body'];
      key?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = {...options.headers};
    const key = options.key === undefined ? this.target.apiKey : options.key;
    if (key !== null) headers['X-Session-API-Key'] = key;
    let body = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${this.target.baseUrl}${path}`, {method, headers, body});
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {status: response.status, headers: response.headers, text, json};
  }

  async requestBytes(method: string, path: string): Promise<{status: number; headers: Headers; bytes: Buffer}> {
    const response = await fetch(`${this.target.baseUrl}${path}`, {method, headers: {'X-Session-API-Key': this.target.apiKey}});
    return {status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer())};
  }

  /** POST /execute_action; fails the test unless the server answers 200. */
  async execute(input: ActionInput): Promise<Observation> {
    const action: Record<string, unknown> = {action: input.action, args: input.args ?? {}};
    if (input.id !== undefined) action.id = input.id;
    if (input.source !== undefined) action.source = input.source;
    if (input.timeout !== undefined) action.timeout = input.timeout;
    const result = await this.request('POST', '/execute_action', {body: {action}});
    if (result.status !== 200) throw new Error(`execute_action answered ${result.status}: ${result.text}`);
    return result.json as Observation;
  }

  run(command: string, options: {blocking?: boolean; timeout?: number; source?: string} = {}): Promise<Observation> {
    return this.execute({
      action: 'run',
      args: {command, blocking: options.blocking ?? false},
      timeout: options.timeout,
      source: options.source,
    });
  }

  /** Runs a command to its end (blocking) and returns the observation. */
  runToEnd(command: string, timeout = 60): Promise<Observation> {
    return this.run(command, {blocking: true, timeout});
  }

  openStream(options: {key?: string | null; viaQuery?: boolean} = {}): Promise<StreamClient> {
    const key = options.key === undefined ? this.target.apiKey : options.key;
    const base = this.target.baseUrl.replace(/^http/, 'ws');
    const url = options.viaQuery && key !== null ? `${base}/stream?key=${encodeURIComponent(key)}` : `${base}/stream`;
    const headers = !options.viaQuery && key !== null ? {'X-Session-API-Key': key} : undefined;
    const socket = new WebSocket(url, {headers});
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new StreamClient(socket)));
      socket.once('unexpected-response', (_request, response) =>
        reject(Object.assign(new Error(`stream refused with ${response.statusCode}`), {status: response.statusCode})),
      );
      socket.once('error', reject);
    });
  }
}

/** A message of the stream; an output frame appears as `{type: 'output', seq, data, bytes, binary: true}`. */
export interface StreamMessage {
  type: string;
  /** Output text (UTF-8 decoded for readable assertions; `bytes` holds what came). */
  data?: string;
  bytes?: Buffer | number;
  binary?: boolean;
  seq?: number;
  action?: unknown;
  observation?: Observation;
  request_id?: unknown;
  detail?: string;
  cause?: number;
  /** Milliseconds since the stream was opened, stamped on arrival. */
  at: number;
}

export class StreamClient {
  readonly messages: StreamMessage[] = [];
  private readonly openedAt = Date.now();
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary) => {
      const at = Date.now() - this.openedAt;
      if (isBinary) {
        const frame = decodeOutputFrame(data);
        if (!frame) throw new Error(`a binary frame of unknown type ${data[0]}`);
        this.messages.push({type: 'output', seq: frame.seq, bytes: frame.bytes, data: frame.bytes.toString('utf8'), binary: true, at});
      } else {
        this.messages.push({...(JSON.parse(data.toString()) as StreamMessage), at});
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Waits for the first message (from index `from` on) that matches. */
  async next(match: (message: StreamMessage) => boolean, timeoutMs = 15_000, from = 0): Promise<StreamMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching stream message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the first output chunk (from index `from` on) that contains `text`. */
  nextOutput(text: string, from = 0, timeoutMs = 15_000): Promise<StreamMessage> {
    return this.next((message) => message.type === 'output' && (message.data ?? '').includes(text), timeoutMs, from);
  }

  /** The output bytes (from index `from` on; of action `seq` only when given), decoded as a whole. */
  outputText(from = 0, seq?: number): string {
    return this.outputBytes(from, seq).toString('utf8');
  }

  outputBytes(from = 0, seq?: number): Buffer {
    return Buffer.concat(
      this.messages
        .slice(from)
        .filter((message) => message.type === 'output' && (seq === undefined || message.seq === seq))
        .map((message) => message.bytes as Buffer),
    );
  }

  close(): void {
    this.socket.close();
  }
}
