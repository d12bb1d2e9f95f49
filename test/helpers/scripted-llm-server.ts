/**
 * A real HTTP server on 127.0.0.1 that plays an LLM provider from a script: each request takes the
 * next turn and answers it in the protocol it came in (OpenAI chat completions on
 * /v1/chat/completions or /chat/completions, streamed as SSE or not; Anthropic Messages on
 * /v1/messages). It records every request so tests can assert on what the client sent.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';

export interface ScriptedToolCall {
  /** Defaults to `call_<n>`. */
  id?: string;
  name: string;
  /** The arguments exactly as the "model" writes them (a string, so a test can send bad JSON). */
  arguments: string;
}

export interface ScriptedUsage {
  inputTokens: number;
  outputTokens: number;
  /** OpenAI `prompt_tokens_details.cached_tokens`, Anthropic `cache_read_input_tokens`. */
  cacheReadTokens?: number;
  /** Anthropic `cache_creation_input_tokens`. */
  cacheWriteTokens?: number;
}

export interface ScriptedAnswer {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  usage?: ScriptedUsage;
  /** Characters per streamed text piece (and per argument piece); default 4. */
  chunkSize?: number;
  /** Wait between streamed chunks, for streaming and Ctrl+C tests. */
  chunkDelayMs?: number;
  /** Stream what there is, then never finish until the client goes away. */
  hang?: boolean;
  /** Stream what there is, then cut the connection (a network failure mid-answer). */
  breakOff?: boolean;
  /** Stream what there is, then an error event in the stream instead of the end (status stays 200). */
  streamError?: {type: string; message: string; code?: string};
  /** The model name reported back; default the requested one. */
  model?: string;
}

export interface ScriptedError {
  status: number;
  /** Sent as JSON unless a string. */
  body: unknown;
  headers?: Record<string, string>;
}

export type ScriptedTurn = ScriptedAnswer | ScriptedError;

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the provider's JSON as it is, field by field
  body: any;
  /** True once the client closed the connection before the answer ended. */
  aborted: boolean;
  /** Streamed frames written so far (to act once a part of an answer is out, e.g. stop it mid-stream); unset before the first. */
  framesSent?: number;
  /** performance.now() when the request's headers arrived (for the agent-step bench). */
  arrivedAt: number;
  /** performance.now() when the answer's last byte was handed to the socket; undefined until then. */
  answeredAt?: number;
}

export interface ScriptedLlmServer {
  /** `http://127.0.0.1:<port>/v1`: the base URL for an OpenAI-compatible or Anthropic client. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Adds turns to the end of the script. */
  push(...turns: ScriptedTurn[]): void;
  /** Turns not yet played. */
  readonly remaining: number;
  /** Resolves when `count` requests have arrived; rejects after `timeoutMs` naming what did. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out;
}

function isError(turn: ScriptedTurn): turn is ScriptedError {
  return 'status' in turn;
}

interface Exchange {
  response: http.ServerResponse;
  record: RecordedRequest;
  /** Resolves when the client goes away. */
  gone: Promise<void>;
}

/** Writes one SSE frame unless the client is gone; false when it is. */
function send(exchange: Exchange, frame: string): boolean {
  if (exchange.record.aborted || exchange.response.destroyed) return false;
  exchange.response.write(frame);
  exchange.record.framesSent = (exchange.record.framesSent ?? 0) + 1;
  return true;
}

async function pause(exchange: Exchange, ms: number | undefined): Promise<void> {
  if (ms) await Promise.race([sleep(ms), exchange.gone]);
}

async function finishOrHang(exchange: Exchange, turn: ScriptedAnswer, last: string[]): Promise<void> {
  if (turn.hang) {
    await exchange.gone;
    return;
  }
  if (turn.breakOff) {
    // Let what was written reach the client, then close the socket mid-body (FIN, no final chunk).
    await new Promise((resolve) => exchange.response.write('', resolve));
    exchange.response.socket?.end();
    return;
  }
  for (const frame of last) {
    await pause(exchange, turn.chunkDelayMs);
    if (!send(exchange, frame)) return;
  }
  exchange.response.end();
}

