import * as buffers from 'node:buffer';

export interface OutputSegments {
  head: string;
  omitted: number;
  tail: string;
}

/** A character (UTF-16 code unit) of text is at most 3 bytes of UTF-8; a 4-byte character is 2 units. */
const MAX_BYTES_PER_UNIT = 3;
/** Room for one character cut in two at either end of what is kept. */
const SPLIT_CHARACTER_BYTES = 4;
const EMPTY = Buffer.alloc(0);
// Node >= 18.15 / 19.6 checks ASCII natively (SIMD); the server also runs on older 18s.
const isAscii: ((bytes: Uint8Array) => boolean) | undefined = (buffers as {isAscii?: (bytes: Uint8Array) => boolean}).isAscii;

/**
 * Collects a command's output bytes while holding only what the observation can show: the first
 * `headLimit` characters, a rolling window of the last `tailLimit`, and a count of the characters
 * that fell between (plus one chunk). A command may print gigabytes: its bytes are never decoded,
 * only counted; head and tail are decoded when taken. Limits are in characters (UTF-16 code units,
 * as JavaScript counts them), so enough bytes are kept for the worst case of 3 bytes a character.
 */
export class BoundedOutput {
  private readonly headBytesLimit: number;
  private readonly tailBytesLimit: number;
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private droppedBytes = 0;
  private droppedUnits = 0;
  private ended = false;

  constructor(
    private readonly headLimit: number,
    private readonly tailLimit: number,
  ) {
    this.headBytesLimit = headLimit * MAX_BYTES_PER_UNIT + SPLIT_CHARACTER_BYTES;
    this.tailBytesLimit = tailLimit * MAX_BYTES_PER_UNIT + SPLIT_CHARACTER_BYTES;
  }

  /** Adds bytes; the buffer is kept as it is (a view), not copied. */
  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.ended = false;
    if (this.tailBytes === 0 && this.headBytes < this.headBytesLimit) {
      const room = this.headBytesLimit - this.headBytes;
      const part = bytes.length <= room ? bytes : bytes.subarray(0, room);
      this.head.push(part);
      this.headBytes += part.length;
      if (part.length === bytes.length) return;
      bytes = bytes.subarray(room);
    }
    this.tail.push(bytes);
    this.tailBytes += bytes.length;
    this.trimTail();
  }

  /** The stream ended (the shell exited): a character cut off at the end is shown as U+FFFD, not kept for more. */
  end(): void {
    this.ended = true;
  }

  get isEmpty(): boolean {
    return this.headBytes === 0 && this.tailBytes === 0;
  }

  /**
   * Returns what was collected, decoded, and starts over. The bytes of a character not yet complete
   * (the command is still printing it) stay for the next take.
   */
  take(): OutputSegments {
    let segments: OutputSegments;
    let pending: Buffer;
    if (this.droppedBytes === 0) {
      const bytes = Buffer.concat([...this.head, ...this.tail]);
      pending = this.ended ? EMPTY : bytes.subarray(bytes.length - incompleteEndLength(bytes));
      const text = bytes.toString('utf8', 0, bytes.length - pending.length);
      const head = text.slice(0, this.headLimit);
      const rest = text.slice(head.length);
      const tail = tailOf(rest, this.tailLimit);
      segments = {head, omitted: rest.length - tail.length, tail};
    } else {
      const headBytes = Buffer.concat(this.head);
      // A character cut at the head's end is counted with the middle (its lead byte is here).
      const cutCharacter = headBytes.subarray(headBytes.length - incompleteEndLength(headBytes));
      const headText = headBytes.toString('utf8', 0, headBytes.length - cutCharacter.length);
      const tailBytes = Buffer.concat(this.tail);
      pending = this.ended ? EMPTY : tailBytes.subarray(tailBytes.length - incompleteEndLength(tailBytes));
      const tailText = tailBytes.toString('utf8', continuationBytesAtStart(tailBytes), tailBytes.length - pending.length);
      const head = headText.slice(0, this.headLimit);
      const tail = tailOf(tailText, this.tailLimit);
      const omitted = headText.length - head.length + unitsIn(cutCharacter) + this.droppedUnits + tailText.length - tail.length;
      segments = {head, omitted, tail};
    }
    this.head = [];
    this.headBytes = 0;
    this.tail = [];
    this.tailBytes = 0;
    this.droppedBytes = 0;
    this.droppedUnits = 0;
    this.ended = false;
    // A copy: the view would keep the whole chunk alive.
    if (pending.length > 0) this.append(Buffer.from(pending));
    return segments;
  }

  private trimTail(): void {
    let first = this.tail[0];
    while (first !== undefined && this.tailBytes - first.length >= this.tailBytesLimit) {
      this.tail.shift();
      this.tailBytes -= first.length;
      this.droppedBytes += first.length;
      this.droppedUnits += unitsIn(first);
      first = this.tail[0];
    }
  }
}

/** UTF-16 code units the UTF-8 `bytes` decode to: one per lead byte, two for a 4-byte character. */
export function unitsIn(bytes: Uint8Array): number {
  if (isAscii?.(bytes)) return bytes.length;
  let units = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** Bytes at the start that continue a character begun before them (at most 3). */
function continuationBytesAtStart(bytes: Uint8Array): number {
  let count = 0;
  while (count < 3 && count < bytes.length && ((bytes[count] as number) & 0xc0) === 0x80) count++;
  return count;
}

/** Length of a character begun but not finished at the end of `bytes` (0 to 3 bytes). */
export function incompleteEndLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

export function elisionMarker(omitted: number): string {
  return `\n[... ${omitted} characters elided ...]\n`;
}

/**
 * Joins segments into text of at most `maxChars` characters plus one elision marker: the head and
 * the tail are kept, the middle is replaced by a marker that says how much was left out.
 */
export function capSegments(segments: OutputSegments, maxChars: number): string {
  const headRoom = Math.floor(maxChars / 2);
  const tailRoom = maxChars - headRoom;
  if (segments.omitted === 0) {
    const whole = segments.head + segments.tail;
    if (whole.length <= maxChars) return whole;
    return cut(whole.slice(0, headRoom), whole.length - headRoom - tailRoom, tailOf(whole, tailRoom));
  }
  const head = segments.head.slice(0, headRoom);
  const tail = tailOf(segments.tail, tailRoom);
  const omitted = segments.omitted + (segments.head.length - head.length) + (segments.tail.length - tail.length);
  return cut(head, omitted, tail);
}

function cut(head: string, omitted: number, tail: string): string {
  return head + elisionMarker(omitted) + tail;
}

function tailOf(text: string, length: number): string {
  return length <= 0 ? '' : text.slice(Math.max(0, text.length - length));
}
