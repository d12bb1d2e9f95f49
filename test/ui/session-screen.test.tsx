import {Console} from 'node:console';
import {EventEmitter} from 'node:events';
import xterm from '@xterm/headless';
import {afterEach, describe, expect, test} from 'vitest';
import type {RuntimeView} from '../../source/runtime/live-session.js';
import {RESUMED_ITEMS_PRINTED} from '../../source/ui/panes/InlineTranscript.js';
import {settledCount} from '../../source/ui/layout/settled-items.js';
import {renderSessionUi} from '../../source/ui/run-session-ui.js';
import {SessionViewStore} from '../../source/ui/session/session-view-store.js';
import {TerminalEmulator} from '../../source/ui/terminal/terminal-emulator.js';
import type {ImagePlan} from '../../source/image/plan.js';
import {createSnapshot} from '../../source/ui/hooks/use-throttled-snapshot.js';
import {replayBuildx} from '../unit/build-fixture-replay.js';
import {emptyTranscript, reduceTranscriptAll} from '../../source/events/transcript.js';
import {agentMessage, runAction, runObservation, userMessage} from '../helpers/events-015.js';
import type {AgentStatus} from '../../source/agent/agent-api.js';

const COLUMNS = 100;
const ROWS = 30;

/** A terminal as Ink sees it: every byte written is kept, to be replayed into a real emulator. */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = COLUMNS;
  constructor(readonly rows = ROWS) {
    super();
  }
  readonly writes: string[] = [];
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
  get output(): string {
    return this.writes.join('');
  }
}

