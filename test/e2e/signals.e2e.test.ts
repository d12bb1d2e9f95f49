import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {CliProcess} from '../helpers/cli-process.js';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eBaseImage, e2eConfig, type E2eSetup} from '../helpers/e2e-config.js';
import {runCli} from '../helpers/run-cli.js';

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
 * the CLI is signalled at each step of the bring-up, once the step is seen to be reached (a line it
 * printed, the container's state), and must exit 128 + the signal's number with the container
 * stopped or never made, and another session's container untouched.
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

  const session = (setup: E2eSetup, sid: string, env: NodeJS.ProcessEnv = {}) =>
    new CliProcess(['--config', setup.configPath, '--session', sid], {env: {...setup.env, ...env}, cwd: setup.directory});

  const containerOf = (setup: E2eSetup, sid: string) => `${setup.config.sandbox.container_name_prefix}${sid}`;

  describe.each(['SIGINT', 'SIGTERM'] as const)('%s', (signal) => {
    const code = exitCodes[signal];
    const sid = (stage: string) => `${sidPrefix}-${stage}-${signal.toLowerCase()}`;

    test('during the image build: the build is cancelled, and neither a container nor an image is left', async () => {
      const marker = `${run}-${signal.toLowerCase()}`;
      const repo = `oh-tui-e2e-exit/${marker}`;
      buildRepos.push(repo);
      const setup = e2eConfig({repo, sandbox: {runtime_extra_deps: `echo exit-test-${marker}; sleep 600`}});
      const cli = session(setup, sid('build'));
      // The plain build output (stdout is not a terminal) names a step when it starts running.
      await cli.waitFor(({stdout}) => stdout.includes(`RUN echo exit-test-${marker}`), 'the slow build step to start', 240_000);
      cli.kill(signal);

      expect(await cli.exit(60_000), cli.output).toEqual({code, signal: null});
      expect(cli.stdout).toContain(`Build cancelled (exit code ${code}): no image was tagged.`);
      expect(containerState(containerOf(setup, sid('build')))).toBe('missing');
      expect(docker('image', 'ls', '--quiet', repo)).toBe('');
      expect(containerState(neighbour)).toBe('running');
    });

    test('while the container is created and started: it is left stopped (or never started)', async () => {
      const setup = e2eConfig({sandbox: {runtime_container_image: neverAlive}});
      const cli = session(setup, sid('create'));
      await cli.waitFor(({stderr}) => stderr.includes('oh-tui: Creating container'), 'the create step');
      cli.kill(signal);

      expect(await cli.exit(), cli.output).toEqual({code, signal: null});
      expect(['created', 'exited']).toContain(containerState(containerOf(setup, sid('create'))));
      expect(containerState(neighbour)).toBe('running');
    });

    test('while it waits for the action server, after a create and after a start: the container is stopped', async () => {
      const setup = e2eConfig({sandbox: {runtime_container_image: neverAlive}});
      const name = containerOf(setup, sid('alive'));

      const created = session(setup, sid('alive'));
      await created.waitFor(({stderr}) => stderr.includes('oh-tui: Waiting for the action server'), 'the wait for the action server');
      expect(containerState(name)).toBe('running');
      created.kill(signal);
      expect(await created.exit(), created.output).toEqual({code, signal: null});
      expect(created.stderr).toContain(`oh-tui: Stopping container ${name}`);
      expect(containerState(name)).toBe('exited');

      const started = session(setup, sid('alive'));
      await started.waitFor(({stderr}) => stderr.includes(`oh-tui: Starting container ${name}`), 'the start step');
      started.kill(signal);
      expect(await started.exit(), started.output).toEqual({code, signal: null});
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
      await cli.waitFor(({stderr}) => stderr.includes('oh-tui: Waiting for VS Code'), 'the wait for VS Code');
      expect(cli.stdout).toContain(`container  ${name} (attached, running)`);
      cli.kill(signal);

      expect(await cli.exit(), cli.output).toEqual({code, signal: null});
      expect(containerState(name)).toBe('exited');
      expect(cli.stdout).toContain(`Resume this session:  npx oh-tui --session ${sid('vscode')}`);
      expect(cli.stdout).toContain('The runtime container is stopped and kept for --session');
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

  test('an error after the container started stops it too, with the error and its exit code', async () => {
    const setup = e2eConfig();
    const name = containerOf(setup, `${sidPrefix}-error`);
    // UID is read-only in bash: exporting it into the session's shell fails after the server answered.
    const cli = session(setup, `${sidPrefix}-error`, {SANDBOX_ENV_UID: '0'});

    expect(await cli.exit(300_000), cli.output).toEqual({code: 2, signal: null});
    expect(cli.stderr).toContain(`oh-tui: Exporting the startup variables into ${name}'s shell failed`);
    expect(cli.stderr).toContain(`oh-tui: Stopping container ${name}`);
    expect(containerState(name)).toBe('exited');
    expect(containerState(neighbour)).toBe('running');
  });

  test('with [sandbox] keep_runtime_alive, a signal leaves the container running, as the normal end does', async () => {
    const setup = e2eConfig({sandbox: {runtime_container_image: neverAlive, keep_runtime_alive: true}});
    const name = containerOf(setup, `${sidPrefix}-kept`);
    const cli = session(setup, `${sidPrefix}-kept`);
    await cli.waitFor(({stderr}) => stderr.includes('oh-tui: Waiting for the action server'), 'the wait for the action server');
    cli.kill('SIGINT');

    expect(await cli.exit(), cli.output).toEqual({code: 130, signal: null});
    expect(cli.stderr).not.toContain('Stopping container');
    expect(containerState(name)).toBe('running');
  });
});
