import type {ModelMessage} from 'ai';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {isModelCallAborted} from '../../../../source/agent/llm/abort-error.js';
import {createModelClient} from '../../../../source/agent/llm/create-model-client.js';
import {ContextWindowExceededError, ModelCallError, type ModelRequest, type ToolSpec} from '../../../../source/agent/model-client.js';
import type {LlmConfig} from '../../../../source/config/types.js';
import {llmConfig} from '../../../helpers/llm-config.js';
import {type ScriptedLlmServer, type ScriptedTurn, startScriptedLlmServer} from '../../../helpers/scripted-llm-server.js';

const KEY = 'sk-test-9f8e7d6c5b4a3210-secret';

const BASH: ToolSpec = {
  name: 'execute_bash',
  description: 'Run a command in the shell.',
  parameters: {
    type: 'object',
    properties: {command: {type: 'string', description: 'The command.'}, timeout: {type: 'number'}},
    required: ['command'],
  },
};

const messages: ModelMessage[] = [{role: 'user', content: 'List the files.'}];
const request: ModelRequest = {system: 'You are a careful agent. The workspace is /workspace.', messages, tools: [BASH]};

let server: ScriptedLlmServer;

beforeEach(async () => {
  server = await startScriptedLlmServer();
});
afterEach(async () => {
  await server.close();
});

/** A client of the scripted server through the OpenAI-compatible path, with fast retries. */
function client(changes: Partial<LlmConfig> = {}, script: ScriptedTurn[] = []) {
  server.push(...script);
  return createModelClient(
    llmConfig({model: 'openai/scripted-model', base_url: server.url, api_key: KEY, retry_min_wait: 0, retry_max_wait: 0, ...changes}),
    {env: {}},
  );
}

const signal = () => new AbortController().signal;

