import type {ModelMessage} from 'ai';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createModelClient} from '../../../../source/agent/llm/create-model-client.js';
import {ContextWindowExceededError, ModelCallError, type ModelRequest, type ToolSpec} from '../../../../source/agent/model-client.js';
import type {LlmConfig} from '../../../../source/config/types.js';
import {llmConfig} from '../../../helpers/llm-config.js';
import {type ScriptedLlmServer, type ScriptedTurn, startScriptedLlmServer} from '../../../helpers/scripted-llm-server.js';

const KEY = 'sk-ant-api03-test-0123456789abcdef';

const THINK: ToolSpec = {
  name: 'think',
  description: 'Write down a thought.',
  parameters: {type: 'object', properties: {thought: {type: 'string'}}, required: ['thought']},
};

const history: ModelMessage[] = [
  {role: 'user', content: 'Create hello.py.'},
  {role: 'assistant', content: [{type: 'tool-call', toolCallId: 'toolu_1', toolName: 'think', input: {thought: 'plan'}}]},
  {role: 'tool', content: [{type: 'tool-result', toolCallId: 'toolu_1', toolName: 'think', output: {type: 'text', value: 'noted'}}]},
];
const request: ModelRequest = {system: 'You are an agent. The workspace is /workspace.', messages: history, tools: [THINK]};

let server: ScriptedLlmServer;
beforeEach(async () => {
  server = await startScriptedLlmServer();
});
afterEach(async () => {
  await server.close();
});

function client(changes: Partial<LlmConfig> = {}, script: ScriptedTurn[] = []) {
  server.push(...script);
  return createModelClient(
    llmConfig({model: 'anthropic/claude-3-5-sonnet-20241022', base_url: server.url, api_key: KEY, retry_min_wait: 0, ...changes}),
    {env: {}},
  );
}

const signal = () => new AbortController().signal;

describe('the model client against an Anthropic Messages server', () => {
  it('streams text and tool calls, and prices cache reads and writes from the built-in table', async () => {
    const deltas: string[] = [];
    const model = client({}, [
      {
        text: 'I will write it.',
        toolCalls: [{id: 'toolu_2', name: 'think', arguments: '{"thought": "write the file"}'}],
        usage: {inputTokens: 5000, outputTokens: 40, cacheReadTokens: 3000, cacheWriteTokens: 1500},
      },
    ]);
    const turn = await model.complete(request, {signal: signal(), onTextDelta: (delta) => deltas.push(delta)});
    expect(deltas.join('')).toBe('I will write it.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(turn.toolCalls).toEqual([
      {id: 'toolu_2', name: 'think', input: {thought: 'write the file'}, rawInput: '{"thought": "write the file"}'},
    ]);
    expect(turn.usage).toEqual({inputTokens: 5000, outputTokens: 40, cacheReadTokens: 3000, cacheWriteTokens: 1500});
    expect(turn.cost).toBeCloseTo((500 * 3 + 3000 * 0.3 + 1500 * 3.75 + 40 * 15) / 1e6, 12);
    expect(turn.response).toEqual({id: 'msg_1', model: 'claude-3-5-sonnet-20241022'});
    expect(server.requests[0]!.path).toBe('/v1/messages');
    expect(server.requests[0]!.headers['x-api-key']).toBe(KEY);
  });

  it('marks the system prompt and the last tool result for prompt caching', async () => {
    await client({}, [{text: 'ok'}]).complete(request, {signal: signal()});
    const body = server.requests[0]!.body;
    expect(body.system).toEqual([{type: 'text', text: request.system, cache_control: {type: 'ephemeral'}}]);
    const blocks = body.messages.flatMap((message: {content: Array<Record<string, unknown>>}) => message.content);
    const marked = blocks.filter((block: Record<string, unknown>) => block.cache_control !== undefined);
    expect(marked).toEqual([expect.objectContaining({type: 'tool_result', tool_use_id: 'toolu_1', cache_control: {type: 'ephemeral'}})]);
  });

  it('marks nothing with caching_prompt = false', async () => {
    await client({caching_prompt: false}, [{text: 'ok'}]).complete(request, {signal: signal()});
    expect(JSON.stringify(server.requests[0]!.body)).not.toContain('cache_control');
  });

  it('retries an overloaded (529) answer and maps "prompt is too long" to ContextWindowExceededError', async () => {
    const overloaded: ScriptedTurn = {status: 529, body: {type: 'error', error: {type: 'overloaded_error', message: 'Overloaded'}}};
    const tooLong: ScriptedTurn = {
      status: 400,
      body: {type: 'error', error: {type: 'invalid_request_error', message: 'prompt is too long: 212000 tokens > 200000 maximum'}},
    };
    const reasons: string[] = [];
    const failure = await client({}, [overloaded, tooLong])
      .complete(request, {signal: signal(), onRetry: ({reason}) => reasons.push(reason)})
      .catch((error) => error);
    expect(reasons).toEqual(['HTTP 529: Overloaded']);
    expect(failure).toBeInstanceOf(ContextWindowExceededError);
    expect(failure.message).toBe('prompt is too long: 212000 tokens > 200000 maximum');
  });

  it('reports a tool call with bad JSON as invalid', async () => {
    const turn = await client({}, [{toolCalls: [{id: 'toolu_3', name: 'think', arguments: '{"thought": '}]}]).complete(request, {
      signal: signal(),
    });
    expect(turn.toolCalls).toHaveLength(1);
    expect(turn.toolCalls[0]).toMatchObject({id: 'toolu_3', name: 'think', input: undefined, rawInput: '{"thought": '});
    expect(turn.toolCalls[0]!.invalid).toBeTruthy();
  });

  it('keeps the key out of a 401 error', async () => {
    const body = {type: 'error', error: {type: 'authentication_error', message: `invalid x-api-key ${KEY}`}};
    const failure = await client({}, [{status: 401, body}])
      .complete(request, {signal: signal()})
      .catch((error) => error);
    expect(failure).toBeInstanceOf(ModelCallError);
    expect(failure.message).toBe(
      'LLM call to anthropic/claude-3-5-sonnet-20241022 failed: HTTP 401: invalid x-api-key ***; check [llm] api_key',
    );
  });
});

describe('an Anthropic stream that fails', () => {
  it('retries an overloaded error sent in the stream before any text, and stops on Ctrl+C mid-answer', async () => {
    const retries: string[] = [];
    const model = client({}, [
      {streamError: {type: 'overloaded_error', message: 'Overloaded'}},
      {text: 'a slow answer that never ends', chunkSize: 3, hang: true},
    ]);
    const controller = new AbortController();
    const failure = await model
      .complete(request, {
        signal: controller.signal,
        onRetry: ({reason}) => retries.push(reason),
        onTextDelta: () => controller.abort(),
      })
      .catch((error) => error);
    expect(retries).toEqual(['overloaded_error: Overloaded']);
    expect(failure.name).toBe('AbortError');
    await expect.poll(() => server.requests[1]?.aborted, {timeout: 5000}).toBe(true);
  });
});
