import {describe, expect, it} from 'vitest';
import {composerView, wrapLine} from '../../source/ui/composer/composer-view.js';
import {bufferFromText, type TextBuffer} from '../../source/ui/composer/text-buffer.js';
import {textWidth} from '../../source/ui/text/char-width.js';

const at = (lines: string[], row: number, col: number): TextBuffer => ({lines, row, col});

describe('wrapLine', () => {
  it('cuts at the width, and never splits a wide character across rows', () => {
    expect(wrapLine('abcdefg', 3).map((s) => [s.start, s.end])).toEqual([
      [0, 3],
      [3, 6],
      [6, 7],
    ]);
    const wide = wrapLine('ab日本', 3);
    expect(wide.map((s) => s.width)).toEqual([2, 2, 2]);
    expect(wrapLine('a日b', 3).map((s) => s.width)).toEqual([3, 1]);
    expect(wrapLine('', 5)).toEqual([{start: 0, end: 0, width: 0}]);
  });
});

describe('composerView', () => {
  it('shows a short text whole, with the cursor on its row', () => {
    const view = composerView(at(['hello', 'world'], 1, 2), {width: 20, maxRows: 8});
    expect(view).toEqual({
      rows: [
        {text: 'hello', line: 0, startsLine: true},
        {text: 'world', line: 1, startsLine: true, cursor: 2},
      ],
      hiddenAbove: 0,
      hiddenBelow: 0,
    });
  });

  it('wraps a long line, and gives a cursor after a full last row a row of its own', () => {
    const view = composerView(at(['abcdef'], 0, 6), {width: 3, maxRows: 8});
    expect(view.rows.map((r) => [r.text, r.cursor])).toEqual([
      ['abc', undefined],
      ['def', undefined],
      ['', 0],
    ]);
    expect(view.rows.map((r) => r.startsLine)).toEqual([true, false, false]);
  });

  it('keeps the cursor row in view in a long text, and counts the lines out of view', () => {
    const lines = Array.from({length: 100}, (_, i) => `line ${i}`);
    const end = composerView(at(lines, 99, 7), {width: 40, maxRows: 5});
    expect(end.rows.map((r) => r.text)).toEqual(['line 95', 'line 96', 'line 97', 'line 98', 'line 99']);
    expect([end.hiddenAbove, end.hiddenBelow]).toEqual([95, 0]);
    const middle = composerView(at(lines, 50, 0), {width: 40, maxRows: 5});
    expect(middle.rows.at(-1)).toMatchObject({text: 'line 50', cursor: 0});
    expect([middle.hiddenAbove, middle.hiddenBelow]).toEqual([46, 49]);
    const top = composerView(at(lines, 0, 0), {width: 40, maxRows: 5});
    expect(top.rows.map((r) => r.text)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect([top.hiddenAbove, top.hiddenBelow]).toEqual([0, 95]);
  });

  it('counts a line partly in view as out of view', () => {
    const view = composerView(at(['a'.repeat(30), 'end'], 1, 3), {width: 10, maxRows: 2});
    expect(view.rows.map((r) => r.text)).toEqual(['a'.repeat(10), 'end']);
    expect(view.hiddenAbove).toBe(1);
  });

  it('never draws a row wider than the width, for a 100 KB single line of mixed-width text', () => {
    const text = 'ab日本😀e\u0301'.repeat(12_000);
    const view = composerView(bufferFromText(text), {width: 37, maxRows: 6});
    expect(view.rows).toHaveLength(6);
    for (const row of view.rows) expect(textWidth(row.text)).toBeLessThanOrEqual(37);
    expect(view.rows.at(-1)!.cursor).toBe(view.rows.at(-1)!.text.length);
    expect(view.hiddenAbove).toBe(1);
  });
});
