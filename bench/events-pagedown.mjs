// Benchmark of the session screen's events pane (not a test). Prints its rows (bench/lib.mjs emitRow):
//   pagedown_100k   one PgDn over a transcript of 100,000 events: the scroll intent plus the rerender of a
//                   mounted pane (Ink render, 120×50, to a stream that discards), each page laid out cold;
//                   p50/p95/max in ms, wall and CPU time (the CPU time of this process is what a busy machine
//                   cannot inflate). React runs as the CLI runs it: in production mode.
//   baseline_100    the same over 100 events (the cost must not grow with the session); ratio = p95/p95
//   reduce_100k_ms  reducing 100,000 recorded events into the transcript (what a resume does), and 10,000
// Budget (ARCHITECTURE.md §9): one PgDn render ≤ 16 ms.
import {performance} from 'node:perf_hooks';
import {Writable} from 'node:stream';
import {emitRow, importSource, percentile, round} from './lib.mjs';

// As source/cli.tsx does before anything loads React: its development build is twice as slow.
process.env.NODE_ENV ??= 'production';
const {render} = await import('ink');
const {createElement} = await import('react');

const WIDTH = 120;
const HEIGHT = 50;
const PAGES = 200;

const ui = await importSource(
  'events/transcript',
  'ui/layout/line-layout',
  'ui/layout/transcript-rows',
  'ui/layout/viewport',
  'ui/panes/EventsPane',
);

/** A session of the usual rhythm: message, state, command + output, edit + diff, reply, state. */
function session(count) {
  const events = [];
  const at = (second) => `2024-12-04T10:00:${String(second % 60).padStart(2, '0')}.000000`;
  for (let turn = 0; events.length < count; turn++) {
    const id = events.length;
    const command = `ls -la /workspace/turn-${turn}`;
    const output = Array.from({length: 1 + (turn % 12)}, (_, i) => `-rw-r--r-- 1 openhands openhands ${i * 97} file-${i}.txt`).join('\n');
    events.push(
      {
        id,
        timestamp: at(0),
        source: 'user',
        message: '',
        action: 'message',
        args: {
          content: `Turn ${turn}: list the files and fix the greeting in app.py, then run the tests again`,
          image_urls: null,
          wait_for_response: false,
        },
      },
      {
        id: id + 1,
        timestamp: at(0),
        source: 'environment',
        message: '',
        observation: 'agent_state_changed',
        content: '',
        extras: {agent_state: 'running'},
      },
      {
        id: id + 2,
        timestamp: at(1),
        source: 'agent',
        message: `Running command: ${command}`,
        action: 'run',
        args: {
          command,
          thought: `Let me look at turn ${turn}.`,
          blocking: true,
          keep_prompt: true,
          hidden: false,
          confirmation_state: 'confirmed',
        },
      },
      {
        id: id + 3,
        timestamp: at(2),
        source: 'agent',
        message: '',
        cause: id + 2,
        observation: 'run',
        content: `${command}\n${output}`,
        extras: {command_id: -1, command, exit_code: turn % 7 === 0 ? 1 : 0, hidden: false, interpreter_details: ''},
      },
      {
        id: id + 4,
        timestamp: at(3),
        source: 'agent',
        message: '',
        action: 'edit',
        args: {path: '/workspace/app.py', content: '', start: 1, end: -1, thought: ''},
      },
      {
        id: id + 5,
        timestamp: at(4),
        source: 'agent',
        message: '',
        cause: id + 4,
        observation: 'edit',
        content: `--- /workspace/app.py\n+++ /workspace/app.py\n@@ -1 +1 @@\n-print("hi")\n+print("hello ${turn}")\n`,
        extras: {path: '/workspace/app.py'},
      },
      {
        id: id + 6,
        timestamp: at(5),
        source: 'agent',
        message: '',
        action: 'message',
        args: {
          content: `Turn ${turn} is done: the greeting now says hello, and the tests pass.`,
          image_urls: null,
          wait_for_response: true,
        },
      },
      {
        id: id + 7,
        timestamp: at(5),
        source: 'environment',
        message: '',
        observation: 'agent_state_changed',
        content: '',
        extras: {agent_state: 'awaiting_user_input'},
      },
    );
  }
  return events.slice(0, count);
}

function timeReduce(count) {
  const events = session(count);
  const start = performance.now();
  const transcript = ui.reduceTranscriptAll(ui.emptyTranscript, events);
  return {ms: performance.now() - start, transcript};
}

/** A terminal of WIDTH×HEIGHT that throws the frames away (Ink writes synchronously in debug mode). */
function discardingTerminal() {
  const stdout = new Writable({write: (_chunk, _encoding, done) => done()});
  return Object.assign(stdout, {columns: WIDTH, rows: HEIGHT, isTTY: true});
}

function pageDowns(transcript) {
  const layout = new ui.LineLayout();
  const rows = () => ui.transcriptRows(transcript, layout, WIDTH);
  const count = transcript.items.length;
  // Start in the middle, scrolled up (as a user reading history), so every page is laid out cold.
  let position = {mode: 'anchored', top: {item: Math.floor(count / 2), row: 0}, seen: {items: count, lastItemRows: 1}};
  if (count < 1_000) position = ui.scrollViewport(ui.followTail, {type: 'home'}, rows(), HEIGHT);
  const pane = () => createElement(ui.EventsPane, {transcript, position, layout, width: WIDTH, height: HEIGHT});
  const instance = render(pane(), {stdout: discardingTerminal(), debug: true, patchConsole: false, exitOnCtrlC: false});
  const times = [];
  const cpuTimes = [];
  for (let page = 0; page < PAGES; page++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    position = ui.scrollViewport(position, {type: 'pages', delta: 1}, rows(), HEIGHT);
    // A small transcript reaches its end: keep paging over it from the top.
    if (position.mode === 'tail') position = ui.scrollViewport(position, {type: 'home'}, rows(), HEIGHT);
    instance.rerender(pane());
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  instance.unmount();
  // The first pages warm up the JIT.
  return {wall: stats(times.slice(10)), cpu: stats(cpuTimes.slice(10)), samples: times.slice(10)};
}

const stats = (times) => ({p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(Math.max(...times))});

const small = timeReduce(100);
const baseline = pageDowns(small.transcript);
const reduce10k = timeReduce(10_000);
const big = timeReduce(100_000);
const measured = pageDowns(big.transcript);
emitRow({
  id: 'events-pagedown',
  what: 'one PgDn over 100,000 events: the scroll and the rerender of the mounted events pane (120×50), each page laid out cold',
  unit: 'ms',
  samples: measured.samples,
  baseline: {what: 'the same over 100 events (cost must not grow with the session)', samples: baseline.samples},
  budgets: [{kind: 'abs-max', value: 16}],
  note: `p95 ${measured.wall.p95} ms (100 events: ${baseline.wall.p95} ms); CPU p50 ${measured.cpu.p50} ms; reducing 100,000 recorded events ${round(big.ms)} ms, 10,000 ${round(reduce10k.ms)} ms (what a resume does)`,
});
