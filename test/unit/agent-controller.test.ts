import {describe, expect, it} from 'vitest';
import type {AgentStatus} from '../../source/agent/agent-api.js';
import {AGENT_ERROR_IDS, AgentController} from '../../source/agent/agent-controller.js';
import {NO_RESULT_TEXT} from '../../source/agent/build-messages.js';
import {CONDENSED_TEXT} from '../../source/agent/condense.js';
import {ContextWindowExceededError, ModelCallError, type ModelRequest, type ModelTurn} from '../../source/agent/model-client.js';
import type {RepoInstructions} from '../../source/agent/repo-instructions.js';
import {toolCallsToOutcomes} from '../../source/agent/tool-calls.js';
import {messageAction} from '../../source/events/actions.js';
import {toEventJson} from '../../source/events/event-json.js';
import {agentStateChangedObservation, cmdOutputObservation} from '../../source/events/observations.js';
import {EventStream, type Numbered} from '../../source/session/event-stream.js';
import {FakeAgentRuntime} from '../helpers/fake-agent-runtime.js';
import {FakeModel, hangingTurn, type ScriptedTurn, textTurn, toolTurn} from '../helpers/fake-model.js';

type Recorded = Record<string, unknown> & Numbered;

interface SetupOptions {
  runtime?: FakeAgentRuntime;
  history?: Recorded[];
  confirmationMode?: boolean;
  maxIterations?: number;
  maxBudgetPerTask?: number;
  maxMessageChars?: number;
  instructions?: RepoInstructions[];
}

function setup(script: ScriptedTurn[], options: SetupOptions = {}) {
  const stream = new EventStream<Record<string, unknown>>(options.history ?? [], undefined);
  const model = new FakeModel(script);
  const runtime = options.runtime ?? new FakeAgentRuntime();
  const agent = new AgentController({
    model,
    runtime,
    stream,
    workspacePath: '/workspace',
    readInstructions: async () => options.instructions ?? [],
    maxIterations: options.maxIterations ?? 10,
    maxBudgetPerTask: options.maxBudgetPerTask,
    maxMessageChars: options.maxMessageChars ?? 30_000,
    commandTimeout: 120,
    confirmationMode: options.confirmationMode ?? false,
  });
  return {stream, model, runtime, agent};
}

/** The events in short: `source kind[:state or confirmation]`. */
function summary(stream: EventStream<Record<string, unknown>>): string[] {
  return stream.all().map((event) => {
    const args = (event.args ?? {}) as Record<string, unknown>;
    const extras = (event.extras ?? {}) as Record<string, unknown>;
    if (typeof event.action === 'string') {
      const confirmation =
        typeof args.confirmation_state === 'string' && args.confirmation_state !== 'confirmed' ? `:${args.confirmation_state}` : '';
      return `${event.source} ${event.action}${confirmation}`;
    }
    const detail = extras.agent_state ?? extras.agent_note ?? '';
    return `${event.source} ${event.observation}${detail ? `:${detail}` : ''}`;
  });
}

function toolResults(request: ModelRequest | undefined): string[] {
  return (request?.messages ?? []).flatMap((message) =>
    message.role === 'tool'
      ? message.content.flatMap((part) => (part.type === 'tool-result' && part.output.type === 'text' ? [part.output.value] : []))
      : [],
  );
}

/** Resolves when the agent's state becomes `state`. */
function stateReached(agent: AgentController, state: AgentStatus['state']): Promise<void> {
  return new Promise((resolve) => {
    if (agent.status.state === state) return resolve();
    const off = agent.onStatus((status) => {
      if (status.state === state) {
        off();
        resolve();
      }
    });
  });
}

const helloTask = () => [
  toolTurn(
    [['str_replace_editor', {command: 'create', path: '/workspace/hello.py', file_text: 'print("hello")\n'}]],
    'I will write the script.',
  ),
  toolTurn([['execute_bash', {command: 'python3 /workspace/hello.py'}]]),
  toolTurn([['finish', {message: 'hello.py prints hello.'}]], 'Done.'),
];

