import {capSegments, type OutputSegments} from '../shell/bounded-output.js';

/**
 * The `content` of a run observation, laid out like 0.15: the echoed command (for agent actions),
 * the output, the notes (`\n\n[SIGINT was sent ...]`), trailing line breaks removed, and the
 * whole capped at `maxChars` with the middle elided. Lines end in `\n`: our pty does no output
 * processing (stty -opost), where 0.15's pexpect pty turned every `\n` into `\r\n`.
 */
export function commandContent(options: {echo: string | undefined; output: OutputSegments; notes: string[]; maxChars: number}): string {
  const {echo, output, notes, maxChars} = options;
  const notesText = notes.length > 0 ? `\n\n${notes.join('\n')}` : '';
  let head = (echo === undefined ? '' : `${echo}\n`) + output.head;
  let tail = output.tail + notesText;
  tail = trimLineBreaks(tail);
  if (tail === '' && output.omitted === 0) head = trimLineBreaks(head);
  return capSegments({head, omitted: output.omitted, tail}, maxChars);
}

function trimLineBreaks(text: string): string {
  return text.replace(/[\r\n]+$/, '');
}
