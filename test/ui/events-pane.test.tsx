import {useInput} from 'ink';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import {emptyTranscript, reduceTranscriptAll, type Transcript, type TranscriptEvent, withDraft} from '../../source/events/transcript.js';
import {useEventsScroll} from '../../source/ui/hooks/use-events-scroll.js';
import {LineLayout} from '../../source/ui/layout/line-layout.js';
import {followTail} from '../../source/ui/layout/viewport.js';
import {parseMouseWheel, wheelScroll} from '../../source/ui/mouse-wheel.js';
import {EventsPane} from '../../source/ui/panes/EventsPane.js';
import {
  agentMessage,
  editAction,
  editObservation,
  errorObservation,
  finishAction,
  readAction,
  readObservation,
  runAction,
  runObservation,
  stateChanged,
  userMessage,
  writeAction,
  writeObservation,
} from '../helpers/events-015.js';
import {foregroundAt} from '../helpers/ansi-colour.js';

// Colours are asserted in the frames: make chalk (through Ink) emit them in this file's worker.
vi.hoisted(() => vi.stubEnv('FORCE_COLOR', '1'));
afterAll(() => vi.unstubAllEnvs());

const [RED, GREEN, CYAN, GRAY] = ['31', '32', '36', '90'];

const instances: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
});

const transcriptOf = (events: TranscriptEvent[]) => reduceTranscriptAll(emptyTranscript, events);

/** The pane following the tail, as raw (coloured) and plain text with trailing blanks trimmed. */
function frame(events: TranscriptEvent[], options: {width?: number; height?: number} = {}) {
  const instance = render(
    <EventsPane
      transcript={transcriptOf(events)}
      position={followTail}
      layout={new LineLayout()}
      width={options.width ?? 50}
      height={options.height ?? 12}
    />,
  );
  instances.push(instance);
  const raw = instance.lastFrame() ?? '';
  return {raw, text: plain(raw)};
}

const plain = (raw: string) =>
  stripAnsi(raw)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

