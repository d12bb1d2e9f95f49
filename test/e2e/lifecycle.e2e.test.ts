import {execFileSync, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import http from 'node:http';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {connectDocker} from '../../source/docker/connect.js';
import {UserError} from '../../source/lib/errors.js';
import {ensureRuntimeImage, type BuildFn} from '../../source/image/ensure-image.js';
import {findFreePortPair} from '../../source/docker/ports.js';
import {cmdRunAction} from '../../source/events/actions.js';
import {exitCodeOf} from '../../source/events/observations.js';
import {openRuntime, type OpenRuntimeOptions, type RuntimeHandle} from '../../source/runtime/manager.js';
import type {RuntimeOrigin} from '../../source/runtime/status.js';
import {vscodeLink} from '../../source/runtime/vscode.js';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig, type E2eSetup} from '../helpers/e2e-config.js';
import {dockerEngineEnv} from '../helpers/test-env.js';

const gate = await dockerGate('lifecycle e2e');

/** Builds with the docker CLI, keeping the log for the failure message (the build UI is tested elsewhere). */
const cliBuild: BuildFn = (_plan, request) =>
  new Promise((resolve, reject) => {
    const args = ['build', ...request.tags.flatMap((tag) => ['-t', tag]), ...request.extraArgs, request.contextDir];
    const child = spawn('docker', args, {stdio: ['ignore', 'pipe', 'pipe']});
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ok: true, exitCode: 0}) : reject(new Error(`docker build failed (${code}):\n${log.slice(-4000)}`)),
    );
  });

/** `docker rm -f` / `docker image rm -f` that tolerates what is already gone. */
function removeQuietly(kind: 'container' | 'image', reference: string): void {
  try {
    execFileSync('docker', [kind, 'rm', '-f', reference], {stdio: 'ignore'});
  } catch {
    // Never created, or already removed.
  }
}

function dockerInspect(name: string, format: string): string {
  return execFileSync('docker', ['inspect', '--format', format, name], {encoding: 'utf8'}).trim();
}

function get(url: string): Promise<{status: number; body: string}> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({status: response.statusCode ?? 0, body}));
      })
      .on('error', reject);
  });
}

