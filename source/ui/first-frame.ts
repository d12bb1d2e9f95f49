/**
 * The session screen's first frame, drawn before Ink and the screen's code load (~250 ms of
 * importing and a first layout): the header with the sid and "starting", and the composer's prompt
 * at the bottom, in the alternate screen, as plain escape sequences. Ink's own first frame replaces
 * it: `handOver` wipes it inside a synchronized update that Ink's frame ends, so the terminal shows
 * the one after the other with no blank between. Nothing is written once Ink draws.
 */
export interface FirstFrame {
  /** Just before Ink's first frame: a clean screen, shown together with that frame. */
  handOver(): void;
  /** The screen never came (the session could not be opened): back to the normal screen. */
  restore(): void;
}

const ALT_SCREEN_ON = '\x1b[?1049h';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const BEGIN_SYNCHRONIZED = '\x1b[?2026h';

/** The frame's bytes (a pure function, for the tests): header on the first row, prompt on the second last. */
export function firstFrameText(options: {sid: string; rows: number; color: boolean}): string {
  const paint = (code: string, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const header = `${paint('90', 'session ')}${paint('1;36', options.sid)}  ${paint('1;36', '◌ starting')}`;
  const promptRow = Math.max(2, options.rows - 2);
  return `${ALT_SCREEN_ON}${HIDE_CURSOR}\x1b[H\x1b[2J${header}\x1b[${promptRow};1H${paint('36', '❯ ')}`;
}

export function drawFirstFrame(stdout: NodeJS.WriteStream, options: {sid: string; color: boolean}): FirstFrame {
  let state: 'shown' | 'handed-over' | 'restored' = 'shown';
  const write = (text: string) => {
    try {
      stdout.write(text);
    } catch {
      // The terminal is gone: the screen's own restore reports nothing either.
    }
  };
  const restore = () => {
    if (state !== 'shown') return;
    state = 'restored';
    process.off('exit', restore);
    write(`${ALT_SCREEN_OFF}${SHOW_CURSOR}`);
  };
  write(firstFrameText({sid: options.sid, rows: stdout.rows || 24, color: options.color}));
  // A crash before the screen takes over still leaves the alternate screen.
  process.on('exit', restore);
  return {
    handOver() {
      if (state !== 'shown') return;
      state = 'handed-over';
      process.off('exit', restore);
      write(`${BEGIN_SYNCHRONIZED}\x1b[H\x1b[2J`);
    },
    restore,
  };
}
