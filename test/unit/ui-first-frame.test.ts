import {Writable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {drawFirstFrame, firstFrameText} from '../../source/ui/first-frame.js';

function terminal(rows: number) {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  return {stdout: Object.assign(stream, {rows, columns: 80, isTTY: true}) as unknown as NodeJS.WriteStream, written};
}

describe('the first frame drawn before the session screen loads', () => {
  it('shows the sid and "starting" on the first row and the prompt on the composer row, in the alternate screen', () => {
    const text = firstFrameText({sid: 'abc123', rows: 30, color: false});
    expect(text.startsWith('\x1b[?1049h')).toBe(true);
    expect(text).toContain('session abc123  ◌ starting');
    expect(text.endsWith('\x1b[28;1H❯ ')).toBe(true);
    expect(firstFrameText({sid: 'abc123', rows: 30, color: true})).toContain('\x1b[1;36mabc123\x1b[0m');
  });

  it('hands over once, inside a synchronized update; or restores the normal screen once, never both', () => {
    const listeners = process.listenerCount('exit');
    const handed = terminal(24);
    const first = drawFirstFrame(handed.stdout, {sid: 's1', color: false});
    // Until then a crash (process exit) still leaves the alternate screen.
    expect(process.listenerCount('exit')).toBe(listeners + 1);
    first.handOver();
    expect(process.listenerCount('exit')).toBe(listeners);
    first.handOver();
    first.restore();
    expect(handed.written.slice(1)).toEqual(['\x1b[?2026h\x1b[H\x1b[2J']);

    const refused = terminal(24);
    const second = drawFirstFrame(refused.stdout, {sid: 's2', color: false});
    second.restore();
    second.restore();
    second.handOver();
    expect(refused.written.slice(1)).toEqual(['\x1b[?1049l\x1b[?25h']);
    expect(process.listenerCount('exit')).toBe(listeners);
  });
});
