import {describe, expect, it} from 'vitest';
import {toProviderTools} from '../../../../source/agent/llm/provider-tools.js';
import {toModelToolCall} from '../../../../source/agent/llm/tool-call.js';
import type {ToolSpec} from '../../../../source/agent/model-client.js';

const BASH: ToolSpec = {
  name: 'execute_bash',
  description: 'Run a command.',
  parameters: {type: 'object', properties: {command: {type: 'string'}}, required: ['command']},
};
const FINISH: ToolSpec = {name: 'finish', description: 'Stop.', parameters: {type: 'object', properties: {}}};
const tools = toProviderTools([BASH, FINISH]);

const call = (toolName: string, input: string) => ({type: 'tool-call' as const, toolCallId: 'call_1', toolName, input});

describe('toProviderTools', () => {
  it('sends each tool as a function tool with its JSON Schema', () => {
    expect(tools.tools).toEqual([
      {type: 'function', name: 'execute_bash', description: 'Run a command.', inputSchema: BASH.parameters},
      {type: 'function', name: 'finish', description: 'Stop.', inputSchema: FINISH.parameters},
    ]);
  });
});

describe('toModelToolCall', () => {
  it('parses the arguments and keeps the streamed text as rawInput', () => {
    const streamed = '{"command":  "ls"}';
    expect(toModelToolCall(call('execute_bash', '{"command":"ls"}'), tools, streamed)).toEqual({
      id: 'call_1',
      name: 'execute_bash',
      input: {command: 'ls'},
      rawInput: streamed,
    });
  });

  it('reads empty arguments as {} and keeps the call text when nothing was streamed', () => {
    expect(toModelToolCall(call('finish', ''), tools, undefined)).toEqual({id: 'call_1', name: 'finish', input: {}, rawInput: ''});
  });

  it.each([
    ['an unknown tool', call('browse', '{}'), "Model tried to call unavailable tool 'browse'. Available tools: execute_bash, finish."],
    [
      'bad JSON',
      call('execute_bash', '{"command": "ls'),
      /^Invalid input for tool execute_bash: JSON parsing failed: Text: \{"command": "ls\./,
    ],
    ['a wrong type', call('execute_bash', '{"command": 42}'), /^Invalid input for tool execute_bash: Type validation failed: .*command: /s],
    ['a missing argument', call('execute_bash', '{}'), /command: /],
  ])('marks a call with %s invalid, with the reason', (_what, bad, reason) => {
    const got = toModelToolCall(bad, tools, undefined);
    expect(got).toMatchObject({id: 'call_1', name: bad.toolName, input: undefined, rawInput: bad.input});
    expect(got.invalid).toMatch(reason);
  });
});
