import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig, type E2eSetup} from '../helpers/e2e-config.js';
import {makeSession, userMessage} from '../helpers/make-session.js';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const gate = await dockerGate('sessions e2e');

/** The container's state, or undefined once the engine no longer knows it. */
function containerState(name: string): string | undefined {
  try {
    return execFileSync('docker', ['inspect', '--format', '{{.State.Status}}', name], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

describe.skipIf(!gate.available)('oh-tui sessions against the real engine', () => {
  const sid = `e2e-sessions-${randomBytes(3).toString('hex')}`;
  let setup: E2eSetup;
  let container: string;
  let dataDir: string;
  let terminal: TmuxSession | undefined;
  const sessions = (...args: string[]) =>
    runCli(['sessions', ...args, '--config', setup.configPath], {env: setup.env, cwd: setup.directory});

  beforeAll(async () => {
    setup = e2eConfig();
    container = `${setup.config.sandbox.container_name_prefix}${sid}`;
    // A real container for the session (built from the e2e image if needed), then its recorded events.
    const created = await runCli(['exec', '--config', setup.configPath, '--session', sid, '--', 'true'], {
      env: setup.env,
      cwd: setup.directory,
    });
    expect(created.code, created.stderr).toBe(0);
    dataDir = makeSession(setup.config.core.file_store_path, sid, {
      workspace: setup.config.core.workspace_base,
      start: new Date(),
      events: [userMessage('List the files'), userMessage('and count them')],
    }).dir;
  });

  afterEach(() => terminal?.kill());
  afterAll(() => {
    if (container) execFileSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
  });

  test('the list shows the session with its container running, then exited once it is stopped', async () => {
    const listed = await sessions('--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({sid, title: 'List the files', events: 2, container, container_state: 'running'}),
    ]);
    const table = await sessions();
    expect(table.stdout).toMatch(new RegExp(`\\n${sid} .* 2 +running +List the files\\n$`));

    execFileSync('docker', ['stop', '--time', '1', container], {stdio: 'ignore'});
    const stopped = await sessions('--json');
    expect((JSON.parse(stopped.stdout) as {container_state: string}[])[0]?.container_state).toBe('exited');
  });

  test('on a terminal, rm asks first and keeps everything on "n"', async () => {
    terminal = new TmuxSession(['node', cliPath, 'sessions', 'rm', sid, '--config', setup.configPath], {
      env: setup.env,
      cwd: setup.directory,
    });
    await terminal.waitFor(
      (screen) => screen.includes(`Remove session ${sid} (container ${container}, exited, 2 events)? [y/N]`),
      'the question',
      30_000,
    );
    terminal.sendKeys('n', 'Enter');
    expect(await terminal.waitForExit(30_000)).toBe(1);
    expect(terminal.screen()).toContain('Nothing removed.');
    expect(containerState(container)).toBe('exited');
    expect(fs.existsSync(dataDir)).toBe(true);
  });

  test('rm --yes removes the container and the data', async () => {
    const removed = await sessions('rm', sid, '--yes');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toBe(`Removed session ${sid}: container ${container} and its data (2 events).\n`);
    expect(containerState(container)).toBeUndefined();
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(JSON.parse((await sessions('--json')).stdout)).toEqual([]);
  });
});
