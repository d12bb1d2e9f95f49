// The runtime's lifecycle against plain docker, on this machine, in one run. Rows:
// - runtime-attach: the whole `oh-tui exec -- true` against a running session container (attach,
//   run `true` in the session's shell, exit), from process start: ≤ 400 ms, and ≤ 3x
//   `docker exec <c> true`, which alternates with it;
// - runtime-start: start a stopped container until ready, in process (a running app resuming a
//   session), vs `docker start` + `docker port` + first /alive: ≤ 1.2x; and the same from process
//   start (`oh-tui exec -- true`), shown without a budget;
// - runtime-create: create from an existing image until ready, likewise, vs `docker run` (same
//   options) + `docker port` + first /alive;
// - runtime-echo: `echo hi` through /execute_action in the container vs `docker exec <c> echo hi`:
//   p50 ≤ 10 ms and ≤ 0.1x; 5 round trips, then 2 docker execs, per round (see alternate).
// Within a start or create round the three ways take turns going first.
import {execFileSync, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {alternate, benchBaseImage, cliPath, emitRow, importSource, percentile, round} from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const attachRounds = Number(process.env.BENCH_ATTACH_RUNS ?? 11);
const tag = randomBytes(3).toString('hex');
const directory = mkdtempSync(join(tmpdir(), 'oh-tui-bench-runtime-'));
const workspace = join(directory, 'workspace');
mkdirSync(workspace);
mkdirSync(join(directory, 'home'));
// Hermetic, as the e2e tests: no config.toml of the caller's home or folder applies.
const env = {
  ...process.env,
  HOME: join(directory, 'home'),
  SANDBOX_BASE_CONTAINER_IMAGE: benchBaseImage,
  SANDBOX_RUNTIME_IMAGE_REPO: 'oh-tui-bench/runtime',
  SANDBOX_OPENVSCODE_SERVER_TARBALL: fileURLToPath(new URL('../templates/openvscode-stand-in', import.meta.url)),
};
delete env.CI;
const names = new Set();

function sh(command, args) {
  return execFileSync(command, args, {encoding: 'utf8', env, cwd: workspace}).trim();
}

/** Wall time of a child process from spawn to exit, in ms; `label` names it when it fails. */
function timeProcess(command, args, label = `${command} ${args.join(' ')}`) {
  const start = performance.now();
  const result = spawnSync(command, args, {env, cwd: workspace, encoding: 'utf8'});
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${label} exited ${result.status}: ${result.stderr}`);
  return {ms, stdout: result.stdout, stderr: result.stderr};
}

/** `oh-tui exec --session <sid> -- true` from spawn to exit, and what it said it did (stderr). */
function execTrue(sid) {
  names.add(`openhands-runtime-${sid}`);
  const {ms, stderr} = timeProcess(
    process.execPath,
    [cliPath, 'exec', '--session', sid, '--', 'true'],
    `oh-tui exec --session ${sid} -- true`,
  );
  const origin = /Creating container/.test(stderr) ? 'created' : /Starting container/.test(stderr) ? 'started' : 'attached';
  return {ms, origin};
}

/** Runs the named steps in a different order each round (round i starts at step i). */
async function inTurns(round, steps) {
  const names = Object.keys(steps);
  for (let k = 0; k < names.length; k++) await steps[names[(round + k) % names.length]]();
}

function alive(port) {
  return new Promise((resolve) => {
    const request = http.get({host: '127.0.0.1', port, path: '/alive', timeout: 1000}, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200));
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

/** Polls /alive every 10 ms (tighter than oh-tui itself) until it answers. */
async function untilAlive(port) {
  for (const deadline = performance.now() + 120_000; performance.now() < deadline; ) {
    if (await alive(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no /alive on ${port}`);
}

const hostPort = (name) => Number(sh('docker', ['port', name, '30000/tcp']).split('\n')[0].split(':').pop());

