import {afterEach, describe, expect, it} from 'vitest';
import {type ScriptedLlmServer, startScriptedLlmServer} from '../../../helpers/scripted-llm-server.js';

let server: ScriptedLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read the answer's JSON field by field
async function post(path: string, body: unknown): Promise<{status: number; json: any; headers: Headers}> {
  const response = await fetch(`${new URL(server!.url).origin}${path}`, {
    method: 'POST',
    headers: {'content-type': 'application/json', authorization: 'Bearer k'},
    body: JSON.stringify(body),
  });
  return {status: response.status, json: await response.json(), headers: response.headers};
}

describe('the scripted LLM server', () => {
  it('answers a non-streamed chat completion with text, tool calls and usage, and records the request', async () => {
    server = await startScriptedLlmServer([
      {text: 'hi', toolCalls: [{id: 'c1', name: 'think', arguments: '{"thought":"x"}'}], usage: {inputTokens: 7, outputTokens: 3}},
    ]);
    const {status, json} = await post('/chat/completions', {model: 'm', messages: [{role: 'user', content: 'q'}]});
    expect(status).toBe(200);
    expect(json.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: 'hi',
        tool_calls: [{type: 'function', id: 'c1', function: {name: 'think', arguments: '{"thought":"x"}'}}],
      },
      finish_reason: 'tool_calls',
    });
    expect(json.usage).toMatchObject({prompt_tokens: 7, completion_tokens: 3, total_tokens: 10});
    expect(server.requests).toEqual([
      {
        path: '/chat/completions',
        headers: expect.objectContaining({authorization: 'Bearer k'}),
        body: expect.objectContaining({model: 'm'}),
        aborted: false,
        arrivedAt: expect.any(Number),
        answeredAt: expect.any(Number),
      },
    ]);
    expect(server.requests[0]?.answeredAt).toBeGreaterThanOrEqual(server.requests[0]?.arrivedAt ?? Number.POSITIVE_INFINITY);
  });

  it('answers a non-streamed Anthropic message', async () => {
    server = await startScriptedLlmServer([{text: 'hello', usage: {inputTokens: 20, outputTokens: 2, cacheReadTokens: 15}}]);
    const {json} = await post('/messages', {model: 'claude', messages: [{role: 'user', content: 'q'}], max_tokens: 10});
    expect(json).toMatchObject({
      type: 'message',
      content: [{type: 'text', text: 'hello'}],
      stop_reason: 'end_turn',
      usage: {input_tokens: 5, cache_read_input_tokens: 15, output_tokens: 2},
    });
  });

  it('sends a scripted error with its status, body and headers', async () => {
    server = await startScriptedLlmServer([{status: 429, body: {error: {message: 'slow down'}}, headers: {'retry-after': '3'}}]);
    const {status, json, headers} = await post('/v1/chat/completions', {model: 'm', messages: []});
    expect([status, json, headers.get('retry-after')]).toEqual([429, {error: {message: 'slow down'}}, '3']);
  });

  it('answers 500 saying so when the script has run out, and 404 on other paths', async () => {
    server = await startScriptedLlmServer([]);
    const out = await post('/v1/chat/completions', {model: 'm', messages: []});
    expect(out.status).toBe(500);
    expect(out.json.error.message).toMatch(/the script ran out \(request 1, after 0 scripted turns\)/);
    expect((await post('/v1/responses', {})).status).toBe(404);
  });
});
