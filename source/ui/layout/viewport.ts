import type {StyledLine} from '../styled-line.js';

/** Items that each take one or more display rows (laid out on demand, so ask only for what you need). */
export interface RowSource {
  readonly count: number;
  rowsOf(index: number): readonly StyledLine[];
}

/** A display row: the item and the row within it. */
export interface RowAnchor {
  readonly item: number;
  readonly row: number;
}

/**
 * Where the pane looks. `tail` follows the newest rows. `anchored` keeps the row at the top of the
 * pane in place as events arrive (items are only appended or replaced, so an item index is stable),
 * and remembers how far the transcript went when the user scrolled away, to count what is new.
 */
export type ScrollPosition =
  | {readonly mode: 'tail'}
  | {readonly mode: 'anchored'; readonly top: RowAnchor; readonly seen: {readonly items: number; readonly lastItemRows: number}};

export type ScrollIntent =
  | {readonly type: 'lines'; readonly delta: number}
  | {readonly type: 'pages'; readonly delta: number}
  | {readonly type: 'home'}
  | {readonly type: 'end'};

export const followTail: ScrollPosition = {mode: 'tail'};

export interface ViewportWindow {
  /** At most `height` rows; when scrolled up the last one is left to the pane for its "new lines" note. */
  readonly rows: readonly StyledLine[];
  readonly atTail: boolean;
  /** Rows added since the user scrolled away from the tail (counted up to NEW_ROWS_LIMIT). */
  readonly newRowsBelow: number;
}

/** Counting new rows lays out new items; past this many the pane says "999+". */
export const NEW_ROWS_LIMIT = 999;

/**
 * The position after an intent. Only the rows between the old and the new top are laid out, so a
 * page costs the same at the top of 100,000 events as at the bottom. A page keeps one row of the
 * previous page (the pane's last row, where it notes what is below).
 */
export function scrollViewport(position: ScrollPosition, intent: ScrollIntent, source: RowSource, height: number): ScrollPosition {
  if (source.count === 0 || intent.type === 'end') return followTail;
  const top = position.mode === 'tail' ? tailTop(source, height) : clamp(position.top, source);
  const page = Math.max(1, height - 1);
  let next: RowAnchor;
  if (intent.type === 'home') next = {item: 0, row: 0};
  else {
    const delta = intent.type === 'pages' ? intent.delta * page : intent.delta;
    next = delta >= 0 ? advance(top, delta, source) : retreat(top, -delta, source);
  }
  if (!hasMoreRowsThan(next, height, source)) return followTail;
  const seen = position.mode === 'anchored' ? position.seen : {items: source.count, lastItemRows: source.rowsOf(source.count - 1).length};
  return {mode: 'anchored', top: next, seen};
}

/** The rows the pane shows at `position`: never more than `height`, and only those are laid out. */
export function viewportWindow(position: ScrollPosition, source: RowSource, height: number): ViewportWindow {
  if (source.count === 0 || height <= 0) return {rows: [], atTail: true, newRowsBelow: 0};
  if (position.mode === 'anchored') {
    const top = clamp(position.top, source);
    // A wider pane may have made the rest fit: then this is the tail after all.
    if (hasMoreRowsThan(top, height, source)) {
      return {rows: rowsFrom(top, height, source), atTail: false, newRowsBelow: newRows(position.seen, source)};
    }
  }
  return {rows: rowsFrom(tailTop(source, height), height, source), atTail: true, newRowsBelow: 0};
}

function tailTop(source: RowSource, height: number): RowAnchor {
  let wanted = height;
  for (let item = source.count - 1; item >= 0; item--) {
    const rows = source.rowsOf(item).length;
    if (rows >= wanted) return {item, row: rows - wanted};
    wanted -= rows;
  }
  return {item: 0, row: 0};
}

function clamp(anchor: RowAnchor, source: RowSource): RowAnchor {
  const item = Math.min(Math.max(0, anchor.item), source.count - 1);
  const row = item === anchor.item ? Math.min(Math.max(0, anchor.row), source.rowsOf(item).length - 1) : 0;
  return {item, row};
}

function advance(from: RowAnchor, by: number, source: RowSource): RowAnchor {
  let {item, row} = from;
  row += by;
  for (;;) {
    const rows = source.rowsOf(item).length;
    if (row < rows) return {item, row};
    if (item === source.count - 1) return {item, row: rows - 1};
    row -= rows;
    item++;
  }
}

function retreat(from: RowAnchor, by: number, source: RowSource): RowAnchor {
  let {item, row} = from;
  row -= by;
  while (row < 0) {
    if (item === 0) return {item: 0, row: 0};
    item--;
    row += source.rowsOf(item).length;
  }
  return {item, row};
}

function rowsFrom(top: RowAnchor, limit: number, source: RowSource): StyledLine[] {
  const rows: StyledLine[] = [];
  for (let item = top.item, row = top.row; item < source.count && rows.length < limit; item++, row = 0) {
    const itemRows = source.rowsOf(item);
    for (; row < itemRows.length && rows.length < limit; row++) rows.push(itemRows[row] as StyledLine);
  }
  return rows;
}

function hasMoreRowsThan(top: RowAnchor, count: number, source: RowSource): boolean {
  let remaining = -top.row;
  for (let item = top.item; item < source.count; item++) {
    remaining += source.rowsOf(item).length;
    if (remaining > count) return true;
  }
  return false;
}

function newRows(seen: {items: number; lastItemRows: number}, source: RowSource): number {
  // The item last seen may have grown since (a command's output arrived).
  let total = seen.items > 0 && seen.items <= source.count ? Math.max(0, source.rowsOf(seen.items - 1).length - seen.lastItemRows) : 0;
  for (let item = seen.items; item < source.count && total < NEW_ROWS_LIMIT; item++) total += source.rowsOf(item).length;
  return Math.min(total, NEW_ROWS_LIMIT);
}