// ---- OpenAI chat completions ----

function openAiUsage(usage: ScriptedUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: {cached_tokens: usage.cacheReadTokens ?? 0},
  };
}

async function answerOpenAi(exchange: Exchange, turn: ScriptedAnswer, index: number): Promise<void> {
  const body = exchange.record.body ?? {};
  const id = `chatcmpl-${index}`;
  const model = turn.model ?? body.model ?? 'scripted';
  const created = Math.floor(Date.now() / 1000);
  const toolCalls = (turn.toolCalls ?? []).map((call, n) => ({...call, id: call.id ?? `call_${index}_${n}`}));
  const finishReason = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  const usage = turn.usage ?? {inputTokens: 10, outputTokens: 5};
  if (body.stream !== true) {
    exchange.response.writeHead(200, {'content-type': 'application/json'});
    exchange.response.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: turn.text ?? null,
              ...(toolCalls.length > 0 && {
                tool_calls: toolCalls.map((call) => ({
                  type: 'function',
                  id: call.id,
                  function: {name: call.name, arguments: call.arguments},
                })),
              }),
            },
            finish_reason: finishReason,
          },
        ],
        usage: openAiUsage(usage),
      }),
    );
    return;
  }
  exchange.response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'});
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({id, object: 'chat.completion.chunk', created, model, choices: [{index: 0, delta, finish_reason: finish}]})}\n\n`;
  const size = turn.chunkSize ?? 4;
  const frames: string[] = [chunk({role: 'assistant', content: ''})];
  for (const piece of pieces(turn.text ?? '', size)) frames.push(chunk({content: piece}));
  toolCalls.forEach((call, n) => {
    frames.push(chunk({tool_calls: [{index: n, id: call.id, type: 'function', function: {name: call.name, arguments: ''}}]}));
    for (const piece of pieces(call.arguments, size)) frames.push(chunk({tool_calls: [{index: n, function: {arguments: piece}}]}));
  });
  for (const frame of frames) {
    if (!send(exchange, frame)) return;
    await pause(exchange, turn.chunkDelayMs);
  }
  if (turn.streamError) {
    await finishOrHang(exchange, turn, [`data: ${JSON.stringify({error: turn.streamError})}\n\n`]);
    return;
  }
  const last = [chunk({}, finishReason)];
  if (body.stream_options?.include_usage) {
    last.push(`data: ${JSON.stringify({id, object: 'chat.completion.chunk', created, model, choices: [], usage: openAiUsage(usage)})}\n\n`);
  }
  last.push('data: [DONE]\n\n');
  await finishOrHang(exchange, turn, last);
}

// ---- Anthropic Messages ----

async function answerAnthropic(exchange: Exchange, turn: ScriptedAnswer, index: number): Promise<void> {
  const body = exchange.record.body ?? {};
  const id = `msg_${index}`;
  const model = turn.model ?? body.model ?? 'scripted';
  const toolCalls = (turn.toolCalls ?? []).map((call, n) => ({...call, id: call.id ?? `toolu_${index}_${n}`}));
  const stopReason = toolCalls.length > 0 ? 'tool_use' : 'end_turn';
  const usage = turn.usage ?? {inputTokens: 10, outputTokens: 5};
  const inputUsage = {
    input_tokens: usage.inputTokens - (usage.cacheReadTokens ?? 0) - (usage.cacheWriteTokens ?? 0),
    cache_read_input_tokens: usage.cacheReadTokens ?? 0,
    cache_creation_input_tokens: usage.cacheWriteTokens ?? 0,
  };
  if (body.stream !== true) {
    const content = [
      ...(turn.text ? [{type: 'text', text: turn.text}] : []),
      ...toolCalls.map((call) => ({type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.arguments)})),
    ];
    exchange.response.writeHead(200, {'content-type': 'application/json'});
    exchange.response.end(
      JSON.stringify({
        id,
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: stopReason,
        stop_sequence: null,
        usage: {...inputUsage, output_tokens: usage.outputTokens},
      }),
    );
    return;
  }
  exchange.response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'});
  const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({type, ...data})}\n\n`;
  const size = turn.chunkSize ?? 4;
  const frames: string[] = [
    event('message_start', {
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {...inputUsage, output_tokens: 1},
      },
    }),
  ];
  let block = 0;
  if (turn.text) {
    frames.push(event('content_block_start', {index: block, content_block: {type: 'text', text: ''}}));
    for (const piece of pieces(turn.text, size))
      frames.push(event('content_block_delta', {index: block, delta: {type: 'text_delta', text: piece}}));
    frames.push(event('content_block_stop', {index: block}));
    block += 1;
  }
  for (const call of toolCalls) {
    frames.push(event('content_block_start', {index: block, content_block: {type: 'tool_use', id: call.id, name: call.name, input: {}}}));
    for (const piece of pieces(call.arguments, size)) {
      frames.push(event('content_block_delta', {index: block, delta: {type: 'input_json_delta', partial_json: piece}}));
    }
    frames.push(event('content_block_stop', {index: block}));
    block += 1;
  }
  for (const frame of frames) {
    if (!send(exchange, frame)) return;
    await pause(exchange, turn.chunkDelayMs);
  }
  if (turn.streamError) {
    await finishOrHang(exchange, turn, [event('error', {error: {type: turn.streamError.type, message: turn.streamError.message}})]);
    return;
  }
  await finishOrHang(exchange, turn, [
    event('message_delta', {delta: {stop_reason: stopReason, stop_sequence: null}, usage: {output_tokens: usage.outputTokens}}),
    event('message_stop', {}),
  ]);
}

