import {describe, expect, test} from 'vitest';
import {loadConfig} from '../../source/config/load.js';
import type {Config} from '../../source/config/types.js';
import type {ContainerApi, ContainerInfo} from '../../source/docker/container-api.js';
import {UserError} from '../../source/lib/errors.js';
import {Interrupted} from '../../source/lib/exit-signals.js';
import {openRuntime} from '../../source/runtime/manager.js';

function config(sandbox: Partial<Config['sandbox']> = {}): Config {
  const {config: loaded} = loadConfig({configPath: undefined, cwd: '/tmp', env: {HOME: '/tmp'}});
  return {...loaded, sandbox: {...loaded.sandbox, ...sandbox}};
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return {promise, resolve};
}

/**
 * An engine with no container for the session at first. `create` and `start` wait until the test
 * lets them finish, so an abort can land while either is in flight; a started container exits at
 * once (its action server never answers). Every call is recorded.
 */
function fakeEngine() {
  const calls: string[] = [];
  const created = deferred<{id: string}>();
  const started = deferred();
  const states = new Map<string, string>();
  const api: ContainerApi = {
    imageExists: async () => true,
    list: async () => [],
    async inspect(id) {
      const status = states.get(id);
      if (status === undefined) throw Object.assign(new Error('no such container'), {statusCode: 404});
      return {
        Id: id,
        Name: '/openhands-runtime-s',
        State: {Status: status, Running: status === 'running', ExitCode: status === 'exited' ? 1 : 0},
        Config: {Env: ['port=30000'], Labels: {}, Image: 'image'},
        NetworkSettings: {Ports: {}},
      } as unknown as ContainerInfo;
    },
    async create() {
      calls.push('create');
      const outcome = await created.promise;
      states.set(outcome.id, 'created');
      return outcome;
    },
    async start(id) {
      calls.push(`start ${id}`);
      await started.promise;
      // The action server dies at once: the wait for its ports fails with the container's log.
      states.set(id, 'exited');
    },
    async stop(id) {
      calls.push(`stop ${id}`);
      states.set(id, 'exited');
    },
    remove: async (id) => void calls.push(`remove ${id}`),
    unpause: async (id) => void calls.push(`unpause ${id}`),
    logs: async () => Buffer.from('boom\n'),
  };
  return {api, calls, created, started};
}

const until = async (condition: () => boolean) => {
  await expect.poll(condition, {timeout: 2000, interval: 1}).toBe(true);
};

describe('openRuntime with stopOnFailure (the session: every way out stops its container)', () => {
  const open = (engine: ReturnType<typeof fakeEngine>, options: {config?: Config; signal?: AbortSignal; stopOnFailure?: boolean}) =>
    openRuntime({
      config: options.config ?? config(),
      connection: {containers: engine.api, endpoint: 'unix:///var/run/docker.sock'},
      sid: 's',
      env: {},
      ensureImage: async () => 'image',
      signal: options.signal,
      stopOnFailure: options.stopOnFailure ?? true,
    });

  test('aborted while the create call is in flight: the container stays created, is never started, and is stopped', async () => {
    const engine = fakeEngine();
    const controller = new AbortController();
    const opening = open(engine, {signal: controller.signal});
    await until(() => engine.calls.includes('create'));
    controller.abort(new Interrupted('SIGINT'));
    engine.created.resolve({id: 'c1'});

    await expect(opening).rejects.toBeInstanceOf(Interrupted);
    expect(engine.calls).toEqual(['create', 'stop c1']);
  });

  test('aborted while the start call is in flight: the start completes, then the container is stopped', async () => {
    const engine = fakeEngine();
    const controller = new AbortController();
    engine.created.resolve({id: 'c1'});
    const opening = open(engine, {signal: controller.signal});
    await until(() => engine.calls.includes('start c1'));
    controller.abort(new Interrupted('SIGTERM'));
    engine.started.resolve();

    await expect(opening).rejects.toMatchObject({signalName: 'SIGTERM', exitCode: 143});
    expect(engine.calls).toEqual(['create', 'start c1', 'stop c1']);
  });

  test('an error after the start stops the container and is passed on unchanged', async () => {
    const engine = fakeEngine();
    engine.created.resolve({id: 'c1'});
    engine.started.resolve();
    const error = await open(engine, {}).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/exited with code 1 before its action server answered\. Its last log lines:\nboom/);
    expect(engine.calls).toEqual(['create', 'start c1', 'stop c1']);
  });

  test('without stopOnFailure (exec, vscode), or with keep_runtime_alive, the container is left as it is', async () => {
    for (const options of [{stopOnFailure: false}, {config: config({keep_runtime_alive: true})}]) {
      const engine = fakeEngine();
      const controller = new AbortController();
      const opening = open(engine, {...options, signal: controller.signal});
      await until(() => engine.calls.includes('create'));
      controller.abort(new Interrupted('SIGINT'));
      engine.created.resolve({id: 'c1'});

      await expect(opening).rejects.toBeInstanceOf(Interrupted);
      expect(engine.calls).toEqual(['create']);
    }
  });

  test('aborted before a container exists (during the image build): nothing is created or stopped', async () => {
    const engine = fakeEngine();
    const controller = new AbortController();
    const building = deferred<string>();
    const opening = openRuntime({
      config: config(),
      connection: {containers: engine.api, endpoint: 'unix:///var/run/docker.sock'},
      sid: 's',
      env: {},
      ensureImage: () => building.promise,
      signal: controller.signal,
      stopOnFailure: true,
    });
    controller.abort(new Interrupted('SIGHUP'));
    building.resolve('image');

    await expect(opening).rejects.toMatchObject({exitCode: 129});
    expect(engine.calls).toEqual([]);
  });
});
