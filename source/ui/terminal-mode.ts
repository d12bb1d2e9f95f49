/** Escape sequences of the modes the session screen turns on, and their opposites. */
const ALT_SCREEN_ON = '\x1b[?1049h';
const ALT_SCREEN_OFF = '\x1b[?1049l';
// Wheel and clicks as SGR sequences (`ESC [ < b ; x ; y M`): ?1000 reports buttons, ?1006 the format.
const MOUSE_ON = '\x1b[?1000h\x1b[?1006h';
const MOUSE_OFF = '\x1b[?1000l\x1b[?1006l';
const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';
const SHOW_CURSOR = '\x1b[?25h';

export interface TerminalModeOptions {
  /** The alternate screen (full screen); off for `--inline`, which keeps the native scrollback. */
  fullscreen: boolean;
  /** Mouse wheel reports (full screen only: inline, the terminal's own scrollback wants the wheel). */
  mouse: boolean;
  bracketedPaste: boolean;
}

export interface TerminalMode {
  /** Puts the terminal back as it was; safe to call more than once, and from any exit path. */
  restore(): void;
}

/**
 * Switches the terminal into the session screen's modes before Ink draws. The command's shutdown
 * (quit, Ctrl+C twice, SIGTERM, SIGHUP) calls `restore` after Ink's last frame; a crash or a
 * process.exit anywhere restores it through the 'exit' event. These are the only bytes we write
 * around Ink, and only before its first frame and after its last.
 */
export function enterTerminalMode(stdout: NodeJS.WriteStream, options: TerminalModeOptions): TerminalMode {
  const on = `${options.fullscreen ? ALT_SCREEN_ON : ''}${options.mouse && options.fullscreen ? MOUSE_ON : ''}${options.bracketedPaste ? BRACKETED_PASTE_ON : ''}`;
  const off = `${options.bracketedPaste ? BRACKETED_PASTE_OFF : ''}${options.mouse && options.fullscreen ? MOUSE_OFF : ''}${options.fullscreen ? ALT_SCREEN_OFF : ''}${SHOW_CURSOR}`;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    try {
      stdout.write(off);
    } catch {
      // The terminal is gone (SIGHUP): nothing to restore.
    }
  };
  stdout.write(on);
  process.on('exit', restore);
  return {restore};
}

/** Between two sessions' screens in one alternate screen: the next frame starts on a blank screen at the top. */
export function clearForNextScreen(stdout: NodeJS.WriteStream): void {
  stdout.write('\x1b[2J\x1b[H');
}
