// Benchmark of the bundled action server on this machine, no container (not a test). Rows:
//   server-echo      `echo hi` through POST /execute_action (blocking), p50 (the median) ≤ 10 ms,
//                    alternating (5 and 5) with the same `echo hi` as a fresh /bin/sh process (what
//                    an exec costs here), 200 of each
//   server-stream    20 MB of command output over the WebSocket /stream, received through our
//                    RuntimeClient (runStreaming, as `oh-tui exec` does), MB/s from request to observation,
//                    alternating with the same 20 MB through the pty alone (a bash already running in
//                    `script`, as the server's shell, read by a reader that only counts; from typing the
//                    command to its last byte): ≥ 0.85x of that and ≥ 60 MB/s (medians of 5 runs each)
// Usage: node bench/server-echo-roundtrip.mjs [--bundle PATH]   (default dist/server/action-server.cjs,
// bundled on the fly when missing)
import {execFile, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs, promisify} from 'node:util';
import {alternate, emitRow, importSource, median, percentile, round} from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ECHO_RUNS = 200;
const WARMUP_RUNS = 10;
const STREAM_BYTES = 20_000_000;
const STREAM_COMMAND = `head -c ${STREAM_BYTES} /dev/zero | tr '\\0' a`;

const {values} = parseArgs({options: {bundle: {type: 'string'}}});

