import type {ModelMessage} from 'ai';
import {describe, expect, it} from 'vitest';
import {withAnthropicCacheMarks} from '../../../../source/agent/llm/prompt-caching.js';
import {cachedProviderPrompt} from '../../../../source/agent/llm/provider-prompt-cache.js';
import {toProviderPrompt} from '../../../../source/agent/llm/provider-prompt.js';

const SYSTEM = 'You are an agent.';

const user: ModelMessage = {role: 'user', content: 'List the files.'};
const call: ModelMessage = {
  role: 'assistant',
  content: [
    {type: 'text', text: 'Looking.'},
    {type: 'tool-call', toolCallId: 'call_1', toolName: 'execute_bash', input: {command: 'ls -la', timeout: 5}},
  ],
};
const result: ModelMessage = {
  role: 'tool',
  content: [{type: 'tool-result', toolCallId: 'call_1', toolName: 'execute_bash', output: {type: 'text', value: 'a.txt'}}],
};

describe('cachedProviderPrompt', () => {
  it('converts as toProviderPrompt does, and hands back the same converted message while the message is the same', () => {
    const toPrompt = cachedProviderPrompt({toolInputAsJson: false});
    const first = toPrompt(SYSTEM, [user, call]);
    expect(first).toEqual(toProviderPrompt(SYSTEM, [user, call]));
    const second = toPrompt(SYSTEM, [user, call, result]);
    expect(second).toEqual(toProviderPrompt(SYSTEM, [user, call, result]));
    expect(second[1]).toBe(first[1]);
    expect(second[2]).toBe(first[2]);
  });

  it('converts a changed message again: a new message object, or one given new content or providerOptions', () => {
    const toPrompt = cachedProviderPrompt({toolInputAsJson: false});
    const message: ModelMessage = {role: 'user', content: 'first'};
    toPrompt(SYSTEM, [message]);
    // The MessageBuilder renders a turn again as new objects (a result arrived, a call was added).
    expect(toPrompt(SYSTEM, [{role: 'user', content: 'second'}])[1]).toEqual({role: 'user', content: [{type: 'text', text: 'second'}]});
    message.content = 'third';
    expect(toPrompt(SYSTEM, [message])[1]).toEqual({role: 'user', content: [{type: 'text', text: 'third'}]});
    const options = {anthropic: {cacheControl: {type: 'ephemeral'}}};
    message.providerOptions = options;
    expect(toPrompt(SYSTEM, [message])[1]).toEqual({role: 'user', content: [{type: 'text', text: 'third'}], providerOptions: options});
  });

  it('converts right when the messages move: one put in front, one taken out', () => {
    const toPrompt = cachedProviderPrompt({toolInputAsJson: false});
    toPrompt(SYSTEM, [user, call, result]);
    const task: ModelMessage = {role: 'user', content: 'The task.'};
    expect(toPrompt(SYSTEM, [task, user, call, result])).toEqual(toProviderPrompt(SYSTEM, [task, user, call, result]));
    expect(toPrompt(SYSTEM, [task, call, result])).toEqual(toProviderPrompt(SYSTEM, [task, call, result]));
    expect(toPrompt(SYSTEM, [result])).toEqual(toProviderPrompt(SYSTEM, [result]));
  });

  it('moves the Anthropic cache mark with the last tool result: the message marked before goes unmarked', () => {
    const toPrompt = cachedProviderPrompt({toolInputAsJson: false});
    const marks = (messages: ModelMessage[]) => {
      const marked = withAnthropicCacheMarks(SYSTEM, messages);
      return toPrompt(marked.system, marked.messages).map((message) => message.providerOptions !== undefined);
    };
    expect(marks([user, call, result])).toEqual([true, false, false, true]);
    const next: ModelMessage = {...result, content: [{...result.content[0]!, toolCallId: 'call_2'}]} as ModelMessage;
    expect(marks([user, call, result, call, next])).toEqual([true, false, false, false, false, true]);
  });

  it('gives a tool call the JSON text of its arguments when asked, and leaves what is not a plain object as it is', () => {
    const toPrompt = cachedProviderPrompt({toolInputAsJson: true});
    const inputs: unknown[] = [{command: 'echo "hé"\n', nested: {list: [1, null, 'x']}}, {}, [1, 2], 'ls', undefined];
    const message: ModelMessage = {
      role: 'assistant',
      content: inputs.map((input, index) => ({type: 'tool-call' as const, toolCallId: `call_${index}`, toolName: 'execute_bash', input})),
    };
    const [, converted] = toPrompt(SYSTEM, [message]);
    const sent = (converted!.content as Array<{input: unknown}>).map((part) => part.input);
    expect(sent).toEqual([JSON.stringify(inputs[0]), '{}', [1, 2], 'ls', undefined]);
  });
});