describe('AgentController', () => {
  it('creates a file with the editor, runs it with bash, sees the output and finishes, recording each step in order', async () => {
    const {stream, model, runtime, agent} = setup(helloTask());
    await agent.send('Write hello.py that prints hello and run it.');

    expect(summary(stream)).toEqual([
      'user message',
      'environment agent_state_changed:running',
      'agent edit',
      'agent edit',
      'agent run',
      'agent run',
      'agent finish',
      'environment agent_state_changed:finished',
    ]);
    const events = stream.all();
    expect(events.map((event) => event.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(events[3]).toMatchObject({
      observation: 'edit',
      cause: 2,
      source: 'agent',
      tool_call_metadata: {function_name: 'str_replace_editor'},
    });
    expect(events[5]).toMatchObject({observation: 'run', cause: 4, content: 'hello', extras: {exit_code: 0}});
    expect(events[2]).toMatchObject({
      action: 'edit',
      args: {command: 'create', path: '/workspace/hello.py', thought: 'I will write the script.'},
      tool_call_metadata: {function_name: 'str_replace_editor', total_calls_in_response: 1, model_response: {model: 'fake-model-1'}},
    });
    expect(events[6]).toMatchObject({action: 'finish', message: 'hello.py prints hello.', args: {thought: 'Done.'}});
    expect(runtime.actions.map((action) => action.action)).toEqual(['edit', 'run']);

    // The model saw its own calls and their results, the task first.
    expect(model.requests).toHaveLength(3);
    expect(model.requests[0]?.messages).toEqual([{role: 'user', content: 'Write hello.py that prints hello and run it.'}]);
    expect(toolResults(model.requests[2])).toEqual([
      'File created successfully at: /workspace/hello.py',
      'hello\n[Command finished with exit code 0]',
    ]);
    expect(model.requests[0]?.tools.map((tool) => tool.name)).toEqual(['execute_bash', 'str_replace_editor', 'think', 'finish']);
    expect(model.requests[0]?.system).toContain('/workspace');

    // Tokens and cost add up, in the status and the agent's events.
    expect(agent.status).toMatchObject({state: 'finished', usage: {inputTokens: 300, outputTokens: 60}, reason: '', draft: undefined});
    expect(agent.status.cost).toBeCloseTo(0.03);
    expect(events[6]?.llm_metrics).toMatchObject({
      accumulated_token_usage: {prompt_tokens: 300, completion_tokens: 60, model: 'fake/fake-model-1'},
    });
    expect((events[6]?.llm_metrics as {accumulated_cost: number} | undefined)?.accumulated_cost).toBeCloseTo(0.03);
    expect(events[1]).not.toHaveProperty('llm_metrics');
  });

  it('answers in plain text and waits for the user; the next message continues the same conversation', async () => {
    const {stream, model, agent} = setup([textTurn('Which file?'), textTurn('OK.')]);
    await agent.send('Fix the bug');
    expect(agent.status.state).toBe('awaiting_user_input');
    expect(stream.all().at(-2)).toMatchObject({
      source: 'agent',
      action: 'message',
      args: {content: 'Which file?', wait_for_response: true},
    });
    await agent.send('main.py');
    expect(model.requests[1]?.messages).toEqual([
      {role: 'user', content: 'Fix the bug'},
      {role: 'assistant', content: 'Which file?'},
      {role: 'user', content: 'main.py'},
    ]);
  });

  it('streams the draft answer into the status and tells of retries', async () => {
    const seen: AgentStatus[] = [];
    const {agent} = setup([
      (_request, options) => {
        options.onRetry?.({attempt: 1, waitMs: 2000, reason: 'HTTP 429'});
        options.onTextDelta?.('Hel');
        options.onTextDelta?.('lo');
        return textTurn('Hello');
      },
    ]);
    agent.onStatus((status) => seen.push(status));
    await agent.send('hi');
    const drafts = seen.map((status) => status.draft).filter((draft, index, all) => draft !== undefined && draft !== all[index - 1]);
    expect(drafts).toEqual(['Hel', 'Hello']);
    expect(seen.some((status) => status.note === 'The LLM call failed (HTTP 429); retry 1 in 2 s.')).toBe(true);
    expect(agent.status.draft).toBeUndefined();
    expect(agent.status.note).toBeUndefined();
  });

  it('sends a resumed session its whole history, an unanswered call answered by a synthetic result', async () => {
    const first = setup(helloTask());
    await first.agent.send('Write hello.py');
    // The client died while a command ran: the action was recorded, its observation never was.
    const [sleeping] = toolCallsToOutcomes(toolTurn([['execute_bash', {command: 'sleep 100'}]]), {commandTimeout: 120});
    const history = new EventStream<Record<string, unknown>>([...first.stream.all()], undefined);
    history.add(toEventJson(messageAction('Now wait a while')));
    history.add({...agentStateChangedObservation('running'), source: 'environment'});
    history.add(toEventJson(sleeping?.kind === 'action' ? sleeping.action : ({} as never)));

    const resumed = setup([textTurn('Back.')], {history: [...history.all()]});
    await resumed.agent.send('Go on');
    const request = resumed.model.requests[0];
    expect(request?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'user',
      'assistant',
      'tool',
      'user',
    ]);
    expect(request?.messages[0]).toEqual({role: 'user', content: 'Write hello.py'});
    expect(toolResults(request)).toEqual([
      'File created successfully at: /workspace/hello.py',
      'hello\n[Command finished with exit code 0]',
      'The task was marked as finished.',
      NO_RESULT_TEXT,
    ]);
    expect(request?.messages.at(-1)).toEqual({role: 'user', content: 'Go on'});
    // The totals go on from the recorded ones.
    expect(resumed.agent.status.usage.inputTokens).toBe(400);
  });

  it('a resumed session starts in the state it was left in (with its reason), but never in a step a dead client left running', () => {
    const states = (...states: [string, string?][]): Recorded[] =>
      states.map(([agent_state, reason], id) => ({
        id,
        timestamp: '2026-12-01T00:00:00.000Z',
        source: 'environment',
        message: '',
        observation: 'agent_state_changed',
        content: '',
        extras: {agent_state, ...(reason ? {reason} : {})},
      }));
    expect(setup([], {history: states(['running'], ['finished'])}).agent.status.state).toBe('finished');
    const failed = setup([], {history: states(['running'], ['error', 'max_iterations = 2 reached'])});
    expect(failed.agent.status).toMatchObject({state: 'error', reason: 'max_iterations = 2 reached'});
    const killed = setup([], {history: states(['running'])});
    expect(killed.agent.status.state).toBe('init');
  });

  it('recovers from a malformed tool call: the model reads the error as the tool result and tries again', async () => {
    const {stream, model, agent} = setup([
      toolTurn([{name: 'execute_bash', rawInput: '{"command": "ls', invalid: 'JSON parsing failed'}]),
      toolTurn([['execute_bash', {command: 'ls'}]]),
      toolTurn([['finish', {}]]),
    ]);
    await agent.send('list');
    expect(summary(stream)).toEqual([
      'user message',
      'environment agent_state_changed:running',
      'agent error',
      'agent run',
      'agent run',
      'agent finish',
      'environment agent_state_changed:finished',
    ]);
    expect(stream.all()[2]).toMatchObject({
      tool_call_metadata: {function_name: 'execute_bash'},
      extras: {error_id: 'AGENT_ERROR$BAD_ACTION'},
    });
    expect(toolResults(model.requests[1])).toEqual([
      'The call to execute_bash could not be used: JSON parsing failed. Fix it and call again.\n[Error occurred in processing last action]',
    ]);
  });

  it('condenses the oldest tool outputs when the context is too long, notes it, and retries the step', async () => {
    const bash = (n: number) => toolTurn([['execute_bash', {command: `step ${n}`}]]);
    const tooLong = () => {
      throw new ContextWindowExceededError('prompt is too long: 210000 tokens > 200000 maximum');
    };
    const {stream, model, agent} = setup([bash(1), bash(2), bash(3), bash(4), tooLong, toolTurn([['finish', {}]])]);
    await agent.send('do four steps');
    expect(agent.status.state).toBe('finished');
    const note = stream.all().find((event) => (event.extras as {agent_note?: string} | undefined)?.agent_note === 'condensed');
    expect(note).toMatchObject({source: 'environment', observation: 'runtime_note', extras: {condensed_results: 1}});
    expect(model.requests).toHaveLength(6);
    expect(toolResults(model.requests[4])).toEqual([
      'ran step 1\n[Command finished with exit code 0]',
      'ran step 2\n[Command finished with exit code 0]',
      'ran step 3\n[Command finished with exit code 0]',
      'ran step 4\n[Command finished with exit code 0]',
    ]);
    expect(toolResults(model.requests[5])).toEqual([
      CONDENSED_TEXT,
      'ran step 2\n[Command finished with exit code 0]',
      'ran step 3\n[Command finished with exit code 0]',
      'ran step 4\n[Command finished with exit code 0]',
    ]);
    expect(model.requests[5]?.messages[0]).toEqual({role: 'user', content: 'do four steps'});
  });

  it('gives up with an error event when condensing cannot make the context fit', async () => {
    const tooLong = () => {
      throw new ContextWindowExceededError('too long');
    };
    const {stream, agent} = setup([
      toolTurn([['execute_bash', {command: 'a'}]]),
      toolTurn([['execute_bash', {command: 'b'}]]),
      tooLong,
      tooLong,
      tooLong,
      tooLong,
      tooLong,
    ]);
    await agent.send('go');
    expect(agent.status.state).toBe('error');
    expect(stream.all().at(-2)).toMatchObject({observation: 'error', source: 'environment', extras: {error_id: AGENT_ERROR_IDS.context}});
  });

  it('stops at max_iterations with the reason in the status and an error event', async () => {
    const bash = () => toolTurn([['execute_bash', {command: 'true'}]]);
    const {stream, model, agent} = setup([bash(), bash(), bash()], {maxIterations: 2});
    await agent.send('loop');
    expect(model.requests).toHaveLength(2);
    expect(agent.status.state).toBe('error');
    expect(agent.status.reason).toMatch(/max_iterations = 2/);
    expect(stream.all().at(-2)).toMatchObject({observation: 'error', extras: {error_id: AGENT_ERROR_IDS.maxIterations}});
    expect(stream.all().at(-1)).toMatchObject({observation: 'agent_state_changed', extras: {agent_state: 'error'}});
  });

  it('stops when the task has spent its budget', async () => {
    const bash = () => toolTurn([['execute_bash', {command: 'true'}]]);
    const {stream, model, agent} = setup([bash(), bash(), bash()], {maxBudgetPerTask: 0.015});
    await agent.send('spend');
    expect(model.requests).toHaveLength(2);
    expect(agent.status).toMatchObject({state: 'error', reason: expect.stringMatching(/\$0\.0200 .*max_budget_per_task = \$0\.015/)});
    expect(stream.all().at(-2)).toMatchObject({extras: {error_id: AGENT_ERROR_IDS.budget}});
  });

  describe('in confirmation mode', () => {
    const twoCommands = () =>
      toolTurn(
        [
          ['execute_bash', {command: 'touch a'}],
          ['execute_bash', {command: 'touch b'}],
        ],
        'Two files.',
      );

    it('y runs the action (re-sent as confirmed), and asks again for the next one', async () => {
      const {stream, runtime, agent} = setup([twoCommands(), toolTurn([['finish', {}]])], {confirmationMode: true});
      agent.onStatus((status) => {
        if (status.state === 'awaiting_user_confirmation') queueMicrotask(() => agent.confirm('yes'));
      });
      await agent.send('make two files');
      expect(summary(stream)).toEqual([
        'user message',
        'environment agent_state_changed:running',
        'agent run:awaiting_confirmation',
        'agent null',
        'environment agent_state_changed:awaiting_user_confirmation',
        'environment agent_state_changed:user_confirmed',
        'agent run',
        'agent run',
        'environment agent_state_changed:running',
        'agent run:awaiting_confirmation',
        'agent null',
        'environment agent_state_changed:awaiting_user_confirmation',
        'environment agent_state_changed:user_confirmed',
        'agent run',
        'agent run',
        'environment agent_state_changed:running',
        'agent finish',
        'environment agent_state_changed:finished',
      ]);
      expect(runtime.actions.map((action) => action.action === 'run' && action.args.command)).toEqual(['touch a', 'touch b']);
      const [, , awaiting, , , , confirmed] = stream.all();
      expect(awaiting).toMatchObject({args: {thought: 'Two files.'}});
      expect(confirmed).toMatchObject({
        args: {thought: '', confirmation_state: 'confirmed'},
        tool_call_metadata: awaiting?.tool_call_metadata,
      });
    });

    it('n rejects: the agent is told, nothing runs, and it waits for the user', async () => {
      const {stream, runtime, model, agent} = setup([twoCommands(), textTurn('Understood.')], {confirmationMode: true});
      agent.onStatus((status) => {
        if (status.state === 'awaiting_user_confirmation') queueMicrotask(() => agent.confirm('no'));
      });
      await agent.send('make two files');
      expect(summary(stream).slice(2)).toEqual([
        'agent run:awaiting_confirmation',
        'agent null',
        'environment agent_state_changed:awaiting_user_confirmation',
        'environment agent_state_changed:user_rejected',
        'agent run:rejected',
        'agent user_rejected',
        'environment agent_state_changed:awaiting_user_input',
      ]);
      expect(stream.all()[7]).toMatchObject({cause: 6});
      expect(runtime.actions).toEqual([]);
      await agent.send('do not touch anything');
      expect(toolResults(model.requests[1])).toEqual([
        'OBSERVATION:\nAction has been rejected by the user! Waiting for further user input.\n[Last action has been rejected by the user]',
      ]);
      // The call the rejection cut off was never recorded, so the model's answer is rebuilt without it.
      expect(model.requests[1]?.messages[1]?.content).toHaveLength(2);
    });

    it('a runs this action and the rest of the turn without asking again', async () => {
      const {stream, runtime, agent} = setup([twoCommands(), toolTurn([['finish', {}]])], {confirmationMode: true});
      let asked = 0;
      agent.onStatus((status) => {
        if (status.state === 'awaiting_user_confirmation') {
          asked++;
          queueMicrotask(() => agent.confirm('all'));
        }
      });
      await agent.send('make two files');
      expect(asked).toBe(1);
      expect(runtime.actions).toHaveLength(2);
      expect(summary(stream).filter((line) => line.includes('awaiting_confirmation'))).toHaveLength(1);
    });

    it('does not ask for a file view, and asks nothing once the mode is switched off', async () => {
      const {runtime, agent} = setup(
        [toolTurn([['str_replace_editor', {command: 'view', path: '/workspace'}]]), toolTurn([['finish', {}]])],
        {
          confirmationMode: true,
        },
      );
      await agent.send('look');
      expect(runtime.actions).toHaveLength(1);
      agent.setConfirmationMode(false);
      expect(agent.status.confirmationMode).toBe(false);
    });
  });

  it('stop() during the model call aborts it, records the stop, and the next message works', async () => {
    const {stream, agent} = setup([hangingTurn(() => queueMicrotask(() => agent.stop())), textTurn('Yes?')]);
    await agent.send('start something long');
    expect(agent.status.state).toBe('stopped');
    expect(summary(stream).slice(-2)).toEqual(['environment runtime_note:stopped', 'environment agent_state_changed:stopped']);
    await agent.send('hello again');
    expect(agent.status.state).toBe('awaiting_user_input');
  });

  it("stop() while the answer streams: the partial text is recorded as the agent's message before the stop, and the next request stays valid", async () => {
    const partial = 'Let me look at the failing test first, then';
    const streamsThenHangs: ScriptedTurn = (request, options) => {
      options.onTextDelta?.('Let me look at the failing test first,');
      options.onTextDelta?.(' then');
      const hang = hangingTurn(() => queueMicrotask(() => agent.stop())) as Exclude<ScriptedTurn, ModelTurn>;
      return hang(request, options);
    };
    const {stream, model, agent} = setup([toolTurn([['execute_bash', {command: 'ls'}]]), streamsThenHangs, textTurn('Sure.')]);
    await agent.send('fix the test');
    expect(agent.status).toMatchObject({state: 'stopped', draft: undefined});
    expect(summary(stream).slice(-4)).toEqual([
      'agent run',
      'agent message',
      'environment runtime_note:stopped',
      'environment agent_state_changed:stopped',
    ]);
    const [message, note] = stream.all().slice(-3);
    expect(message).toMatchObject({
      source: 'agent',
      message: partial,
      args: {content: partial, image_urls: null, wait_for_response: false},
    });
    expect(note?.content).toContain('cut off');
    expect(note?.extras).toMatchObject({agent_note: 'stopped', interrupted_message: message?.id});

    await agent.send('go on');
    const roles = model.requests[2]?.messages.map((entry) => entry.role);
    expect(roles).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);
    expect(model.requests[2]?.messages.at(-2)).toEqual({role: 'assistant', content: partial});
    expect(agent.status.state).toBe('awaiting_user_input');
  });

  it('stop() before any text streamed records no message', async () => {
    const {stream, agent} = setup([hangingTurn(() => queueMicrotask(() => agent.stop()))]);
    await agent.send('start');
    expect(summary(stream).filter((entry) => entry === 'agent message')).toEqual([]);
  });

  it('stop() during a command interrupts it through the signal; its observation is recorded and no step follows', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const runtime = new FakeAgentRuntime(
      (_action, signal) =>
        new Promise((resolve) => {
          started();
          signal.addEventListener('abort', () =>
            resolve(
              cmdOutputObservation({
                content: '^C\n[SIGINT was sent to interrupt the command.]',
                command: 'sleep 100',
                exitCode: 130,
                hidden: false,
                interpreterDetails: '',
              }),
            ),
          );
        }),
    );
    const {stream, model, agent} = setup([toolTurn([['execute_bash', {command: 'sleep 100'}]])], {runtime});
    const done = agent.send('sleep');
    await running;
    agent.stop();
    await done;
    expect(model.requests).toHaveLength(1);
    expect(summary(stream).slice(2)).toEqual([
      'agent run',
      'agent run',
      'environment runtime_note:stopped',
      'environment agent_state_changed:stopped',
    ]);
    expect(stream.all()[3]).toMatchObject({cause: 2, extras: {exit_code: 130}});
  });

  it('stop() while waiting for confirmation ends the wait', async () => {
    const {stream, runtime, agent} = setup([toolTurn([['execute_bash', {command: 'rm x'}]])], {confirmationMode: true});
    const done = agent.send('remove x');
    await stateReached(agent, 'awaiting_user_confirmation');
    agent.stop();
    await done;
    expect(runtime.actions).toEqual([]);
    expect(agent.status.state).toBe('stopped');
    expect(summary(stream).at(-1)).toBe('environment agent_state_changed:stopped');
  });

  it('an LLM call that fails after its retries is an error event; the next message works', async () => {
    const failing = () => {
      throw new ModelCallError('HTTP 503 from the provider: overloaded', 503);
    };
    const {stream, agent} = setup([failing, textTurn('Hi!')]);
    await agent.send('hi');
    expect(agent.status).toMatchObject({state: 'error', reason: 'The LLM call failed: HTTP 503 from the provider: overloaded'});
    expect(stream.all().at(-2)).toMatchObject({
      source: 'environment',
      observation: 'error',
      content: 'The LLM call failed: HTTP 503 from the provider: overloaded',
      extras: {error_id: AGENT_ERROR_IDS.llm},
    });
    await agent.send('hi again');
    expect(agent.status).toMatchObject({state: 'awaiting_user_input', reason: ''});
  });

  it('a runtime that fails an action becomes an error observation for it, and the agent goes on', async () => {
    const runtime = new FakeAgentRuntime(() => {
      throw new Error('Runtime at http://127.0.0.1:1 is unreachable');
    });
    const {stream, model, agent} = setup([toolTurn([['execute_bash', {command: 'ls'}]]), textTurn('The runtime is down.')], {runtime});
    await agent.send('ls');
    expect(stream.all()[3]).toMatchObject({
      observation: 'error',
      cause: 2,
      content: 'The action was not completed: Runtime at http://127.0.0.1:1 is unreachable',
    });
    expect(toolResults(model.requests[1])[0]).toMatch(/unreachable\n\[Error occurred in processing last action\]$/);
  });

  it('keeps a new command from becoming the input of one still running, and input from starting a command', async () => {
    const runtime = new FakeAgentRuntime((action) => {
      const command = action.action === 'run' ? action.args.command : '';
      const exitCode = command === 'read name' ? -1 : 0;
      return cmdOutputObservation({content: `[${command}]`, command, exitCode, hidden: false, interpreterDetails: ''});
    });
    const {stream, model, agent} = setup(
      [
        toolTurn([['execute_bash', {command: 'read name'}]]),
        toolTurn([['execute_bash', {command: 'ls'}]]),
        toolTurn([['execute_bash', {command: 'Bob', is_input: true}]]),
        toolTurn([['execute_bash', {command: 'echo hi', is_input: true}]]),
        toolTurn([['finish', {}]]),
      ],
      {runtime},
    );
    await agent.send('ask for a name');
    expect(runtime.actions.map((action) => action.action === 'run' && action.args.command)).toEqual(['read name', 'Bob']);
    expect(toolResults(model.requests[4])).toEqual([
      expect.stringMatching(/^\[read name\]\n\[The command is still running/),
      expect.stringMatching(/^The command "ls" was NOT run: the previous command is still running\./),
      '[Bob]\n[Command finished with exit code 0]',
      expect.stringMatching(/^No command is running, so there is nothing to type "echo hi" into\./),
    ]);
    expect(
      stream
        .all()
        .filter((event) => event.observation === 'error')
        .map((event) => typeof event.cause),
    ).toEqual(['number', 'number']);
  });

  it('records think with its observation, without running anything', async () => {
    const {stream, runtime, model, agent} = setup([toolTurn([['think', {thought: 'Plan: read, fix, test.'}]]), toolTurn([['finish', {}]])]);
    await agent.send('plan');
    expect(summary(stream).slice(2, 4)).toEqual(['agent think', 'agent think']);
    expect(runtime.actions).toEqual([]);
    expect(toolResults(model.requests[1])).toEqual(['Your thought has been logged.']);
  });

  it("puts the repository's instructions into the system prompt and announces them once per session", async () => {
    const instructions = [{file: 'AGENTS.md', text: 'Run npm test before finishing.'}];
    const first = setup([textTurn('ok'), textTurn('ok')], {instructions});
    await first.agent.send('hi');
    await first.agent.send('again');
    expect(first.model.requests[0]?.system).toContain('Run npm test before finishing.');
    expect(summary(first.stream).filter((line) => line.includes('repo_instructions'))).toEqual([
      'environment runtime_note:repo_instructions',
    ]);
    const resumed = setup([textTurn('ok')], {instructions, history: [...first.stream.all()]});
    await resumed.agent.send('back');
    expect(resumed.model.requests[0]?.system).toContain('Run npm test before finishing.');
    expect(summary(resumed.stream).filter((line) => line.includes('repo_instructions'))).toHaveLength(1);
  });

  it('truncates observations to max_message_chars in the request only', async () => {
    const runtime = new FakeAgentRuntime(() =>
      cmdOutputObservation({content: 'a'.repeat(1000), command: 'yes', exitCode: 0, hidden: false, interpreterDetails: ''}),
    );
    const {stream, model, agent} = setup([toolTurn([['execute_bash', {command: 'yes'}]]), textTurn('long')], {
      runtime,
      maxMessageChars: 200,
    });
    await agent.send('go');
    expect(toolResults(model.requests[1])[0]).toBe(
      `${'a'.repeat(100)}\n[... Observation truncated due to length ...]\n${'a'.repeat(100)}\n[Command finished with exit code 0]`,
    );
    expect(stream.all()[3]?.content).toHaveLength(1000);
  });
});
