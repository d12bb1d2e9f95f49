import type {Terminal} from '@xterm/headless';
import {formatBytes} from '../../image/build-progress.js';
import type {StyledLine} from '../styled-line.js';
import {ParseBudget} from './parse-budget.js';
import {screenLines} from './screen-lines.js';

export interface TerminalEmulatorOptions {
  cols: number;
  rows: number;
  /** Lines kept above the screen, so a taller pane shows them again. */
  scrollback?: number;
  /**
   * Unparsed output beyond which the oldest is dropped (two frames' budget unless given). Parsing
   * is bounded per frame, slower than a command can print: rather than fall behind, it skips to the newest.
   */
  maxBacklog?: number;
  /** How much of the newest output is kept when the backlog overflows (plenty to fill a screen). */
  keepOnSkip?: number;
  /** The most handed to the parser at once: the emulator yields to the event loop between pieces, so keys stay responsive. */
  chunkSize?: number;
  /**
   * The most parsed per frame (`frameMs`): a flood beyond it queues, then skips to its newest part,
   * instead of taking the main thread from keys and Ink's frames.
   */
  bytesPerFrame?: number;
  frameMs?: number;
}

export interface TerminalScreen {
  readonly lines: readonly StyledLine[];
  readonly cursor: {readonly x: number; readonly y: number};
  readonly cols: number;
  readonly rows: number;
  /** Output dropped unparsed so far (units of the written data: bytes or UTF-16 code units). */
  readonly skipped: number;
}

type Output = string | Uint8Array;

const NEWLINE = 0x0a;
/** How far past the cut a line start is looked for; a longer line is cut in the middle. */
const LINE_SEARCH = 4096;

type Xterm = typeof import('@xterm/headless');
let xtermLoading: Promise<Xterm> | undefined;

/**
 * xterm.js, loaded on first use and once: importing it and building a terminal take ~100 ms, which
 * must not come before the session screen's first frame (the emulator is made before it, empty) nor
 * compete with a resumed session's start.
 */
function loadXterm(): Promise<Xterm> {
  xtermLoading ??= import('@xterm/headless').then((module) => ('default' in module ? (module.default as Xterm) : module));
  return xtermLoading;
}

/**
 * A headless terminal (xterm.js) that a command's output is written into, read back as styled
 * rows. Writes queue here and go to the parser one piece at a time, the next after a turn of the
 * event loop and at most `bytesPerFrame` a frame; when the queue outgrows `maxBacklog` the oldest
 * part is dropped, the terminal reset and a "… output skipped" line written, so the screen shows
 * the latest output, a flood costs the main thread a bounded share, and memory stays flat.
 * xterm.js loads in the background at the first write: until it is there the screen is blank and
 * writes wait.
 */
export class TerminalEmulator {
  private terminal: Terminal | undefined;
  private size: {cols: number; rows: number};
  private loadError: string | undefined;
  private loading = false;
  private readonly scrollback: number;
  private readonly queue: Output[] = [];
  private queued = 0;
  private parsing = false;
  private resetAfterPiece = false;
  private skipToTail = 0;
  private skippedTotal = 0;
  private changes = 0;
  private idle: (() => void)[] = [];
  private cachedScreen: {version: number; screen: TerminalScreen} | undefined;
  private disposed = false;
  private readonly maxBacklog: number;
  private readonly keepOnSkip: number;
  private readonly chunkSize: number;
  private readonly budget: ParseBudget;
  private nextFrame: NodeJS.Timeout | undefined;

  constructor(options: TerminalEmulatorOptions) {
    this.size = {cols: Math.max(2, options.cols), rows: Math.max(1, options.rows)};
    this.scrollback = options.scrollback ?? 200;
    this.budget = new ParseBudget(options.bytesPerFrame ?? 128 * 1024, options.frameMs ?? 33);
    // Two frames' worth: more could not be parsed before the pane's next two reads anyway.
    this.maxBacklog = options.maxBacklog ?? 2 * this.budget.bytesPerFrame;
    this.keepOnSkip = Math.min(options.keepOnSkip ?? 64 * 1024, this.maxBacklog);
    this.chunkSize = options.chunkSize ?? 16 * 1024;
  }

