import {type ModelMessage, streamText} from 'ai';
import {MockLanguageModelV3, simulateReadableStream} from 'ai/test';
import {describe, expect, it} from 'vitest';
import {withAnthropicCacheMarks} from '../../../../source/agent/llm/prompt-caching.js';
import type {ProviderPrompt} from '../../../../source/agent/llm/provider-model.js';
import {toProviderPrompt} from '../../../../source/agent/llm/provider-prompt.js';

const SYSTEM = 'You are an agent. The workspace is /workspace.';
const EPHEMERAL = {anthropic: {cacheControl: {type: 'ephemeral'}}};

/** A conversation with every kind of message buildMessages makes. */
const conversation: ModelMessage[] = [
  {role: 'user', content: 'Create hello.py.'},
  {
    role: 'assistant',
    content: [
      {type: 'text', text: 'I will look first.'},
      {type: 'tool-call', toolCallId: 'call_1', toolName: 'execute_bash', input: {command: 'ls'}},
      {type: 'tool-call', toolCallId: 'call_2', toolName: 'think', input: {}},
    ],
  },
  {
    role: 'tool',
    content: [
      {type: 'tool-result', toolCallId: 'call_1', toolName: 'execute_bash', output: {type: 'text', value: 'a.txt\n[exit code 0]'}},
      {type: 'tool-result', toolCallId: 'call_2', toolName: 'think', output: {type: 'text', value: 'noted'}},
    ],
  },
  {role: 'user', content: 'User executed the command:\nls'},
  {role: 'assistant', content: 'Done.'},
  {role: 'user', content: 'Thanks.'},
];

/** The prompt streamText itself hands the provider model for the same input. */
async function sdkPrompt(system: Parameters<typeof toProviderPrompt>[0], messages: ModelMessage[]): Promise<ProviderPrompt> {
  const model = new MockLanguageModelV3({
    doStream: {
      stream: simulateReadableStream({
        chunks: [
          {
            type: 'finish',
            finishReason: {unified: 'stop', raw: 'stop'},
            usage: {
              inputTokens: {total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined},
              outputTokens: {total: 1, text: 1, reasoning: undefined},
            },
          },
        ],
      }),
    },
  });
  await streamText({model, system, messages, allowSystemInMessages: true}).consumeStream();
  return model.doStreamCalls[0]!.prompt;
}

describe('toProviderPrompt', () => {
  it('puts the system prompt first and turns plain strings into one text part', () => {
    expect(
      toProviderPrompt(SYSTEM, [
        {role: 'user', content: 'hi'},
        {role: 'assistant', content: 'hello'},
      ]),
    ).toEqual([
      {role: 'system', content: SYSTEM},
      {role: 'user', content: [{type: 'text', text: 'hi'}]},
      {role: 'assistant', content: [{type: 'text', text: 'hello'}]},
    ]);
  });

  it('keeps tool calls with their arguments as objects and tool results as text outputs', () => {
    const [, , assistant, tool] = toProviderPrompt(SYSTEM, conversation);
    expect(assistant).toEqual({
      role: 'assistant',
      content: [
        {type: 'text', text: 'I will look first.'},
        {type: 'tool-call', toolCallId: 'call_1', toolName: 'execute_bash', input: {command: 'ls'}},
        {type: 'tool-call', toolCallId: 'call_2', toolName: 'think', input: {}},
      ],
    });
    expect(tool).toEqual({
      role: 'tool',
      content: [
        {type: 'tool-result', toolCallId: 'call_1', toolName: 'execute_bash', output: {type: 'text', value: 'a.txt\n[exit code 0]'}},
        {type: 'tool-result', toolCallId: 'call_2', toolName: 'think', output: {type: 'text', value: 'noted'}},
      ],
    });
  });

  it('drops empty text parts, as the SDK does', () => {
    const messages: ModelMessage[] = [
      {
        role: 'user',
        content: [
          {type: 'text', text: ''},
          {type: 'text', text: 'go'},
        ],
      },
      {
        role: 'assistant',
        content: [
          {type: 'text', text: ''},
          {type: 'tool-call', toolCallId: 'c', toolName: 'think', input: {}},
        ],
      },
    ];
    const [, user, assistant] = toProviderPrompt(SYSTEM, messages);
    expect(user!.content).toEqual([{type: 'text', text: 'go'}]);
    expect(assistant!.content).toEqual([{type: 'tool-call', toolCallId: 'c', toolName: 'think', input: {}}]);
  });

  it("carries Anthropic's cache marks on the system prompt and the last tool result through as providerOptions", () => {
    const marked = withAnthropicCacheMarks(SYSTEM, conversation.slice(0, 3));
    const prompt = toProviderPrompt(marked.system, marked.messages);
    expect(prompt[0]).toEqual({role: 'system', content: SYSTEM, providerOptions: EPHEMERAL});
    expect(prompt[3]).toMatchObject({role: 'tool', providerOptions: EPHEMERAL});
    expect(prompt.filter((message) => message.providerOptions !== undefined)).toHaveLength(2);
    // Nothing else carries options, not even a key set to undefined.
    expect(JSON.stringify(prompt).match(/providerOptions/g)).toHaveLength(2);
  });

  it('carries part-level providerOptions too', () => {
    const messages: ModelMessage[] = [{role: 'user', content: [{type: 'text', text: 'hi', providerOptions: EPHEMERAL}]}];
    expect(toProviderPrompt(SYSTEM, messages)[1]!.content).toEqual([{type: 'text', text: 'hi', providerOptions: EPHEMERAL}]);
  });

  it.each([
    ['without cache marks', () => ({system: SYSTEM, messages: conversation})],
    ['with the Anthropic cache marks', () => withAnthropicCacheMarks(SYSTEM, conversation)],
  ])('gives the provider the same prompt as streamText %s', async (_what, make) => {
    const {system, messages} = make();
    expect(toProviderPrompt(system, messages)).toEqual(await sdkPrompt(system, messages));
  });

  it('refuses a part it does not convert, naming it', () => {
    const image: ModelMessage = {role: 'user', content: [{type: 'image', image: new URL('https://example.invalid/a.png')}]};
    expect(() => toProviderPrompt(SYSTEM, [image])).toThrow(/image part in a user message/);
  });
});
