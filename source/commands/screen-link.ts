import type {LiveSessionOptions, RuntimeView} from '../runtime/live-session.js';

/** What the session screen does with its runtime's reports (LiveSessionOptions' callbacks). */
export type RuntimeScreen = Pick<LiveSessionOptions, 'build' | 'onChange' | 'onOutput' | 'onRunning' | 'onNote'>;

/** The screen as a stored session reports to it: its runtime's reports and the store's full disk. */
export type SessionScreenTarget = RuntimeScreen & {setRecordingStopped: (reason: string) => void};

/**
 * A session's reports before its screen exists: a session's runtime starts while the screen's
 * code loads. Its view the screen reads when it attaches; notes and a stop of recording (a full
 * disk) wait for the screen; a build (the image is missing) waits for the screen's build view. No
 * command runs before the screen (the user types them there), so there is no output or running
 * state to keep.
 */
export class ScreenLink {
  #screen: SessionScreenTarget | undefined;
  #notes: string[] = [];
  #recordingStopped: string | undefined;
  readonly #attached: Promise<SessionScreenTarget>;
  #resolveAttached: (screen: SessionScreenTarget) => void = () => {};

  constructor() {
    this.#attached = new Promise((resolve) => {
      this.#resolveAttached = resolve;
    });
  }

  /** The callbacks to give the runtime, forwarding to the screen once it is attached. */
  readonly callbacks: RuntimeScreen = {
    build: async (plan, request) => {
      // A session closed before its screen showed cancels the build it was waiting to show.
      const screen = await abortable(this.#attached, request.signal);
      return screen.build(plan, request);
    },
    onChange: (view: RuntimeView) => this.#screen?.onChange(view),
    onOutput: (text: string) => this.#screen?.onOutput(text),
    onRunning: (running: boolean) => this.#screen?.onRunning(running),
    onNote: (text: string) => this.onNote(text),
  };

  onNote(text: string): void {
    if (this.#screen) this.#screen.onNote(text);
    else this.#notes.push(text);
  }

  recordingStopped(reason: string): void {
    this.#recordingStopped = reason;
    this.#screen?.setRecordingStopped(reason);
  }

  attach(screen: SessionScreenTarget): void {
    this.#screen = screen;
    if (this.#recordingStopped !== undefined) screen.setRecordingStopped(this.#recordingStopped);
    for (const text of this.#notes.splice(0)) screen.onNote(text);
    this.#resolveAttached(screen);
  }

  /** Notes that never reached a screen (the session was discarded before it showed). */
  unshownNotes(): readonly string[] {
    return this.#notes;
  }
}

/** `promise`, or a rejection with the signal's reason once it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