try {
  // The image, built once if this machine does not have it yet.
  execFileSync(process.execPath, [cliPath, 'build'], {env, cwd: workspace, stdio: ['ignore', 'ignore', 'inherit']});
  const image = JSON.parse(
    execFileSync(process.execPath, [cliPath, 'build', '--dry-run', '--json'], {env, cwd: workspace, encoding: 'utf8'}),
  ).image;

  // 1. Attach to a running container: the whole `oh-tui exec -- true` vs `docker exec <c> true`.
  const attachSid = `bench-${tag}-attach`;
  const attachContainer = `openhands-runtime-${attachSid}`;
  if (execTrue(attachSid).origin !== 'created') throw new Error('expected a new container');
  // The first runs warm the page cache; the budgets are about the steady state.
  for (let i = 0; i < 2; i++) execTrue(attachSid);
  const attach = await alternate(
    attachRounds,
    () => {
      const run = execTrue(attachSid);
      if (run.origin !== 'attached') throw new Error(`expected an attach, got ${run.origin}`);
      return run.ms;
    },
    () => timeProcess('docker', ['exec', attachContainer, 'true']).ms,
  );
  emitRow({
    id: 'runtime-attach',
    what: '`oh-tui exec -- true` against a running session container, whole process (attach, run `true` in the session shell, exit)',
    unit: 'ms',
    samples: attach.ours,
    baseline: {what: '`docker exec <c> true`', samples: attach.baseline},
    budgets: [
      {kind: 'abs-max', value: 400},
      {kind: 'ratio-max', value: 3},
    ],
  });

  // In-process opens: what the app pays when it resumes or switches sessions (modules loaded).
  const {loadConfig, connectDocker, openRuntime, cmdRunAction, resolveRuntimeImage} = await importSource(
    'config/load',
    'docker/connect',
    'runtime/manager',
    'events/actions',
    'runtime/session-runtime',
  );
  const {config} = loadConfig({cwd: workspace, env});
  const noBuild = () => Promise.reject(new Error('the bench expects the image to exist'));
  async function openInProcess(sid, expected) {
    names.add(`openhands-runtime-${sid}`);
    const began = performance.now();
    const connection = await connectDocker(env);
    const handle = await openRuntime({config, connection, sid, env, ensureImage: () => resolveRuntimeImage(config, connection, noBuild)});
    const ms = performance.now() - began;
    handle.client.dispose();
    if (handle.origin !== expected) throw new Error(`expected ${expected}, got ${handle.origin}`);
    return ms;
  }

  const dockerRunArgs = (name) => [
    'run',
    '-d',
    '--init',
    '--name',
    name,
    '-p',
    '127.0.0.1::30000',
    '-p',
    '127.0.0.1::30001',
    '-e',
    'port=30000',
    '-e',
    'SESSION_API_KEY=bench',
    '-e',
    'VSCODE_PORT=30001',
    '-v',
    `${workspace}:/workspace:rw`,
    '-w',
    '/openhands/code',
    image,
    '/openhands/bin/node',
    '/openhands/code/action-server.cjs',
    '30000',
    '--working-dir',
    '/workspace',
    '--username',
    'openhands',
    '--user-id',
    String(process.getuid?.() ?? 1000),
    '--plugins',
    'agent_skills',
    'vscode',
  ];

  // 2. Start a stopped container: ours (whole process, and in process) vs docker start + docker
  // port + first /alive.
  const start = {process: [], inProcess: [], docker: []};
  for (let i = 0; i < runs; i++) {
    await inTurns(i, {
      process: async () => {
        sh('docker', ['stop', '-t', '2', attachContainer]);
        const ours = execTrue(attachSid);
        if (ours.origin !== 'started') throw new Error(`expected a start, got ${ours.origin}`);
        start.process.push(ours.ms);
      },
      inProcess: async () => {
        sh('docker', ['stop', '-t', '2', attachContainer]);
        start.inProcess.push(await openInProcess(attachSid, 'started'));
      },
      docker: async () => {
        sh('docker', ['stop', '-t', '2', attachContainer]);
        const began = performance.now();
        sh('docker', ['start', attachContainer]);
        await untilAlive(hostPort(attachContainer));
        start.docker.push(performance.now() - began);
      },
    });
  }
  const startBaseline = {what: '`docker start` + `docker port` + first `/alive`', samples: start.docker};
  emitRow({
    id: 'runtime-start',
    what: 'start a stopped session container until ready, in process (a running app resuming a session)',
    unit: 'ms',
    samples: start.inProcess,
    baseline: startBaseline,
    budgets: [{kind: 'ratio-max', value: 1.2}],
  });
  emitRow({
    id: 'runtime-start-process',
    what: 'the same from process start: the whole `oh-tui exec -- true`',
    unit: 'ms',
    samples: start.process,
    baseline: startBaseline,
    note: 'No budget (the 1.2x budget is the in-process row above): this row adds Node start, module loading and running `true` over the stream, which the docker side does not do.',
  });

  // 3. Create from the existing image: ours vs docker run (same options) + docker port + first /alive.
  const create = {process: [], inProcess: [], docker: []};
  for (let i = 0; i < runs; i++) {
    await inTurns(i, {
      process: async () => {
        const ours = execTrue(`bench-${tag}-new${i}`);
        if (ours.origin !== 'created') throw new Error(`expected a create, got ${ours.origin}`);
        create.process.push(ours.ms);
      },
      inProcess: async () => {
        create.inProcess.push(await openInProcess(`bench-${tag}-inproc${i}`, 'created'));
      },
      docker: async () => {
        const name = `oh-tui-bench-${tag}-run${i}`;
        names.add(name);
        const began = performance.now();
        sh('docker', dockerRunArgs(name));
        await untilAlive(hostPort(name));
        create.docker.push(performance.now() - began);
      },
    });
  }
  const createBaseline = {what: '`docker run` (same options) + `docker port` + first `/alive`', samples: create.docker};
  emitRow({
    id: 'runtime-create',
    what: 'create a session container from an existing image until ready, in process',
    unit: 'ms',
    samples: create.inProcess,
    baseline: createBaseline,
    budgets: [{kind: 'ratio-max', value: 1.2}],
  });
  emitRow({
    id: 'runtime-create-process',
    what: 'the same from process start: the whole `oh-tui exec -- true`',
    unit: 'ms',
    samples: create.process,
    baseline: createBaseline,
    note: 'No budget (the 1.2x budget is the in-process row above), for the same reason as the start row.',
  });

  // 4. `echo hi`: /execute_action (keep-alive client, as the app uses it) vs docker exec.
  const connection = await connectDocker(env);
  const handle = await openRuntime({config, connection, sid: attachSid, ensureImage: async () => image});
  for (let i = 0; i < 5; i++) await handle.client.executeAction(cmdRunAction('echo hi', {timeout: 10}));
  const echo = await alternate(
    10,
    async () => {
      const began = performance.now();
      const observation = await handle.client.executeAction(cmdRunAction('echo hi', {timeout: 10}));
      const elapsed = performance.now() - began;
      if (observation.extras.exit_code !== 0) throw new Error(`echo hi failed: ${JSON.stringify(observation)}`);
      return elapsed;
    },
    () => timeProcess('docker', ['exec', attachContainer, 'echo', 'hi']).ms,
    {ours: 5, baseline: 2},
  );
  handle.client.dispose();
  emitRow({
    id: 'runtime-echo',
    what: '`echo hi` round trip through `/execute_action`, server in the container (keep-alive client, as the app uses it)',
    unit: 'ms',
    samples: echo.ours,
    baseline: {what: '`docker exec <c> echo hi`', samples: echo.baseline},
    budgets: [
      {kind: 'abs-max', value: 10},
      {kind: 'ratio-max', value: 0.1},
    ],
    extra: {p90: round(percentile(echo.ours, 90), 3)},
  });
} finally {
  for (const name of names) spawnSync('docker', ['rm', '-f', name], {stdio: 'ignore'});
  rmSync(directory, {recursive: true, force: true});
}
