import {describe, expect, test} from 'vitest';
import type {TranscriptItem} from '../../source/events/transcript-items.js';
import {
  addRuntimeNote,
  emptyTranscript,
  RUNTIME_NOTE,
  reduceTranscript,
  reduceTranscriptAll,
  type Transcript,
  type TranscriptEvent,
} from '../../source/events/transcript.js';
import {
  agentMessage,
  editAction,
  editObservation,
  errorObservation,
  finishAction,
  ipythonAction,
  ipythonObservation,
  nullObservation,
  readAction,
  readObservation,
  runAction,
  runObservation,
  stateChanged,
  syntheticSession,
  userMessage,
  writeAction,
  writeObservation,
} from '../helpers/events-015.js';

const items = (transcript: Transcript): TranscriptItem[] => [...transcript.items];
const reduce = (events: TranscriptEvent[]) => events.reduce(reduceTranscript, emptyTranscript);

describe('the transcript reducer on 0.15 event JSON', () => {
  test('user and agent messages', () => {
    const transcript = reduce([userMessage(0, 'fix the bug', 0, ['data:image/png;base64,AAAA']), agentMessage(1, 'Done.')]);
    expect(items(transcript)).toEqual([
      {kind: 'user-message', id: 0, text: 'fix the bug', imageCount: 1},
      {kind: 'agent-message', id: 1, text: 'Done.'},
    ]);
  });

  test('a command runs until its observation (matched by cause) arrives, then has exit code, output and duration', () => {
    const running = reduce([runAction(2, 'make test', {second: 10, thought: 'Run the tests.'})]);
    expect(items(running)).toEqual([
      expect.objectContaining({kind: 'command', id: 2, command: 'make test', shell: 'bash', status: 'running', thought: 'Run the tests.'}),
    ]);
    expect(running.pending.get(2)).toBe(0);

    const done = reduceTranscript(running, runObservation(3, 2, 'make test', 'make test\nFAIL: 1 test', 2, 13));
    expect(items(done)).toEqual([
      expect.objectContaining({kind: 'command', id: 2, status: 'done', exitCode: 2, output: 'make test\nFAIL: 1 test', durationMs: 3000}),
    ]);
    expect(done.pending.size).toBe(0);
    // The earlier state is untouched (the reducer is pure).
    expect(items(running)[0]).toEqual(expect.objectContaining({status: 'running'}));
  });

  test('the duration uses 0.15 timestamps with microseconds', () => {
    const action = {...runAction(0, 'sleep 1'), timestamp: '2024-12-04T10:00:00.250000'};
    const observation = {...runObservation(1, 0, 'sleep 1', ''), timestamp: '2024-12-04T10:00:01.500000'};
    expect(items(reduce([action, observation]))[0]).toEqual(expect.objectContaining({durationMs: 1250}));
  });

  test('an observation whose action is unknown is shown on its own, from its extras', () => {
    expect(items(reduce([runObservation(7, 99, 'ls', 'a.txt')]))).toEqual([
      expect.objectContaining({kind: 'command', id: 7, command: 'ls', status: 'done', exitCode: 0, output: 'a.txt', durationMs: undefined}),
    ]);
  });

  test('IPython cells are commands without an exit code', () => {
    const transcript = reduce([ipythonAction(0, 'print(1)'), ipythonObservation(1, 0, 'print(1)', '1', 2)]);
    expect(items(transcript)).toEqual([
      expect.objectContaining({
        kind: 'command',
        shell: 'ipython',
        command: 'print(1)',
        status: 'done',
        exitCode: undefined,
        output: '1',
        durationMs: 2000,
      }),
    ]);
  });

  test('edits carry the observation diff; writes carry what they wrote', () => {
    const diff = '--- a.py\n+++ a.py\n@@ -1 +1 @@\n-print("hi")\n+print("hello")\n';
    const transcript = reduce([
      editAction(0, '/workspace/a.py', 0, 'Fix the greeting.'),
      editObservation(1, 0, '/workspace/a.py', diff, 1),
      writeAction(2, '/workspace/b.txt', 'one\ntwo\n'),
      writeObservation(3, 2, '/workspace/b.txt'),
    ]);
    expect(items(transcript)).toEqual([
      expect.objectContaining({
        kind: 'file-edit',
        operation: 'edit',
        path: '/workspace/a.py',
        status: 'done',
        diff,
        thought: 'Fix the greeting.',
      }),
      expect.objectContaining({kind: 'file-edit', operation: 'write', path: '/workspace/b.txt', status: 'done', written: 'one\ntwo\n'}),
    ]);
  });

  test('reads carry the content read', () => {
    const transcript = reduce([readAction(0, '/workspace/a.py'), readObservation(1, 0, '/workspace/a.py', 'line 1\nline 2')]);
    expect(items(transcript)).toEqual([
      expect.objectContaining({kind: 'file-read', path: '/workspace/a.py', status: 'done', content: 'line 1\nline 2'}),
    ]);
  });

  test('an error observation is an error item, and fails the action it answers', () => {
    const transcript = reduce([
      readAction(0, '/nope'),
      errorObservation(1, 'File not found: /nope.', 0),
      errorObservation(2, 'LLM timed out'),
    ]);
    expect(items(transcript)).toEqual([
      expect.objectContaining({kind: 'file-read', status: 'failed'}),
      {kind: 'error', id: 1, text: 'File not found: /nope.'},
      {kind: 'error', id: 2, text: 'LLM timed out'},
    ]);
  });

  test('agent state changes are state items; a change asked for by an action too', () => {
    const asked = {
      id: 1,
      timestamp: '2024-12-04T10:00:00',
      source: 'user',
      message: '',
      action: 'change_agent_state',
      args: {agent_state: 'stopped', thought: ''},
    };
    expect(items(reduce([stateChanged(0, 'running'), asked]))).toEqual([
      {kind: 'state', id: 0, state: 'running', requested: false, reason: ''},
      {kind: 'state', id: 1, state: 'stopped', requested: true},
    ]);
  });

  test('runtime notes: recorded as our own observation kind, or added by the client', () => {
    const note = {
      id: 0,
      timestamp: '2024-12-04T10:00:00',
      source: 'environment',
      message: '',
      observation: RUNTIME_NOTE,
      content: 'The container had to be recreated.',
      extras: {},
    };
    const transcript = addRuntimeNote(reduce([note]), 'Runtime lost: the container was removed.');
    expect(items(transcript)).toEqual([
      {kind: 'runtime-note', id: 0, text: 'The container had to be recreated.'},
      {kind: 'runtime-note', id: -2, text: 'Runtime lost: the container was removed.'},
    ]);
  });

  test("the agent's think and finish: a thought item (its noted answer dropped), a finish item with its words and other outputs", () => {
    const think = {
      id: 0,
      timestamp: '2024-12-04T10:00:00',
      source: 'agent',
      message: 'I am thinking...',
      action: 'think',
      args: {thought: 'The test fails on line 3.'},
    };
    const noted = {
      id: 1,
      timestamp: '2024-12-04T10:00:01',
      source: 'agent',
      cause: 0,
      observation: 'think',
      content: 'Your thought has been logged.',
      extras: {},
    };
    const finish = {
      id: 2,
      timestamp: '2024-12-04T10:00:02',
      source: 'agent',
      message: "All done! What's next on the agenda?",
      action: 'finish',
      args: {outputs: {content: 'Fixed the test.', files: ['a.py']}, thought: 'ignored when outputs say it'},
      tool_call_metadata: {function_name: 'finish', tool_call_id: 'call_1', model_response: {id: 'r1'}, total_calls_in_response: 1},
    };
    const failed = {
      id: 3,
      timestamp: '2024-12-04T10:00:03',
      source: 'environment',
      message: '',
      observation: 'agent_state_changed',
      content: '',
      extras: {agent_state: 'error', reason: 'max_iterations 3 reached'},
    };
    expect(items(reduce([think, noted, finish, failed]))).toEqual([
      {kind: 'thought', id: 0, text: 'The test fails on line 3.'},
      {kind: 'finish', id: 2, text: 'Fixed the test.', outputs: '{"files":["a.py"]}'},
      {kind: 'state', id: 3, state: 'error', requested: false, reason: 'max_iterations 3 reached'},
    ]);
  });

  test('actions of the agent awaiting confirmation, then rejected, keep their tool_call_metadata out of the way', () => {
    const held = {
      id: 0,
      timestamp: '2024-12-04T10:00:00',
      source: 'agent',
      message: 'Running command: rm -rf build',
      action: 'run',
      tool_call_metadata: {function_name: 'execute_bash', tool_call_id: 'call_9', model_response: {id: 'r9'}, total_calls_in_response: 1},
      args: {command: 'rm -rf build', thought: 'Clean up.', confirmation_state: 'awaiting_confirmation'},
    };
    const waiting = reduce([held]);
    expect(waiting.awaiting).toBe(0);
    expect(items(waiting)[0]).toMatchObject({
      kind: 'command',
      command: 'rm -rf build',
      status: 'awaiting-confirmation',
      thought: 'Clean up.',
    });
    const rejected = {
      id: 1,
      timestamp: '2024-12-04T10:00:01',
      source: 'environment',
      message: '',
      observation: 'agent_state_changed',
      content: '',
      extras: {agent_state: 'user_rejected'},
    };
    expect(items(reduce([held, rejected]))[0]).toMatchObject({status: 'rejected'});
  });

  test('every other kind is kept as a generic item with its label, message and details', () => {
    const browse = {
      id: 1,
      timestamp: '2024-12-04T10:00:00',
      source: 'agent',
      message: 'Browsing URL: https://example.com',
      action: 'browse',
      args: {url: 'https://example.com', thought: 'Check the docs.'},
    };
    const strange = {id: 3, timestamp: '2024-12-04T10:00:00', hello: 'world'};
    expect(items(reduce([finishAction(0, 'All tests pass.'), browse, nullObservation(2, 1), strange]))).toEqual([
      {kind: 'finish', id: 0, text: 'All tests pass.', outputs: ''},
      {
        kind: 'other',
        id: 1,
        label: 'action browse',
        source: 'agent',
        thought: 'Check the docs.',
        message: 'Browsing URL: https://example.com',
        detail: '{"url":"https://example.com"}',
      },
      {kind: 'other', id: 2, label: 'observation null', source: 'agent', thought: '', message: 'No observation', detail: ''},
      {kind: 'other', id: 3, label: 'event', source: '', thought: '', message: '', detail: '{"hello":"world"}'},
    ]);
  });

  test('malformed fields do not throw: they are shown as text', () => {
    const odd = {id: 0, timestamp: 'not a time', source: 'agent', action: 'run', args: {command: ['ls', '-l']}};
    const answer = {id: 1, timestamp: 'also not', cause: 0, observation: 'run', content: 42, extras: null};
    expect(items(reduce([odd, answer]))).toEqual([
      expect.objectContaining({
        kind: 'command',
        command: '["ls","-l"]',
        status: 'done',
        output: '42',
        exitCode: undefined,
        durationMs: undefined,
      }),
    ]);
  });

  test('confirmation mode: the held action is settled when 0.15 sends it again, or rejected', () => {
    const confirmed = reduce([
      runAction(0, 'rm -rf build', {confirmation: 'awaiting_confirmation'}),
      stateChanged(1, 'awaiting_user_confirmation'),
      stateChanged(2, 'user_confirmed'),
      runAction(3, 'rm -rf build'),
      runObservation(4, 3, 'rm -rf build', ''),
    ]);
    expect(items(confirmed).map((item) => ('status' in item ? item.status : item.kind))).toEqual(['confirmed', 'state', 'state', 'done']);

    const rejected = reduce([runAction(0, 'rm -rf /', {confirmation: 'awaiting_confirmation'}), stateChanged(1, 'user_rejected')]);
    expect(items(rejected)[0]).toEqual(expect.objectContaining({status: 'rejected'}));
  });

  test('confirmation mode: a held action the agent stopped over is settled as not run (nothing waits any more), its empty null observation unshown', () => {
    const stopped = reduce([
      runAction(0, 'rm -rf build', {confirmation: 'awaiting_confirmation'}),
      {
        id: 1,
        timestamp: '2026-01-01T10:00:01Z',
        source: 'agent',
        message: 'No observation',
        cause: 0,
        observation: 'null',
        content: '',
        extras: {},
      },
      stateChanged(2, 'awaiting_user_confirmation'),
      stateChanged(3, 'stopped'),
    ]);
    expect(items(stopped).map((item) => ('status' in item ? item.status : item.kind))).toEqual(['not-run', 'state', 'state']);
    expect(stopped.awaiting).toBeUndefined();
  });

  test('a batch gives the same transcript as one event at a time', () => {
    const events = syntheticSession(2_000);
    expect(items(reduceTranscriptAll(emptyTranscript, events))).toEqual(items(reduce(events)));
  });

  test('incremental: one more event after 100,000 leaves earlier items shared, not copied', () => {
    const big = reduceTranscriptAll(emptyTranscript, syntheticSession(100_000));
    const next = reduceTranscript(big, userMessage(100_000, 'one more'));
    expect(next.items.length).toBe(big.items.length + 1);
    expect(next.items.at(0)).toBe(big.items.at(0));
    expect(next.items.at(big.items.length - 1)).toBe(big.items.at(big.items.length - 1));
    expect(big.items.at(big.items.length)).toBeUndefined();
  });
});
