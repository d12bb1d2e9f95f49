import {describe, expect, it} from 'vitest';
import {toolCallsToOutcomes} from '../../source/agent/tool-calls.js';
import {AGENT_TOOLS} from '../../source/agent/tools.js';
import {toolTurn} from '../helpers/fake-model.js';

const options = {commandTimeout: 120};

describe('the agent tools', () => {
  it('are execute_bash, str_replace_editor, think and finish, each with a JSON Schema object', () => {
    expect(AGENT_TOOLS.map((tool) => tool.name)).toEqual(['execute_bash', 'str_replace_editor', 'think', 'finish']);
    for (const tool of AGENT_TOOLS) {
      expect(tool.parameters.type).toBe('object');
      expect(tool.description.length).toBeGreaterThan(40);
    }
  });
});

describe('toolCallsToOutcomes', () => {
  it('maps execute_bash to a blocking run action with the metadata, the text as the first thought only', () => {
    const turn = toolTurn(
      [
        ['execute_bash', {command: 'ls -la'}],
        ['execute_bash', {command: 'sleep 5', timeout: 10}],
      ],
      'Let me look around.',
    );
    const outcomes = toolCallsToOutcomes(turn, options);
    expect(outcomes).toHaveLength(2);
    const [first, second] = outcomes.map((outcome) => (outcome.kind === 'action' ? outcome.action : undefined));
    expect(first).toMatchObject({
      source: 'agent',
      action: 'run',
      message: 'Running command: ls -la',
      timeout: 120,
      args: {command: 'ls -la', thought: 'Let me look around.', blocking: true, confirmation_state: 'confirmed'},
      tool_call_metadata: {function_name: 'execute_bash', tool_call_id: turn.toolCalls[0]?.id, total_calls_in_response: 2},
    });
    expect(first?.tool_call_metadata?.model_response).toMatchObject({
      id: turn.response.id,
      model: 'fake-model-1',
      choices: [
        {
          message: {
            role: 'assistant',
            content: 'Let me look around.',
            tool_calls: [{function: {name: 'execute_bash', arguments: '{"command":"ls -la"}'}}, {}],
          },
        },
      ],
    });
    expect(second).toMatchObject({action: 'run', timeout: 10, args: {command: 'sleep 5', thought: ''}});
  });

  it('sends input, a poll and C-c to the running command without a timeout', () => {
    const turn = toolTurn([
      ['execute_bash', {command: 'y', is_input: true}],
      ['execute_bash', {command: ''}],
      ['execute_bash', {command: 'C-c'}],
    ]);
    const actions = toolCallsToOutcomes(turn, options).map((outcome) => (outcome.kind === 'action' ? outcome.action : undefined));
    expect(actions[0]).toMatchObject({action: 'run', args: {command: 'y', blocking: false, is_input: true}});
    expect(actions[0]).not.toHaveProperty('timeout');
    expect(actions[1]).toMatchObject({action: 'run', args: {command: '', blocking: false}});
    expect(actions[2]).toMatchObject({action: 'run', args: {command: 'C-c', blocking: false}});
  });

  it('maps str_replace_editor to the edit action the action server runs', () => {
    const turn = toolTurn([['str_replace_editor', {command: 'create', path: '/workspace/a.py', file_text: 'print(1)\n'}]]);
    const [outcome] = toolCallsToOutcomes(turn, options);
    expect(outcome).toEqual({
      kind: 'action',
      action: expect.objectContaining({
        source: 'agent',
        action: 'edit',
        message: 'Editing file: /workspace/a.py',
        args: {
          path: '/workspace/a.py',
          command: 'create',
          file_text: 'print(1)\n',
          old_str: null,
          new_str: null,
          insert_line: null,
          view_range: null,
          thought: '',
          impl_source: 'oh_aci',
          confirmation_state: 'confirmed',
        },
      }),
    });
  });

  it('maps think and finish to their actions', () => {
    const turn = toolTurn(
      [
        ['think', {thought: 'The bug is in parse().'}],
        ['finish', {message: 'Fixed parse().'}],
      ],
      'Hmm.',
    );
    const actions = toolCallsToOutcomes(turn, options).map((outcome) => (outcome.kind === 'action' ? outcome.action : undefined));
    expect(actions[0]).toMatchObject({action: 'think', args: {thought: 'Hmm.\nThe bug is in parse().'}});
    expect(actions[1]).toMatchObject({
      action: 'finish',
      args: {outputs: {content: 'Fixed parse().'}, thought: ''},
      message: 'Fixed parse().',
    });
  });

  it('turns each malformed call into an error observation answering that call, and keeps the good ones', () => {
    const turn = toolTurn(
      [
        {name: 'execute_bash', rawInput: '{"command": "ls', invalid: 'Unexpected end of JSON input'},
        ['no_such_tool', {a: 1}],
        ['execute_bash', {}],
        ['execute_bash', {command: 42}],
        ['str_replace_editor', {command: 'delete', path: '/x'}],
        ['str_replace_editor', {command: 'view', path: '/x', view_range: 'all'}],
        ['execute_bash', {command: 'pwd'}],
      ],
      'Trying things.',
    );
    const outcomes = toolCallsToOutcomes(turn, options);
    const errors = outcomes.flatMap((outcome) => (outcome.kind === 'invalid' ? [outcome.error.content] : []));
    expect(errors).toEqual([
      'The call to execute_bash could not be used: Unexpected end of JSON input. Fix it and call again.',
      'There is no tool named "no_such_tool". The tools are: execute_bash, str_replace_editor, think, finish.',
      'execute_bash needs the argument `command` (a string).',
      'The argument `command` of execute_bash must be a string, got 42.',
      'Unknown command "delete" for str_replace_editor; use one of: view, create, str_replace, insert, undo_edit.',
      'view_range must be a list of two integers, got "all".',
    ]);
    for (const [index, outcome] of outcomes.slice(0, 6).entries()) {
      expect(outcome.kind === 'invalid' && outcome.error.tool_call_metadata?.tool_call_id).toBe(turn.toolCalls[index]?.id);
      expect(outcome.kind === 'invalid' && outcome.error.extras.error_id).toBe('AGENT_ERROR$BAD_ACTION');
    }
    // The text goes to the first call that became an action.
    expect(outcomes[6]).toMatchObject({kind: 'action', action: {action: 'run', args: {command: 'pwd', thought: 'Trying things.'}}});
  });
});
