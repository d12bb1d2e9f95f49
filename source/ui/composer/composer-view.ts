import {charWidth} from '../text/char-width.js';
import type {TextBuffer} from './text-buffer.js';

/** One screen row of the composer: a slice of a line that fits the width. */
export interface VisualRow {
  text: string;
  /** Where the cursor sits in `text` (UTF-16 index, may equal its length); absent on other rows. */
  cursor?: number;
  /** The index of the line this row is part of. */
  line: number;
  /** The row starts its line; the other rows of a wrapped line continue it. */
  startsLine: boolean;
}

export interface ComposerView {
  rows: VisualRow[];
  /** Lines wholly or partly out of view above and below the rows. */
  hiddenAbove: number;
  hiddenBelow: number;
}

interface Segment {
  start: number;
  end: number;
  width: number;
}

/** Cuts a line into segments of at most `width` columns (a wide character never straddles two). */
export function wrapLine(text: string, width: number): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let used = 0;
  for (let at = 0; at < text.length; ) {
    const code = text.codePointAt(at)!;
    const size = code > 0xffff ? 2 : 1;
    const columns = charWidth(code);
    if (used + columns > width && used > 0) {
      segments.push({start, end: at, width: used});
      start = at;
      used = 0;
    }
    used += columns;
    at += size;
  }
  segments.push({start, end: text.length, width: used});
  return segments;
}

/** The segment the cursor is in; a cursor after a full last row gets a row of its own. */
function cursorSegments(text: string, col: number, width: number): {segments: Segment[]; index: number} {
  const segments = wrapLine(text, width);
  const last = segments.at(-1)!;
  if (col === text.length && last.width >= width) segments.push({start: text.length, end: text.length, width: 0});
  const index = segments.findIndex((segment, i) => col >= segment.start && (col < segment.end || i === segments.length - 1));
  return {segments, index};
}

const rowsOf = (text: string, line: number, segments: Segment[]): VisualRow[] =>
  segments.map((segment) => ({text: text.slice(segment.start, segment.end), line, startsLine: segment.start === 0}));

/**
 * The rows to draw for `buffer` in `width` columns, at most `maxRows`, always including the
 * cursor's row: the cursor's line, then lines above it, then lines below while there is room.
 * Only the lines that are drawn are wrapped, so a 100 KB paste costs one pass over the visible part.
 */
export function composerView(buffer: TextBuffer, options: {width: number; maxRows: number}): ComposerView {
  const width = Math.max(1, options.width);
  const maxRows = Math.max(1, options.maxRows);
  const cursorLine = buffer.lines[buffer.row] ?? '';
  const {segments, index} = cursorSegments(cursorLine, buffer.col, width);
  const first = Math.max(0, Math.min(index - maxRows + 1, segments.length - maxRows));
  const shown = segments.slice(first, first + maxRows);
  const rows = rowsOf(cursorLine, buffer.row, shown);
  rows[index - first] = {...rows[index - first]!, cursor: buffer.col - segments[index]!.start};
  let hiddenAbove = first > 0 ? 1 : 0;
  let hiddenBelow = first + maxRows < segments.length ? 1 : 0;

  let above = buffer.row - 1;
  while (above >= 0 && rows.length < maxRows && hiddenAbove === 0) {
    const text = buffer.lines[above]!;
    const lineRows = rowsOf(text, above, wrapLine(text, width));
    const room = maxRows - rows.length;
    if (lineRows.length > room) hiddenAbove = 1;
    rows.unshift(...lineRows.slice(-room));
    above--;
  }
  hiddenAbove += above + 1;

  let below = buffer.row + 1;
  while (below < buffer.lines.length && rows.length < maxRows && hiddenBelow === 0) {
    const text = buffer.lines[below]!;
    const lineRows = rowsOf(text, below, wrapLine(text, width));
    const room = maxRows - rows.length;
    if (lineRows.length > room) hiddenBelow = 1;
    rows.push(...lineRows.slice(0, room));
    below++;
  }
  hiddenBelow += buffer.lines.length - below;
  return {rows, hiddenAbove, hiddenBelow};
}
