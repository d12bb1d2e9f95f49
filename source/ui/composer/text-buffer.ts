import type {ComposerFacts} from '../keys/key-context.js';

/**
 * The composer's text and cursor, edited by pure functions. `col` indexes into the line's UTF-16
 * code units and always sits on a character boundary (never inside a surrogate pair or before a
 * combining mark). `goalCol` remembers the column Up/Down aim for across shorter lines.
 */
export interface TextBuffer {
  readonly lines: readonly string[];
  readonly row: number;
  readonly col: number;
  readonly goalCol?: number;
}

export const emptyBuffer: TextBuffer = {lines: [''], row: 0, col: 0};

/** Line breaks as \n; other control characters (Escape, a stray Backspace byte) are not text. */
export function cleanText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

export function bufferText(buffer: TextBuffer): string {
  return buffer.lines.join('\n');
}

export function isEmpty(buffer: TextBuffer): boolean {
  return buffer.lines.length === 1 && buffer.lines[0] === '';
}

/** A buffer holding `text` with the cursor at its end. */
export function bufferFromText(text: string): TextBuffer {
  const lines = cleanText(text).split('\n');
  return {lines, row: lines.length - 1, col: lines.at(-1)!.length};
}

const line = (buffer: TextBuffer, row = buffer.row): string => buffer.lines[row] ?? '';

const COMBINING = /\p{M}/u;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isCombiningAt = (text: string, at: number): boolean => COMBINING.test(String.fromCodePoint(text.codePointAt(at)!));

/** The boundary before `col`: one character back, over a surrogate pair and any combining marks. */
export function previousBoundary(text: string, col: number): number {
  let at = col;
  while (at > 0) {
    at -= at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) ? 2 : 1;
    if (!isCombiningAt(text, at)) break;
  }
  return at;
}

/** The boundary after `col`: one character on, with its combining marks. */
export function nextBoundary(text: string, col: number): number {
  if (col >= text.length) return text.length;
  let at = col + (text.codePointAt(col)! > 0xffff ? 2 : 1);
  while (at < text.length && isCombiningAt(text, at)) at += text.codePointAt(at)! > 0xffff ? 2 : 1;
  return at;
}

/** The nearest boundary at or before `col` (a column carried over from another line). */
function snap(text: string, col: number): number {
  if (col >= text.length) return text.length;
  const at = col > 0 && isLowSurrogate(text.charCodeAt(col)) ? col - 1 : col;
  return at > 0 && isCombiningAt(text, at) ? previousBoundary(text, at) : at;
}

function replaceLines(buffer: TextBuffer, from: number, to: number, replacement: readonly string[]): readonly string[] {
  return buffer.lines.slice(0, from).concat(replacement, buffer.lines.slice(to + 1));
}

export function insertText(buffer: TextBuffer, text: string): TextBuffer {
  const pieces = cleanText(text).split('\n');
  if (pieces.length === 1 && pieces[0] === '') return buffer;
  const current = line(buffer);
  const before = current.slice(0, buffer.col);
  const after = current.slice(buffer.col);
  const last = pieces.length - 1;
  const inserted = pieces.map((piece, index) => (index === 0 ? before : '') + piece + (index === last ? after : ''));
  return {
    lines: replaceLines(buffer, buffer.row, buffer.row, inserted),
    row: buffer.row + last,
    col: (last === 0 ? buffer.col : 0) + pieces[last]!.length,
  };
}

export function backspace(buffer: TextBuffer): TextBuffer {
  const current = line(buffer);
  if (buffer.col > 0) {
    const at = previousBoundary(current, buffer.col);
    return {
      lines: replaceLines(buffer, buffer.row, buffer.row, [current.slice(0, at) + current.slice(buffer.col)]),
      row: buffer.row,
      col: at,
    };
  }
  if (buffer.row === 0) return buffer;
  const above = line(buffer, buffer.row - 1);
  return {lines: replaceLines(buffer, buffer.row - 1, buffer.row, [above + current]), row: buffer.row - 1, col: above.length};
}

