import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, test} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig} from '../helpers/e2e-config.js';
import {cliPath} from '../helpers/run-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const gate = await dockerGate('agent screen e2e');

// The screen's agent parts with no LLM configured (the controller is wired in later): the header says
// there is no agent, a -t task is recorded and answered with how to configure one, and !commands work.
describe.skipIf(!gate.available)('the session screen without an LLM, in a real terminal', () => {
  const setup = e2eConfig();
  const terminals: TmuxSession[] = [];
  const containers: string[] = [];
  afterEach(() => {
    for (const terminal of terminals.splice(0)) terminal.kill();
  });
  afterAll(() => {
    for (const container of containers) execFileSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
  });

  test('-t on the screen: the task recorded as the first message, the note says how to configure an LLM, /confirm says the same; !cmd runs', async () => {
    const sid = `e2e-agent-${randomBytes(3).toString('hex')}`;
    containers.push(`${setup.config.sandbox.container_name_prefix}${sid}`);
    const terminal = new TmuxSession(['node', cliPath, '--config', setup.configPath, '--session', sid, '-t', 'write hello.py please'], {
      env: setup.env,
      cwd: setup.directory,
      columns: 140,
      rows: 40,
    });
    terminals.push(terminal);
    const first = await terminal.waitFor((screen) => screen.includes('› write hello.py please'), 'the task as the first message');
    expect(first).toContain('agent none  no LLM configured');
    await terminal.waitFor((screen) => screen.includes('No agent: no LLM is configured'), 'the note');
    await terminal.waitFor((screen) => screen.includes('● running'), 'the runtime to be running', 240_000);
    terminal.sendKeys('-l', '/confirm');
    terminal.sendKeys('Enter');
    await terminal.waitFor((screen) => (screen.match(/No agent: no LLM is configured/g) ?? []).length === 2, 'the note again for /confirm');
    terminal.sendKeys('-l', '!echo agentless-$((40+2))');
    terminal.sendKeys('Enter');
    await terminal.waitFor((screen) => /agentless-42\n\s+✔ exit 0/.test(screen), 'the command');
    terminal.sendKeys('C-c');
    await terminal.waitFor((screen) => screen.includes('Press Ctrl+C again to quit'), 'the quit warning');
    terminal.sendKeys('C-c');
    expect(await terminal.waitForExit(60_000)).toBe(0);
    const events = readFileSync(join(setup.config.core.file_store_path, 'sessions', sid, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as {source: string; action?: string; args?: {content?: string}});
    expect(events[0]).toMatchObject({source: 'user', action: 'message', args: {content: 'write hello.py please'}});
    expect(events.map((event) => event.action).filter(Boolean)).toEqual(['message', 'run']);
  }, 300_000);
});
