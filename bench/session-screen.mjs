// The session screen as a user meets it, in a real terminal (tmux), on this machine. Rows:
// - session-first-frame: from spawning `oh-tui --session <sid>` (a session with no history) until
//   its first frame is on the screen (the header with the sid): ≤ 300 ms, whole process; alternating with a bare
//   `node -e "console.log(...)"` in the same kind of terminal, until its line shows;
// - session-ink-frame: the same runs until Ink's frame (the whole screen) replaced that first one;
// - session-resume: a session of 10,000 recorded events whose container runs, until the history's
//   last event is drawn and the header says running: ≤ 1 s; and the client's RSS then: ≤ 200 MB.
// The screen is read with `tmux capture-pane` every few ms, so times carry ~10 ms of polling.
import {execFileSync, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {alternate, cliPath, emitRow, screenBenchPlace} from './lib.mjs';

const rounds = Number(process.env.BENCH_RUNS ?? 7);
const EVENTS = 10_000;
const tag = randomBytes(3).toString('hex');
const sid = `bench-screen-${tag}`;
const container = `openhands-runtime-${sid}`;
// The first frame is timed on a session with no history (the resume rows time the history).
const freshSid = `bench-fresh-${tag}`;
const {directory, workspace, state, env} = screenBenchPlace('oh-tui-bench-screen-');

/** A session of EVENTS events of the usual kind: commands and their output, as the screen recorded them. */
function writeSession() {
  const dir = join(state, 'oh-tui', 'sessions', sid);
  mkdirSync(dir, {recursive: true});
  const lines = [];
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  for (let id = 0; id < EVENTS; id += 2) {
    const command = `echo event-${id + 1}`;
    const action = {
      source: 'user',
      message: `Running command: ${command}`,
      action: 'run',
      args: {command, thought: '', blocking: true, keep_prompt: true, hidden: false, confirmation_state: 'confirmed'},
      timeout: 120,
    };
    const output = {
      source: 'user',
      message: `Command \`${command}\` executed with exit code 0.`,
      cause: id,
      observation: 'run',
      content: `event-${id + 1}`,
      extras: {command_id: -1, command, exit_code: 0, hidden: false, interpreter_details: ''},
    };
    lines.push(JSON.stringify({id, timestamp: at, ...action}), JSON.stringify({id: id + 1, timestamp: at, ...output}));
  }
  writeFileSync(join(dir, 'events.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(dir, 'meta.json'),
    JSON.stringify({sid, created: at, last_active: at, title: 'bench', workspace, image: '', container, agent_state: 'loading'}),
  );
  return dir;
}

const tmux = (name, ...args) => execFileSync('tmux', ['-L', name, ...args], {encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore']});

/** Runs `command` in a fresh 120×40 tmux terminal; ms from spawn until `seen(screen)` holds for each named mark. */
async function inTerminal(command, marks, after = () => {}) {
  const name = `oh-tui-bench-${randomBytes(3).toString('hex')}`;
  const start = performance.now();
  execFileSync(
    'tmux',
    ['-L', name, '-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', '120', '-y', '40', '-c', workspace, command],
    {env},
  );
  const times = {};
  try {
    const deadline = start + 30_000;
    while (Object.keys(times).length < Object.keys(marks).length) {
      if (performance.now() > deadline) throw new Error(`timed out; the screen:\n${tmux(name, 'capture-pane', '-p', '-t', name)}`);
      const screen = tmux(name, 'capture-pane', '-p', '-t', name);
      const now = performance.now() - start;
      for (const [mark, seen] of Object.entries(marks)) if (!(mark in times) && seen(screen)) times[mark] = now;
    }
    return {...times, ...after(name)};
  } finally {
    try {
      tmux(name, 'send-keys', '-t', name, 'C-c');
      tmux(name, 'send-keys', '-t', name, 'C-c');
      const until = performance.now() + 10_000;
      while (performance.now() < until && !tmux(name, 'capture-pane', '-p', '-t', name).includes('Resume it')) spawnSync('sleep', ['0.05']);
    } catch {
      // a bare node has already exited
    }
    spawnSync('tmux', ['-L', name, 'kill-server'], {env});
  }
}

/** The client's resident memory, read from /proc for the pid in the session's lock. */
const rssMb = (dir) => {
  const {pid} = JSON.parse(readFileSync(join(dir, 'lock-holder.json'), 'utf8'));
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((text) => text.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
};

try {
  // The container, created once (building the image when needed).
  for (const name of [sid, freshSid]) {
    const up = spawnSync(process.execPath, [cliPath, 'exec', '--session', name, '--', 'true'], {env, cwd: workspace, encoding: 'utf8'});
    if (up.status !== 0) throw new Error(`oh-tui exec failed: ${up.stderr}`);
  }
  const dir = writeSession();
  const screen = `node ${cliPath} --session ${sid}`;
  const rss = [];
  const inkFrames = [];
  const firstFrames = await alternate(
    rounds,
    () =>
      inTerminal(`node ${cliPath} --session ${freshSid}`, {
        frame: (text) => text.includes(`session ${freshSid}`),
        // Ink's own first frame: the whole screen down to the footer's key hints.
        ink: (text) => text.includes('Enter send'),
      }).then((times) => {
        inkFrames.push(times.ink);
        return times.frame;
      }),
    () =>
      inTerminal(`node -e "console.log('bare node is up')"; sleep 5`, {frame: (text) => text.includes('bare node is up')}).then(
        (times) => times.frame,
      ),
  );
  const resumes = [];
  for (let round = 0; round < rounds; round++) {
    const times = await inTerminal(screen, {ready: (text) => text.includes('● running') && text.includes(`event-${EVENTS - 1}`)}, () => ({
      rss: rssMb(dir),
    }));
    resumes.push(times.ready);
    rss.push(times.rss);
  }
  emitRow({
    id: 'session-first-frame',
    what: '`oh-tui --session <sid>` in a real terminal (tmux): spawn to its first frame, whole process',
    unit: 'ms',
    samples: firstFrames.ours,
    baseline: {what: 'a bare `node -e "console.log(…)"` in the same terminal, spawn to its line', samples: firstFrames.baseline},
    budgets: [{kind: 'abs-max', value: 300}],
  });
  emitRow({
    id: 'session-ink-frame',
    what: "the same run until Ink's first frame replaces it (the whole screen, down to the footer)",
    unit: 'ms',
    samples: inkFrames,
    note: 'No budget of its own: the first frame above is drawn before Ink and the screen load (source/ui/first-frame.ts); this is when the screen is complete.',
  });
  emitRow({
    id: 'session-resume',
    what: `resume a session of ${EVENTS.toLocaleString('en')} events whose container runs: spawn until its last event is drawn and the header says running`,
    unit: 'ms',
    samples: resumes,
    budgets: [{kind: 'abs-max', value: 1000}],
  });
  emitRow({
    id: 'session-resume-rss',
    what: `the client's resident memory once that session of ${EVENTS.toLocaleString('en')} events is on screen`,
    unit: 'MB',
    samples: rss,
    budgets: [{kind: 'abs-max', value: 200}],
  });
} finally {
  spawnSync('docker', ['rm', '-f', container, `openhands-runtime-${freshSid}`], {stdio: 'ignore'});
  rmSync(directory, {recursive: true, force: true});
}