export function deleteForward(buffer: TextBuffer): TextBuffer {
  const current = line(buffer);
  if (buffer.col < current.length) {
    const at = nextBoundary(current, buffer.col);
    return {
      lines: replaceLines(buffer, buffer.row, buffer.row, [current.slice(0, buffer.col) + current.slice(at)]),
      row: buffer.row,
      col: buffer.col,
    };
  }
  if (buffer.row === buffer.lines.length - 1) return buffer;
  return {
    lines: replaceLines(buffer, buffer.row, buffer.row + 1, [current + line(buffer, buffer.row + 1)]),
    row: buffer.row,
    col: buffer.col,
  };
}

export function moveLeft(buffer: TextBuffer): TextBuffer {
  if (buffer.col > 0) return {lines: buffer.lines, row: buffer.row, col: previousBoundary(line(buffer), buffer.col)};
  if (buffer.row === 0) return {lines: buffer.lines, row: 0, col: 0};
  return {lines: buffer.lines, row: buffer.row - 1, col: line(buffer, buffer.row - 1).length};
}

export function moveRight(buffer: TextBuffer): TextBuffer {
  const current = line(buffer);
  if (buffer.col < current.length) return {lines: buffer.lines, row: buffer.row, col: nextBoundary(current, buffer.col)};
  if (buffer.row === buffer.lines.length - 1) return {lines: buffer.lines, row: buffer.row, col: buffer.col};
  return {lines: buffer.lines, row: buffer.row + 1, col: 0};
}

function moveVertically(buffer: TextBuffer, step: 1 | -1): TextBuffer {
  const row = buffer.row + step;
  if (row < 0 || row >= buffer.lines.length) return buffer;
  const goalCol = buffer.goalCol ?? buffer.col;
  return {lines: buffer.lines, row, col: snap(line(buffer, row), goalCol), goalCol};
}

export const moveUp = (buffer: TextBuffer): TextBuffer => moveVertically(buffer, -1);
export const moveDown = (buffer: TextBuffer): TextBuffer => moveVertically(buffer, 1);

export const moveLineStart = (buffer: TextBuffer): TextBuffer => ({lines: buffer.lines, row: buffer.row, col: 0});
export const moveLineEnd = (buffer: TextBuffer): TextBuffer => ({lines: buffer.lines, row: buffer.row, col: line(buffer).length});

export function deleteToLineStart(buffer: TextBuffer): TextBuffer {
  return {lines: replaceLines(buffer, buffer.row, buffer.row, [line(buffer).slice(buffer.col)]), row: buffer.row, col: 0};
}

export function deleteToLineEnd(buffer: TextBuffer): TextBuffer {
  return {lines: replaceLines(buffer, buffer.row, buffer.row, [line(buffer).slice(0, buffer.col)]), row: buffer.row, col: buffer.col};
}

/** Deletes back over spaces, then over the word before them (Ctrl+W in a shell). At a line start, joins the lines. */
export function deleteWordBack(buffer: TextBuffer): TextBuffer {
  if (buffer.col === 0) return backspace(buffer);
  const current = line(buffer);
  const before = current.slice(0, buffer.col);
  const start = before.replace(/\S*\s*$/u, '').length;
  return {
    lines: replaceLines(buffer, buffer.row, buffer.row, [current.slice(0, start) + current.slice(buffer.col)]),
    row: buffer.row,
    col: start,
  };
}

/** Puts the cursor at the end of the first line (after recalling history upwards) or of the text. */
export function cursorTo(buffer: TextBuffer, where: 'firstLineEnd' | 'end'): TextBuffer {
  const row = where === 'end' ? buffer.lines.length - 1 : 0;
  return {lines: buffer.lines, row, col: line(buffer, row).length};
}

export function composerFacts(buffer: TextBuffer): ComposerFacts {
  return {
    cursorOnFirstLine: buffer.row === 0,
    cursorOnLastLine: buffer.row === buffer.lines.length - 1,
    afterBackslash: buffer.col > 0 && line(buffer)[buffer.col - 1] === '\\',
    empty: isEmpty(buffer),
  };
}
