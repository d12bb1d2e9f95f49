import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {type HeadlessOptions, runHeadless} from '../../source/commands/headless.js';
import type {LiveSession} from '../../source/runtime/live-session.js';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig} from '../helpers/e2e-config.js';
import {FakeAgent, type FakeTurn} from '../helpers/fake-agent.js';
import {runCli} from '../helpers/run-cli.js';

const gate = await dockerGate('headless e2e');

const inspect = (name: string, format: string) =>
  execFileSync('docker', ['inspect', '--format', format, name], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();

class Sink {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

/**
 * Headless runs in-process against the real engine, the real container and its action server: the
 * agent is a stand-in (the controller is another part) whose turn runs real commands through the
 * session's LiveSession, as the controller's runtime adapter will.
 */
describe.skipIf(!gate.available)('oh-tui --headless (a stand-in agent, a real runtime)', () => {
  const setup = e2eConfig();
  const sids: string[] = [];
  afterAll(() => {
    for (const sid of sids) execFileSync('docker', ['rm', '-f', `${setup.config.sandbox.container_name_prefix}${sid}`], {stdio: 'ignore'});
  });

  async function headless(
    sid: string,
    turn: (turn: FakeTurn & {runtime: LiveSession}) => Promise<void>,
    extra: Partial<HeadlessOptions> = {},
  ) {
    if (!sids.includes(sid)) sids.push(sid);
    const stdout = new Sink();
    const stderr = new Sink();
    let agent: FakeAgent | undefined;
    const code = await runHeadless({
      config: setup.config,
      sid,
      task: 'Say hello in hello.txt',
      json: true,
      createAgent: (stream, runtime) => {
        agent = new FakeAgent(stream, (fake) => turn({...fake, runtime}));
        return agent;
      },
      stdout,
      stderr,
      buildStream: process.stderr,
      env: setup.env,
      signal: new AbortController().signal,
      interruptedCode: () => 130,
      ...extra,
    });
    const log = path.join(setup.config.core.file_store_path, 'sessions', sid, 'events.jsonl');
    return {code, stdout: stdout.text, stderr: stderr.text, agent, log};
  }

  test('a task run to finished: exit 0, --json stdout is the recorded events and nothing else, the container stopped after', async () => {
    const sid = `e2e-headless-${randomBytes(3).toString('hex')}`;
    const run = await headless(sid, async ({runtime, stream, setState}) => {
      await runtime.runShell('echo "hello from $(basename $PWD)" > hello.txt && cat hello.txt');
      stream.add({source: 'agent', message: '', action: 'finish', args: {outputs: {content: 'Wrote hello.txt.'}, thought: ''}});
      setState('finished');
    });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(run.stdout).toBe(fs.readFileSync(run.log, 'utf8'));
    expect(events.map((event) => event.action ?? event.observation)).toEqual([
      'message',
      'agent_state_changed',
      'run',
      'run',
      'finish',
      'agent_state_changed',
    ]);
    const observation = events[3] as {content: string; extras: {exit_code: number}; cause: number};
    expect(observation.extras.exit_code).toBe(0);
    expect(observation.cause).toBe(events[2]?.id);
    expect(observation.content).toContain('hello from workspace');
    expect(fs.readFileSync(path.join(setup.cwd, 'hello.txt'), 'utf8')).toBe('hello from workspace\n');
    expect(run.stderr).toContain('› Say hello in hello.txt');
    expect(run.stderr).toContain('❯ echo "hello from $(basename $PWD)" > hello.txt && cat hello.txt');
    expect(run.stderr).toMatch(/ {2}✔ exit 0 · \d+\.\ds/);
    expect(run.stderr).toContain('✔ finished: Wrote hello.txt.');
    expect(run.stderr).toContain(`Resume it:  npx oh-tui --session ${sid}`);
    expect(inspect(`${setup.config.sandbox.container_name_prefix}${sid}`, '{{.State.Status}}')).toBe('exited');
  }, 300_000);

  test('the same session again, its agent ending in error: exit 1, numbering continued, the reason on stderr', async () => {
    const sid = sids[0] ?? `e2e-headless-${randomBytes(3).toString('hex')}`;
    const before = fs.existsSync(path.join(setup.config.core.file_store_path, 'sessions', sid, 'events.jsonl'))
      ? fs
          .readFileSync(path.join(setup.config.core.file_store_path, 'sessions', sid, 'events.jsonl'), 'utf8')
          .trimEnd()
          .split('\n').length
      : 0;
    const run = await headless(sid, async ({runtime, setState}) => {
      await runtime.runShell('exit_code_test() { return 3; }; exit_code_test');
      setState('error', 'max_iterations 1 reached');
    });
    expect(run.code, run.stderr).toBe(1);
    const events = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as {id: number; extras?: {exit_code?: number}});
    expect(events[0]?.id).toBe(before);
    expect(events.find((event) => event.extras?.exit_code !== undefined)?.extras?.exit_code).toBe(3);
    expect(run.stderr).toMatch(/ {2}✖ exit 3/);
    expect(run.stderr).toContain('· agent error (max_iterations 1 reached)');
    expect(run.stderr).toContain('oh-tui: the agent ended in error\n');
    expect(run.stderr.split('max_iterations 1 reached')).toHaveLength(2);
  }, 300_000);

  test('Ctrl+C while the agent runs a long command: the agent is stopped, the command interrupted, exit 130, the container stopped', async () => {
    const sid = `e2e-headless-${randomBytes(3).toString('hex')}`;
    const interrupt = new AbortController();
    const started = Date.now();
    const run = await headless(
      sid,
      async ({runtime, stream, stopped, setState}) => {
        const unsubscribe = stream.subscribe((event) => {
          // The command is under way in the container: now the user presses Ctrl+C.
          if (event.action === 'run') setTimeout(() => interrupt.abort(), 500);
        });
        stopped.addEventListener('abort', () => runtime.interrupt(), {once: true});
        await runtime.runShell('sleep 60');
        unsubscribe();
        setState('stopped');
      },
      {json: false, signal: interrupt.signal},
    );
    expect(run.code, run.stderr).toBe(130);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(run.agent?.stops).toBeGreaterThanOrEqual(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('❯ sleep 60');
    expect(run.stderr).toContain('interrupted: stopping the agent');
    expect(inspect(`${setup.config.sandbox.container_name_prefix}${sid}`, '{{.State.Status}}')).toBe('exited');
  }, 300_000);

  test('the built CLI: --headless with no LLM configured exits 2 at once, stdout empty, no container made', async () => {
    const sid = `e2e-headless-${randomBytes(3).toString('hex')}`;
    const result = await runCli(['--config', setup.configPath, '--session', sid, '--headless', '--json', '-t', 'hi'], {
      env: setup.env,
      cwd: setup.directory,
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--headless needs an LLM');
    expect(() => inspect(`${setup.config.sandbox.container_name_prefix}${sid}`, '{{.State.Status}}')).toThrow();
  }, 120_000);
});
