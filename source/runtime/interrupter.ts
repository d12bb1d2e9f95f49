/**
 * The Ctrl+C presses for one running command. Unlike an AbortSignal, which fires once, every press
 * is heard: a program that shrugs off the first SIGINT gets another on the next press.
 */
export class Interrupter {
  readonly #listeners = new Set<() => void>();
  #presses = 0;

  /** How often it was pressed so far. */
  get presses(): number {
    return this.#presses;
  }

  press(): void {
    this.#presses++;
    for (const listener of [...this.#listeners]) listener();
  }

  /** Calls `listener` on each later press; returns the unsubscribe. */
  listen(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Presses on each abort of `signal` (at once when it is already aborted); returns the unsubscribe. */
  follow(signal: AbortSignal): () => void {
    const press = () => this.press();
    if (signal.aborted) {
      press();
      return () => {};
    }
    signal.addEventListener('abort', press, {once: true});
    return () => signal.removeEventListener('abort', press);
  }
}
