import stripAnsi from 'strip-ansi';

const TAB_STOP = 8;
// Anything a terminal would act on rather than print: C0 controls but the line feed, DEL, C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const LEFTOVER_CONTROLS = /[\u0000-\u0007\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text as lines fit to draw: escape sequences removed (we style text ourselves, and a program's
 * escapes must never reach our screen), a `\r` overwrites the line from its start as a terminal
 * would (so a progress bar ends as its last state), backspace erases, tabs become spaces.
 */
export function displayLines(text: string): string[] {
  const lines = text.split('\n');
  if (!CONTROL.test(text)) return lines;
  return lines.map(cleanLine);
}

function cleanLine(raw: string): string {
  if (!CONTROL.test(raw)) return raw;
  let line = stripAnsi(raw);
  if (line.endsWith('\r')) line = line.replace(/\r+$/, '');
  if (line.includes('\r')) line = overwrite(line.split('\r'));
  if (line.includes('\b')) line = backspace(line);
  if (line.includes('\t')) line = expandTabs(line);
  return line.replace(LEFTOVER_CONTROLS, '');
}

function overwrite(segments: string[]): string {
  let shown = '';
  for (const segment of segments) shown = segment + shown.slice(segment.length);
  return shown;
}

function backspace(line: string): string {
  const kept: string[] = [];
  for (const char of line) {
    if (char === '\b') kept.pop();
    else kept.push(char);
  }
  return kept.join('');
}

function expandTabs(line: string): string {
  let expanded = '';
  for (const char of line) expanded += char === '\t' ? ' '.repeat(TAB_STOP - (expanded.length % TAB_STOP)) : char;
  return expanded;
}