  /** xterm.js is loaded at the first write: until then the screen is blank anyway, and a resumed session's start has the CPU. */
  private load(): void {
    if (this.loading) return;
    this.loading = true;
    loadXterm().then(
      (xterm) => this.attach(xterm),
      (error: unknown) => {
        this.loadError = error instanceof Error ? error.message : String(error);
        this.changes++;
        this.settleIdle();
      },
    );
  }

  private attach(xterm: Xterm): void {
    if (this.disposed) return;
    this.terminal = new xterm.Terminal({
      ...this.size,
      scrollback: this.scrollback,
      allowProposedApi: true,
      // The runtime's pty runs with -opost: its lines end in a bare \n, which a terminal shows as a
      // new line at the same column unless the line discipline (here: this option) adds the \r.
      convertEol: true,
    });
    this.changes++;
    this.pump();
  }

  private settleIdle(): void {
    for (const resolve of this.idle.splice(0)) resolve();
  }

  /** Bumped whenever what the screen shows may have changed (parsed output, a resize, a reset). */
  get version(): number {
    return this.changes;
  }

  /** Output written but not parsed yet. */
  get backlog(): number {
    return this.queued;
  }

  get skipped(): number {
    return this.skippedTotal;
  }

  write(data: Output): void {
    if (this.disposed || data.length === 0) return;
    this.queue.push(data);
    this.queued += data.length;
    if (this.queued > this.maxBacklog) this.dropOldest();
    this.load();
    this.pump();
  }

  resize(cols: number, rows: number): void {
    const width = Math.max(2, Math.floor(cols));
    const height = Math.max(1, Math.floor(rows));
    if (this.disposed || (width === this.size.cols && height === this.size.rows)) return;
    this.size = {cols: width, rows: height};
    this.terminal?.resize(width, height);
    this.changes++;
  }

  /**
   * Moves the view over the scrollback (kept lines above the screen): by lines or pages (negative is
   * up), or to the top or the bottom. As in a terminal, new output moves a view that is at the
   * bottom along and leaves one scrolled up where it is.
   */
  scroll(to: {type: 'lines' | 'pages'; delta: number} | {type: 'home' | 'end'}): void {
    const terminal = this.terminal;
    if (this.disposed || terminal === undefined) return;
    if (to.type === 'lines') terminal.scrollLines(to.delta);
    else if (to.type === 'pages') terminal.scrollPages(to.delta);
    else if (to.type === 'home') terminal.scrollToTop();
    else terminal.scrollToBottom();
    this.changes++;
  }

  /** A clean screen, and nothing of what was written before is parsed any more. */
  reset(): void {
    this.queue.length = 0;
    this.queued = 0;
    this.skipToTail = 0;
    // A piece the parser is in the middle of would land on the clean screen: reset after it.
    if (this.parsing) this.resetAfterPiece = true;
    else this.terminal?.reset();
    this.changes++;
  }

  /** The visible screen (built at most once per version). */
  screen(): TerminalScreen {
    if (this.cachedScreen?.version === this.changes) return this.cachedScreen.screen;
    const terminal = this.terminal;
    const screen: TerminalScreen =
      terminal === undefined
        ? {
            lines: Array.from({length: this.size.rows}, (_, row) =>
              row === 0 && this.loadError ? [{text: `The terminal emulator failed to load: ${this.loadError}`, color: 'red'}] : [],
            ),
            cursor: {x: 0, y: 0},
            ...this.size,
            skipped: this.skippedTotal,
          }
        : {
            lines: screenLines(terminal),
            cursor: {x: terminal.buffer.active.cursorX, y: terminal.buffer.active.cursorY},
            cols: terminal.cols,
            rows: terminal.rows,
            skipped: this.skippedTotal,
          };
    this.cachedScreen = {version: this.changes, screen};
    return screen;
  }

