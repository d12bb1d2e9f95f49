import {randomUUID} from 'node:crypto';
import http from 'node:http';
import type WebSocket from 'ws';
import {UserError} from '../lib/errors.js';
import type {Action} from '../events/actions.js';
import type {Observation} from '../events/observations.js';
import {httpRequest, HttpTimeoutError, type HttpResponse} from './http.js';

/** The WebSocket path of our action server's live stream (our extension to the 0.15 protocol). */
export const streamPath = '/stream';

/** A failed call to the action server: it is down, slow, or refused the request. */
export class RuntimeRequestError extends UserError {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'timeout' | 'http' | 'protocol',
    readonly status?: number,
    options: {cause?: unknown} = {},
  ) {
    super(message, {exitCode: 1, cause: options.cause});
    this.name = 'RuntimeRequestError';
  }
}

export interface RuntimeClientOptions {
  apiUrl: string;
  /** The container's SESSION_API_KEY; undefined for a container that has none (OpenHands-made). */
  apiKey: string | undefined;
  /** Seconds an action may take when it names no timeout ([sandbox] timeout). */
  defaultActionTimeout: number;
  /** Time allowed on top of an action's own timeout for the server to answer; 5 s as 0.15.2. */
  graceMs?: number;
}

export type StreamChunkHandler = (data: string) => void;

export interface StreamOptions {
  /** When aborted, the running command gets SIGINT (the server's `interrupt` message). */
  interrupt?: AbortSignal;
}

interface StreamMessage {
  type?: unknown;
  data?: unknown;
  chars?: unknown;
  observation?: unknown;
  request_id?: unknown;
  detail?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * HTTP (and WebSocket) client of one runtime's action server. Every call is bounded: an action
 * gets its own timeout + 5 s (0.15.0 set none and could hang forever), the rest a few seconds.
 */
export class RuntimeClient {
  readonly apiUrl: string;
  readonly #apiKey: string | undefined;
  readonly #defaultActionTimeout: number;
  readonly #graceMs: number;
  // Keep-alive: an action round trip then costs no TCP handshake (the budget is ~10 ms). Idle
  // sockets are dropped after 4 s, before Node servers' 5 s keep-alive timeout closes them under
  // a request that is just being sent.
  readonly #agent = new http.Agent({keepAlive: true, maxSockets: 8, timeout: 4000});

  constructor(options: RuntimeClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    this.#defaultActionTimeout = options.defaultActionTimeout;
    this.#graceMs = options.graceMs ?? 5000;
  }

