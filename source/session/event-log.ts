import fs from 'node:fs';

/** What a session's events.jsonl held when it was opened. */
export interface LoadedEventLog {
  /** Every complete line, parsed, in file order. */
  events: Record<string, unknown>[];
  /** Torn or unreadable lines that were dropped, each naming the file and line. */
  warnings: string[];
}

/**
 * Reads an append-only JSONL log. A last line without its newline is what a crash mid-append
 * leaves: it is dropped with a warning and cut from the file, so the next append starts a clean
 * line (unless `repair` is false: a reader that does not hold the lock). Every complete line is
 * kept; one that is not a JSON object is skipped and named.
 */
export function loadEventLog(file: string, options: {repair?: boolean} = {}): LoadedEventLog {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {events: [], warnings: []};
    throw error;
  }
  const warnings: string[] = [];
  // In bytes, not decoded text: a torn line may end inside a UTF-8 character.
  const end = data.lastIndexOf(0x0a) + 1;
  if (end < data.length) {
    const lineNumber = countLines(data, end) + 1;
    warnings.push(`${file}:${lineNumber}: dropped a torn last line (${data.length - end} bytes), left by a client that stopped mid-write`);
    if (options.repair !== false) fs.truncateSync(file, end);
  }
  const text = data.subarray(0, end).toString('utf8');
  const events: Record<string, unknown>[] = [];
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    if (line === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        events.push(value as Record<string, unknown>);
        continue;
      }
    } catch {
      // reported below
    }
    warnings.push(`${file}:${lineNumber}: skipped a line that is not an event object`);
  }
  return {events, warnings};
}

function countLines(data: Buffer, end: number): number {
  let count = 0;
  for (let i = data.indexOf(0x0a); i !== -1 && i < end; i = data.indexOf(0x0a, i + 1)) count++;
  return count;
}

/** Errors that mean "the disk will not take more": recording stops, the session goes on. */
const fullDiskCodes = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO', 'EROFS']);

/**
 * Appends one JSON line per event, synchronously: an event is on disk (in the page cache, which
 * survives kill -9 of the client) before anyone is told about it. When the disk refuses, recording
 * stops with one warning through `onStopped` and later appends are ignored.
 */
export class EventLogWriter {
  #fd: number | undefined;
  #stopped: string | undefined;

  constructor(
    readonly file: string,
    private readonly onStopped: (reason: string) => void,
  ) {
    this.#fd = fs.openSync(file, 'a');
  }

  /** Why recording stopped, or undefined while it goes on. */
  get stoppedReason(): string | undefined {
    return this.#stopped;
  }

  append(event: object): void {
    if (this.#fd === undefined) return;
    const bytes = Buffer.from(`${JSON.stringify(event)}\n`);
    try {
      // A short write (a disk filling up) leaves a torn line, which the next load drops.
      for (let written = 0; written < bytes.length; ) written += fs.writeSync(this.#fd, bytes, written);
    } catch (error) {
      // Whatever the error, a write may have left a torn line: appending after it would glue the
      // next event onto it, so recording stops either way.
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      const why = fullDiskCodes.has(code) ? 'the disk refused the event log' : `writing the event log failed (${(error as Error).message})`;
      this.#stop(`${this.file}: ${code}: ${why}; new events are no longer recorded`);
    }
  }

  close(): void {
    if (this.#fd === undefined) return;
    fs.closeSync(this.#fd);
    this.#fd = undefined;
  }

  #stop(reason: string): void {
    this.close();
    this.#stopped = reason;
    this.onStopped(reason);
  }
}
