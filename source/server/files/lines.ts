/** Line helpers for the read and write actions (0-based, end exclusive, -1 = to the end). */

/** Splits like Python's readlines(): every line keeps its newline, the last one may lack it. */
export function splitLinesKeepEnds(text: string): string[] {
  const lines: string[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('\n', from);
    if (at === -1) break;
    lines.push(text.slice(from, at + 1));
    from = at + 1;
  }
  if (from < text.length) lines.push(text.slice(from));
  return lines;
}

/** The lines [start, end) of a file, clamped to what exists; end -1 means to the last line. */
export function selectLines(lines: string[], start: number, end: number): string[] {
  const {first, last} = clampRange(lines.length, start, end);
  return lines.slice(first, last);
}

/** [start, end) limited to the `count` lines that exist, never backwards; end -1 means to the last line. */
function clampRange(count: number, start: number, end: number): {first: number; last: number} {
  const first = Math.min(Math.max(start, 0), count);
  const last = end === -1 ? count : Math.min(Math.max(end, first), count);
  return {first, last};
}

/**
 * The file after a write of `content` over lines [start, end). start 0 and end -1 replace the whole
 * file with exactly `content` (0.15 appended a newline to every line, doubling a trailing one).
 */
export function replaceLines(original: string, content: string, start: number, end: number): string {
  if (start <= 0 && end === -1) return content;
  const lines = splitLinesKeepEnds(original);
  const {first, last} = clampRange(lines.length, start, end);
  const after = lines.slice(last);
  const block = after.length > 0 && content !== '' && !content.endsWith('\n') ? `${content}\n` : content;
  const before = lines.slice(0, first);
  const lastBefore = before.at(-1);
  if (lastBefore !== undefined && !lastBefore.endsWith('\n') && block !== '') before[before.length - 1] = `${lastBefore}\n`;
  return before.join('') + block + after.join('');
}