describe('the model client against a chat-completions server', () => {
  it('streams the text in deltas and returns the whole turn with usage and the response id', async () => {
    const deltas: string[] = [];
    const model = client({}, [{text: 'Hello there, I will list the files.', chunkSize: 5, usage: {inputTokens: 120, outputTokens: 9}}]);
    const turn = await model.complete(request, {signal: signal(), onTextDelta: (delta) => deltas.push(delta)});
    expect(turn.text).toBe('Hello there, I will list the files.');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(turn.text);
    expect(turn.toolCalls).toEqual([]);
    expect(turn.finishReason).toBe('stop');
    expect(turn.usage).toEqual({inputTokens: 120, outputTokens: 9, cacheReadTokens: 0, cacheWriteTokens: 0});
    expect(turn.response).toEqual({id: 'chatcmpl-1', model: 'scripted-model'});
    expect(model.model).toBe('openai/scripted-model');
  });

  it('sends the system prompt, the messages, the tools as JSON Schema, the sampling settings and the key', async () => {
    const model = client({temperature: 0.3, top_p: 0.9, max_output_tokens: 777}, [{text: 'ok'}]);
    await model.complete(request, {signal: signal()});
    const [sent] = server.requests;
    expect(sent!.path).toBe('/v1/chat/completions');
    expect(sent!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent!.body).toMatchObject({
      model: 'scripted-model',
      stream: true,
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 777,
      messages: [
        {role: 'system', content: request.system},
        {role: 'user', content: 'List the files.'},
      ],
      tools: [{type: 'function', function: {name: 'execute_bash', description: BASH.description, parameters: BASH.parameters}}],
    });
  });

  it('gathers tool calls streamed in pieces, with their raw arguments', async () => {
    const args = '{"command": "ls -la /workspace", "timeout": 30}';
    const model = client({}, [{text: 'Looking.', toolCalls: [{id: 'call_a', name: 'execute_bash', arguments: args}], chunkSize: 3}]);
    const turn = await model.complete(request, {signal: signal()});
    expect(turn.finishReason).toBe('tool-calls');
    expect(turn.toolCalls).toEqual([
      {id: 'call_a', name: 'execute_bash', input: {command: 'ls -la /workspace', timeout: 30}, rawInput: args},
    ]);
  });

  it.each([
    ['bad JSON', {name: 'execute_bash', arguments: '{"command": "ls'}, /json|parse/i],
    ['an unknown tool', {name: 'browse_web', arguments: '{"url": "x"}'}, /browse_web/],
    ['arguments not matching the schema', {name: 'execute_bash', arguments: '{"command": 42}'}, /command/],
    ['a missing argument', {name: 'execute_bash', arguments: '{"timeout": 5}'}, /command/],
  ])('reports a call with %s as invalid and keeps its raw text', async (_what, call, why) => {
    const model = client({}, [{toolCalls: [{id: 'call_bad', ...call}]}]);
    const turn = await model.complete(request, {signal: signal()});
    expect(turn.toolCalls).toHaveLength(1);
    const [got] = turn.toolCalls;
    expect(got).toMatchObject({id: 'call_bad', name: call.name, input: undefined, rawInput: call.arguments});
    expect(got!.invalid).toMatch(why);
  });

  it('retries a 429, waiting what Retry-After asks (capped by retry_max_wait), and reports the retry', async () => {
    const retries: Array<{attempt: number; waitMs: number; reason: string}> = [];
    const model = client({retry_max_wait: 0.05}, [
      {
        status: 429,
        body: {error: {message: 'Rate limit reached for requests', type: 'rate_limit_exceeded'}},
        headers: {'retry-after': '30'},
      },
      {text: 'finally'},
    ]);
    const turn = await model.complete(request, {signal: signal(), onRetry: (info) => retries.push(info)});
    expect(turn.text).toBe('finally');
    expect(retries).toEqual([{attempt: 1, waitMs: 50, reason: 'HTTP 429: Rate limit reached for requests'}]);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up on a 500 after num_retries retries with a ModelCallError naming the status and message', async () => {
    const error500: ScriptedTurn = {status: 500, body: {error: {message: 'The server had an error', type: 'server_error'}}};
    const retries: number[] = [];
    const model = client({num_retries: 2}, [error500, error500, error500, {text: 'never reached'}]);
    const failure = await model
      .complete(request, {signal: signal(), onRetry: ({attempt}) => retries.push(attempt)})
      .catch((error) => error);
    expect(failure).toBeInstanceOf(ModelCallError);
    expect(failure.status).toBe(500);
    expect(failure.message).toBe('LLM call to openai/scripted-model failed: HTTP 500: The server had an error (gave up after 2 retries)');
    expect(retries).toEqual([1, 2]);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 400 other than 429', async () => {
    const model = client({}, [{status: 400, body: {error: {message: "Invalid value for 'temperature'", type: 'invalid_request_error'}}}]);
    const failure = await model.complete(request, {signal: signal()}).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelCallError);
    expect(failure.message).toBe("LLM call to openai/scripted-model failed: HTTP 400: Invalid value for 'temperature'");
    expect(server.requests).toHaveLength(1);
  });

  it('retries a connection that is refused, then gives up with a ModelCallError', async () => {
    const closed = await startScriptedLlmServer();
    const url = closed.url;
    await closed.close();
    const retries: number[] = [];
    const model = createModelClient(llmConfig({model: 'openai/x', base_url: url, num_retries: 1, retry_min_wait: 0}), {env: {}});
    const failure = await model
      .complete(request, {signal: signal(), onRetry: ({attempt}) => retries.push(attempt)})
      .catch((error) => error);
    expect(failure).toBeInstanceOf(ModelCallError);
    expect(failure.message).toMatch(/^LLM call to openai\/x failed: .*(connect|ECONNREFUSED).*\(gave up after 1 retry\)$/);
    expect(retries).toEqual([1]);
  });

  it.each([
    [
      'OpenAI context_length_exceeded',
      {
        error: {
          message: "This model's maximum context length is 8192 tokens.",
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
        },
      },
    ],
    ['a "prompt is too long" message', {error: {message: 'prompt is too long: 210000 tokens > 200000 maximum'}}],
    ['a "too many tokens" message', {error: {message: 'Too many tokens in the request'}}],
  ])('throws ContextWindowExceededError for %s, without retrying', async (_what, body) => {
    const model = client({}, [{status: 400, body}]);
    const failure = await model.complete(request, {signal: signal()}).catch((error) => error);
    expect(failure).toBeInstanceOf(ContextWindowExceededError);
    expect(failure.message).toBe(body.error.message);
    expect(server.requests).toHaveLength(1);
  });

  it('stops mid-stream when the signal aborts, with an abort error the caller can tell apart', async () => {
    const controller = new AbortController();
    const deltas: string[] = [];
    const model = client({}, [{text: 'a long answer that keeps coming', chunkSize: 2, hang: true}]);
    const pending = model.complete(request, {
      signal: controller.signal,
      onTextDelta: (delta) => {
        deltas.push(delta);
        if (deltas.length === 3) controller.abort();
      },
    });
    const failure = await pending.catch((error) => error);
    expect(isModelCallAborted(failure)).toBe(true);
    expect(failure.name).toBe('AbortError');
    expect(failure).not.toBeInstanceOf(ModelCallError);
    await expect.poll(() => server.requests[0]?.aborted, {timeout: 5000}).toBe(true);
  });

  it('stops a wait between retries when the signal aborts', async () => {
    const controller = new AbortController();
    const model = client({retry_min_wait: 60, retry_max_wait: 60}, [{status: 503, body: {error: {message: 'overloaded'}}}]);
    const pending = model.complete(request, {signal: controller.signal, onRetry: () => controller.abort()});
    const failure = await pending.catch((error) => error);
    expect(isModelCallAborted(failure)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('times out a call that sends nothing for [llm] timeout seconds, and retries it', async () => {
    const model = client({timeout: 0.5, num_retries: 1}, [{hang: true}, {text: 'second try'}]);
    const retries: string[] = [];
    const turn = await model.complete(request, {signal: signal(), onRetry: ({reason}) => retries.push(reason)});
    expect(turn.text).toBe('second try');
    expect(retries).toEqual(['no data for 0.5 s ([llm] timeout)']);
  });

  it('prices the usage from [llm] input/output_cost_per_token', async () => {
    const model = client({input_cost_per_token: 0.000002, output_cost_per_token: 0.00001}, [
      {text: 'ok', usage: {inputTokens: 1000, outputTokens: 100, cacheReadTokens: 400}},
    ]);
    const turn = await model.complete(request, {signal: signal()});
    expect(turn.usage).toEqual({inputTokens: 1000, outputTokens: 100, cacheReadTokens: 400, cacheWriteTokens: 0});
    expect(turn.cost).toBeCloseTo(1000 * 0.000002 + 100 * 0.00001, 12);
  });

  it('has no cost for a model without known prices', async () => {
    const turn = await client({}, [{text: 'ok'}]).complete(request, {signal: signal()});
    expect(turn.cost).toBeUndefined();
  });

  it('never puts the API key into an error message, even when the provider echoes it', async () => {
    const echo = {error: {message: `Incorrect API key provided: ${KEY}. You can find your API key at https://example.invalid.`}};
    const model = client({}, [{status: 401, body: echo}]);
    const failure = await model.complete(request, {signal: signal()}).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelCallError);
    expect(failure.message).toContain('HTTP 401: Incorrect API key provided: ***');
    expect(failure.message).toContain('check [llm] api_key');
    expect(failure.message).not.toContain(KEY);
    expect(String(failure.stack)).not.toContain(KEY);
  });

  it('says so when the script runs out (the scripted server answers 500)', async () => {
    const failure = await client({num_retries: 0})
      .complete(request, {signal: signal()})
      .catch((error) => error);
    expect(failure).toBeInstanceOf(ModelCallError);
    expect(failure.message).toMatch(/the script ran out/);
  });
});

describe('the model client through createOpenAI().chat()', () => {
  it('speaks chat completions (never /responses) to an OpenAI base_url', async () => {
    // The scripted server stands in for api.openai.com: the spec says openai only for OpenAI's host, so
    // build the client for the OpenAI host and send its requests to the scripted server instead.
    server.push({text: 'hi from openai', usage: {inputTokens: 1000, outputTokens: 10, cacheReadTokens: 200}});
    const redirect: typeof fetch = (input, init) => fetch(String(input).replace('https://api.openai.com/v1', server.url), init);
    const model = createModelClient(llmConfig({model: 'openai/gpt-4o-2024-08-06', api_key: KEY}), {env: {}, fetch: redirect});
    const turn = await model.complete(request, {signal: signal()});
    expect(turn.text).toBe('hi from openai');
    expect(server.requests[0]!.path).toBe('/v1/chat/completions');
    expect(turn.usage).toEqual({inputTokens: 1000, outputTokens: 10, cacheReadTokens: 200, cacheWriteTokens: 0});
    // gpt-4o's built-in prices: $2.5/M input, $1.25/M cached input, $10/M output.
    expect(turn.cost).toBeCloseTo((800 * 2.5 + 200 * 1.25 + 10 * 10) / 1e6, 12);
  });
});

describe('the model client and the console', () => {
  it('prints nothing, even for a failed call or a setting the model ignores (the SDK would, behind Ink)', async () => {
    const server = await startScriptedLlmServer([{status: 400, body: {error: {message: 'bad request'}}}, {text: 'ok'}]);
    const printed: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args) => printed.push(args)),
    );
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => printed.push(chunk) > 0);
    try {
      const model = createModelClient(llmConfig({model: 'openai/m', base_url: server.url, num_retries: 0}), {env: {}});
      await expect(model.complete(request, {signal: signal()})).rejects.toBeInstanceOf(ModelCallError);
      // top_k is not an OpenAI-compatible setting: the SDK warns about such things.
      const withSystem = {...request, messages: [{role: 'system', content: 'extra'} as ModelMessage, ...messages]};
      await model.complete(withSystem, {signal: signal()});
    } finally {
      for (const spy of spies) spy.mockRestore();
      stdout.mockRestore();
      await server.close();
    }
    expect(printed).toEqual([]);
  });
});

