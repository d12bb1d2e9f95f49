import type {IBufferCell, IBufferLine, Terminal} from '@xterm/headless';
import {compactLine, plainText, type Span, type StyledLine, type TextStyle} from '../styled-line.js';
import {backgroundOf, foregroundOf} from './palette.js';

/**
 * The terminal's visible screen as rows of styled spans, read from its cells: what a terminal
 * would show after every colour, `\r` and cursor move, as data (never as escape sequences).
 * Trailing blank cells are left out.
 */
export function screenLines(terminal: Terminal): StyledLine[] {
  const buffer = terminal.buffer.active;
  const cell = buffer.getNullCell();
  const lines: StyledLine[] = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? compactLine(lineSpans(line, terminal.cols, cell)) : []);
  }
  return lines;
}

/** Plain text of the visible screen, one string a row (for tests and logs). */
export function screenText(terminal: Terminal): string[] {
  return screenLines(terminal).map(plainText);
}

function lineSpans(line: IBufferLine, columns: number, cell: IBufferCell): Span[] {
  const end = drawnWidth(line, columns, cell);
  const spans: Span[] = [];
  let text = '';
  let style: TextStyle = {};
  let key = '';
  for (let x = 0; x < end; x++) {
    line.getCell(x, cell);
    const width = cell.getWidth();
    if (width === 0) continue; // the right half of a wide character
    const cellKey = keyOf(cell);
    if (cellKey !== key) {
      if (text !== '') spans.push({text, ...style});
      text = '';
      key = cellKey;
      style = styleOf(cell);
    }
    text += cell.isInvisible() ? ' '.repeat(width) : cell.getChars() || ' ';
  }
  if (text !== '') spans.push({text, ...style});
  return spans;
}

/** Columns up to the last cell that shows something: a character, a background, inverse or underline. */
function drawnWidth(line: IBufferLine, columns: number, cell: IBufferCell): number {
  for (let x = Math.min(columns, line.length) - 1; x >= 0; x--) {
    line.getCell(x, cell);
    const chars = cell.getChars();
    if ((chars !== '' && chars !== ' ') || !cell.isBgDefault() || cell.isInverse() || cell.isUnderline())
      return x + Math.max(1, cell.getWidth());
  }
  return 0;
}

function keyOf(cell: IBufferCell): string {
  const flags =
    (cell.isBold() ? 1 : 0) |
    (cell.isDim() ? 2 : 0) |
    (cell.isItalic() ? 4 : 0) |
    (cell.isUnderline() ? 8 : 0) |
    (cell.isInverse() ? 16 : 0) |
    (cell.isStrikethrough() ? 32 : 0);
  return `${cell.getFgColorMode()}:${cell.getFgColor()}/${cell.getBgColorMode()}:${cell.getBgColor()}/${flags}`;
}

function styleOf(cell: IBufferCell): TextStyle {
  const style: {-readonly [K in keyof TextStyle]: TextStyle[K]} = {};
  const color = foregroundOf(cell);
  const backgroundColor = backgroundOf(cell);
  if (color) style.color = color;
  if (backgroundColor) style.backgroundColor = backgroundColor;
  if (cell.isBold()) style.bold = true;
  if (cell.isDim()) style.dim = true;
  if (cell.isItalic()) style.italic = true;
  if (cell.isUnderline()) style.underline = true;
  if (cell.isInverse()) style.inverse = true;
  if (cell.isStrikethrough()) style.strikethrough = true;
  return style;
}
