// The session screen while a command floods its terminal pane (a real container, the real CLI in a
// pty, bench/pty.mjs). Each round runs `!head -c 15000000 /dev/urandom | base64` (20.3 MB of output)
// and, while it runs, types into the composer one key at a time: the time from writing a key to the
// pty until the composer shows it (the next key goes once it does). Rows:
// - terminal-flood-echo: those times, p95 ≤ 50 ms (ARCHITECTURE.md §9); for comparison, the same
//   keys typed into the idle screen in the same run;
// - terminal-flood-rss: the client's largest resident memory during the flood, ≤ 250 MB;
// - terminal-flood-lag (no budget): from the command's end on the server (its observation in the
//   session's event log) until its last line shows in the terminal pane.
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {closeSync, fstatSync, openSync, readFileSync, readSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {cliPath, emitRow, percentile, round, screenBenchPlace} from './lib.mjs';
import {inPty} from './pty.mjs';

const rounds = Number(process.env.BENCH_RUNS ?? 5);
const FLOOD = 'head -c 15000000 /dev/urandom | base64';
const FLOOD_BYTES = 20_250_000; // base64 of 15,000,000 bytes in 76-column lines
// Keys outside base64's alphabet (and not `!` or `/`, which the composer reads as commands).
const KEYS = ',.;:~_-';
const KEYS_PER_ROUND = 40;
const tag = randomBytes(3).toString('hex');
const sid = `bench-flood-${tag}`;
const container = `openhands-runtime-${sid}`;
const {directory, workspace, state, env} = screenBenchPlace('oh-tui-bench-flood-', {LANG: 'C.UTF-8'});
const sessionDir = join(state, 'oh-tui', 'sessions', sid);

const rssMb = (pid) => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((text) => text.startsWith('VmRSS:'));
    return Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return 0;
  }
};

/**
 * Whether the event log ends with the observation of the command that echoes `marker`: its last
 * line ends with the extras, which name the command and its exit code. Only the file's tail is
 * read (the observation holds the whole 20 MB).
 */
function recordedEnd(marker) {
  const fd = openSync(join(sessionDir, 'events.jsonl'), 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 4096);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').trimEnd().split('\n');
    const last = lines.at(-1) ?? '';
    return last.includes(marker) && last.includes('"exit_code"') && !last.includes('"action"');
  } finally {
    closeSync(fd);
  }
}

/**
 * Types KEYS_PER_ROUND keys into the composer (which starts empty), each once the last shows, while
 * `going()` holds; returns the echo times. The composer's line reads `❯ <text>`.
 */
async function typeKeys(app, going = () => true) {
  const times = [];
  let typed = '';
  for (let index = 0; index < KEYS_PER_ROUND && going(); index++) {
    const key = KEYS[index % KEYS.length];
    typed += key;
    const from = app.received;
    const sent = performance.now() - app.start;
    app.input(key);
    const shown = await app.waitFor((text) => text.includes(`❯ ${typed}`), {from, timeoutMs: 10_000});
    times.push(shown - sent);
    // A key every ~20 ms at most, as a fast typist.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Empty the composer for the next round (Ctrl+U deletes to the start of the line).
  app.input('\u0015');
  await app.waitForFrame((frame) => frame.includes('❯ ') && !frame.includes(`❯ ${KEYS[0]}`), {timeoutMs: 10_000});
  return times;
}

try {
  const up = spawnSync(process.execPath, [cliPath, 'exec', '--session', sid, '--', 'true'], {env, cwd: workspace, encoding: 'utf8'});
  if (up.status !== 0) throw new Error(`oh-tui exec failed: ${up.stderr}`);
  const app = inPty(`node ${cliPath} --session ${sid}`, {env, cwd: workspace});
  try {
    await app.waitFor((text) => text.includes('● running'), {timeoutMs: 60_000});
    const {pid} = JSON.parse(readFileSync(join(sessionDir, 'lock-holder.json'), 'utf8'));
    const idle = [];
    const flooded = [];
    const rss = [];
    const lags = [];
    for (let round = 0; round < rounds; round++) {
      idle.push(...(await typeKeys(app)));
      const marker = `flood-done-${round}-${tag}`;
      let from = app.received;
      // The line, then Enter on its own (in one write, the terminal would read it all as typed text).
      app.input(`!${FLOOD}; echo ${marker}`);
      await app.waitFor((text) => text.includes(`echo ${marker}`), {from, timeoutMs: 10_000});
      from = app.received;
      app.input('\r');
      // The command is under way once its first output shows in the terminal pane.
      await app.waitFor((text) => /[A-Za-z0-9+/]{76}/.test(text), {from, timeoutMs: 30_000});
      let running = true;
      let serverDone;
      let peak = rssMb(pid);
      const watch = setInterval(() => {
        peak = Math.max(peak, rssMb(pid));
        if (serverDone === undefined && recordedEnd(marker)) {
          serverDone = performance.now() - app.start;
          running = false;
        }
      }, 50);
      from = app.received;
      const shownDone = app.waitFor((text) => text.includes(marker), {from, timeoutMs: 120_000});
      while (running) flooded.push(...(await typeKeys(app, () => running)));
      const shown = await shownDone;
      clearInterval(watch);
      rss.push(peak);
      lags.push(Math.max(0, shown - serverDone));
    }
    emitRow({
      id: 'terminal-flood-echo',
      what: `keystroke echo in the composer while \`!${FLOOD}\` (20 MB) streams through the terminal pane: key written to the pty until the composer shows it`,
      unit: 'ms',
      samples: flooded,
      baseline: {what: 'the same keys typed into the idle screen, in the same run', samples: idle},
      budgets: [{kind: 'abs-max', value: 50, stat: 'p95'}],
      note: `p95 ${round(percentile(flooded, 95))} ms (idle: ${round(percentile(idle, 95))} ms), max ${round(Math.max(...flooded))} ms; ${flooded.length} keys over ${rounds} floods of ${(FLOOD_BYTES / 1e6).toFixed(1)} MB`,
    });
    emitRow({
      id: 'terminal-flood-rss',
      what: "the client's largest resident memory during each flood",
      unit: 'MB',
      samples: rss,
      budgets: [{kind: 'abs-max', value: 250}],
    });
    emitRow({
      id: 'terminal-flood-lag',
      what: "from the flood's end on the server (its observation in the event log) until its last line shows in the terminal pane",
      unit: 'ms',
      samples: lags,
    });
  } finally {
    app.input('\u0003');
    await new Promise((resolve) => setTimeout(resolve, 300));
    app.input('\u0003');
    await Promise.race([app.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    app.kill();
  }
} finally {
  spawnSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
  rmSync(directory, {recursive: true, force: true});
}
