import {describe, expect, it} from 'vitest';
import {formatProgressLine, statedReason} from '../../source/commands/progress-line.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, seconds)).toISOString();

describe('formatProgressLine (headless progress on stderr)', () => {
  it('the task and the agent messages, further lines indented under the first', () => {
    expect(formatProgressLine({id: 0, timestamp: at(0), source: 'user', action: 'message', args: {content: 'Write hello.py'}})).toBe(
      '› Write hello.py',
    );
    expect(
      formatProgressLine({id: 1, timestamp: at(1), source: 'agent', action: 'message', args: {content: 'Done.\nIt prints hello.'}}),
    ).toBe('◆ Done.\n  It prints hello.');
  });

  it('`❯ command` (with the thought before it), then its exit code and duration from the action it answers', () => {
    const run = {id: 2, timestamp: at(2), source: 'agent', action: 'run', args: {command: 'python hello.py', thought: 'Run it.'}};
    expect(formatProgressLine(run)).toBe('… Run it.\n❯ python hello.py');
    const done = {
      id: 3,
      timestamp: at(4),
      source: 'agent',
      cause: 2,
      observation: 'run',
      content: 'hello',
      extras: {exit_code: 0, command: 'python hello.py'},
    };
    expect(formatProgressLine(done, (id) => (id === 2 ? run : undefined))).toBe('  ✔ exit 0 · 2.0s');
    expect(formatProgressLine({...done, extras: {exit_code: 2}})).toBe('  ✖ exit 2');
    expect(formatProgressLine({...done, extras: {exit_code: -1}})).toBe('  ⋯ still running after the soft timeout');
  });

  it('edits as `edited <path>`, writes and reads likewise; the edit action itself says nothing without a thought', () => {
    expect(
      formatProgressLine({
        id: 4,
        timestamp: at(5),
        source: 'agent',
        action: 'edit',
        args: {path: '/workspace/hello.py', command: 'create', thought: ''},
      }),
    ).toBeUndefined();
    expect(
      formatProgressLine({
        id: 5,
        timestamp: at(5),
        source: 'agent',
        cause: 4,
        observation: 'edit',
        content: '--- a\n+++ b',
        extras: {path: '/workspace/hello.py'},
      }),
    ).toBe('edited /workspace/hello.py');
    expect(formatProgressLine({id: 6, timestamp: at(5), source: 'agent', observation: 'write', content: '', extras: {path: 'a.txt'}})).toBe(
      'wrote a.txt',
    );
    expect(formatProgressLine({id: 7, timestamp: at(5), source: 'agent', observation: 'read', content: 'x', extras: {path: 'a.txt'}})).toBe(
      'read a.txt',
    );
  });

  it('errors, state changes (with the reason), think, finish with its outputs, notes', () => {
    expect(
      formatProgressLine({id: 8, timestamp: at(6), source: 'agent', observation: 'error', content: 'LLM call failed: 500', extras: {}}),
    ).toBe('✖ error: LLM call failed: 500');
    expect(
      formatProgressLine({
        id: 9,
        timestamp: at(6),
        source: 'environment',
        observation: 'agent_state_changed',
        content: '',
        extras: {agent_state: 'awaiting_user_input'},
      }),
    ).toBe('· agent awaiting user input');
    expect(
      formatProgressLine({
        id: 10,
        timestamp: at(6),
        source: 'environment',
        observation: 'agent_state_changed',
        content: '',
        extras: {agent_state: 'error', reason: 'max_iterations 3 reached'},
      }),
    ).toBe('· agent error (max_iterations 3 reached)');
    expect(formatProgressLine({id: 11, timestamp: at(6), source: 'agent', action: 'think', args: {thought: 'The bug is in line 3.'}})).toBe(
      '… The bug is in line 3.',
    );
    expect(
      formatProgressLine({
        id: 12,
        timestamp: at(6),
        source: 'agent',
        observation: 'think',
        content: 'Your thought has been logged.',
        extras: {},
      }),
    ).toBeUndefined();
    expect(
      formatProgressLine({
        id: 13,
        timestamp: at(7),
        source: 'agent',
        action: 'finish',
        args: {outputs: {content: 'All done.', files: 2}, thought: ''},
      }),
    ).toBe('✔ finished: All done.\n  outputs: {"files":2}');
    expect(formatProgressLine({id: 14, timestamp: at(7), source: 'agent', action: 'finish', args: {outputs: {}, thought: ''}})).toBe(
      '✔ finished',
    );
    expect(
      formatProgressLine({id: 15, timestamp: at(7), source: 'environment', observation: 'runtime_note', content: 'recreated', extras: {}}),
    ).toBe('! recreated');
  });

  it('nothing for hidden commands, null observations and requested state changes', () => {
    expect(
      formatProgressLine({id: 16, timestamp: at(8), source: 'user', action: 'run', args: {command: 'export X=1', hidden: true}}),
    ).toBeUndefined();
    expect(formatProgressLine({id: 17, timestamp: at(8), source: 'agent', observation: 'null', content: '', extras: {}})).toBeUndefined();
    expect(
      formatProgressLine({id: 18, timestamp: at(8), source: 'user', action: 'change_agent_state', args: {agent_state: 'stopped'}}),
    ).toBeUndefined();
    expect(formatProgressLine({id: 19, timestamp: at(8)})).toBeUndefined();
  });

  it('statedReason: the reason an error line or a state line states, so the closing line need not repeat it', () => {
    const failed = {
      id: 9,
      timestamp: at(9),
      source: 'environment',
      observation: 'error',
      content: 'The LLM call failed: 500\n',
      extras: {},
    };
    expect(statedReason(failed)).toBe('The LLM call failed: 500');
    const state = {
      id: 10,
      timestamp: at(9),
      source: 'environment',
      observation: 'agent_state_changed',
      content: '',
      extras: {agent_state: 'error'},
    };
    expect(statedReason(state)).toBeUndefined();
    expect(statedReason({...state, extras: {agent_state: 'error', reason: 'max_iterations 3 reached'}})).toBe('max_iterations 3 reached');
    expect(statedReason({id: 11, timestamp: at(9), source: 'agent', action: 'message', args: {content: 'Hi'}})).toBeUndefined();
  });
});
