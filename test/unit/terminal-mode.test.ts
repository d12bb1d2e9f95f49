import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {enterTerminalMode} from '../../source/ui/terminal-mode.js';

function fakeStdout(): {stream: NodeJS.WriteStream; written: () => string} {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return {stream: stream as unknown as NodeJS.WriteStream, written: () => text};
}

describe('enterTerminalMode', () => {
  it('full screen: alternate screen, mouse and bracketed paste on, then all off once, cursor shown', () => {
    const {stream, written} = fakeStdout();
    const mode = enterTerminalMode(stream, {fullscreen: true, mouse: true, bracketedPaste: true});
    expect(written()).toBe('\x1b[?1049h\x1b[?1000h\x1b[?1006h\x1b[?2004h');
    const exitListeners = process.listenerCount('exit');
    mode.restore();
    mode.restore();
    expect(written()).toBe('\x1b[?1049h\x1b[?1000h\x1b[?1006h\x1b[?2004h\x1b[?2004l\x1b[?1000l\x1b[?1006l\x1b[?1049l\x1b[?25h');
    expect(process.listenerCount('exit')).toBe(exitListeners - 1);
  });

  it('inline: neither the alternate screen nor the mouse (the terminal keeps its scrollback and wheel)', () => {
    const {stream, written} = fakeStdout();
    enterTerminalMode(stream, {fullscreen: false, mouse: true, bracketedPaste: true}).restore();
    expect(written()).toBe('\x1b[?2004h\x1b[?2004l\x1b[?25h');
  });
});
