import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {agentFactoryFor} from '../../source/commands/agent-factory.js';
import {checkAgentForHeadless, type HeadlessOptions, MAX_AUTO_REPLIES, NOBODY_THERE, runHeadless} from '../../source/commands/headless.js';
import type {Config} from '../../source/config/types.js';
import {isUserError} from '../../source/lib/errors.js';
import type {LiveSession, LiveSessionOptions, RuntimeView} from '../../source/runtime/live-session.js';
import {defaultConfig} from '../fixtures/config/default-config.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';
import {FakeAgent, type FakeTurn} from '../helpers/fake-agent.js';

const place = trackTempDirs();

/** A runtime that needs no Docker: it comes up (or not) and records that it was closed. */
function fakeRuntime(state: RuntimeView['state'] = 'running') {
  const closed: number[] = [];
  const runtimeFor = (options: LiveSessionOptions) => {
    let view: RuntimeView = {state: 'starting', detail: '', container: 'c', image: undefined, vscodeUrl: undefined, vscodeNote: undefined};
    return {
      get view() {
        return view;
      },
      async start() {
        view = {...view, state, detail: state === 'running' ? '' : 'no engine', image: 'oh-tui/runtime:test'};
        options.onChange(view);
      },
      async close() {
        closed.push(1);
      },
    } as unknown as LiveSession;
  };
  return {runtimeFor, closed};
}