class FakeKeyboard extends EventEmitter {
  readonly isTTY = true;
  setRawMode() {}
  setEncoding() {}
  read() {
    return null;
  }
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

/** What a terminal shows after these bytes, scrollback included, trailing blanks trimmed (convertEol: a tty's onlcr). */
async function shown(bytes: string, rows = ROWS): Promise<string> {
  const terminal = new xterm.Terminal({cols: COLUMNS, rows, scrollback: 1000, allowProposedApi: true, convertEol: true});
  await new Promise<void>((resolve) => terminal.write(bytes, resolve));
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
  terminal.dispose();
  return lines.join('\n').trimEnd();
}

const runtime: RuntimeView = {
  state: 'running',
  detail: '',
  container: 'openhands-runtime-inline',
  image: 'oh-tui/runtime:test',
  vscodeUrl: undefined,
  vscodeNote: undefined,
};

// The screen patches console.* (patch-console builds a console.Console); vitest's console has none.
if (!('Console' in console)) Object.assign(console, {Console});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function inlineScreen(store: SessionViewStore, inline = true, rows = ROWS) {
  const stdout = new FakeTerminal(rows);
  const emulator = new TerminalEmulator({cols: COLUMNS, rows: 10});
  const noop = () => {};
  const ui = renderSessionUi({
    sid: 'inline-sid',
    workspace: '/work/space',
    store,
    emulator,
    history: [],
    openLink: async () => ({opened: true}),
    color: false,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new FakeKeyboard() as unknown as NodeJS.ReadStream,
    inline,
    onSubmit: noop,
    onTypeToCommand: noop,
    onHistoryChange: noop,
    onInterrupt: noop,
    onRestart: noop,
    onQuit: noop,
    onPickSession: noop,
    onClosePicker: noop,
  });
  cleanups.push(async () => {
    await ui.unmount();
    emulator.dispose();
  });
  return {stdout, emulator, ui};
}

const count = (text: string, part: string) => text.split(part).length - 1;

const agentRunning: AgentStatus = {
  state: 'running',
  model: 'openai/gpt-4o',
  usage: {inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0},
  cost: undefined,
  confirmationMode: false,
  draft: undefined,
  reason: '',
};

describe('settledCount', () => {
  test('every item before the first one still running; all of them when none runs', () => {
    const finished = reduceTranscriptAll(emptyTranscript, [userMessage(0, 'hi'), runAction(1, 'ls'), runObservation(2, 1, 'ls', 'a')]);
    expect(settledCount(finished)).toBe(finished.items.length);
    const running = reduceTranscriptAll(finished, [runAction(3, 'sleep 9'), userMessage(4, 'x')]);
    expect(running.items.length).toBe(finished.items.length + 2);
    expect(settledCount(running)).toBe(finished.items.length);
    expect(settledCount(reduceTranscriptAll(running, [runObservation(5, 3, 'sleep 9', '')]))).toBe(running.items.length);
  });
});

describe('the session screen --inline', () => {
  test('finished events are written once, above the redrawn part; a running command stays live until it ends; at the end only the conversation stays', async () => {
    const store = new SessionViewStore(runtime, [runAction(0, 'echo history'), runObservation(1, 0, 'echo history', 'history-output')]);
    const {stdout, emulator} = inlineScreen(store);
    await expect.poll(() => shown(stdout.output)).toContain('history-output');
    expect(await shown(stdout.output)).toContain('session inline-sid');
    // No alternate screen, no mouse reports: the terminal keeps its own scrollback and wheel.
    expect(stdout.output).not.toContain('\u001b[?1049h');

    store.addEvent(runAction(2, 'echo live'));
    store.setCommandRunning(true);
    emulator.write('pane-output-live\r\n');
    await expect.poll(() => shown(stdout.output)).toContain('pane-output-live');
    const during = await shown(stdout.output);
    expect(during).toContain('❯ echo live');
    expect(during).toContain('terminal (running)');
    // The header, pane and composer are redrawn many times, the printed history never again.
    for (let tick = 0; tick < 5; tick++) store.addNote(`note-${tick}`);
    await expect.poll(() => shown(stdout.output)).toContain('note-4');

    store.addEvent(runObservation(3, 2, 'echo live', 'live-output-final'));
    store.setCommandRunning(false);
    await expect.poll(() => shown(stdout.output)).toContain('live-output-final');
    await store.end();
    await expect.poll(async () => (await shown(stdout.output)).includes('session inline-sid')).toBe(false);

    const after = await shown(stdout.output);
    expect(count(stdout.output, 'history-output')).toBe(1);
    expect(count(stdout.output, 'live-output-final')).toBe(1);
    expect(count(after, 'note-0')).toBe(1);
    expect(count(after, '❯ echo history')).toBe(1);
    expect(count(after, '❯ echo live')).toBe(1);
    // The notes came while the command ran: they are printed after it (in the transcript's order).
    expect(after.indexOf('❯ echo history')).toBeLessThan(after.indexOf('❯ echo live'));
    expect(after.indexOf('live-output-final')).toBeLessThan(after.indexOf('note-0'));
    expect(after).not.toContain('terminal');
    expect(after).not.toContain('!cmd runs a shell command');
  });
  test("the agent's answer streams in live below the printed conversation, and is printed once (without its cursor) when its message is recorded", async () => {
    const store = new SessionViewStore(runtime, [userMessage(0, 'count the ticks')]);
    const {stdout} = inlineScreen(store);
    await expect.poll(() => shown(stdout.output)).toContain('› count the ticks');
    store.setAgent({...agentRunning, draft: 'Counting the'}, 1000);
    await expect.poll(() => shown(stdout.output)).toContain('◆ Counting the▍');
    store.setAgent({...agentRunning, draft: 'Counting the ticks, one at a time.'}, 2000);
    await expect.poll(() => shown(stdout.output)).toContain('◆ Counting the ticks, one at a time.▍');
    const streaming = await shown(stdout.output);
    // Live, between the printed conversation and the composer (redrawn, so it is on screen once).
    expect(count(streaming, 'Counting the')).toBe(1);
    expect(streaming.indexOf('› count the ticks')).toBeLessThan(streaming.indexOf('◆ Counting the'));
    expect(streaming.indexOf('◆ Counting the')).toBeLessThan(streaming.indexOf('!cmd runs a shell command'));

    store.addEvent(agentMessage(1, 'Counting the ticks, one at a time.'));
    await expect.poll(async () => (await shown(stdout.output)).includes('▍')).toBe(false);
    await store.end();
    await expect.poll(async () => (await shown(stdout.output)).includes('session inline-sid')).toBe(false);
    const after = await shown(stdout.output);
    expect(count(after, '◆ Counting the ticks, one at a time.')).toBe(1);
    expect(after).not.toContain('◆ Counting the\n');
    expect(after).not.toContain('▍');
  });
});

describe('the session screen --inline, resuming a long session', () => {
  test('prints the newest items of the history after a note naming how many are left out and how to see them; new events print as usual', async () => {
    const history = Array.from({length: RESUMED_ITEMS_PRINTED + 50}, (_, index) => userMessage(index, `history message ${index}`));
    const store = new SessionViewStore(runtime, history);
    const {stdout} = inlineScreen(store, true, 2000);
    const last = RESUMED_ITEMS_PRINTED + 49;
    await expect.poll(() => shown(stdout.output, 2000)).toContain(`history message ${last}`);
    const screen = await shown(stdout.output, 2000);
    expect(screen).toContain('… 50 earlier items of this session not printed: oh-tui sessions show inline-sid');
    expect(screen).not.toContain('history message 49\n');
    expect(screen).toContain('history message 50');
    expect(screen.indexOf('earlier items')).toBeLessThan(screen.indexOf('history message 50'));
    store.addEvent(userMessage(last + 1, 'a new message'));
    await expect.poll(() => shown(stdout.output, 2000)).toContain('a new message');
    expect(count(await shown(stdout.output, 2000), 'earlier items')).toBe(1);
  });
});

describe('the full screen', () => {
  const plan: ImagePlan = {
    repo: 'oh-tui/runtime',
    baseImage: 'oh-tui/e2e-base:bookworm',
    tags: {source: 'oh_v0.1.0_lockhash_srchash', lock: 'oh_v0.1.0_lockhash', versioned: 'oh_v0.1.0_oh-tui_s_e2e-base_t_bookworm'},
    image: 'oh-tui/runtime:oh_v0.1.0_lockhash_srchash',
    strategy: 'scratch',
    reason: 'no runtime image for this base image exists yet',
    fromImage: 'oh-tui/e2e-base:bookworm',
  };

  test('a failed build taller than its place: clipped at the top, every row whole (none drawn over another), the outcome and the way out in view', async () => {
    const store = new SessionViewStore({...runtime, state: 'lost', detail: 'the runtime image build failed'}, []);
    const failed = replayBuildx('failure');
    store.setBuild({plan, snapshot: createSnapshot(failed), cancel: () => {}, final: failed});
    const {stdout} = inlineScreen(store, false, 20);
    await expect.poll(() => shown(stdout.output, 20)).toContain('The build failed: fix the cause, then Ctrl+R');
    const screen = (await shown(stdout.output, 20)).split('\n').slice(-20);
    expect(screen.join('\n')).toContain('✖ Build failed (exit code 1)');
    expect(screen.join('\n')).toMatch(/exit code: 3\nhint: \[4\/4\] RUN for i in/);
    // Each step row holds one step: shrunk rows were laid over each other and mixed their text.
    for (const line of screen) expect((line.match(/\[\d+\/\d+\]/g) ?? []).length, line).toBeLessThanOrEqual(1);
    expect(screen[0]).toContain('session inline-sid');
  });
});
