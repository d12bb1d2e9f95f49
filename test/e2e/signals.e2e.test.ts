import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {CliProcess} from '../helpers/cli-process.js';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eBaseImage, e2eConfig, type E2eSetup} from '../helpers/e2e-config.js';
import {EngineProxy} from '../helpers/engine-proxy.js';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const gate = await dockerGate('signals e2e');

const docker = (...args: string[]) => execFileSync('docker', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();

/** The container's state, or 'missing'. */
function containerState(name: string): string {
  try {
    return docker('inspect', '--format', '{{.State.Status}}', name);
  } catch {
    return 'missing';
  }
}

const exitCodes = {SIGINT: 130, SIGTERM: 143} as const;

/**
 * The interactive session promises (README) that every way out stops the container it brought up:
 * the session screen, in a real terminal (tmux), is signalled at each step of the bring-up once the
 * step is seen to be reached (the screen, the container's state, a request the engine holds), and
 * must exit 128 + the signal's number with the container stopped or never made, and another
 * session's container untouched.
 */
describe.skipIf(!gate.available)('oh-tui (the session) stops its runtime container on every way out', () => {
  const run = randomBytes(3).toString('hex');
  const sidPrefix = `e2e-exit-${run}`;
  // An image whose container runs but whose action server never answers: the CLI waits for it.
  const neverAlive = `oh-tui-e2e/never-alive:${run}`;
  // Another session's container whose name begins like every one here (0.15 removed all such).
  const neighbour = `openhands-runtime-${sidPrefix}`;
  const buildRepos: string[] = [];

  beforeAll(() => {
    execFileSync('docker', ['build', '--quiet', '--tag', neverAlive, '-'], {
      input: `FROM ${e2eBaseImage}\nENTRYPOINT ["/bin/sh", "-c", "exec sleep infinity"]\n`,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    docker('run', '--detach', '--init', '--name', neighbour, neverAlive);
  });

  afterAll(() => {
    const containers = docker('ps', '--all', '--quiet', '--filter', `name=${sidPrefix}`).split('\n').filter(Boolean);
    if (containers.length > 0) docker('rm', '--force', ...containers);
    const images = buildRepos.flatMap((repo) => docker('image', 'ls', '--quiet', repo).split('\n').filter(Boolean));
    docker('image', 'rm', '--force', neverAlive, ...images);
  });

  const terminals: TmuxSession[] = [];
  afterEach(() => {
    for (const terminal of terminals.splice(0)) terminal.kill();
  });

  /** The session screen in a real terminal (tmux), and the pid of its CLI once the session is open. */
  const session = (setup: E2eSetup, sid: string, env: NodeJS.ProcessEnv = {}) => {
    const terminal = new TmuxSession(['node', cliPath, '--config', setup.configPath, '--session', sid], {
      env: {...setup.env, ...env},
      cwd: setup.directory,
      columns: 140,
      rows: 40,
    });
    terminals.push(terminal);
    const holder = join(setup.config.core.file_store_path, 'sessions', sid, 'lock-holder.json');
    const pid = async () => {
      await terminal.waitFor(() => existsSync(holder), 'the session to be open');
      return (JSON.parse(readFileSync(holder, 'utf8')) as {pid: number}).pid;
    };
    return {terminal, pid, kill: async (signal: NodeJS.Signals) => process.kill(await pid(), signal)};
  };

  const containerOf = (setup: E2eSetup, sid: string) => `${setup.config.sandbox.container_name_prefix}${sid}`;

  describe.each(['SIGINT', 'SIGTERM'] as const)('%s', (signal) => {
    const code = exitCodes[signal];
    const sid = (stage: string) => `${sidPrefix}-${stage}-${signal.toLowerCase()}`;

    test('during the image build (shown inside the app): the build is cancelled, and neither a container nor an image is left', async () => {
      const marker = `${run}-${signal.toLowerCase()}`;
      const repo = `oh-tui-e2e-exit/${marker}`;
      buildRepos.push(repo);
      const setup = e2eConfig({repo, sandbox: {runtime_extra_deps: `echo exit-test-${marker}; sleep 600`}});
      const cli = session(setup, sid('build'));
      // The build screen inside the app names the step once it runs (and its log shows the echo).
      await cli.terminal.waitFor((screen) => screen.includes(`exit-test-${marker}`), 'the slow build step to start', 240_000);
      await cli.kill(signal);

      expect(await cli.terminal.waitForExit(60_000), cli.terminal.screen({scrollback: true})).toBe(code);
      expect(containerState(containerOf(setup, sid('build')))).toBe('missing');
      expect(docker('image', 'ls', '--quiet', repo)).toBe('');
      expect(containerState(neighbour)).toBe('running');
    });

    test('while the container is created (the engine holds the create): it is never left running', async () => {
      const setup = e2eConfig({sandbox: {runtime_container_image: neverAlive}});
      const engine = await new EngineProxy().start();
      try {
        const held = engine.holdRequests(/^POST \/[^ ]*containers\/create/);
        const cli = session(setup, sid('create'), {DOCKER_HOST: engine.dockerHost});
        await held;
        await cli.kill(signal);
        engine.release();

        expect(await cli.terminal.waitForExit(60_000), cli.terminal.screen({scrollback: true})).toBe(code);
        expect(['missing', 'created', 'exited']).toContain(containerState(containerOf(setup, sid('create'))));
        expect(containerState(neighbour)).toBe('running');
      } finally {
        await engine.close();
      }
    });

    test('while it waits for the action server, after a create and after a start: the container is stopped', async () => {
      const setup = e2eConfig({sandbox: {runtime_container_image: neverAlive}});
      const name = containerOf(setup, sid('alive'));

      const created = session(setup, sid('alive'));
      await created.terminal.waitFor((screen) => screen.includes('waiting for the action server'), 'the wait for the action server');
      expect(containerState(name)).toBe('running');
      await created.kill(signal);
      expect(await created.terminal.waitForExit(60_000), created.terminal.screen({scrollback: true})).toBe(code);
      expect(created.terminal.screen({scrollback: true})).toContain(`stopping the session's runtime container ${name}`);
      expect(containerState(name)).toBe('exited');

      const started = session(setup, sid('alive'));
      await started.terminal.waitFor((screen) => screen.includes('waiting for the action server'), 'the wait after a start');
      expect(containerState(name)).toBe('running');
      await started.kill(signal);
      expect(await started.terminal.waitForExit(60_000), started.terminal.screen({scrollback: true})).toBe(code);
      expect(containerState(name)).toBe('exited');
      expect(containerState(neighbour)).toBe('running');
    });

    test('while it waits for VS Code: the container it attached to is stopped, and how to resume is printed', async () => {
      const setup = e2eConfig();
      const name = containerOf(setup, sid('vscode'));
      // `exec` leaves the container running (building the runtime image first when there is none).
      const up = await runCli(['exec', '--config', setup.configPath, '--session', sid('vscode'), '--', 'true'], {
        env: setup.env,
        cwd: setup.directory,
      });
      expect(up.code, up.stderr).toBe(0);
      // Without its openvscode-server, the container's VS Code port stays silent.
      docker('exec', name, 'sh', '-c', 'kill "$(cat /openhands/run/openvscode-server.pid)"');

      const cli = session(setup, sid('vscode'));
      await cli.terminal.waitFor(
        (screen) => screen.includes('● running') && screen.includes('VS Code: waiting for the runtime'),
        'the runtime attached, the link still awaited',
      );
      await cli.kill(signal);

      expect(await cli.terminal.waitForExit(60_000), cli.terminal.screen({scrollback: true})).toBe(code);
      expect(containerState(name)).toBe('exited');
      const goodbye = cli.terminal.screen({scrollback: true});
      expect(goodbye).toContain(`Resume it:  npx oh-tui --session ${sid('vscode')}`);
      expect(goodbye).toContain('The runtime container is stopped and kept for --session');
      expect(containerState(neighbour)).toBe('running');
    });
  });

  test('`oh-tui build`: SIGTERM cancels the build as Esc does, exits 143, and tags nothing', async () => {
    const marker = `${run}-build-command`;
    const repo = `oh-tui-e2e-exit/${marker}`;
    buildRepos.push(repo);
    const setup = e2eConfig({repo, sandbox: {runtime_extra_deps: `echo exit-test-${marker}; sleep 600`}});
    const cli = new CliProcess(['build', '--config', setup.configPath], {env: setup.env, cwd: setup.directory});
    await cli.waitFor(({stdout}) => stdout.includes(`RUN echo exit-test-${marker}`), 'the slow build step to start', 240_000);
    cli.kill('SIGTERM');

    expect(await cli.exit(60_000), cli.output).toEqual({code: 143, signal: null});
    expect(cli.stdout).toContain('Build cancelled (exit code 143): no image was tagged.');
    expect(docker('image', 'ls', '--quiet', repo)).toBe('');
  });

  test('an error after the container started stops it too: the header says lost with the error, and quitting exits 0', async () => {
    const setup = e2eConfig();
    const name = containerOf(setup, `${sidPrefix}-error`);
    // UID is read-only in bash: exporting it into the session's shell fails after the server answered.
    const cli = session(setup, `${sidPrefix}-error`, {SANDBOX_ENV_UID: '0'});
    const lost = await cli.terminal.waitFor((screen) => screen.includes('✖ lost'), 'the bring-up to fail', 300_000);
    expect(lost).toContain(`Exporting the startup variables into ${name}'s shell failed`);
    await cli.terminal.waitFor(() => containerState(name) === 'exited', 'the container to be stopped', 30_000);
    cli.terminal.sendKeys('C-c');
    cli.terminal.sendKeys('C-c');
    expect(await cli.terminal.waitForExit(60_000)).toBe(0);
    expect(containerState(name)).toBe('exited');
    expect(containerState(neighbour)).toBe('running');
  });

  test('with [sandbox] keep_runtime_alive, a signal leaves the container running, as the normal end does', async () => {
    const setup = e2eConfig({sandbox: {runtime_container_image: neverAlive, keep_runtime_alive: true}});
    const name = containerOf(setup, `${sidPrefix}-kept`);
    const cli = session(setup, `${sidPrefix}-kept`);
    await cli.terminal.waitFor((screen) => screen.includes('waiting for the action server'), 'the wait for the action server');
    await cli.kill('SIGINT');

    expect(await cli.terminal.waitForExit(60_000)).toBe(130);
    expect(cli.terminal.screen({scrollback: true})).toContain('The runtime container keeps running ([sandbox] keep_runtime_alive).');
    expect(containerState(name)).toBe('running');
  });
});