class Sink {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

async function headless(
  turn: (turn: FakeTurn, index: number) => Promise<void>,
  options: Partial<HeadlessOptions> & {runtimeState?: RuntimeView['state']} = {},
) {
  const {cwd, home} = place();
  const config: Config = defaultConfig(cwd, home);
  const stdout = new Sink();
  const stderr = new Sink();
  const runtime = fakeRuntime(options.runtimeState);
  let agent: FakeAgent | undefined;
  const controller = new AbortController();
  const code = await runHeadless({
    config,
    sid: 'headless-test',
    task: 'Say hello',
    json: false,
    createAgent: (stream) => {
      agent = new FakeAgent(stream, turn);
      return agent;
    },
    stdout,
    stderr,
    buildStream: process.stderr,
    env: {},
    signal: controller.signal,
    interruptedCode: () => 130,
    runtimeFor: runtime.runtimeFor,
    ...options,
  });
  const log = path.join(config.core.file_store_path, 'sessions', 'headless-test', 'events.jsonl');
  return {code, stdout: stdout.text, stderr: stderr.text, agent, closed: runtime.closed, log, config};
}

const ranEcho = async ({stream, setState}: FakeTurn) => {
  const action = stream.add({source: 'agent', message: 'Running command: echo hi', action: 'run', args: {command: 'echo hi', thought: ''}});
  stream.add({
    source: 'agent',
    cause: action.id,
    message: '',
    observation: 'run',
    content: 'hi',
    extras: {exit_code: 0, command: 'echo hi'},
  });
  stream.add({source: 'agent', message: 'done', action: 'finish', args: {outputs: {content: 'Said hello.'}, thought: ''}});
  setState('finished');
};

describe('runHeadless (a fake agent, a runtime without Docker)', () => {
  it('runs the task to finished: exit 0, a line per event on stderr, how to resume at the end', async () => {
    const run = await headless(ranEcho);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    for (const line of [
      '› Say hello',
      '· agent running',
      '❯ echo hi',
      '✔ finished: Said hello.',
      '· agent finished',
      'Session headless-test',
    ]) {
      expect(lines).toContain(line);
    }
    expect(lines.some((line) => /^ {2}✔ exit 0/.test(line))).toBe(true);
    expect(run.stderr).toContain('Resume it:  npx oh-tui --session headless-test');
    expect(run.stderr).toContain('oh-tui: runtime running');
    expect(run.closed).toHaveLength(1);
    expect(run.agent?.sent).toEqual(['Say hello']);
  });

  it('--json: stdout is exactly the recorded events.jsonl lines of the run, nothing else', async () => {
    const run = await headless(ranEcho, {json: true});
    expect(run.code).toBe(0);
    const recorded = fs.readFileSync(run.log, 'utf8');
    expect(run.stdout).toBe(recorded);
    const events = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event.action ?? event.observation)).toEqual([
      'message',
      'agent_state_changed',
      'run',
      'run',
      'finish',
      'agent_state_changed',
    ]);
    expect(events.map((event) => event.id)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('--json on a resumed session whose last command never got its result: that result (recorded by this run) is on stdout too', async () => {
    // The first client "died" while its command ran: the action is recorded, its observation never was.
    const first = await headless(async ({stream, setState}) => {
      stream.add({source: 'agent', message: 'Running command: sleep 60', action: 'run', args: {command: 'sleep 60', thought: ''}});
      setState('finished');
    });
    const before = fs.readFileSync(first.log, 'utf8');
    const run = await headless(ranEcho, {json: true, config: first.config});
    expect(run.code).toBe(0);
    expect(before + run.stdout).toBe(fs.readFileSync(first.log, 'utf8'));
    const lost = JSON.parse(run.stdout.split('\n')[0] ?? '') as {observation: string; content: string; cause: number};
    expect(lost.observation).toBe('error');
    expect(lost.content).toContain('oh-tui stopped while this ran');
    expect(run.stderr).toContain('✖ error: oh-tui stopped while this ran');
  });

  it('a passing note (an LLM call being retried) is printed once on stderr, not on --json stdout', async () => {
    const note = 'The LLM call failed (HTTP 429: slow down); retry 1 in 2 s.';
    const run = await headless(
      async (fake) => {
        fake.patch({note});
        fake.patch({note, draft: 'Hel'});
        fake.patch({note: undefined});
        await ranEcho(fake);
      },
      {json: true},
    );
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((line) => line === `· ${note}`)).toHaveLength(1);
    expect(run.stdout).not.toContain('retry 1');
  });

  it('an agent that ends in error (max_iterations, the budget, an LLM error) exits 1 and says why, once', async () => {
    const run = await headless(async ({setState}) => setState('error', 'max_iterations 3 reached'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('· agent error (max_iterations 3 reached)');
    expect(run.stderr).toContain('oh-tui: the agent ended in error\n');
    expect(run.stderr.split('max_iterations 3 reached')).toHaveLength(2);
    expect(run.closed).toHaveLength(1);
  });

  it("the controller's failure (an error event, then the state without a reason): the reason once on stderr, --json stdout only the events", async () => {
    const reason = 'The LLM call failed: HTTP 500: The server had an error while processing your request.';
    const fail = async ({stream, setState, patch}: FakeTurn) => {
      stream.add({
        source: 'environment',
        message: reason,
        observation: 'error',
        content: reason,
        extras: {error_id: 'AGENT_ERROR$LLM_CALL_FAILED'},
      });
      setState('error');
      patch({reason});
    };
    const run = await headless(fail, {json: true});
    expect(run.code).toBe(1);
    expect(run.stderr.split(reason)).toHaveLength(2);
    expect(run.stderr).toContain(`✖ error: ${reason}\n`);
    expect(run.stderr).toContain('oh-tui: the agent ended in error\n');
    expect(run.stdout).toBe(fs.readFileSync(run.log, 'utf8'));
    // A reason no event stated is said at the end.
    const silent = await headless(async ({setState, patch}) => {
      setState('error');
      patch({reason: 'The agent failed: boom'});
    });
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain('oh-tui: the agent ended in error: The agent failed: boom\n');
  });

  it('an agent that asks the user is told nobody is there, at most MAX_AUTO_REPLIES times', async () => {
    const answered = await headless(async ({setState}, index) => setState(index === 0 ? 'awaiting_user_input' : 'finished'));
    expect(answered.code).toBe(0);
    expect(answered.agent?.sent).toEqual(['Say hello', NOBODY_THERE]);
    const asking = await headless(async ({setState}) => setState('awaiting_user_input'));
    expect(asking.code).toBe(1);
    expect(asking.agent?.sent).toHaveLength(1 + MAX_AUTO_REPLIES);
    expect(asking.stderr).toContain('still waiting for an answer');
  });

  it('Ctrl+C stops the agent and the runtime, exit 130', async () => {
    const controller = new AbortController();
    const run = await headless(
      async ({stopped, setState}) => {
        controller.abort();
        if (!stopped.aborted) await new Promise((resolve) => stopped.addEventListener('abort', resolve, {once: true}));
        setState('stopped');
      },
      {signal: controller.signal},
    );
    expect(run.code).toBe(130);
    expect(run.agent?.stops).toBeGreaterThanOrEqual(1);
    expect(run.stderr).toContain('interrupted: stopping the agent');
    expect(run.closed.length).toBeGreaterThanOrEqual(1);
  });

  it('a runtime that does not come up ends the run with 1 before any agent is made', async () => {
    const run = await headless(ranEcho, {runtimeState: 'lost'});
    expect(run.code).toBe(1);
    expect(run.agent).toBeUndefined();
    expect(run.stderr).toContain('oh-tui: the runtime did not come up: no engine');
  });

  it('with no agent to run the task it says so and ends (exit 2) before opening anything', async () => {
    const run = await headless(ranEcho, {createAgent: undefined});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('oh-tui: no agent to run the task');
    expect(run.closed).toEqual([]);
    expect(fs.existsSync(run.log)).toBe(false);
  });

  it('without an LLM it fails at once with how to configure one (exit 2)', () => {
    const {cwd, home} = place();
    const config = defaultConfig(cwd, home);
    let error: unknown;
    try {
      checkAgentForHeadless(agentFactoryFor(config, {}));
    } catch (caught) {
      error = caught;
    }
    expect(isUserError(error)).toBe(true);
    expect(error).toMatchObject({exitCode: 2, message: '--headless needs an LLM, and none is configured'});
    expect((error as {hint: string}).hint).toContain('LLM_API_KEY');
    expect(() => checkAgentForHeadless(agentFactoryFor({...config, llm: {...config.llm, api_key: 'sk-test'}}, {}))).not.toThrow();
    // The provider's own variable is a key too.
    const openai = {...config, llm: {...config.llm, model: 'openai/gpt-4o'}};
    expect(agentFactoryFor(openai, {})).toBeUndefined();
    expect(agentFactoryFor(openai, {OPENAI_API_KEY: 'sk-openai'})).toBeTypeOf('function');
    // Settings that are there but wrong are the user's mistake, named.
    expect(() => agentFactoryFor({...config, llm: {...config.llm, model: 'bedrock/x', api_key: 'k'}}, {})).toThrow('unknown provider');
  });
});
