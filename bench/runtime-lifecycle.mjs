// The runtime's lifecycle against plain docker, on this machine, in one run:
// - attach to a running session container until ready, from process start (budget 400 ms): the
//   whole `oh-tui exec -- true` (which also runs `true` in the session's shell);
// - start a stopped container until ready vs `docker start` + `docker port` + first /alive (≤ 1.2x),
//   from process start (`oh-tui exec -- true` again) and from within a running app;
// - create from an existing image until ready vs `docker run` + `docker port` + first /alive (≤ 1.2x),
//   likewise;
// - `echo hi` through /execute_action vs `docker exec <c> echo hi` (p50 ≤ 10 ms and ≤ 0.1x).
// Prints one JSON object; also writes bench/out/runtime-lifecycle.json.
import {execFileSync, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {benchBaseImage, cliPath, importSource, median, percentile, round} from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const tag = randomBytes(3).toString('hex');
const directory = mkdtempSync(join(tmpdir(), 'oh-tui-bench-runtime-'));
const workspace = join(directory, 'workspace');
mkdirSync(workspace);
const env = {
  ...process.env,
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

const ratio = (ours, base) => round(median(ours) / median(base));

/** A start or create phase: medians of ours and of plain docker, and how they compare. */
function versusDocker(samples) {
  return {
    oursMs: round(median(samples.ours)),
    inProcessMs: round(median(samples.inProcess)),
    dockerMs: round(median(samples.docker)),
    ratio: ratio(samples.ours, samples.docker),
    inProcessRatio: ratio(samples.inProcess, samples.docker),
    budgetRatio: 1.2,
  };
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

  // 1. Attach to a running container.
  const attachSid = `bench-${tag}-attach`;
  const attachContainer = `openhands-runtime-${attachSid}`;
  if (execTrue(attachSid).origin !== 'created') throw new Error('expected a new container');
  const attach = [];
  for (let i = 0; i < runs + 2; i++) {
    const run = execTrue(attachSid);
    if (run.origin !== 'attached') throw new Error(`expected an attach, got ${run.origin}`);
    attach.push(run.ms);
  }

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

  // 2. Start a stopped container: ours vs docker start + docker port + first /alive.
  const start = {ours: [], inProcess: [], docker: []};
  for (let i = 0; i < runs; i++) {
    sh('docker', ['stop', '-t', '2', attachContainer]);
    const ours = execTrue(attachSid);
    if (ours.origin !== 'started') throw new Error(`expected a start, got ${ours.origin}`);
    start.ours.push(ours.ms);
    sh('docker', ['stop', '-t', '2', attachContainer]);
    start.inProcess.push(await openInProcess(attachSid, 'started'));
    sh('docker', ['stop', '-t', '2', attachContainer]);
    const began = performance.now();
    sh('docker', ['start', attachContainer]);
    await untilAlive(hostPort(attachContainer));
    start.docker.push(performance.now() - began);
  }

  // 3. Create from the existing image: ours vs docker run (same options) + docker port + first /alive.
  const create = {ours: [], inProcess: [], docker: []};
  const uid = String(process.getuid?.() ?? 1000);
  for (let i = 0; i < runs; i++) {
    const ours = execTrue(`bench-${tag}-new${i}`);
    if (ours.origin !== 'created') throw new Error(`expected a create, got ${ours.origin}`);
    create.ours.push(ours.ms);
    create.inProcess.push(await openInProcess(`bench-${tag}-inproc${i}`, 'created'));
    const name = `oh-tui-bench-${tag}-run${i}`;
    names.add(name);
    const began = performance.now();
    sh('docker', [
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
      uid,
      '--plugins',
      'agent_skills',
      'vscode',
    ]);
    await untilAlive(hostPort(name));
    create.docker.push(performance.now() - began);
  }

  // 4. `echo hi`: /execute_action (keep-alive client, as the app uses it) vs docker exec.
  const connection = await connectDocker(env);
  const handle = await openRuntime({config, connection, sid: attachSid, ensureImage: async () => image});
  const echo = {ours: [], docker: []};
  for (let i = 0; i < 5; i++) await handle.client.executeAction(cmdRunAction('echo hi', {timeout: 10}));
  for (let i = 0; i < 50; i++) {
    const began = performance.now();
    const observation = await handle.client.executeAction(cmdRunAction('echo hi', {timeout: 10}));
    echo.ours.push(performance.now() - began);
    if (observation.extras.exit_code !== 0) throw new Error(`echo hi failed: ${JSON.stringify(observation)}`);
  }
  for (let i = 0; i < 15; i++) echo.docker.push(timeProcess('docker', ['exec', attachContainer, 'echo', 'hi']).ms);
  handle.client.dispose();

  const result = {
    bench: 'runtime-lifecycle',
    runs,
    attach: {
      // The first runs warm the page cache; the budget is about the steady state.
      execTrueMs: round(median(attach.slice(2))),
      budgetMs: 400,
    },
    // `ours*` from process start (node boot and module loading included); `inProcess*` from an
    // app that is already running (resume, session switch).
    start: versusDocker(start),
    create: versusDocker(create),
    echo: {
      oursP50Ms: round(median(echo.ours)),
      oursP90Ms: round(percentile(echo.ours, 90)),
      dockerExecP50Ms: round(median(echo.docker)),
      ratio: ratio(echo.ours, echo.docker),
      budgetP50Ms: 10,
      budgetRatio: 0.1,
    },
  };
  const out = fileURLToPath(new URL('./out/', import.meta.url));
  mkdirSync(out, {recursive: true});
  writeFileSync(join(out, 'runtime-lifecycle.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
} finally {
  for (const name of names) spawnSync('docker', ['rm', '-f', name], {stdio: 'ignore'});
}
