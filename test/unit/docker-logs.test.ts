import {describe, expect, it} from 'vitest';
import {demuxDockerLog} from '../../source/docker/logs.js';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('demuxDockerLog', () => {
  it('joins stdout and stderr frames in the order written, dropping the headers', () => {
    const buffer = Buffer.concat([frame(1, 'starting\n'), frame(2, 'Error: EADDRINUSE 30000\n'), frame(1, 'bye\n')]);
    expect(demuxDockerLog(buffer)).toBe('starting\nError: EADDRINUSE 30000\nbye\n');
  });

  it('keeps multi-byte characters split across frames intact', () => {
    const bytes = Buffer.from('é', 'utf8');
    const first = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 1]), bytes.subarray(0, 1)]);
    const second = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 1]), bytes.subarray(1)]);
    expect(demuxDockerLog(Buffer.concat([first, second]))).toBe('é');
  });

  it('returns a TTY log (no frame headers) as it is', () => {
    expect(demuxDockerLog(Buffer.from('plain tty output\r\n'))).toBe('plain tty output\r\n');
  });

  it('keeps a torn header at the end as text rather than losing it', () => {
    const torn = Buffer.concat([frame(1, 'whole\n'), Buffer.from([2, 0, 0])]);
    expect(demuxDockerLog(torn)).toBe('whole\n\u0002\u0000\u0000');
  });

  it('keeps the bytes of a last frame cut short after its header', () => {
    const cut = Buffer.concat([frame(1, 'whole\n'), frame(2, 'partial line').subarray(0, 8 + 'partial'.length)]);
    expect(demuxDockerLog(cut)).toBe('whole\npartial');
  });

  it('is empty for an empty log', () => {
    expect(demuxDockerLog(Buffer.alloc(0))).toBe('');
  });
});
