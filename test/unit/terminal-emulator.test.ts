import {afterEach, describe, expect, test, vi} from 'vitest';
import {plainText} from '../../source/ui/styled-line.js';
import {TerminalEmulator, type TerminalEmulatorOptions} from '../../source/ui/terminal/terminal-emulator.js';

const emulators: TerminalEmulator[] = [];
afterEach(() => {
  for (const emulator of emulators.splice(0)) emulator.dispose();
});

function emulator(options: Partial<TerminalEmulatorOptions> = {}): TerminalEmulator {
  const created = new TerminalEmulator({cols: 40, rows: 5, ...options});
  emulators.push(created);
  return created;
}

async function screenAfter(term: TerminalEmulator, ...writes: (string | Uint8Array)[]) {
  for (const data of writes) term.write(data);
  await term.whenIdle();
  return term.screen();
}

const texts = (screen: {lines: readonly (readonly {text: string}[])[]}) => screen.lines.map(plainText);

/** `count` numbered lines of 80 columns, `line 000001 xxxx…`. */
function numberedLines(from: number, count: number): string {
  let text = '';
  for (let n = from; n < from + count; n++) text += `line ${String(n).padStart(7, '0')} ${'x'.repeat(67)}\r\n`;
  return text;
}

describe('TerminalEmulator', () => {
  test('colours and attributes become styled spans (16 colours by name, 256 and truecolor)', async () => {
    const screen = await screenAfter(
      emulator(),
      '\u001b[31mred\u001b[0m plain \u001b[1;4mbold\u001b[0m \u001b[38;5;200mP\u001b[38;2;10;20;30mQ\u001b[0m \u001b[7;2;3;9mI\u001b[0m \u001b[44;97mbg\u001b[0m',
    );
    expect(screen.lines[0]).toEqual([
      {text: 'red', color: 'red'},
      {text: ' plain '},
      {text: 'bold', bold: true, underline: true},
      // A plain space looks the same in the colour of its neighbour: one <Text> fewer to draw.
      {text: ' P', color: 'ansi256(200)'},
      {text: 'Q ', color: '#0a141e'},
      {text: 'I', inverse: true, dim: true, italic: true, strikethrough: true},
      {text: ' '},
      {text: 'bg', color: 'whiteBright', backgroundColor: 'blue'},
    ]);
    expect(screen.lines.slice(1)).toEqual([[], [], [], []]);
  });

  test('a \\r progress bar ends as its last state', async () => {
    const screen = await screenAfter(emulator(), 'Downloading  10%\rDownloading  55%', '\rDownloading 100%\r\ndone\r\n');
    expect(texts(screen).slice(0, 3)).toEqual(['Downloading 100%', 'done', '']);
  });

  test('cursor moves, erases and wide characters land where a terminal puts them', async () => {
    const screen = await screenAfter(emulator(), 'abcdef\u001b[3Dz\u001b[K\r\n', '\u001b[4;3Hhere', '\u001b[5;1H中文ok');
    expect(texts(screen)).toEqual(['abcz', '', '', '  here', '中文ok']);
    expect(screen.cursor).toEqual({x: 6, y: 4});
  });

  test('a program clearing the screen clears only the emulated one', async () => {
    const screen = await screenAfter(emulator(), 'old output\r\n', '\u001b[2J\u001b[Hfresh');
    expect(texts(screen)).toEqual(['fresh', '', '', '', '']);
  });

  test('resize changes the screen size; lines scrolled off come back when it grows', async () => {
    const term = emulator({cols: 20, rows: 2});
    await screenAfter(term, 'one\r\ntwo\r\nthree');
    expect(texts(term.screen())).toEqual(['two', 'three']);
    term.resize(30, 4);
    expect(term.screen()).toMatchObject({cols: 30, rows: 4});
    expect(texts(term.screen())).toEqual(['one', 'two', 'three', '']);
  });

  test('bytes split in the middle of a UTF-8 character still decode', async () => {
    const bytes = new TextEncoder().encode('grüße\r\n');
    const screen = await screenAfter(emulator(), bytes.subarray(0, 3), bytes.subarray(3));
    expect(texts(screen)[0]).toBe('grüße');
  });

  test('the version moves when the screen may have changed, and screen() is reused until then', async () => {
    const term = emulator();
    const before = term.version;
    const first = await screenAfter(term, 'hello');
    expect(term.version).toBeGreaterThan(before);
    expect(term.screen()).toBe(first);
  });

  test('a backlog past maxBacklog is skipped to its newest part, with a marker, and the tail is right', async () => {
    const term = emulator({cols: 80, rows: 4, maxBacklog: 64 * 1024, keepOnSkip: 8 * 1024});
    let largestBacklog = 0;
    for (let chunk = 0; chunk < 100; chunk++) {
      term.write(numberedLines(chunk * 200 + 1, 200));
      largestBacklog = Math.max(largestBacklog, term.backlog);
    }
    expect(largestBacklog).toBeLessThanOrEqual(64 * 1024);
    await term.whenIdle();
    expect(term.skipped).toBeGreaterThan(1_000_000);
    expect(texts(term.screen())).toEqual([
      `line 0019998 ${'x'.repeat(67)}`,
      `line 0019999 ${'x'.repeat(67)}`,
      `line 0020000 ${'x'.repeat(67)}`,
      '',
    ]);
    // Shortly after a skip, the marker heads the screen.
    const marker = emulator({cols: 80, rows: 200, maxBacklog: 64 * 1024, keepOnSkip: 1024});
    const screen = await screenAfter(marker, numberedLines(1, 5_000));
    expect(plainText(screen.lines[0] ?? [])).toMatch(/^… \d+(\.\d+)?kB of output skipped$/);
    expect(screen.lines[0]?.[0]).toMatchObject({dim: true});
    expect(texts(screen)[1]).toMatch(/^line \d{7} x+$/);
  });

  test('a 20 MB flood written faster than it parses: the backlog stays bounded and the screen ends on the last lines', async () => {
    const maxBacklog = 1024 * 1024;
    const term = emulator({cols: 80, rows: 10, maxBacklog});
    const encoder = new TextEncoder();
    const linesPerChunk = 800; // 64 kB a chunk
    const chunks = Math.ceil((20 * 1024 * 1024) / (linesPerChunk * 82));
    let largestBacklog = 0;
    let parsedDuringFlood = false;
    for (let chunk = 0; chunk < chunks; chunk++) {
      term.write(encoder.encode(numberedLines(chunk * linesPerChunk + 1, linesPerChunk)));
      largestBacklog = Math.max(largestBacklog, term.backlog);
      if (chunk % 16 === 15) {
        const version = term.version;
        // Let the parser have a turn, as a socket's data events would.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 0));
        parsedDuringFlood ||= term.version > version;
      }
    }
    const last = chunks * linesPerChunk;
    term.write('\u001b[32mdone\u001b[0m');
    await term.whenIdle();
    expect(parsedDuringFlood).toBe(true);
    expect(largestBacklog).toBeLessThanOrEqual(maxBacklog);
    // How much is skipped depends on how fast this machine parses; that something is, does not:
    // the parser takes at most its budget (128 kB) a frame, and 20 MB come in far fewer frames.
    expect(term.skipped).toBeGreaterThan(0);
    const screen = texts(term.screen());
    expect(screen.slice(-3)).toEqual([
      `line ${String(last - 1).padStart(7, '0')} ${'x'.repeat(67)}`,
      `line ${String(last).padStart(7, '0')} ${'x'.repeat(67)}`,
      'done',
    ]);
    expect(term.screen().lines.at(-1)).toEqual([{text: 'done', color: 'green'}]);
  });

  test('parses at most bytesPerFrame a frame; the rest waits for the next frame', async () => {
    const term = emulator({cols: 80, rows: 3, chunkSize: 4 * 1024, bytesPerFrame: 16 * 1024, frameMs: 33, maxBacklog: 1024 * 1024});
    await screenAfter(term, 'xterm.js is loaded'); // with real timers: the import is real I/O
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance']});
    try {
      const text = numberedLines(1, 800); // 65,600 characters
      term.write(text);
      await vi.advanceTimersByTimeAsync(20);
      expect(term.backlog).toBe(text.length - 16 * 1024);
      await vi.advanceTimersByTimeAsync(20);
      expect(term.backlog).toBe(text.length - 2 * 16 * 1024);
      await vi.advanceTimersByTimeAsync(100);
      expect(term.backlog).toBe(0);
      expect(term.skipped).toBe(0);
      expect(texts(term.screen())).toEqual([`line 0000799 ${'x'.repeat(67)}`, `line 0000800 ${'x'.repeat(67)}`, '']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a flood faster than the budget is skipped to its newest part', async () => {
    const term = emulator({cols: 80, rows: 3, bytesPerFrame: 16 * 1024, frameMs: 33});
    await screenAfter(term, 'xterm.js is loaded');
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance']});
    try {
      // 1.3 MB a second, in a write every 10 ms, against a budget of ~0.5 MB a second.
      for (let write = 0; write < 100; write++) {
        term.write(numberedLines(write * 160 + 1, 160));
        expect(term.backlog).toBeLessThanOrEqual(2 * 16 * 1024);
        await vi.advanceTimersByTimeAsync(10);
      }
      await vi.advanceTimersByTimeAsync(200);
      expect(term.backlog).toBe(0);
      expect(term.skipped).toBeGreaterThan(500_000);
      expect(texts(term.screen()).slice(0, 2)).toEqual([`line 0015999 ${'x'.repeat(67)}`, `line 0016000 ${'x'.repeat(67)}`]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('reset clears the screen and drops what is queued; dispose settles waiters', async () => {
    const term = emulator();
    await screenAfter(term, 'something');
    term.write(numberedLines(1, 1000));
    term.reset();
    expect(term.backlog).toBe(0);
    await term.whenIdle();
    expect(texts(term.screen())).toEqual(['', '', '', '', '']);
    term.write('x'.repeat(100_000));
    const waiting = term.whenIdle();
    term.dispose();
    await waiting;
  });
});

describe('TerminalEmulator scrolling', () => {
  test('moves the view over the scrollback and back to the bottom', async () => {
    const term = new TerminalEmulator({cols: 20, rows: 3});
    term.write(Array.from({length: 10}, (_, i) => `row-${i + 1}`).join('\r\n'));
    await term.whenIdle();
    const visible = () =>
      term.screen().lines.map((line) =>
        line
          .map((span) => span.text)
          .join('')
          .trim(),
      );
    expect(visible()).toEqual(['row-8', 'row-9', 'row-10']);
    term.scroll({type: 'home'});
    expect(visible()).toEqual(['row-1', 'row-2', 'row-3']);
    term.scroll({type: 'lines', delta: 2});
    expect(visible()).toEqual(['row-3', 'row-4', 'row-5']);
    term.scroll({type: 'pages', delta: -1});
    expect(visible()).toEqual(['row-1', 'row-2', 'row-3']);
    term.scroll({type: 'end'});
    expect(visible()).toEqual(['row-8', 'row-9', 'row-10']);
    term.dispose();
  });
});
