/**
 * Terminal paste mode: with it on, a paste arrives wrapped in markers (see paste-assembler.ts),
 * so a multi-line paste is inserted whole instead of being sent line by line. Turned on when the
 * session screen starts and off when it ends (also on a crash), as the alternate screen is.
 */
export const BRACKETED_PASTE_ON = '\u001b[?2004h';
export const BRACKETED_PASTE_OFF = '\u001b[?2004l';

/** Turns paste mode on when `stream` is a terminal; the returned function turns it off (once). */
export function enableBracketedPaste(stream: NodeJS.WritableStream & {isTTY?: boolean}): () => void {
  if (!stream.isTTY) return () => {};
  stream.write(BRACKETED_PASTE_ON);
  let on = true;
  return () => {
    if (!on) return;
    on = false;
    stream.write(BRACKETED_PASTE_OFF);
  };
}
