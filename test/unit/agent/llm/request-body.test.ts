import type {ModelMessage} from 'ai';
import {describe, expect, it} from 'vitest';
import {createModelClient} from '../../../../source/agent/llm/create-model-client.js';
import {createLanguageModel} from '../../../../source/agent/llm/language-model.js';
import {resolveModelSpec} from '../../../../source/agent/llm/model-spec.js';
import {withAnthropicCacheMarks} from '../../../../source/agent/llm/prompt-caching.js';
import {toProviderPrompt} from '../../../../source/agent/llm/provider-prompt.js';
import {toProviderTools} from '../../../../source/agent/llm/provider-tools.js';
import {streamAttempt} from '../../../../source/agent/llm/stream-attempt.js';
import type {ModelRequest, ToolSpec} from '../../../../source/agent/model-client.js';
import type {LlmConfig} from '../../../../source/config/types.js';
import {llmConfig} from '../../../helpers/llm-config.js';

const BASH: ToolSpec = {
  name: 'execute_bash',
  description: 'Run a command in the shell.',
  parameters: {type: 'object', properties: {command: {type: 'string'}}, required: ['command']},
};
const SYSTEM = 'You are an agent. The workspace is /workspace.';

/** A fetch that keeps each request body and answers 400, so the call ends there (a 400 is not retried). */
function capturing(bodies: string[]): typeof fetch {
  return async (_url, init) => {
    bodies.push(String(init?.body));
    return new Response(JSON.stringify({error: {message: 'stop', type: 'invalid_request_error'}}), {
      status: 400,
      headers: {'content-type': 'application/json'},
    });
  };
}

/** The body the provider model makes of the request converted afresh, tool arguments as objects (no cache, no JSON text). */
async function referenceBody(llm: LlmConfig, request: ModelRequest): Promise<string> {
  const bodies: string[] = [];
  const spec = resolveModelSpec(llm, '[llm]');
  const model = createLanguageModel(spec, {apiKey: 'sk-test', fetch: capturing(bodies)});
  const marked = spec.api === 'anthropic' && llm.caching_prompt ? withAnthropicCacheMarks(request.system, request.messages) : request;
  await streamAttempt({
    model,
    modelId: spec.modelId,
    prompt: toProviderPrompt(marked.system, marked.messages),
    tools: toProviderTools(request.tools),
    temperature: llm.temperature,
    topP: llm.top_p,
    maxOutputTokens: llm.max_output_tokens,
    signal: new AbortController().signal,
    onTextDelta: undefined,
    onActivity: () => {},
  });
  return bodies[0]!;
}

const turn = (id: string, inputs: unknown[], output: string): ModelMessage[] => [
  {
    role: 'assistant',
    content: [
      {type: 'text', text: `Step ${id}.`},
      ...inputs.map((input, index) => ({type: 'tool-call' as const, toolCallId: `call_${id}_${index}`, toolName: 'execute_bash', input})),
    ],
  },
  {
    role: 'tool',
    content: inputs.map((_, index) => ({
      type: 'tool-result' as const,
      toolCallId: `call_${id}_${index}`,
      toolName: 'execute_bash',
      output: {type: 'text' as const, value: output},
    })),
  },
];

/** Three steps of a session as the MessageBuilder hands them over: the same objects again, a turn rendered anew, new ones. */
function steps(): ModelMessage[][] {
  const first: ModelMessage[] = [
    {role: 'user', content: 'List the files, then "quote" them.'},
    ...turn('a', [{command: 'ls -la'}], 'a.txt\n'),
  ];
  const second: ModelMessage[] = [
    ...first,
    ...turn(
      'b',
      [{command: 'printf "%s\\n" héllo ✓', timeout: 5, 2: 'digit key', nested: {list: [1, null, 'x', {y: true}]}}, {}],
      'héllo ✓',
    ),
  ];
  const third: ModelMessage[] = [
    ...second.slice(0, 3),
    ...turn('b', [{command: 'printf "%s\\n" héllo ✓'}, {}, {command: 'late'}], 'rendered again'),
    {role: 'user', content: 'User executed the command:\nls'},
    ...turn('c', [[1, 2], 'ls', {command: ''}], ''),
  ];
  return [first, second, third];
}

describe.each([
  [
    'an OpenAI-compatible server',
    llmConfig({model: 'openai/scripted-model', base_url: 'http://127.0.0.1:9/v1', num_retries: 0, api_key: 'sk-test'}),
  ],
  ['OpenAI chat completions', llmConfig({model: 'openai/gpt-4o-2024-08-06', num_retries: 0, temperature: 0.2, api_key: 'sk-test'})],
  [
    'Anthropic with prompt caching',
    llmConfig({model: 'anthropic/claude-3-5-sonnet-20241022', num_retries: 0, max_output_tokens: 1000, api_key: 'sk-test'}),
  ],
])('the request body for %s', (_name, llm) => {
  it('is byte for byte what the provider makes of the whole conversation converted afresh, step after step', async () => {
    const bodies: string[] = [];
    const client = createModelClient(llm, {env: {}, fetch: capturing(bodies)});
    const expected: string[] = [];
    for (const messages of steps()) {
      const request: ModelRequest = {system: SYSTEM, messages, tools: [BASH]};
      await expect(client.complete(request, {signal: new AbortController().signal})).rejects.toThrow(/stop/);
      expected.push(await referenceBody(llm, request));
    }
    expect(bodies).toHaveLength(3);
    expect(bodies).toEqual(expected);
    expect(bodies[2]).toContain('late');
  });
});
