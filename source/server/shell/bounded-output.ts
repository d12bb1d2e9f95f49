export interface OutputSegments {
  head: string;
  omitted: number;
  tail: string;
}

/**
 * Collects a command's output while holding at most `headLimit + tailLimit` characters (plus one
 * chunk): the first characters, a rolling window of the last ones, and a count of what fell between.
 * A command may print gigabytes; the observation only ever shows head and tail.
 */
export class BoundedOutput {
  private head = '';
  private tailChunks: string[] = [];
  private tailLength = 0;
  private dropped = 0;

  constructor(
    private readonly headLimit: number,
    private readonly tailLimit: number,
  ) {}

  append(text: string): void {
    if (text === '') return;
    if (this.head.length < this.headLimit && this.tailLength === 0) {
      const room = this.headLimit - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
      if (text === '') return;
    }
    this.tailChunks.push(text);
    this.tailLength += text.length;
    this.trimTail();
  }

  get isEmpty(): boolean {
    return this.head === '' && this.tailLength === 0;
  }

  /** Returns what was collected and starts over. */
  take(): OutputSegments {
    let tail = this.tailChunks.join('');
    let omitted = this.dropped;
    if (tail.length > this.tailLimit) {
      omitted += tail.length - this.tailLimit;
      tail = tail.slice(tail.length - this.tailLimit);
    }
    const segments = {head: this.head, omitted, tail};
    this.head = '';
    this.tailChunks = [];
    this.tailLength = 0;
    this.dropped = 0;
    return segments;
  }

  private trimTail(): void {
    let first = this.tailChunks[0];
    while (first !== undefined && this.tailLength - first.length >= this.tailLimit) {
      this.tailChunks.shift();
      this.tailLength -= first.length;
      this.dropped += first.length;
      first = this.tailChunks[0];
    }
  }
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