describe('EventsPane: one frame for each kind of event', () => {
  test('user and agent messages, wrapped under their prefix', () => {
    const {text} = frame(
      [userMessage(0, 'Please fix the failing test in the parser module'), agentMessage(1, 'Fixed: the parser now accepts empty input.')],
      {
        width: 44,
      },
    );
    expect(text).toBe(
      ['› Please fix the failing test in the parser', '  module', '', '◆ Fixed: the parser now accepts empty input.'].join('\n'),
    );
  });

  test('a running command, then the same command finished with its output, exit code and duration', () => {
    expect(frame([runAction(0, 'npm test', {thought: 'Run the tests first.'})]).text).toBe(
      ['Run the tests first.', '❯ npm test', '  ⋯ running'].join('\n'),
    );
    const {text, raw} = frame([
      runAction(0, 'npm test', {second: 1}),
      runObservation(1, 0, 'npm test', 'npm test\r\n\u001b[32m✓\u001b[39m 12 passed\r\n\u001b[31m✗\u001b[39m 1 failed', 1, 4),
    ]);
    expect(text).toBe(['❯ npm test', '  ✓ 12 passed', '  ✗ 1 failed', '  ✖ exit 1 · 3.0s'].join('\n'));
    // The command's own escapes never reach the screen; our colours do.
    expect(foregroundAt(raw, '✓ 12 passed')).toBeUndefined();
    expect(foregroundAt(raw, 'npm test')).toBe(GREEN);
    expect(foregroundAt(raw, '✖ exit 1 · 3.0s')).toBe(RED);
  });

  test('an edit as a coloured diff', () => {
    const diff = '--- /workspace/app.py\n+++ /workspace/app.py\n@@ -1,2 +1,2 @@\n-print("hi")\n+print("hello")\n import sys\n';
    const {text, raw} = frame([editAction(0, '/workspace/app.py'), editObservation(1, 0, '/workspace/app.py', diff)]);
    expect(text).toBe(
      [
        '✎ edit /workspace/app.py',
        '  --- /workspace/app.py',
        '  +++ /workspace/app.py',
        '  @@ -1,2 +1,2 @@',
        '  -print("hi")',
        '  +print("hello")',
        '   import sys',
      ].join('\n'),
    );
    expect(foregroundAt(raw, '+print("hello")')).toBe(GREEN);
    expect(foregroundAt(raw, '-print("hi")')).toBe(RED);
    expect(foregroundAt(raw, '@@ -1,2 +1,2 @@')).toBe(CYAN);
    expect(foregroundAt(raw, ' import sys')).toBeUndefined();
  });

  test('a write shows what it wrote as added lines', () => {
    const {text} = frame([writeAction(0, 'notes.txt', 'first\nsecond\n'), writeObservation(1, 0, 'notes.txt')]);
    expect(text).toBe(['✎ write notes.txt', '  +first', '  +second'].join('\n'));
  });

  test('a read previews the first lines of what the agent read', () => {
    const content = Array.from({length: 14}, (_, i) => `line ${i + 1}`).join('\n');
    const {text} = frame([readAction(0, 'big.txt'), readObservation(1, 0, 'big.txt', content)], {height: 20});
    expect(text).toBe(['▤ read big.txt', ...Array.from({length: 10}, (_, i) => `  line ${i + 1}`), '  … 4 more lines'].join('\n'));
  });

  test('errors in red, never hidden; the action they answer is marked failed', () => {
    const {text, raw} = frame([
      readAction(0, '/nope'),
      errorObservation(1, 'File not found: /nope. Your current working directory is /workspace.', 0, 1),
    ]);
    expect(text).toBe(
      ['▤ read /nope', '  ✖ failed · 1.0s', '', '✖ File not found: /nope. Your current working', '  directory is /workspace.'].join('\n'),
    );
    expect(foregroundAt(raw, 'File not found')).toBe(RED);
    expect(foregroundAt(raw, 'directory is /workspace.')).toBe(RED);
  });

  test('state changes as quiet lines', () => {
    const {text, raw} = frame([stateChanged(0, 'running'), stateChanged(1, 'awaiting_user_input')]);
    expect(text).toBe(['· agent state: running', '· agent state: awaiting user input'].join('\n'));
    expect(foregroundAt(raw, '· agent state: running')).toBe(GRAY);
  });

  test('a runtime note', () => {
    const note = {
      id: 0,
      timestamp: '2024-12-04T10:00:00',
      source: 'environment',
      message: '',
      observation: 'runtime_note',
      content: 'The container had to be recreated.',
      extras: {},
    };
    expect(frame([note]).text).toBe('! The container had to be recreated.');
  });

  test('any other kind, generically', () => {
    const browse = {
      id: 1,
      timestamp: '2024-12-04T10:00:00',
      source: 'agent',
      message: 'Browsing URL: https://example.com',
      action: 'browse',
      args: {url: 'https://example.com', thought: ''},
    };
    expect(frame([finishAction(0, 'All tests pass now.'), browse], {width: 70}).text).toBe(
      ['✔ All tests pass now.', '· action browse: Browsing URL: https://example.com (agent)', '  {"url":"https://example.com"}'].join('\n'),
    );
  });

  test("the agent's thought (think), its finish with outputs, an error state with its reason in red, the live draft", () => {
    const think = {
      id: 0,
      timestamp: '2024-12-04T10:00:00',
      source: 'agent',
      message: '',
      action: 'think',
      args: {thought: 'The parser drops empty lines.'},
    };
    const finish = {
      id: 1,
      timestamp: '2024-12-04T10:00:01',
      source: 'agent',
      message: '',
      action: 'finish',
      args: {outputs: {content: 'Fixed the parser.', files: ['parser.py']}, thought: ''},
    };
    const failed = {
      id: 2,
      timestamp: '2024-12-04T10:00:02',
      source: 'environment',
      message: '',
      observation: 'agent_state_changed',
      content: '',
      extras: {agent_state: 'error', reason: 'max_iterations 3 reached'},
    };
    const {raw, text} = frame([think, finish, failed], {width: 60});
    expect(text).toBe(
      [
        '… The parser drops empty lines.',
        '',
        '✔ Fixed the parser.',
        '  {"files":["parser.py"]}',
        '· agent state: error (max_iterations 3 reached)',
      ].join('\n'),
    );
    expect(foregroundAt(raw, '· agent state: error')).toBe(RED);
    const draft = render(
      <EventsPane
        transcript={withDraft(transcriptOf([userMessage(0, 'hi')]), 'Hello, wor')}
        position={followTail}
        layout={new LineLayout()}
        width={40}
        height={6}
      />,
    );
    instances.push(draft);
    expect(plain(draft.lastFrame() ?? '')).toBe(['› hi', '', '◆ Hello, wor▍'].join('\n'));
  });

  test('an action held for confirmation is marked, and settled once answered', () => {
    const held = {
      ...runAction(0, 'rm -rf build'),
      source: 'agent',
      args: {command: 'rm -rf build', thought: '', confirmation_state: 'awaiting_confirmation'},
    };
    expect(frame([held]).text).toContain('? waiting for your confirmation');
    const rejected = {
      id: 1,
      timestamp: '2024-12-04T10:00:01',
      source: 'environment',
      message: '',
      observation: 'agent_state_changed',
      content: '',
      extras: {agent_state: 'user_rejected'},
    };
    expect(frame([held, rejected]).text).toContain('✖ rejected');
  });

  test('the pane is exactly its height, however long the transcript', () => {
    const events = Array.from({length: 500}, (_, i) => agentMessage(i, `message ${i}`));
    const {raw} = frame(events, {height: 7});
    expect(raw.split('\n')).toHaveLength(7);
    expect(plain(raw).split('\n').at(-1)).toBe('◆ message 499');
  });
});

