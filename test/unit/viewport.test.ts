import {describe, expect, test} from 'vitest';
import {emptyTranscript, reduceTranscriptAll} from '../../source/events/transcript.js';
import {LineLayout} from '../../source/ui/layout/line-layout.js';
import {transcriptRows} from '../../source/ui/layout/transcript-rows.js';
import {
  followTail,
  NEW_ROWS_LIMIT,
  type RowSource,
  type ScrollIntent,
  type ScrollPosition,
  scrollViewport,
  viewportWindow,
} from '../../source/ui/layout/viewport.js';
import {plainText} from '../../source/ui/styled-line.js';
import {syntheticSession} from '../helpers/events-015.js';

/** Items of the given row counts; row text `item.row`; counts the items it lays out. */
function rowsOfSizes(sizes: number[]): RowSource & {laidOut: Set<number>} {
  const laidOut = new Set<number>();
  return {
    laidOut,
    count: sizes.length,
    rowsOf(index) {
      laidOut.add(index);
      return Array.from({length: sizes[index]!}, (_, row) => [{text: `${index}.${row}`}]);
    },
  };
}

const shown = (position: ScrollPosition, source: RowSource, height: number) => viewportWindow(position, source, height).rows.map(plainText);
const pageUp: ScrollIntent = {type: 'pages', delta: -1};
const pageDown: ScrollIntent = {type: 'pages', delta: 1};

describe('the events viewport', () => {
  const source = rowsOfSizes([2, 3, 1, 4, 2]); // 12 rows: 0.0 0.1 1.0 1.1 1.2 2.0 3.0 3.1 3.2 3.3 4.0 4.1

  test('following the tail shows the last rows', () => {
    expect(shown(followTail, source, 4)).toEqual(['3.2', '3.3', '4.0', '4.1']);
    expect(viewportWindow(followTail, source, 4)).toMatchObject({atTail: true, newRowsBelow: 0});
  });

  test('PgUp moves a page less one row; PgDn comes back to the tail', () => {
    const up = scrollViewport(followTail, pageUp, source, 4);
    expect(up).toMatchObject({mode: 'anchored', top: {item: 2, row: 0}});
    expect(shown(up, source, 4)).toEqual(['2.0', '3.0', '3.1', '3.2']);
    const up2 = scrollViewport(up, pageUp, source, 4);
    expect(shown(up2, source, 4)).toEqual(['1.0', '1.1', '1.2', '2.0']);
    const down = scrollViewport(up2, pageDown, source, 4);
    expect(shown(down, source, 4)).toEqual(['2.0', '3.0', '3.1', '3.2']);
    expect(scrollViewport(down, pageDown, source, 4)).toBe(followTail);
  });

  test('PgUp stops at the top; Home goes there; End follows the tail again', () => {
    let position: ScrollPosition = followTail;
    for (let i = 0; i < 10; i++) position = scrollViewport(position, pageUp, source, 4);
    expect(shown(position, source, 4)).toEqual(['0.0', '0.1', '1.0', '1.1']);
    expect(shown(scrollViewport(followTail, {type: 'home'}, source, 4), source, 4)).toEqual(['0.0', '0.1', '1.0', '1.1']);
    expect(scrollViewport(position, {type: 'end'}, source, 4)).toBe(followTail);
  });

  test('line scrolls (the wheel) move by rows', () => {
    const up = scrollViewport(followTail, {type: 'lines', delta: -3}, source, 4);
    expect(shown(up, source, 4)).toEqual(['2.0', '3.0', '3.1', '3.2']);
    expect(shown(scrollViewport(up, {type: 'lines', delta: 1}, source, 4), source, 4)).toEqual(['3.0', '3.1', '3.2', '3.3']);
    expect(scrollViewport(up, {type: 'lines', delta: 5}, source, 4)).toBe(followTail);
  });

  test('content shorter than the pane always follows the tail', () => {
    const short = rowsOfSizes([1, 2]);
    expect(scrollViewport(followTail, pageUp, short, 10)).toBe(followTail);
    expect(scrollViewport(followTail, {type: 'home'}, short, 10)).toBe(followTail);
    expect(shown(followTail, short, 10)).toEqual(['0.0', '1.0', '1.1']);
    expect(shown(followTail, rowsOfSizes([]), 10)).toEqual([]);
  });

  test('scrolled up, the view stays put as events arrive, and counts the new rows', () => {
    const up = scrollViewport(followTail, pageUp, source, 4);
    const grown = rowsOfSizes([2, 3, 1, 4, 5, 3, 2]); // item 4 grew by 3 rows, items 5 and 6 are new
    expect(viewportWindow(up, grown, 4)).toMatchObject({atTail: false, newRowsBelow: 3 + 3 + 2});
    expect(shown(up, grown, 4)).toEqual(['2.0', '3.0', '3.1', '3.2']);
    // Following the tail, nothing is "new below".
    expect(viewportWindow(followTail, grown, 4).newRowsBelow).toBe(0);
  });

  test('the count of new rows stops at NEW_ROWS_LIMIT', () => {
    const up = scrollViewport(followTail, pageUp, source, 4);
    const flood = rowsOfSizes([2, 3, 1, 4, 2, ...Array.from({length: 5_000}, () => 1)]);
    expect(viewportWindow(up, flood, 4).newRowsBelow).toBe(NEW_ROWS_LIMIT);
    expect(flood.laidOut.size).toBeLessThan(NEW_ROWS_LIMIT + 10);
  });

  test('an anchor past its item (a wider pane has fewer rows) is clamped', () => {
    const position: ScrollPosition = {mode: 'anchored', top: {item: 1, row: 9}, seen: {items: 5, lastItemRows: 2}};
    expect(shown(position, source, 4)).toEqual(['1.2', '2.0', '3.0', '3.1']);
  });

  test('a page in the middle of 100,000 items lays out only the rows it passes and shows', () => {
    const big = rowsOfSizes(Array.from({length: 100_000}, (_, i) => 1 + (i % 5)));
    const middle: ScrollPosition = {mode: 'anchored', top: {item: 50_000, row: 0}, seen: {items: 100_000, lastItemRows: 5}};
    const next = scrollViewport(middle, pageDown, big, 40);
    viewportWindow(next, big, 40);
    expect(next).toMatchObject({mode: 'anchored'});
    expect(big.laidOut.size).toBeLessThan(2 * 40);
    // The rows it passes and shows, and the last item (has it grown since the user scrolled away?).
    expect([...big.laidOut].filter((item) => item < 50_000 || item >= 50_100)).toEqual([99_999]);
  });

  test('over a real transcript of 100,000 events, PgUp from the tail then PgDn lay out a screenful each', () => {
    const transcript = reduceTranscriptAll(emptyTranscript, syntheticSession(100_000));
    const layout = new LineLayout();
    const rows = transcriptRows(transcript, layout, 100);
    let position = scrollViewport(followTail, pageUp, rows, 50);
    position = scrollViewport(position, pageUp, rows, 50);
    const window = viewportWindow(scrollViewport(position, pageDown, rows, 50), rows, 50);
    expect(window.rows).toHaveLength(50);
    expect(window.atTail).toBe(false);
    expect(layout.size).toBeLessThan(60);
  });
});