describe.skipIf(!gate.available)('runtime lifecycle against the real engine', () => {
  const run = randomBytes(3).toString('hex');
  const names = new Set<string>();
  const images = new Set<string>();
  let setup: E2eSetup;
  let image: string;

  const sid = (label: string) => {
    const value = `e2e-${run}-${label}`;
    names.add(`${setup.config.sandbox.container_name_prefix}${value}`);
    return value;
  };
  const open = (value: string, extra: Partial<Pick<OpenRuntimeOptions, 'ensureImage' | 'aliveTimeoutMs'>> = {}): Promise<RuntimeHandle> =>
    openRuntime({config: setup.config, connection: gate.connection!, sid: value, env: {}, ensureImage: async () => image, ...extra});

  beforeAll(async () => {
    setup = e2eConfig();
    const connection = gate.connection!;
    image = (
      await ensureRuntimeImage({
        config: setup.config,
        docker: () => connection.docker,
        imageExists: (reference) => connection.containers.imageExists(reference),
        build: cliBuild,
      })
    ).image;
  });

  afterAll(() => {
    // Only the containers this run named; never a prefix match.
    for (const name of names) removeQuietly('container', name);
    for (const reference of images) removeQuietly('image', reference);
  });

  test('create, stop, start (new ports, alive), then attach to the same container', async () => {
    const value = sid('cycle');
    const created = await open(value);
    expect(created.origin).toBe('created');
    expect(await created.client.alive()).toBe(true);
    expect(dockerInspect(created.containerId, '{{.Name}} {{index .Config.Labels "oh-tui.session"}}')).toBe(
      `/${created.containerName} ${value}`,
    );
    expect(created.apiKey).toMatch(/^[\w-]{20,}$/);

    await created.close();
    expect(dockerInspect(created.containerId, '{{.State.Status}}')).toBe('exited');
    expect(await created.client.alive(500)).toBe(false);

    const started = await open(value);
    expect(started.origin).toBe('started');
    expect(started.containerId).toBe(created.containerId);
    const hostPort = dockerInspect(started.containerId, '{{(index (index .NetworkSettings.Ports "30000/tcp") 0).HostPort}}');
    expect(started.apiUrl).toBe(`http://127.0.0.1:${hostPort}`);
    expect(await started.client.alive()).toBe(true);
    expect(started.apiKey).toBe(created.apiKey);

    const attached = await open(value);
    expect(attached.origin).toBe('attached');
    expect(attached.containerId).toBe(created.containerId);
    expect(attached.apiUrl).toBe(started.apiUrl);
  });

  test('publishes nothing on 0.0.0.0 and keeps the API behind the session key', async () => {
    const handle = await open(sid('bind'));
    const ports = JSON.parse(dockerInspect(handle.containerId, '{{json .NetworkSettings.Ports}}')) as Record<
      string,
      Array<{HostIp: string}>
    >;
    const bindings = Object.values(ports).flat();
    expect(bindings.length).toBe(2);
    expect(bindings.every((binding) => binding.HostIp === '127.0.0.1')).toBe(true);
    const refused = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${handle.apiUrl}/execute_action`,
        {method: 'POST', headers: {'Content-Type': 'application/json'}},
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({action: {action: 'run', args: {command: 'true'}}}));
    });
    // 0.15 answers 403; our server may answer 401: either way, refused.
    expect([401, 403]).toContain(refused);
  });

  test('a container removed by hand is recreated on the next open', async () => {
    const value = sid('gone');
    const first = await open(value);
    execFileSync('docker', ['rm', '-f', first.containerName], {stdio: 'ignore'});
    const second = await open(value);
    expect(second.origin).toBe('created');
    expect(second.containerId).not.toBe(first.containerId);
    expect(await second.client.alive()).toBe(true);
  });

  test('two clients opening one new sid at once share one container; two sids get different ports', async () => {
    const value = sid('race');
    // Both get past "not found" before either creates, so one must lose the name (409) and re-find.
    let arrived = 0;
    let release!: () => void;
    const bothArrived = new Promise<void>((resolve) => (release = resolve));
    const ensureImage = async () => {
      if (++arrived === 2) release();
      await bothArrived;
      return image;
    };
    // The second client goes through dockerode, the first through the light engine client.
    const second = await connectDocker(dockerEngineEnv());
    const [a, b] = await Promise.all([
      open(value, {ensureImage}),
      openRuntime({config: setup.config, docker: second.docker, endpoint: second.endpoint, sid: value, env: {}, ensureImage}),
    ]);
    expect(arrived).toBe(2);
    expect(a.containerId).toBe(b.containerId);
    expect([a.origin, b.origin].filter((origin) => origin === 'created')).toEqual<RuntimeOrigin[]>(['created']);
    const sameName = execFileSync('docker', ['ps', '-aq', '--filter', `name=^/${a.containerName}$`], {encoding: 'utf8'})
      .trim()
      .split('\n');
    expect(sameName).toHaveLength(1);

    const other = await open(sid('race-other'));
    expect(other.containerId).not.toBe(a.containerId);
    expect(other.apiUrl).not.toBe(a.apiUrl);
    expect(other.vscodeAddress?.port).not.toBe(a.vscodeAddress?.port);
  });

  test('a container whose server dies at start fails at once with its last log lines', async () => {
    // An image with Node but no action server: node exits 1 with "Cannot find module".
    const broken = `oh-tui-e2e/no-server:${run}`;
    images.add(broken);
    execFileSync('docker', ['build', '-q', '-t', broken, '-'], {
      input: 'FROM oh-tui/e2e-base:bookworm\nRUN mkdir -p /openhands/bin && ln -s "$(command -v node)" /openhands/bin/node\n',
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    const started = Date.now();
    const error = await open(sid('crash'), {ensureImage: async () => broken, aliveTimeoutMs: 60_000}).catch(
      (caught: unknown) => caught as Error,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /exited with code 1 before its action server answered\. Its last log lines:\n[\s\S]*Cannot find module '\/openhands\/code\/action-server\.cjs'/,
    );
  });

  test('close: stops by default, leaves it running with keep_runtime_alive, removes only when asked, and only its own container', async () => {
    const mine = await open(sid('close'));
    const neighbour = await open(sid('close-neighbour'));
    const keepAlive = {...setup.config, sandbox: {...setup.config.sandbox, keep_runtime_alive: true}};
    const kept = await openRuntime({
      config: keepAlive,
      connection: gate.connection!,
      sid: mine.sid,
      env: {},
      ensureImage: async () => image,
    });
    await kept.close();
    expect(dockerInspect(mine.containerId, '{{.State.Status}}')).toBe('running');
    await mine.close();
    expect(dockerInspect(mine.containerId, '{{.State.Status}}')).toBe('exited');
    expect(await mine.currentState()).toBe('exited');
    await mine.close({remove: true});
    expect(await mine.currentState()).toBe('missing');
    expect(dockerInspect(neighbour.containerId, '{{.State.Status}}')).toBe('running');
  });

  test('a binding address this machine does not have is a clear error naming the setting', async () => {
    const unreachable = {...setup.config, sandbox: {...setup.config.sandbox, runtime_binding_address: '10.254.254.254'}};
    const error = (await openRuntime({
      config: unreachable,
      connection: gate.connection!,
      sid: sid('badbind'),
      env: {},
      ensureImage: async () => image,
    }).catch((caught: unknown) => caught)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/^Could not start container openhands-runtime-e2e-\w+-badbind: .*10\.254\.254\.254/);
    expect(error.hint).toContain('runtime_binding_address');
  });

  test('host networking: real free ports, no publishing, reachable on loopback', async () => {
    const hostNetwork = {...setup.config, sandbox: {...setup.config.sandbox, use_host_network: true}};
    const value = sid('hostnet');
    const handle = await openRuntime({
      config: hostNetwork,
      connection: gate.connection!,
      sid: value,
      env: {},
      ensureImage: async () => image,
    });
    expect(dockerInspect(handle.containerId, '{{.HostConfig.NetworkMode}}')).toBe('host');
    const port = Number(/^port=(\d+)$/m.exec(dockerInspect(handle.containerId, '{{range .Config.Env}}{{println .}}{{end}}'))?.[1]);
    expect(handle.apiUrl).toBe(`http://127.0.0.1:${port}`);
    expect(handle.vscodeAddress?.port).toBe(port + 1);
    expect(await handle.client.alive()).toBe(true);
    await handle.close({remove: true});
  });

  test('attaches to a container made the way OpenHands 0.15 makes it: no labels, no key, same host port as inside', async () => {
    const value = sid('openhands');
    const {server: port} = await findFreePortPair();
    // As EventStreamRuntime._init_container: env port=P, P and P+1 published on every interface.
    execFileSync(
      'docker',
      [
        'run',
        '-d',
        '--name',
        `${setup.config.sandbox.container_name_prefix}${value}`,
        '-w',
        '/openhands/code',
        '-e',
        `port=${port}`,
        '-p',
        `${port}:${port}`,
        '-p',
        `${port + 1}:${port + 1}`,
        image,
        '/openhands/bin/node',
        '/openhands/code/action-server.cjs',
        String(port),
        '--working-dir',
        '/workspace',
        '--plugins',
        'agent_skills',
        'vscode',
        '--username',
        'openhands',
        '--user-id',
        '1000',
      ],
      {stdio: 'ignore'},
    );
    const handle = await open(value, {ensureImage: async () => Promise.reject(new Error('must attach, not create'))});
    expect(handle.origin).toBe('attached');
    expect(handle.labels).toBeUndefined();
    expect(handle.apiKey).toBeUndefined();
    expect(handle.apiUrl).toBe(`http://127.0.0.1:${port}`);
    expect(handle.vscodeAddress?.port).toBe(port + 1);
    expect(handle.warnings.join('\n')).toContain('publishes ports on every network interface');
    const observation = await handle.client.executeAction(cmdRunAction('echo attached', {timeout: 10}));
    expect(exitCodeOf(observation)).toBe(0);
    expect(observation.content).toContain('attached');
  });

  test('the VS Code link answers with the token, and refuses a wrong one', async () => {
    const handle = await open(sid('vscode'));
    const url = await vscodeLink(handle, setup.config, {});
    expect(url).toMatch(new RegExp(`^http://localhost:${handle.vscodeAddress?.port}/\\?tkn=[\\w-]+&folder=/workspace$`));
    const local = url.replace('localhost', '127.0.0.1');
    expect((await get(local)).status).toBeLessThan(400);
    expect((await get(local.replace(/tkn=[\w-]+/, 'tkn=wrong'))).status).toBeGreaterThanOrEqual(400);
  });
});