const PAGE_UP = '\u001b[5~';
const PAGE_DOWN = '\u001b[6~';
const HOME = '\u001b[H';
const END = '\u001b[F';
const WHEEL_UP = '\u001b[<64;10;5M';

function ScrollingPane({transcript, width, height}: {transcript: Transcript; width: number; height: number}) {
  const {position, scroll, layout} = useEventsScroll(transcript, width, height);
  useInput((input, key) => {
    if (key.pageUp) scroll({type: 'pages', delta: -1});
    else if (key.pageDown) scroll({type: 'pages', delta: 1});
    else if (key.home) scroll({type: 'home'});
    else if (key.end) scroll({type: 'end'});
    else {
      const intent = wheelScroll(parseMouseWheel(input));
      if (intent) scroll(intent);
    }
  });
  return <EventsPane transcript={transcript} position={position} layout={layout} width={width} height={height} />;
}

describe('EventsPane scrolling (PgUp/PgDn/Home/End, wheel, follow tail)', () => {
  // One row per event: state lines named by number.
  const states = (from: number, to: number) => Array.from({length: to - from}, (_, i) => stateChanged(from + i, `s${from + i}`));
  const rowsOf = (numbers: number[]) => numbers.map((n) => `· agent state: s${n}`);
  const range = (from: number, to: number) => Array.from({length: to - from}, (_, i) => from + i);

  test('pages up and down, goes home and to the end, and follows the tail', async () => {
    let transcript = transcriptOf(states(0, 100));
    const instance = render(<ScrollingPane transcript={transcript} width={40} height={10} />);
    instances.push(instance);
    const shows = (lines: string[]) => vi.waitFor(() => expect(plain(instance.lastFrame() ?? '')).toBe(lines.join('\n')), {timeout: 5_000});
    const press = async (keys: string, lines: string[]) => {
      instance.stdin.write(keys);
      await shows(lines);
    };

    await shows(rowsOf(range(90, 100)));
    await vi.waitFor(async () => {
      // useInput subscribes in an effect: press until it listens.
      instance.stdin.write(PAGE_UP);
      await shows([...rowsOf(range(81, 90)), '↓ more below']);
    });
    await press(PAGE_UP, [...rowsOf(range(72, 81)), '↓ more below']);
    await press(PAGE_DOWN, [...rowsOf(range(81, 90)), '↓ more below']);
    await press(PAGE_DOWN, rowsOf(range(90, 100)));
    await press(HOME, [...rowsOf(range(0, 9)), '↓ more below']);

    // New events while scrolled up: the view stays, the note counts them.
    transcript = transcriptOf(states(0, 105));
    instance.rerender(<ScrollingPane transcript={transcript} width={40} height={10} />);
    await shows([...rowsOf(range(0, 9)), '↓ 5 new lines below']);

    await press(END, rowsOf(range(95, 105)));
    // At the tail, new events scroll into view.
    transcript = transcriptOf(states(0, 108));
    instance.rerender(<ScrollingPane transcript={transcript} width={40} height={10} />);
    await shows(rowsOf(range(98, 108)));

    await press(WHEEL_UP, [...rowsOf(range(95, 104)), '↓ more below']);
  });
});