function answerError(exchange: Exchange, turn: ScriptedError): void {
  const text = typeof turn.body === 'string' ? turn.body : JSON.stringify(turn.body);
  exchange.response.writeHead(turn.status, {'content-type': 'application/json', ...turn.headers});
  exchange.response.end(text);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startScriptedLlmServer(script: ScriptedTurn[] = []): Promise<ScriptedLlmServer> {
  const turns = [...script];
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  let played = 0;

  const server = http.createServer(async (request, response) => {
    const arrivedAt = performance.now();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(request);
    const record: RecordedRequest = {path: url.pathname, headers: request.headers, body: parseJson(text), aborted: false, arrivedAt};
    response.on('finish', () => {
      record.answeredAt = performance.now();
    });
    requests.push(record);
    for (const wake of waiters) wake();
    const gone = new Promise<void>((resolve) =>
      response.on('close', () => {
        if (!response.writableFinished) record.aborted = true;
        resolve();
      }),
    );
    const exchange: Exchange = {response, record, gone};
    const openAi = request.method === 'POST' && /^(\/v1)?\/chat\/completions$/.test(url.pathname);
    const anthropic = request.method === 'POST' && /^(\/v1)?\/messages$/.test(url.pathname);
    if (!openAi && !anthropic) {
      answerError(exchange, {status: 404, body: {error: {message: `scripted LLM server: no route ${request.method} ${url.pathname}`}}});
      return;
    }
    const turn = turns.shift();
    played += 1;
    if (turn === undefined) {
      const message = `scripted LLM server: the script ran out (request ${requests.length}, after ${played - 1} scripted turns)`;
      answerError(exchange, {status: 500, body: {error: {message, type: 'server_error'}}});
      return;
    }
    if (isError(turn)) answerError(exchange, turn);
    else if (openAi) await answerOpenAi(exchange, turn, played);
    else await answerAnthropic(exchange, turn, played);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    push: (...more) => turns.push(...more),
    get remaining() {
      return turns.length;
    },
    waitForRequests(count, timeoutMs = 10_000) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`scripted LLM server: waited ${timeoutMs} ms for ${count} requests, got ${requests.length}`));
        }, timeoutMs);
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
