import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import {TerminalPane} from '../../source/ui/panes/TerminalPane.js';
import {TerminalEmulator} from '../../source/ui/terminal/terminal-emulator.js';
import {foregroundAt} from '../helpers/ansi-colour.js';

// Colours are asserted in the frames: make chalk (through Ink) emit them in this file's worker.
vi.hoisted(() => vi.stubEnv('FORCE_COLOR', '1'));
afterAll(() => vi.unstubAllEnvs());

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function mount(options: {width: number; height: number}) {
  const emulator = new TerminalEmulator({cols: 10, rows: 2});
  const instance = render(<TerminalPane emulator={emulator} width={options.width} height={options.height} refreshMs={10} />);
  cleanups.push(() => {
    instance.unmount();
    emulator.dispose();
  });
  const lines = () =>
    stripAnsi(instance.lastFrame() ?? '')
      .split('\n')
      .map((line) => line.trimEnd());
  const waitForLines = (expected: string[]) => vi.waitFor(() => expect(lines()).toEqual(expected), {timeout: 5_000});
  return {emulator, instance, lines, waitForLines};
}

describe('TerminalPane', () => {
  test('shows the output in its colours, at the pane size (the emulator follows the pane)', async () => {
    const {emulator, instance, waitForLines} = mount({width: 30, height: 3});
    await vi.waitFor(() => expect(emulator.screen()).toMatchObject({cols: 30, rows: 3}), {timeout: 5_000});
    emulator.write(
      '\u001b[31merror\u001b[0m and \u001b[38;5;208morange\u001b[0m\r\n\u001b[38;2;0;128;255mtruecolor\u001b[0m \u001b[1;4mstrong\u001b[0m',
    );
    await waitForLines(['error and orange', 'truecolor strong', '']);
    const raw = instance.lastFrame() ?? '';
    expect(foregroundAt(raw, 'error')).toBe('31');
    expect(foregroundAt(raw, 'orange')).toBe('38;5;208');
    // Truecolor reaches Ink as #0080ff; chalk renders it at the colour depth it detects.
    expect(emulator.screen().lines[1]?.[0]).toEqual({text: 'truecolor ', color: '#0080ff'});
    expect(foregroundAt(raw, 'truecolor')).toMatch(/^(38;2;0;128;255|38;5;\d+|9[0-7]|3[0-7])$/);
    expect(foregroundAt(raw, ' and ')).toBeUndefined();
    expect(emulator.screen().lines[1]?.at(-1)).toEqual({text: 'strong', bold: true, underline: true});
    expect(raw).toContain('\u001b[1m');
    expect(raw).toContain('\u001b[4m');
  });

  test('a \\r progress bar ends as its final state', async () => {
    const {emulator, waitForLines, lines} = mount({width: 30, height: 3});
    for (let percent = 0; percent <= 100; percent += 5)
      emulator.write(`\rDownloading [${'#'.repeat(percent / 10).padEnd(10, '.')}] ${percent}%`);
    emulator.write('\r\ndone');
    await waitForLines(['Downloading [##########] 100%', 'done', '']);
    expect(lines().join('\n')).not.toContain('95%');
  });

  test('escape sequences that would move or clear our screen stay inside the emulator', async () => {
    const {emulator, instance, waitForLines} = mount({width: 20, height: 3});
    emulator.write('before\r\n\u001b[2J\u001b[H\u001b]0;stolen title\u0007\u001b[?1049h\u001b[?25lafter\u001b[10;10H');
    await waitForLines(['after', '', '']);
    const raw = instance.lastFrame() ?? '';
    for (const sequence of ['\u001b[2J', '\u001b[H', '\u001b[?1049h', '\u001b[?25l', '\u001b[10;10H', '\u001b]0'])
      expect(raw).not.toContain(sequence);
  });

  test('resizing the pane resizes the emulator, and the frame keeps to the new size', async () => {
    const {emulator, instance, waitForLines} = mount({width: 20, height: 4});
    emulator.write('one\r\ntwo\r\nthree\r\nfour');
    await waitForLines(['one', 'two', 'three', 'four']);
    instance.rerender(<TerminalPane emulator={emulator} width={12} height={2} refreshMs={10} />);
    await waitForLines(['three', 'four']);
    expect(emulator.screen()).toMatchObject({cols: 12, rows: 2});
  });

  test('a 20 MB flood: the pane ends showing the last lines, with the skip noted in the emulator', async () => {
    const {emulator, waitForLines} = mount({width: 40, height: 4});
    await vi.waitFor(() => expect(emulator.screen()).toMatchObject({cols: 40, rows: 4}), {timeout: 5_000});
    const chunkLines = 1_000;
    const line = (n: number) => `out ${String(n).padStart(8, '0')} ${'-'.repeat(20)}`;
    const total = Math.ceil((20 * 1024 * 1024) / (chunkLines * (line(0).length + 2)));
    let largestBacklog = 0;
    // Written without yielding, faster than any parser: the emulator must skip, whatever the machine's speed.
    for (let chunk = 0; chunk < total; chunk++) {
      let text = '';
      for (let n = chunk * chunkLines; n < (chunk + 1) * chunkLines; n++) text += `${line(n)}\r\n`;
      emulator.write(text);
      largestBacklog = Math.max(largestBacklog, emulator.backlog);
    }
    const last = total * chunkLines - 1;
    await waitForLines([line(last - 2), line(last - 1), line(last), '']);
    expect(emulator.skipped).toBeGreaterThan(10 * 1024 * 1024);
    expect(largestBacklog).toBeLessThanOrEqual(1024 * 1024);
  });
});