  /** Resolves once everything written so far is parsed. */
  whenIdle(): Promise<void> {
    if ((!this.parsing && this.queued === 0) || this.loadError !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.nextFrame);
    this.queue.length = 0;
    this.queued = 0;
    this.terminal?.dispose();
    this.settleIdle();
  }

  private pump(): void {
    const terminal = this.terminal;
    if (this.parsing || this.nextFrame !== undefined || this.disposed || terminal === undefined) return;
    if (this.queue.length === 0) {
      this.settleIdle();
      return;
    }
    const now = performance.now();
    const left = this.budget.left(now);
    if (left === 0) {
      this.nextFrame = setTimeout(() => {
        this.nextFrame = undefined;
        this.pump();
      }, this.budget.untilNextFrame(now));
      return;
    }
    const piece = this.takePiece(Math.min(this.chunkSize, left)) as Output;
    this.budget.spend(piece.length);
    if (this.skipToTail > 0) {
      // What was skipped may have left colours, modes or the cursor anywhere: start clean.
      terminal.reset();
      terminal.write(`\u001b[0;2m… ${formatBytes(this.skipToTail)} of output skipped\u001b[0m\r\n`);
      this.skipToTail = 0;
    }
    this.parsing = true;
    terminal.write(piece, () => {
      this.parsing = false;
      if (this.resetAfterPiece) {
        this.resetAfterPiece = false;
        terminal.reset();
      }
      this.changes++;
      // The next piece after a turn of the event loop (xterm.js would go on parsing for up to 12 ms
      // in this one), so a key waits for one piece at most.
      setImmediate(() => this.pump());
    });
  }

  private takePiece(most: number): Output | undefined {
    const first = this.queue[0];
    if (first === undefined) return undefined;
    if (first.length <= most) {
      this.queue.shift();
      this.queued -= first.length;
      return first;
    }
    const piece = part(first, 0, most);
    this.queue[0] = part(first, most);
    this.queued -= piece.length;
    return piece;
  }

  /** Keeps the newest `keepOnSkip` of the queue, starting at a line when one begins there. */
  private dropOldest(): void {
    let excess = this.queued - this.keepOnSkip;
    let dropped = 0;
    while (excess > 0) {
      const first = this.queue[0] as Output;
      if (first.length <= excess) {
        this.queue.shift();
        excess -= first.length;
        dropped += first.length;
        continue;
      }
      const cut = lineStart(first, excess);
      if (cut < first.length) this.queue[0] = part(first, cut);
      else this.queue.shift();
      dropped += cut;
      excess = 0;
    }
    this.queued -= dropped;
    this.skipToTail += dropped;
    this.skippedTotal += dropped;
  }
}

/** Where to cut `data` at or after `from`: past a line feed close by, else at a character boundary. */
function lineStart(data: Output, from: number): number {
  const newline = typeof data === 'string' ? data.indexOf('\n', from) : data.indexOf(NEWLINE, from);
  if (newline !== -1 && newline - from < LINE_SEARCH) return newline + 1;
  let cut = from;
  if (typeof data === 'string') {
    // Not between the two halves of a surrogate pair.
    const code = data.charCodeAt(cut);
    return code >= 0xdc00 && code <= 0xdfff ? cut + 1 : cut;
  }
  // A UTF-8 continuation byte (10xxxxxx) is the middle of a character.
  while (cut < data.length && ((data[cut] as number) & 0xc0) === 0x80) cut++;
  return cut;
}

/** A part of the output without copying bytes (Uint8Array's own slice copies). */
function part(data: Output, start: number, end?: number): Output {
  return typeof data === 'string' ? data.slice(start, end) : data.subarray(start, end);
}
