/**
 * Text rules of the str_replace editor (the OpenHands str_replace_editor tool): `cat -n` style
 * numbering, counting occurrences with their line numbers, inserting after a line.
 */

/** Lines as the editor counts them: a trailing newline does not start another line. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

export function numberLines(text: string, firstLine: number): string {
  return text
    .split('\n')
    .map((line, index) => `${String(index + firstLine).padStart(6)}\t${line}`)
    .join('\n');
}

export function catN(text: string, description: string, firstLine = 1): string {
  return `Here's the result of running \`cat -n\` on ${description}:\n${numberLines(text, firstLine)}\n`;
}

/** 1-based line numbers where each non-overlapping occurrence of `needle` starts. */
export function occurrenceLines(content: string, needle: string): number[] {
  const lines: number[] = [];
  if (needle === '') return lines;
  let line = 1;
  let scannedTo = 0;
  for (let at = content.indexOf(needle); at !== -1; at = content.indexOf(needle, at + needle.length)) {
    line += countNewlines(content, scannedTo, at);
    scannedTo = at;
    lines.push(line);
  }
  return lines;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Inserts `text` as whole lines after line `afterLine` (0 = at the top). */
export function insertAfterLine(content: string, afterLine: number, text: string): string {
  const lines = content === '' ? [] : content.split('\n');
  const trailingNewline = content.endsWith('\n');
  if (trailingNewline) lines.pop();
  const inserted = text.split('\n');
  const result = [...lines.slice(0, afterLine), ...inserted, ...lines.slice(afterLine)];
  return result.join('\n') + (trailingNewline || afterLine >= lines.length ? '\n' : '');
}

/** Lines [first, last] (1-based, inclusive) of `content`, without the final newline. */
export function lineRange(content: string, first: number, last: number): string {
  const lines = content.split('\n');
  if (content.endsWith('\n')) lines.pop();
  return lines.slice(first - 1, last).join('\n');
}
