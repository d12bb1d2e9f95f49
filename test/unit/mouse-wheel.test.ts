import {describe, expect, test} from 'vitest';
import {isMouseReport, parseMouseWheel, WHEEL_ROWS, wheelScroll} from '../../source/ui/mouse-wheel.js';

describe('SGR mouse wheel parsing', () => {
  test('wheel up and down, with and without the ESC Ink strips', () => {
    expect(parseMouseWheel('\u001b[<64;10;5M')).toEqual([{direction: 'up', column: 10, row: 5, shift: false, meta: false, ctrl: false}]);
    expect(parseMouseWheel('[<65;1;2M')).toEqual([{direction: 'down', column: 1, row: 2, shift: false, meta: false, ctrl: false}]);
  });

  test('several notches in one chunk, modifiers, sideways wheels', () => {
    const notches = parseMouseWheel('\u001b[<65;3;4M\u001b[<81;3;4M\u001b[<66;3;4M');
    expect(notches.map((n) => [n.direction, n.ctrl])).toEqual([
      ['down', false],
      ['down', true],
      ['left', false],
    ]);
  });

  test('clicks, releases, drags and text are not wheel notches', () => {
    expect(parseMouseWheel('\u001b[<0;3;4M\u001b[<0;3;4m\u001b[<32;5;4M\u001b[<128;1;1M hello')).toEqual([]);
  });

  test('isMouseReport tells mouse-only input from typing', () => {
    expect(isMouseReport('\u001b[<64;10;5M\u001b[<0;1;1m')).toBe(true);
    expect(isMouseReport('[<65;1;2M')).toBe(true);
    expect(isMouseReport('a\u001b[<64;10;5M')).toBe(false);
    expect(isMouseReport('hello')).toBe(false);
  });

  test('notches become a scroll of WHEEL_ROWS each', () => {
    expect(wheelScroll(parseMouseWheel('\u001b[<65;1;1M\u001b[<65;1;1M'))).toEqual({type: 'lines', delta: 2 * WHEEL_ROWS});
    expect(wheelScroll(parseMouseWheel('\u001b[<64;1;1M'))).toEqual({type: 'lines', delta: -WHEEL_ROWS});
    expect(wheelScroll(parseMouseWheel('\u001b[<66;1;1M'))).toBeUndefined();
  });
});
