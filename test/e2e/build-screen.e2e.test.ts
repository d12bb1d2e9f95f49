import {randomBytes} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {afterAll, afterEach, describe, expect, test} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig} from '../helpers/e2e-config.js';
import {cliPath} from '../helpers/run-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const gate = await dockerGate('build screen e2e');

describe.skipIf(!gate.available)('the build screen in a real terminal', () => {
  const repo = `oh-tui-e2e-screen-${randomBytes(4).toString('hex')}/runtime`;
  let session: TmuxSession | undefined;

  afterEach(() => session?.kill());
  afterAll(() => {
    const references = execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repo], {encoding: 'utf8'})
      .split('\n')
      .filter(Boolean);
    if (references.length > 0) execFileSync('docker', ['image', 'rm', '-f', ...references], {stdio: 'ignore'});
  });

  test('shows the live step tree and the step log, toggles the raw log, and Esc cancels leaving no tag', async () => {
    const marker = randomBytes(4).toString('hex');
    const setup = e2eConfig({
      repo,
      sandbox: {runtime_extra_deps: `for i in $(seq 1 600); do echo tick-${marker}-$i; sleep 0.1; done`},
    });
    session = new TmuxSession(['node', cliPath, 'build', '--config', setup.configPath, '--force-rebuild'], {
      env: setup.env,
      cwd: setup.cwd,
    });

    const running = await session.waitFor((screen) => screen.includes(`tick-${marker}-`), 'the running step to show its log', 120_000);
    expect(running).toContain(`Building ${repo}:`);
    expect(running).toMatch(/scratch/);
    expect(running).toMatch(/Esc/);
    expect(running).toMatch(/RUN for i in/);

    session.sendKeys('l');
    await session.waitFor((screen) => /\bsteps\b/.test(screen) && screen.includes(`tick-${marker}-`), 'the raw log view');
    session.sendKeys('l');
    await session.waitFor((screen) => /raw log/.test(screen), 'the step tree again');

    session.sendKeys('Escape');
    const cancelled = await session.waitFor((screen) => /cancelled/i.test(screen), 'the cancelled state', 30_000);
    expect(cancelled).toContain('Build cancelled (exit code 130): no image was tagged.');
    expect(await session.waitForExit(30_000)).toBe(130);
    const tags = execFileSync('docker', ['image', 'ls', '--format', '{{.Tag}}', repo], {encoding: 'utf8'}).trim();
    expect(tags).toBe('');
  });
});