async function bundlePath() {
  const bundle = values.bundle ?? path.join(root, 'dist/server/action-server.cjs');
  if (!fs.existsSync(bundle))
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts/bundle-server.mjs'), '--outfile', bundle]);
  return bundle;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(bundle) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-bench-server-'));
  fs.mkdirSync(path.join(scratch, 'home'));
  const port = await freePort();
  const apiKey = randomBytes(16).toString('hex');
  const user = os.userInfo();
  const child = spawn(
    process.execPath,
    [
      bundle,
      String(port),
      '--working-dir',
      path.join(scratch, 'workspace'),
      '--username',
      user.username,
      '--user-id',
      String(user.uid),
      '--host',
      '127.0.0.1',
    ],
    {
      env: {...process.env, HOME: path.join(scratch, 'home'), SESSION_API_KEY: apiKey, OH_TUI_SERVER_RUN_DIR: path.join(scratch, 'run')},
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let logs = '';
  child.stderr.on('data', (chunk) => (logs += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/alive`, {signal: AbortSignal.timeout(1000)}).catch(() => undefined);
    if (response?.ok) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${logs}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    pid: child.pid,
    baseUrl,
    apiKey,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      fs.rmSync(scratch, {recursive: true, force: true});
    },
  };
}

async function execute(server, command) {
  const response = await fetch(`${server.baseUrl}/execute_action`, {
    method: 'POST',
    headers: {'content-type': 'application/json', 'X-Session-API-Key': server.apiKey},
    body: JSON.stringify({action: {action: 'run', args: {command, blocking: true}, timeout: 120}}),
  });
  if (!response.ok) throw new Error(`execute_action answered ${response.status}`);
  return response.json();
}

/** One `echo hi` through /execute_action, in ms. */
async function echoOnce(server) {
  const started = process.hrtime.bigint();
  const observation = await execute(server, 'echo hi');
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (observation.content !== 'hi') throw new Error(`unexpected output ${JSON.stringify(observation.content)}`);
  return elapsed;
}

/** The same `echo hi` as a fresh /bin/sh process, in ms. */
async function spawnOnce() {
  const started = process.hrtime.bigint();
  await promisify(execFile)('/bin/sh', ['-c', 'echo hi']);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const STREAM_RUNS = 9;
// USER_HZ: 100 on every Linux in practice.
const CLOCK_TICKS = 100;

// The stream is received as `oh-tui exec` receives it: through our RuntimeClient.
const {RuntimeClient, cmdRunAction} = await importSource('runtime/client', 'events/actions');

/** CPU time (user + system) a process used so far, in ms (from /proc; 10 ms resolution); NaN where there is no /proc. */
function processCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

async function streamThroughput(server) {
  const client = new RuntimeClient({apiUrl: server.baseUrl, apiKey: server.apiKey, defaultActionTimeout: 120});
  let dropped = 0;
  client.subscribe((event) => {
    if (event.type === 'output_dropped') dropped += event.bytes;
  });
  try {
    // Opens the live connection: a session keeps one open, so its set-up is not part of a command's stream.
    await client.runStreaming(cmdRunAction('true', {timeout: 10}), () => {});
    let received = 0;
    let chunks = 0;
    const serverCpu = processCpuMs(server.pid);
    const clientCpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const observation = await client.runStreaming(cmdRunAction(STREAM_COMMAND, {timeout: 120}), (text) => {
      received += text.length;
      chunks++;
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const clientUsage = process.cpuUsage(clientCpu);
    const serverCpuMs = processCpuMs(server.pid) - serverCpu;
    if (observation.extras.exit_code !== 0) throw new Error(`stream command failed: ${observation.content.slice(0, 200)}`);
    return {
      bytes_received: received,
      dropped_chars: dropped,
      chunks,
      seconds: round(seconds, 3),
      mb_per_s: round(received / 1e6 / seconds, 1),
      // Where the CPU goes on a shared 2-core machine: every ms here is taken from the pty's processes.
      server_cpu_ms: serverCpuMs,
      client_cpu_ms: Math.round((clientUsage.user + clientUsage.system) / 1000),
    };
  } finally {
    client.dispose();
  }
}

/**
 * The pty alone, set up as the server's shell is (a persistent bash in a `script` pty, no echo, no
 * output processing) and read by a reader that only counts: from typing the command to its last
 * byte. Starting `script` and bash is not part of it, as the server's shell is already running
 * (that start costs ~70-100 ms here, a third of a 20 MB run: counting it flattered the stream).
 */
class PtyAlone {
  #child = spawn('script', ['-qec', 'exec /bin/bash --norc --noprofile --noediting -i', '/dev/null'], {stdio: ['pipe', 'pipe', 'ignore']});
  #received = 0;
  #waiter;
  #tail = '';

  constructor() {
    this.#child.stdout.on('data', (chunk) => {
      this.#received += chunk.length;
      // Only the last few bytes are looked at, for the end marker: the reader stays as cheap as it can be.
      this.#tail = (this.#tail + chunk.toString('latin1', Math.max(0, chunk.length - 64))).slice(-64);
      if (this.#waiter && this.#tail.endsWith(this.#waiter.marker)) this.#waiter.resolve();
    });
  }

  /** Types `command` followed by a marker, resolves once the marker arrived; returns the bytes before it. */
  async run(command, marker) {
    const before = this.#received;
    const done = new Promise((resolve) => {
      this.#waiter = {marker, resolve};
    });
    this.#child.stdin.write(`${command}; printf %s ${marker}\n`);
    await done;
    this.#waiter = undefined;
    return this.#received - before - marker.length;
  }

  async start() {
    await this.run("PS1='' PS2=''; stty -echo -opost", 'ready-1');
    await this.run('true', 'ready-2');
  }

  async measure(run) {
    const started = process.hrtime.bigint();
    const bytes = await this.run(STREAM_COMMAND, `end-${run}`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (bytes !== STREAM_BYTES) throw new Error(`the pty alone delivered ${bytes} bytes, not ${STREAM_BYTES}`);
    return {bytes, seconds: round(seconds, 3), mb_per_s: round(bytes / 1e6 / seconds, 1)};
  }

  stop() {
    this.#child.kill('SIGKILL');
  }
}

const server = await startServer(await bundlePath());
try {
  // The stream rows first: the echo rows' hundreds of fetches and child processes leave this process's heap
  // heavier, which made the next rows' client (this process) spend ~2x the CPU on the same stream (~50 ->
  // ~110 ms a run): a row must not pay for the one before it.
  const ptyAlone = new PtyAlone();
  await ptyAlone.start();
  // One round of each, not counted: the server's and this process's code warm, as the echo rows had done.
  await streamThroughput(server);
  await ptyAlone.measure(0);
  const streams = [];
  const ptys = [];
  for (let run = 0; run < STREAM_RUNS; run++) {
    // Alternating which goes first, so neither always runs right after the other's clean-up.
    if (run % 2 === 0) streams.push(await streamThroughput(server));
    ptys.push(await ptyAlone.measure(run));
    if (run % 2 === 1) streams.push(await streamThroughput(server));
  }
  ptyAlone.stop();
  const info = await (await fetch(`${server.baseUrl}/server_info`, {headers: {'X-Session-API-Key': server.apiKey}})).json();
  const dropped = streams.reduce((sum, stream) => sum + stream.dropped_chars, 0);
  const serverRssMb = Math.round(info.resources.memory.rss / 1e5) / 10;
  emitRow({
    id: 'server-stream',
    what: '20 MB of command output over the WebSocket `/stream`, request to observation (local server)',
    unit: 'MB/s',
    samples: streams.map((stream) => stream.mb_per_s),
    baseline: {
      what: "the same bytes through the pty alone (a running bash in `script`, as the server's)",
      samples: ptys.map((pty) => pty.mb_per_s),
    },
    budgets: [
      {kind: 'ratio-min', value: 0.85},
      {kind: 'abs-min', value: 60},
    ],
    note: `${dropped === 0 ? 'Nothing dropped' : `${dropped} characters dropped`} over the ${STREAM_RUNS} runs; CPU a run (median): the server ${median(streams.map((stream) => stream.server_cpu_ms))} ms, the client ${median(streams.map((stream) => stream.client_cpu_ms))} ms; the server's RSS after them ${serverRssMb} MB.`,
    extra: {streams, ptys, serverRssMb},
  });

  for (let index = 0; index < WARMUP_RUNS; index++) await execute(server, 'echo hi');
  const echo = await alternate(
    ECHO_RUNS / 5,
    () => echoOnce(server),
    () => spawnOnce(),
    {ours: 5, baseline: 5},
  );
  emitRow({
    id: 'server-echo',
    what: '`echo hi` round trip through `/execute_action`, local server (no container)',
    unit: 'ms',
    samples: echo.ours,
    baseline: {what: "a fresh `/bin/sh -c 'echo hi'`", samples: echo.baseline},
    budgets: [{kind: 'abs-max', value: 10}],
    extra: {p95: round(percentile(echo.ours, 95), 3)},
  });
} finally {
  await server.stop();
}
