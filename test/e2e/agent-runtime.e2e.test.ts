// The agent controller against a real runtime container and our action server, with a scripted
// model (the fake ModelClient): the editor creates a file, bash runs it, the model sees the output.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AgentController} from '../../source/agent/agent-controller.js';
import {readRepoInstructions} from '../../source/agent/repo-instructions.js';
import {cmdRunAction} from '../../source/events/actions.js';
import {clientActionRunner} from '../../source/runtime/client-agent-runtime.js';
import {LiveSession} from '../../source/runtime/live-session.js';
import {openRuntime, type RuntimeHandle} from '../../source/runtime/manager.js';
import {resolveRuntimeImage} from '../../source/runtime/session-runtime.js';
import {EventStream} from '../../source/session/event-stream.js';
import {buildWithScreen} from '../../source/ui/run-build-ui.js';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig} from '../helpers/e2e-config.js';
import {FakeModel, type ScriptedTurn, toolTurn} from '../helpers/fake-model.js';

const gate = await dockerGate('agent-runtime e2e');

describe.skipIf(!gate.available)('the agent in a real runtime container', () => {
  const setup = e2eConfig();
  const sid = `e2e-agent-${randomBytes(3).toString('hex')}`;
  let handle: RuntimeHandle | undefined;

  beforeAll(async () => {
    const connection = gate.connection!;
    handle = await openRuntime({
      config: setup.config,
      connection,
      sid,
      env: {},
      ensureImage: () =>
        resolveRuntimeImage(setup.config, connection, (plan, request) =>
          buildWithScreen({plan, request, stdout: process.stderr, plain: true, color: false}),
        ),
    });
  });

  afterAll(() => {
    handle?.client.dispose();
    if (handle) execFileSync('docker', ['rm', '-f', handle.containerId], {stdio: 'ignore'});
    try {
      execFileSync('docker', ['rm', '-f', `${setup.config.sandbox.container_name_prefix}${sid}-live`], {stdio: 'ignore'});
    } catch {
      // Never created.
    }
  });

  function agentWith(script: ScriptedTurn[], onOutput?: (text: string) => void) {
    const stream = new EventStream<Record<string, unknown>>([], undefined);
    const model = new FakeModel(script);
    const agent = new AgentController({
      model,
      runtime: clientActionRunner(handle!.client, {onOutput}),
      stream,
      workspacePath: setup.config.core.workspace_mount_path_in_sandbox,
      readInstructions: () => readRepoInstructions(setup.config.core.workspace_base),
      maxIterations: 10,
      maxBudgetPerTask: undefined,
      maxMessageChars: setup.config.llm.max_message_chars,
      commandTimeout: setup.config.sandbox.timeout,
      confirmationMode: false,
    });
    return {stream, model, agent};
  }

  it('creates a file with the editor, runs it with bash, sees its output and finishes', async () => {
    writeFileSync(join(setup.cwd, 'AGENTS.md'), 'Scripts in this repository are POSIX sh.\n');
    const {stream, model, agent} = agentWith([
      toolTurn(
        [['str_replace_editor', {command: 'create', path: '/workspace/hello.sh', file_text: 'echo "hello from $(uname -s)"\n'}]],
        'Writing it.',
      ),
      toolTurn([['execute_bash', {command: 'sh /workspace/hello.sh'}]]),
      toolTurn([['finish', {message: 'hello.sh prints hello from Linux.'}]]),
    ]);
    await agent.send('Write hello.sh and run it.');

    expect(agent.status.state).toBe('finished');
    const events = stream.all();
    const kinds = events.map((event) => event.action ?? `${event.observation}`);
    expect(kinds).toEqual([
      'message',
      'agent_state_changed',
      'runtime_note',
      'edit',
      'edit',
      'run',
      'run',
      'finish',
      'agent_state_changed',
    ]);
    expect(events[4]).toMatchObject({observation: 'edit', cause: 3, extras: {path: '/workspace/hello.sh', prev_exist: false}});
    expect(events[6]).toMatchObject({observation: 'run', cause: 5, extras: {exit_code: 0}});
    expect(String(events[6]?.content)).toMatch(/hello from Linux$/);
    // The file is in the host's workspace.
    expect(readFileSync(join(setup.cwd, 'hello.sh'), 'utf8')).toBe('echo "hello from $(uname -s)"\n');

    expect(model.requests[0]?.system).toContain('Scripts in this repository are POSIX sh.');
    const results = model.requests[2]?.messages.flatMap((message) =>
      message.role === 'tool'
        ? message.content.map((part) => (part.type === 'tool-result' && part.output.type === 'text' ? part.output.value : ''))
        : [],
    );
    expect(results?.[0]).toBe('File created successfully at: /workspace/hello.sh');
    expect(results?.[1]).toMatch(/hello from Linux\n\[Command finished with exit code 0\]$/);
  });

  it('stop() interrupts the running command in the container; the next task runs', async () => {
    let agent: AgentController | undefined;
    const made = agentWith(
      [
        toolTurn([['execute_bash', {command: 'echo started; sleep 60'}]]),
        toolTurn([['execute_bash', {command: 'echo second task'}]]),
        toolTurn([['finish', {}]]),
      ],
      (text) => {
        if (text.includes('started')) agent?.stop();
      },
    );
    agent = made.agent;
    const started = Date.now();
    await agent.send('sleep a minute');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(agent.status.state).toBe('stopped');
    const interrupted = made.stream.all().find((event) => event.observation === 'run');
    expect(interrupted).toMatchObject({extras: {exit_code: 130}});
    await agent.send('now something short');
    expect(agent.status.state).toBe('finished');
    expect(
      made.stream
        .all()
        .filter((event) => event.observation === 'run')
        .at(-1)?.content,
    ).toMatch(/second task$/);
    expect(existsSync(join(setup.cwd, 'hello.sh'))).toBe(true);
  });

  it("LiveSession runs the agent's actions: it waits for the runtime, streams commands to the pane without recording them, and Ctrl+C interrupts", async () => {
    const stream = new EventStream<Record<string, unknown>>([], undefined);
    let output = '';
    const running: boolean[] = [];
    let live: LiveSession | undefined;
    live = new LiveSession({
      config: setup.config,
      sid: `${sid}-live`,
      env: setup.env,
      stream,
      build: (plan, request) => buildWithScreen({plan, request, stdout: process.stderr, plain: true, color: false}),
      onChange: () => {},
      onOutput: (text) => {
        output += text;
        if (text.includes('interrupt-me')) live?.interrupt();
      },
      onRunning: (value) => running.push(value),
      onNote: () => {},
    });
    const signal = new AbortController().signal;
    try {
      // Asked before the runtime is up: the action waits for it.
      const opened = live.start();
      const created = await live.runAgentAction(
        {source: 'agent', action: 'edit', args: {path: '/workspace/live.sh', command: 'create', file_text: 'echo live-agent-output\n'}},
        {signal},
      );
      await opened;
      expect(created).toMatchObject({observation: 'edit', extras: {prev_exist: false}});
      const ran = await live.runAgentAction(cmdRunAction('sh /workspace/live.sh', {timeout: 30, source: 'agent'}), {signal});
      expect(ran).toMatchObject({observation: 'run', extras: {exit_code: 0}});
      expect(output).toContain('live-agent-output');
      expect(running).toEqual([true, false]);
      const interrupted = await live.runAgentAction(cmdRunAction('echo interrupt-me; sleep 60', {timeout: 120, source: 'agent'}), {signal});
      expect(interrupted).toMatchObject({observation: 'run', extras: {exit_code: 130}});
      // The controller records; the live session did not.
      expect(stream.size).toBe(0);
    } finally {
      await live.close();
    }
  });
});
