import type {ModelMessage} from 'ai';
import {describe, expect, it} from 'vitest';
import {buildMessages, FINISHED_TEXT, MessageBuilder, NO_RESULT_TEXT, type RecordedEvent} from '../../source/agent/build-messages.js';
import {CONDENSED_TEXT, condenseMessages, condensableResults, nextCondensation} from '../../source/agent/condense.js';
import {observationText, truncateForModel} from '../../source/agent/observation-text.js';
import {toolCallsToOutcomes} from '../../source/agent/tool-calls.js';
import {cmdRunAction, messageAction} from '../../source/events/actions.js';
import {toEventJson} from '../../source/events/event-json.js';
import {
  agentStateChangedObservation,
  cmdOutputObservation,
  nullObservation,
  userRejectObservation,
} from '../../source/events/observations.js';
import {toolTurn} from '../helpers/fake-model.js';

/** Numbers events as the stream does. */
function numbered(events: object[]): RecordedEvent[] {
  return events.map((event, id) => ({...(event as Record<string, unknown>), id}));
}

function actionsOf(turn: ReturnType<typeof toolTurn>) {
  return toolCallsToOutcomes(turn, {commandTimeout: 120}).map((outcome) =>
    outcome.kind === 'action' ? toEventJson(outcome.action) : toEventJson(outcome.error),
  );
}

const output = (content: string, exitCode = 0, command = 'x') =>
  cmdOutputObservation({content, command, exitCode, hidden: false, interpreterDetails: ''});

describe('buildMessages', () => {
  it('rebuilds user text, tool calls grouped by answer with their results by cause, and the agent answer; states are left out', () => {
    const turn = toolTurn(
      [
        ['execute_bash', {command: 'ls'}],
        ['execute_bash', {command: 'cat a'}],
      ],
      'Looking.',
    );
    const [ls, cat] = actionsOf(turn) as [object, object];
    const events = numbered([
      messageAction('list the files'),
      agentStateChangedObservation('running'),
      ls,
      cat,
      {...output('a\nb', 0, 'ls'), source: 'agent', cause: 2},
      {...output('no such file', 1, 'cat a'), source: 'agent', cause: 3},
      messageAction('There are a and b.', 'agent'),
      agentStateChangedObservation('awaiting_user_input'),
    ]);
    const messages = buildMessages(events, 30_000);
    expect(messages).toEqual<ModelMessage[]>([
      {role: 'user', content: 'list the files'},
      {
        role: 'assistant',
        content: [
          {type: 'text', text: 'Looking.'},
          {type: 'tool-call', toolCallId: turn.toolCalls[0]?.id as string, toolName: 'execute_bash', input: {command: 'ls'}},
          {type: 'tool-call', toolCallId: turn.toolCalls[1]?.id as string, toolName: 'execute_bash', input: {command: 'cat a'}},
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: turn.toolCalls[0]?.id as string,
            toolName: 'execute_bash',
            output: {type: 'text', value: 'a\nb\n[Command finished with exit code 0]'},
          },
          {
            type: 'tool-result',
            toolCallId: turn.toolCalls[1]?.id as string,
            toolName: 'execute_bash',
            output: {type: 'text', value: 'no such file\n[Command finished with exit code 1]'},
          },
        ],
      },
      {role: 'assistant', content: 'There are a and b.'},
    ]);
  });

  it('answers a call with no recorded result with a synthetic result, and finish with its own', () => {
    const running = toolTurn([['execute_bash', {command: 'make'}]]);
    const done = toolTurn([['finish', {message: 'ok'}]]);
    const messages = buildMessages(numbered([messageAction('build it'), ...actionsOf(running), ...actionsOf(done)]), 30_000);
    const results = messages.filter((message) => message.role === 'tool').flatMap((message) => message.content);
    expect(results.map((part) => part.type === 'tool-result' && part.output)).toEqual([
      {type: 'text', value: NO_RESULT_TEXT},
      {type: 'text', value: FINISHED_TEXT},
    ]);
  });

  it('keeps one call for an action re-sent on confirmation, answered by the result of the re-sent one', () => {
    const turn = toolTurn([['execute_bash', {command: 'rm -rf build'}]]);
    const [awaiting] = actionsOf(turn);
    const args = (awaiting as {args: object}).args;
    const events = numbered([
      messageAction('clean'),
      {...awaiting, args: {...args, confirmation_state: 'awaiting_confirmation'}},
      {...nullObservation(), source: 'agent', cause: 1},
      {...awaiting, args: {...args, thought: '', confirmation_state: 'rejected'}},
      {...userRejectObservation(), source: 'agent', cause: 3},
    ]);
    const messages = buildMessages(events, 30_000);
    expect(messages).toHaveLength(3);
    expect(messages[1]?.content).toHaveLength(1);
    expect(messages[2]).toMatchObject({
      role: 'tool',
      content: [
        {output: {type: 'text', value: `OBSERVATION:\n${userRejectObservation().content}\n[Last action has been rejected by the user]`}},
      ],
    });
  });

  it('answers a malformed call with its error observation (which has no action)', () => {
    const turn = toolTurn([{name: 'execute_bash', rawInput: '{bad', invalid: 'bad JSON'}]);
    const events = numbered([messageAction('go'), {...actionsOf(turn)[0], source: 'agent'}]);
    const messages = buildMessages(events, 30_000);
    expect(messages[1]).toMatchObject({role: 'assistant', content: [{type: 'tool-call', toolName: 'execute_bash', input: {}}]});
    expect(messages[2]).toMatchObject({
      role: 'tool',
      content: [
        {
          output: {
            value:
              'The call to execute_bash could not be used: bad JSON. Fix it and call again.\n[Error occurred in processing last action]',
          },
        },
      ],
    });
  });

  it("shows the user's own commands as 0.15 did", () => {
    const events = numbered([cmdRunAction('whoami'), {...output('openhands', 0, 'whoami'), source: 'user', cause: 0}]);
    expect(buildMessages(events, 30_000)).toEqual([
      {role: 'user', content: 'User executed the command:\nwhoami'},
      {role: 'user', content: '\nObserved result of command executed by user:\nopenhands\n[Command finished with exit code 0]'},
    ]);
  });

  it('truncates long observations for the model, head and tail kept, never in the events', () => {
    const turn = toolTurn([['execute_bash', {command: 'seq 100000'}]]);
    const long = 'x'.repeat(500) + 'y'.repeat(500);
    const observation = {...output(long), source: 'agent', cause: 1};
    const events = numbered([messageAction('go'), ...actionsOf(turn), observation]);
    const result = buildMessages(events, 100)[2];
    expect(result).toMatchObject({
      content: [
        {
          output: {
            value: `${'x'.repeat(50)}\n[... Observation truncated due to length ...]\n${'y'.repeat(50)}\n[Command finished with exit code 0]`,
          },
        },
      ],
    });
    expect((events[2] as unknown as {content: string}).content).toBe(long);
  });
});

