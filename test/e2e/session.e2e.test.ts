import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {afterAll, describe, expect, test} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig} from '../helpers/e2e-config.js';
import {runCli} from '../helpers/run-cli.js';

const gate = await dockerGate('session e2e');

const inspect = (name: string, format: string) =>
  execFileSync('docker', ['inspect', '--format', format, name], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();

describe.skipIf(!gate.available)('oh-tui --session without a terminal', () => {
  const setup = e2eConfig();
  const sid = `e2e-session-${randomBytes(3).toString('hex')}`;
  const container = `${setup.config.sandbox.container_name_prefix}${sid}`;
  afterAll(() => execFileSync('docker', ['rm', '-f', container], {stdio: 'ignore'}));

  // Without a terminal (stdout a pipe) the session screen is not drawn: the runtime's details are printed.
  const run = async () => {
    const result = await runCli(['--config', setup.configPath, '--session', sid], {
      env: setup.env,
      cwd: setup.directory,
      timeoutMs: 180_000,
    });
    return {code: result.code, screen: `${result.stdout}${result.stderr}`};
  };

  test('creates the session runtime, prints its VS Code link and how to resume, then stops it; a second run starts it again', async () => {
    const first = await run();
    expect(first.code, first.screen).toBe(0);
    expect(first.screen).toContain(`session    ${sid}`);
    expect(first.screen).toContain(`container  ${container} (created, running)`);
    const link = /VS Code +(http:\/\/localhost:\d+\/\?tkn=[\w-]+&folder=\/workspace)/.exec(first.screen);
    expect(link, first.screen).not.toBeNull();
    expect(first.screen).toContain(`npx oh-tui --session ${sid}`);
    expect(inspect(container, '{{.State.Status}}')).toBe('exited');
    expect(inspect(container, '{{index .Config.Labels "oh-tui.session"}}')).toBe(sid);

    const second = await run();
    expect(second.code, second.screen).toBe(0);
    expect(second.screen).toContain(`container  ${container} (started, running)`);
    expect(inspect(container, '{{.State.Status}}')).toBe('exited');
  });
});
