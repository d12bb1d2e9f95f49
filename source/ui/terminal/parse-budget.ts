/**
 * How much output the terminal emulator may parse per frame. Parsing (xterm.js, ~30 MB/s on one
 * core) shares the main thread with keys and Ink's frames; the pane reads the screen only ~30 times
 * a second, so parsing faster than a screenful per frame buys nothing a user sees. Output beyond
 * the budget waits for the next frame, and a backlog that keeps growing is skipped to its newest part.
 */
export class ParseBudget {
  private frameStart = Number.NEGATIVE_INFINITY;
  private spent = 0;

  constructor(
    /** Bytes (or UTF-16 code units) that may be parsed per frame. */
    readonly bytesPerFrame: number,
    readonly frameMs: number,
  ) {}

  /** What may still be parsed in the frame `now` falls in (a new frame starts when the last one is over). */
  left(now: number): number {
    // (A clock that went back, as a test's fake one may, starts a frame too.)
    if (now - this.frameStart >= this.frameMs || now < this.frameStart) {
      this.frameStart = now;
      this.spent = 0;
    }
    return Math.max(0, this.bytesPerFrame - this.spent);
  }

  spend(amount: number): void {
    this.spent += amount;
  }

  /** Milliseconds until the next frame's budget, from `now`. */
  untilNextFrame(now: number): number {
    return Math.max(0, this.frameStart + this.frameMs - now);
  }
}
