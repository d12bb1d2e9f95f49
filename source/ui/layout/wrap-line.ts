import stringWidth from 'string-width';
import {plainText, type Span, type StyledLine} from '../styled-line.js';

/** A line before wrapping: its spans, how wrapped rows are indented, and where it may break. */
export interface LogicalLine {
  readonly spans: StyledLine;
  /** Columns of indent on each wrapped row after the first (a hanging indent under a prefix). */
  readonly hang?: number;
  /** `word` breaks at spaces when it can (prose); `char` breaks at the edge (output, diffs). */
  readonly wrap?: 'word' | 'char';
}

const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** The rows `line` takes at `width` columns, each at most `width` wide (as Ink measures it). */
export function wrapLine(line: LogicalLine, width: number): StyledLine[] {
  const text = plainText(line.spans);
  const ascii = PRINTABLE_ASCII.test(text);
  if (ascii && text.length <= width) return [line.spans];
  const hang = Math.min(line.hang ?? 0, Math.max(0, width - 1));
  const ranges = breakRanges(text, ascii, width, width - hang, line.wrap ?? 'word');
  if (ranges.length === 1) return [line.spans];
  const indent: Span = {text: ' '.repeat(hang)};
  return ranges.map(([start, end], row) => {
    const spans = sliceSpans(line.spans, start, end);
    return row > 0 && hang > 0 ? [indent, ...spans] : spans;
  });
}

/** [start, end) string offsets of each row: at most `first` columns, then at most `rest`. */
function breakRanges(text: string, ascii: boolean, first: number, rest: number, wrap: 'word' | 'char'): [number, number][] {
  const ranges: [number, number][] = [];
  let rowStart = 0;
  let column = 0;
  let room = first;
  // The last run of spaces in this row: where a word break ends the row and where the next row starts.
  let spacesStart = -1;
  let afterSpaces = -1;
  let columnAfterSpaces = 0;
  let previousWasSpace = false;

  // After a row that a word wrap ended at a space, the spaces that follow belong to no row.
  let skippingSpaces = false;

  const startRow = (start: number, startColumn: number) => {
    rowStart = start;
    column = startColumn;
    room = rest;
    spacesStart = -1;
    afterSpaces = -1;
    previousWasSpace = false;
  };

  const visit = (index: number, cluster: string, width: number) => {
    const isSpace = cluster === ' ';
    if (skippingSpaces) {
      if (isSpace) {
        rowStart = index + 1;
        return;
      }
      skippingSpaces = false;
    }
    if (width > 0 && column + width > room && column > 0) {
      const carried = column - columnAfterSpaces;
      if (wrap === 'word' && isSpace) {
        ranges.push([rowStart, previousWasSpace ? spacesStart : index]);
        startRow(index + 1, 0);
        skippingSpaces = true;
        return;
      }
      if (wrap === 'word' && spacesStart > rowStart && carried + width <= rest) {
        ranges.push([rowStart, spacesStart]);
        startRow(afterSpaces, carried);
      } else {
        ranges.push([rowStart, index]);
        startRow(index, 0);
      }
    }
    if (isSpace && !previousWasSpace) spacesStart = index;
    if (isSpace) {
      afterSpaces = index + 1;
      columnAfterSpaces = column + width;
    }
    previousWasSpace = isSpace;
    column += width;
  };

  if (ascii) {
    for (let index = 0; index < text.length; index++) visit(index, text[index] as string, 1);
  } else {
    for (const {segment, index} of graphemes.segment(text)) visit(index, segment, segment === ' ' ? 1 : stringWidth(segment));
  }
  if (rowStart < text.length || ranges.length === 0) ranges.push([rowStart, text.length]);
  return ranges;
}

/** The spans' text between two offsets of their joined text, styles kept. */
function sliceSpans(spans: StyledLine, start: number, end: number): Span[] {
  const sliced: Span[] = [];
  let offset = 0;
  for (const span of spans) {
    const spanEnd = offset + span.text.length;
    if (spanEnd > start && offset < end) {
      const text = span.text.slice(Math.max(0, start - offset), Math.min(span.text.length, end - offset));
      if (text !== '') sliced.push(text === span.text ? span : {...span, text});
    }
    offset = spanEnd;
    if (offset >= end) break;
  }
  return sliced;
}
