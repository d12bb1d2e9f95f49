import http from 'node:http';
import {StringDecoder} from 'node:string_decoder';
import {type Action, cmdRunAction, INTERRUPT_COMMAND} from '../events/actions.js';
import {EventFormatError, parseObservation} from '../events/event-json.js';
import type {Observation} from '../events/observations.js';
import {sleep} from '../lib/sleep.js';
import {httpRequest, HttpTimeoutError, type HttpResponse} from './http.js';
import {Interrupter} from './interrupter.js';
import {LiveConnection, type LiveEvent} from './live-connection.js';
import {RuntimeProtocolError, RuntimeRequestError, unreachable} from './runtime-errors.js';

export interface RuntimeClientOptions {
  apiUrl: string;
  /** The container's SESSION_API_KEY; undefined for a container that has none (OpenHands-made). */
  apiKey: string | undefined;
  /** Seconds an action may take when it names no timeout ([sandbox] timeout). */
  defaultActionTimeout: number;
  /** Time allowed on top of an action's own timeout for the server to answer; 5 s as 0.15.2. */
  graceMs?: number;
}

/** Output text of one command, decoded from the pty's UTF-8 bytes (a character is never split). */
export type StreamChunkHandler = (text: string) => void;

export interface StreamOptions {
  /** When aborted, the running command gets SIGINT. */
  interrupt?: AbortSignal;
  /** Each press sends SIGINT again (a second Ctrl+C for a program that ignored the first). */
  interrupter?: Interrupter;
}

