import {describe, expect, it} from 'vitest';
import {replaceLines, selectLines, splitLinesKeepEnds} from '../../source/server/files/lines.js';
import {catN, countLines, insertAfterLine, lineRange, occurrenceLines} from '../../source/server/files/editor-text.js';

describe('read/write line helpers', () => {
  it('splits like readlines()', () => {
    expect(splitLinesKeepEnds('a\nb\nc')).toEqual(['a\n', 'b\n', 'c']);
    expect(splitLinesKeepEnds('a\n')).toEqual(['a\n']);
    expect(splitLinesKeepEnds('')).toEqual([]);
  });

  it('selects [start, end) with -1 meaning the end, clamped', () => {
    const lines = ['a\n', 'b\n', 'c\n'];
    expect(selectLines(lines, 0, -1)).toEqual(lines);
    expect(selectLines(lines, 1, 2)).toEqual(['b\n']);
    expect(selectLines(lines, 2, 99)).toEqual(['c\n']);
    expect(selectLines(lines, 7, -1)).toEqual([]);
    expect(selectLines(lines, -3, 1)).toEqual(['a\n']);
  });

  it('writes the whole file exactly, or over a line range keeping line breaks intact', () => {
    expect(replaceLines('old\n', 'new\n', 0, -1)).toBe('new\n');
    expect(replaceLines('a\nb\nc\n', 'B', 1, 2)).toBe('a\nB\nc\n');
    expect(replaceLines('a\nb\nc\n', 'X\nY\n', 1, -1)).toBe('a\nX\nY\n');
    expect(replaceLines('a', 'b', 1, -1)).toBe('a\nb');
  });
});

describe('str_replace editor text rules', () => {
  it('counts lines like the editor', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\nb')).toBe(2);
  });

  it('numbers lines cat -n style', () => {
    expect(catN('x\ny', '/f', 9)).toBe("Here's the result of running `cat -n` on /f:\n     9\tx\n    10\ty\n");
  });

  it('finds non-overlapping occurrences with their line numbers', () => {
    expect(occurrenceLines('a\nfoo\nb foo foo\n', 'foo')).toEqual([2, 3, 3]);
    expect(occurrenceLines('aaaa', 'aa')).toEqual([1, 1]);
    expect(occurrenceLines('x\ny', 'x\ny')).toEqual([1]);
    expect(occurrenceLines('abc', 'z')).toEqual([]);
  });

  it('inserts whole lines after a line number', () => {
    expect(insertAfterLine('a\nb\n', 0, 'X')).toBe('X\na\nb\n');
    expect(insertAfterLine('a\nb\n', 1, 'X\nY')).toBe('a\nX\nY\nb\n');
    expect(insertAfterLine('a\nb', 2, 'X')).toBe('a\nb\nX\n');
    expect(insertAfterLine('', 0, 'X')).toBe('X\n');
  });

  it('cuts 1-based inclusive line ranges', () => {
    expect(lineRange('a\nb\nc\n', 2, 3)).toBe('b\nc');
  });
});