  /** True when GET /alive answers 200 within `timeoutMs`. Never throws. */
  async alive(timeoutMs = 2000): Promise<boolean> {
    try {
      const response = await httpRequest({url: `${this.apiUrl}/alive`, timeoutMs, agent: this.#agent});
      return response.status === 200;
    } catch {
      return false;
    }
  }

  /** Closes idle keep-alive connections (they never hold the process open). */
  dispose(): void {
    this.#agent.destroy();
  }

  /** Seconds the action itself may run. */
  actionTimeout(action: Action): number {
    return action.timeout ?? this.#defaultActionTimeout;
  }

  actionTimeoutMs(action: Action): number {
    return this.actionTimeout(action) * 1000 + this.#graceMs;
  }

  /** POST /execute_action: runs one action to completion and returns its observation. */
  async executeAction(action: Action, options: {signal?: AbortSignal} = {}): Promise<Observation> {
    const timeoutMs = this.actionTimeoutMs(action);
    return (await this.#request(
      'POST',
      '/execute_action',
      {action},
      timeoutMs,
      options.signal,
      () => `Runtime failed to return execute_action before the requested timeout of ${this.actionTimeout(action)}s`,
    )) as unknown as Observation;
  }

  serverInfo(): Promise<Record<string, unknown>> {
    return this.#request('GET', '/server_info', undefined, 10_000) as Promise<Record<string, unknown>>;
  }

  /** POST /list_files: names in `path` (the working dir when omitted), directories first with a `/`. */
  async listFiles(path?: string): Promise<string[]> {
    const body = path === undefined ? {} : {path};
    const result = await this.#request('POST', '/list_files', body, 10_000);
    if (!Array.isArray(result)) throw new RuntimeRequestError(`list_files answered ${JSON.stringify(result)}, not a list`, 'protocol');
    return result as string[];
  }

  /** GET /vscode/connection_token: null when the runtime has no VS Code. */
  async vscodeToken(): Promise<string | null> {
    const result = (await this.#request('GET', '/vscode/connection_token', undefined, 10_000)) as {token?: unknown};
    return typeof result?.token === 'string' ? result.token : null;
  }

  /**
   * Runs an action over the WebSocket stream, handing output to `onChunk` as the shell produces it,
   * and resolves with the final observation. `interrupt` aborting sends SIGINT to the command (the
   * observation still arrives, exit 130). A server without the stream (OpenHands' own) gets a plain
   * /execute_action, and its whole output arrives as one chunk at the end.
   */
  async runStreaming(action: Action, onChunk: StreamChunkHandler, options: StreamOptions = {}): Promise<Observation> {
    // Loaded on first use: attaching to a runtime need not pay for it.
    const {default: WebSocketClient} = await import('ws');
    return new Promise<Observation>((resolve, reject) => {
      const requestId = randomUUID();
      const socket = new WebSocketClient(`${this.apiUrl.replace(/^http/, 'ws')}${streamPath}`, {
        headers: this.#headers(),
        perMessageDeflate: false,
      });
      let done = false;
      const settle = (outcome: {error: Error} | {observation: Observation} | {fallback: true}) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        options.interrupt?.removeEventListener('abort', onInterrupt);
        socket.removeAllListeners();
        socket.on('error', () => {});
        socket.terminate();
        if ('error' in outcome) reject(outcome.error);
        else if ('observation' in outcome) resolve(outcome.observation);
        else {
          this.executeAction(action).then((observation) => {
            if (observation.content) onChunk(observation.content);
            resolve(observation);
          }, reject);
        }
      };
      const timer = setTimeout(
        () =>
          settle({
            error: new RuntimeRequestError(
              `Runtime failed to return ${action.action} before the requested timeout of ${this.actionTimeout(action)}s`,
              'timeout',
            ),
          }),
        this.actionTimeoutMs(action),
      );
      const onInterrupt = () => {
        if (socket.readyState === WebSocketClient.OPEN) socket.send(JSON.stringify({type: 'interrupt'}));
      };
      options.interrupt?.addEventListener('abort', onInterrupt, {once: true});

      socket.on('unexpected-response', (_request, response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        if (status === 404) return settle({fallback: true});
        const why = status === 401 || status === 403 ? 'the session key was refused' : `HTTP ${status}`;
        settle({error: new RuntimeRequestError(`Runtime at ${this.apiUrl} refused the stream: ${why}`, 'http', status)});
      });
      socket.on('open', () => {
        socket.send(JSON.stringify({type: 'execute', action, request_id: requestId}));
        if (options.interrupt?.aborted) onInterrupt();
      });
      socket.on('message', (data: WebSocket.RawData) => {
        let message: StreamMessage;
        try {
          message = JSON.parse(data.toString()) as StreamMessage;
        } catch (error) {
          settle({
            error: new RuntimeRequestError(
              `Runtime sent a stream message that is not JSON: ${String(data).slice(0, 200)}`,
              'protocol',
              undefined,
              {cause: error},
            ),
          });
          return;
        }
        // Every client sees every action's messages: output only flows while ours runs (the
        // server runs one action at a time); observations and errors carry our request id.
        if (message.type === 'output' && typeof message.data === 'string') onChunk(message.data);
        else if (message.type === 'output_dropped')
          onChunk(`\n[oh-tui: ${message.chars} characters of output were dropped: the client read too slowly]\n`);
        else if (message.type === 'observation' && message.request_id === requestId && isObject(message.observation)) {
          settle({observation: message.observation as unknown as Observation});
        } else if (message.type === 'error' && (message.request_id === requestId || message.request_id === undefined)) {
          settle({
            error: new RuntimeRequestError(
              `Runtime refused the ${action.action}: ${String(message.detail ?? 'unknown error')}`,
              'protocol',
            ),
          });
        }
      });
      socket.on('error', (error) => settle({error: unreachable(this.apiUrl, error)}));
      socket.on('close', () =>
        settle({
          error: new RuntimeRequestError(`Runtime at ${this.apiUrl} closed the stream before the ${action.action} finished`, 'unreachable'),
        }),
      );
    });
  }

  #headers(): Record<string, string> {
    return this.#apiKey === undefined ? {} : {'X-Session-API-Key': this.#apiKey};
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    timeoutMs: number,
    signal?: AbortSignal,
    timeoutMessage?: () => string,
  ): Promise<unknown> {
    let response: HttpResponse;
    try {
      response = await httpRequest({
        url: `${this.apiUrl}${path}`,
        method,
        headers: {...this.#headers(), ...(body === undefined ? {} : {'Content-Type': 'application/json'})},
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs,
        signal,
        agent: this.#agent,
      });
    } catch (error) {
      if (error instanceof HttpTimeoutError) {
        throw new RuntimeRequestError(
          timeoutMessage?.() ?? `Runtime at ${this.apiUrl} did not answer ${method} ${path} within ${timeoutMs / 1000} s`,
          'timeout',
          undefined,
          {cause: error},
        );
      }
      if (signal?.aborted) throw error;
      throw unreachable(this.apiUrl, error);
    }
    let parsed: unknown = response.text;
    try {
      parsed = response.text ? JSON.parse(response.text) : undefined;
    } catch {
      // Not JSON: keep the text for the error message.
    }
    if (response.status < 200 || response.status >= 300) {
      const detail = (parsed as {detail?: unknown} | undefined)?.detail;
      const shown = typeof detail === 'string' ? detail : response.text.slice(0, 500);
      throw new RuntimeRequestError(`Runtime answered ${method} ${path} with HTTP ${response.status}: ${shown}`, 'http', response.status);
    }
    return parsed;
  }
}

function unreachable(apiUrl: string, error: unknown): RuntimeRequestError {
  const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.message ?? String(error);
  return new RuntimeRequestError(`Runtime at ${apiUrl} is unreachable (${reason})`, 'unreachable', undefined, {cause: error});
}
