import type {ContainerApi} from './container-api.js';

/**
 * Text of a non-TTY log buffer. The engine frames each write with an 8-byte header (stream type
 * 0/1/2, three zero bytes, big-endian length); stdout and stderr stay in the order written. A
 * buffer that does not start with such a header (a TTY container) is returned as it is.
 */
export function demuxDockerLog(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    if (!isFrameHeader(buffer, offset)) {
      // Not framed (TTY), or a torn frame at the end: keep the rest as plain text.
      parts.push(buffer.subarray(offset));
      break;
    }
    const length = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(parts).toString('utf8');
}

function isFrameHeader(buffer: Buffer, offset: number): boolean {
  if (offset + 8 > buffer.length) return false;
  const type = buffer[offset]!;
  return type <= 2 && buffer[offset + 1] === 0 && buffer[offset + 2] === 0 && buffer[offset + 3] === 0;
}

/** The last `lines` lines a container wrote (stdout and stderr), for error messages. */
export async function containerLogTail(api: ContainerApi, id: string, lines = 50): Promise<string> {
  try {
    return demuxDockerLog(await api.logs(id, lines)).replace(/\s+$/, '');
  } catch (error) {
    return `(could not read the container's log: ${(error as Error).message})`;
  }
}