/**
 * Client of one runtime's action server: HTTP for the 0.15 protocol, and one WebSocket (/stream)
 * for live output, shared by all requests. Every call is bounded: an action gets its own timeout +
 * 5 s (0.15.0 set none and could hang forever), the rest a few seconds.
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
  readonly #listeners = new Set<(event: LiveEvent) => void>();
  #connection: LiveConnection | undefined;
  #opening: Promise<LiveConnection | 'no-stream'> | undefined;
  /** The server answered the upgrade with 404: it has no /stream (it never will). */
  #noStream = false;
  #disposed = false;
  #reconnect: NodeJS.Timeout | undefined;

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

  /** Closes the live connection and idle keep-alive connections (neither holds the process open). */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#reconnect);
    this.#listeners.clear();
    this.#connection?.close();
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
    const answer = await this.#request(
      'POST',
      '/execute_action',
      {action},
      timeoutMs,
      options.signal,
      () => `Runtime failed to return execute_action before the requested timeout of ${this.actionTimeout(action)}s`,
    );
    try {
      return parseObservation(answer);
    } catch (error) {
      if (!(error instanceof EventFormatError)) throw error;
      throw new RuntimeProtocolError(
        `Runtime at ${this.apiUrl} answered execute_action with something that is not an observation (${error.message}): ${JSON.stringify(answer)?.slice(0, 200)}`,
        {cause: error},
      );
    }
  }

  serverInfo(): Promise<Record<string, unknown>> {
    return this.#request('GET', '/server_info', undefined, 10_000) as Promise<Record<string, unknown>>;
  }

  /** POST /list_files: names in `path` (the working dir when omitted), directories first with a `/`. */
  async listFiles(path?: string): Promise<string[]> {
    const body = path === undefined ? {} : {path};
    const result = await this.#request('POST', '/list_files', body, 10_000);
    if (!Array.isArray(result))
      throw new RuntimeProtocolError(`Runtime at ${this.apiUrl} answered list_files with ${JSON.stringify(result)}, not a list`);
    return result as string[];
  }

  /** GET /vscode/connection_token: null when the runtime has no VS Code. */
  async vscodeToken(): Promise<string | null> {
    const result = (await this.#request('GET', '/vscode/connection_token', undefined, 10_000)) as {token?: unknown};
    return typeof result?.token === 'string' ? result.token : null;
  }

  /**
   * Runs an action over the session's live connection, handing its output to `onChunk` as the shell
   * produces it, and resolves with the final observation. `interrupt` aborting sends SIGINT to the
   * command (the observation still arrives, exit 130). A server without the stream (one OpenHands
   * made) gets a plain /execute_action: the whole output arrives as one chunk at the end, and the
   * interrupt is a concurrent `ctrl+c` run action (see #interruptOverHttp).
   */
  async runStreaming(action: Action, onChunk: StreamChunkHandler, options: StreamOptions = {}): Promise<Observation> {
    const live = await this.#live();
    if (!live) return this.#runOverHttp(action, onChunk, options);
    const decoder = new StringDecoder('utf8');
    const request = live.execute(action, {
      onOutput: (bytes) => {
        const text = decoder.write(bytes);
        if (text) onChunk(text);
      },
      onDropped: (bytes) => onChunk(`\n[oh-tui: ${bytes} bytes of output were dropped: the client read too slowly]\n`),
    });
    const stopListening = listenForInterrupts(options, () => live.interrupt(request.id));
    const timer = setTimeout(() => live.forget(request.id, this.#timeoutError(action)), this.actionTimeoutMs(action));
    try {
      const observation = await request.observation;
      const rest = decoder.end();
      if (rest) onChunk(rest);
      return observation;
    } finally {
      clearTimeout(timer);
      stopListening();
    }
  }

  /**
   * Hears every action of the session as it runs, whoever started it (another client, the agent
   * over HTTP): `started`, output bytes, `observation`, and `closed` when the connection drops;
   * while anyone listens, a dropped connection is opened again every second. Returns the
   * unsubscribe. A runtime without the stream has nothing to tell.
   */
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.#listeners.add(listener);
    this.#keepLive();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Raw keys into the terminal of the running command (needs the stream; false without it). */
  async typeInput(data: string): Promise<boolean> {
    const live = await this.#live();
    live?.input(data);
    return live !== undefined;
  }

  async #runOverHttp(action: Action, onChunk: StreamChunkHandler, options: StreamOptions): Promise<Observation> {
    let done = false;
    const pending = this.executeAction(action);
    const stopListening = listenForInterrupts(options, () => void this.#interruptOverHttp(() => done));
    try {
      const observation = await pending;
      if (observation.content) onChunk(observation.content);
      return observation;
    } finally {
      done = true;
      stopListening();
    }
  }

  /**
   * 0.15's way to stop a command over plain HTTP: a `ctrl+c` run action. Our server takes it at
   * once, beside the running action; OpenHands' own server runs it only after the running action
   * (one action at a time), where it does no harm. It is sent again while the action goes on, for
   * the case where it overtook the action on the way to the server and met an idle shell.
   */
  async #interruptOverHttp(done: () => boolean): Promise<void> {
    for (let attempt = 0; attempt < 3 && !done(); attempt++) {
      if (attempt > 0) await sleep(500);
      if (done()) return;
      try {
        await this.executeAction(cmdRunAction(INTERRUPT_COMMAND, {timeout: 10}));
      } catch {
        // The action's own request reports a runtime that is gone.
        return;
      }
    }
  }

  /** The live connection, opened on first use and again after it dropped; undefined without /stream. */
  async #live(): Promise<LiveConnection | undefined> {
    if (this.#noStream || this.#disposed) return undefined;
    if (this.#connection && !this.#connection.closed) return this.#connection;
    this.#opening ??= LiveConnection.open({
      apiUrl: this.apiUrl,
      headers: this.#headers(),
      onEvent: (event) => this.#onLiveEvent(event),
    }).finally(() => {
      this.#opening = undefined;
    });
    const opened = await this.#opening;
    if (opened === 'no-stream') {
      this.#noStream = true;
      return undefined;
    }
    if (this.#disposed) {
      opened.close();
      return undefined;
    }
    this.#connection = opened;
    return opened;
  }

  #onLiveEvent(event: LiveEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
    if (event.type === 'closed') this.#keepLive(1000);
  }

  /** Opens the connection for listeners, now or after `delayMs`; a failure is told to them as `closed`. */
  #keepLive(delayMs = 0): void {
    if (this.#listeners.size === 0 || this.#disposed || this.#reconnect) return;
    this.#reconnect = setTimeout(() => {
      this.#reconnect = undefined;
      if (this.#listeners.size === 0) return;
      this.#live().catch((error: Error) => this.#onLiveEvent({type: 'closed', error}));
    }, delayMs);
    this.#reconnect.unref();
  }

  #timeoutError(action: Action): RuntimeRequestError {
    return new RuntimeRequestError(
      `Runtime failed to return ${action.action} before the requested timeout of ${this.actionTimeout(action)}s`,
      'timeout',
    );
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

/**
 * Calls `interrupt` on each press of the options' interrupter and on the abort of their signal
 * (at once for presses and an abort that came before); returns the unsubscribe.
 */
function listenForInterrupts(options: StreamOptions, interrupt: () => void): () => void {
  const interrupter = options.interrupter ?? new Interrupter();
  const stopListening = interrupter.listen(interrupt);
  const stopFollowing = options.interrupt ? interrupter.follow(options.interrupt) : () => {};
  if (options.interrupter && options.interrupter.presses > 0) interrupt();
  return () => {
    stopListening();
    stopFollowing();
  };
}