describe('a connection cut mid-answer', () => {
  it('is not retried once text has been shown, and says so', async () => {
    const server = await startScriptedLlmServer([{text: 'partial answer', breakOff: true}, {text: 'never asked for'}]);
    try {
      const model = createModelClient(llmConfig({model: 'openai/m', base_url: server.url, retry_min_wait: 0}), {env: {}});
      const deltas: string[] = [];
      const failure = await model.complete(request, {signal: signal(), onTextDelta: (delta) => deltas.push(delta)}).catch((error) => error);
      expect(failure).toBeInstanceOf(ModelCallError);
      expect(failure.message).toBe(
        'LLM call to openai/m failed: the connection broke while the answer was read: terminated (not retried: part of the answer had arrived)',
      );
      expect(deltas.join('')).toBe('partial answer');
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('is retried when nothing had arrived yet', async () => {
    const server = await startScriptedLlmServer([{breakOff: true}, {text: 'second try'}]);
    try {
      const model = createModelClient(llmConfig({model: 'openai/m', base_url: server.url, retry_min_wait: 0}), {env: {}});
      const reasons: string[] = [];
      const turn = await model.complete(request, {signal: signal(), onRetry: ({reason}) => reasons.push(reason)});
      expect(turn.text).toBe('second try');
      expect(reasons).toEqual(['the connection broke while the answer was read: terminated']);
    } finally {
      await server.close();
    }
  });
});

describe('an error the provider sends inside the stream', () => {
  it('is retried when it is a server error and nothing had arrived, and ends the call when it is not', async () => {
    const server = await startScriptedLlmServer([
      {streamError: {type: 'server_error', message: 'The server had an error while processing your request'}},
      {text: 'recovered'},
      {streamError: {type: 'invalid_request_error', message: 'Invalid schema for function execute_bash'}},
    ]);
    try {
      const model = createModelClient(llmConfig({model: 'openai/m', base_url: server.url, retry_min_wait: 0}), {env: {}});
      const reasons: string[] = [];
      const turn = await model.complete(request, {signal: signal(), onRetry: ({reason}) => reasons.push(reason)});
      expect(turn.text).toBe('recovered');
      expect(reasons).toEqual(['server_error: The server had an error while processing your request']);
      const failure = await model.complete(request, {signal: signal()}).catch((error) => error);
      expect(failure).toBeInstanceOf(ModelCallError);
      expect(failure.message).toBe('LLM call to openai/m failed: invalid_request_error: Invalid schema for function execute_bash');
    } finally {
      await server.close();
    }
  });
});