describe('MessageBuilder', () => {
  it('reading the events in parts gives the same messages as reading them at once (results arriving later included)', () => {
    const first = toolTurn(
      [
        ['execute_bash', {command: 'ls'}],
        ['execute_bash', {command: 'pwd'}],
      ],
      'Two.',
    );
    const second = toolTurn([['finish', {}]]);
    const events = numbered([
      messageAction('go'),
      ...actionsOf(first),
      {...output('a'), source: 'agent', cause: 1},
      {...output('/w'), source: 'agent', cause: 2},
      ...actionsOf(second),
    ]);
    const builder = new MessageBuilder(30_000);
    const parts = [1, 2, 3, 4, 5].map((length) => structuredClone(builder.build(events.slice(0, length))));
    expect(parts[2]).toEqual(buildMessages(events.slice(0, 3), 30_000));
    expect(parts[3]).toEqual(buildMessages(events.slice(0, 4), 30_000));
    expect(builder.build(events)).toEqual(buildMessages(events, 30_000));
  });
});

describe('observationText', () => {
  it('uses 0.15 words for errors and the still-running case', () => {
    expect(observationText({observation: 'error', content: 'boom'}, 100)).toBe('boom\n[Error occurred in processing last action]');
    expect(observationText({observation: 'run', content: 'half', extras: {exit_code: -1}}, 100)).toMatch(
      /^half\n\[The command is still running/,
    );
    expect(observationText({observation: 'edit', content: 'diff', extras: {path: '/a', prev_exist: false}}, 100)).toBe(
      'File created successfully at: /a',
    );
    expect(truncateForModel('abcdef', 6)).toBe('abcdef');
  });
});

describe('condensation', () => {
  const turn = (index: number): ModelMessage[] => [
    {role: 'assistant', content: [{type: 'tool-call', toolCallId: `c${index}`, toolName: 'execute_bash', input: {}}]},
    {
      role: 'tool',
      content: [{type: 'tool-result', toolCallId: `c${index}`, toolName: 'execute_bash', output: {type: 'text', value: `out ${index}`}}],
    },
  ];
  const messages: ModelMessage[] = [{role: 'user', content: 'task'}, ...turn(1), ...turn(2), ...turn(3), ...turn(4)];

  it('replaces the oldest tool outputs, keeping the task and the latest turns', () => {
    expect(condensableResults(messages)).toBe(2);
    const condensed = condenseMessages(messages, 5);
    const values = condensed.flatMap((message) =>
      message.role === 'tool' ? message.content.map((part) => part.type === 'tool-result' && part.output) : [],
    );
    expect(values).toEqual([
      {type: 'text', value: CONDENSED_TEXT},
      {type: 'text', value: CONDENSED_TEXT},
      {type: 'text', value: 'out 3'},
      {type: 'text', value: 'out 4'},
    ]);
    expect(condensed[0]).toEqual({role: 'user', content: 'task'});
  });

  it('condenses half of what is left each round, then gives up', () => {
    expect(nextCondensation(messages, 0)).toBe(1);
    expect(nextCondensation(messages, 1)).toBe(2);
    expect(nextCondensation(messages, 2)).toBeUndefined();
  });
});
