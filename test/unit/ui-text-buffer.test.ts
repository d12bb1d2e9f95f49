import {describe, expect, it} from 'vitest';
import {
  backspace,
  bufferFromText,
  bufferText,
  cleanText,
  composerFacts,
  cursorTo,
  deleteForward,
  deleteToLineEnd,
  deleteToLineStart,
  deleteWordBack,
  emptyBuffer,
  insertText,
  moveDown,
  moveLeft,
  moveLineEnd,
  moveLineStart,
  moveRight,
  moveUp,
  type TextBuffer,
} from '../../source/ui/composer/text-buffer.js';

/** The text with a | where the cursor is, e.g. "ab|c\nd". */
function show(buffer: TextBuffer): string {
  return buffer.lines.map((line, row) => (row === buffer.row ? `${line.slice(0, buffer.col)}|${line.slice(buffer.col)}` : line)).join('\n');
}

/** A buffer from the same notation. */
function at(marked: string): TextBuffer {
  const index = marked.indexOf('|');
  const before = marked.slice(0, index).split('\n');
  return {lines: (marked.slice(0, index) + marked.slice(index + 1)).split('\n'), row: before.length - 1, col: before.at(-1)!.length};
}

const apply = (buffer: TextBuffer, ...edits: ((b: TextBuffer) => TextBuffer)[]) => edits.reduce((b, edit) => edit(b), buffer);

describe('the composer text buffer', () => {
  it('inserts typed text and multi-line text at the cursor', () => {
    expect(show(insertText(emptyBuffer, 'hi'))).toBe('hi|');
    expect(show(insertText(at('ab|cd'), 'X'))).toBe('abX|cd');
    expect(show(insertText(at('ab|cd'), 'one\ntwo\nthree'))).toBe('abone\ntwo\nthree|cd');
    expect(show(insertText(at('x\nab|cd\ny'), '\n'))).toBe('x\nab\n|cd\ny');
  });

  it('turns \\r and \\r\\n into line breaks and drops other control characters', () => {
    expect(cleanText('a\r\nb\rc\nd\u001b[31me\u0007\tf\u007f')).toBe('a\nb\nc\nd[31me\tf');
    expect(bufferText(insertText(emptyBuffer, 'l1\rl2\r'))).toBe('l1\nl2\n');
  });

  it('deletes back and forward, joining lines at their edges', () => {
    expect(show(backspace(at('ab|c')))).toBe('a|c');
    expect(show(backspace(at('ab\n|cd')))).toBe('ab|cd');
    expect(show(backspace(at('|ab')))).toBe('|ab');
    expect(show(deleteForward(at('a|bc')))).toBe('a|c');
    expect(show(deleteForward(at('ab|\ncd')))).toBe('ab|cd');
    expect(show(deleteForward(at('ab|')))).toBe('ab|');
  });

  it('moves left and right across line ends, and never into a surrogate pair or before a combining mark', () => {
    expect(show(moveLeft(at('ab\n|cd')))).toBe('ab|\ncd');
    expect(show(moveRight(at('ab|\ncd')))).toBe('ab\n|cd');
    expect(show(moveLeft(at('|ab')))).toBe('|ab');
    expect(show(moveRight(at('ab|')))).toBe('ab|');
    expect(show(moveLeft(at('a😀|b')))).toBe('a|😀b');
    expect(show(moveRight(at('a|😀b')))).toBe('a😀|b');
    expect(show(backspace(at('a😀|b')))).toBe('a|b');
    const accented = 'e\u0301';
    expect(show(moveLeft(at(`x${accented}|y`)))).toBe(`x|${accented}y`);
    expect(show(moveRight(at(`x|${accented}y`)))).toBe(`x${accented}|y`);
    expect(show(deleteForward(at(`x|${accented}y`)))).toBe('x|y');
  });

  it('moves up and down keeping the goal column across a shorter line', () => {
    const start = at('long line\nab\nanother line|');
    const up = moveUp(start);
    expect(show(up)).toBe('long line\nab|\nanother line');
    expect(show(moveUp(up))).toBe('long line|\nab\nanother line');
    expect(show(moveDown(moveUp(up)))).toBe('long line\nab|\nanother line');
    expect(show(apply(start, moveUp, moveUp, moveDown, moveDown))).toBe('long line\nab\nanother line|');
    expect(show(moveUp(at('a|b')))).toBe('a|b');
    expect(show(moveUp(at('😀😀\nabc|')))).toBe('😀|😀\nabc');
  });

  it('goes to the line start and end, and deletes to them, and a word back', () => {
    expect(show(moveLineStart(at('x\nab|c')))).toBe('x\n|abc');
    expect(show(moveLineEnd(at('a|bc\nx')))).toBe('abc|\nx');
    expect(show(deleteToLineStart(at('x\nab|c')))).toBe('x\n|c');
    expect(show(deleteToLineEnd(at('a|bc\nx')))).toBe('a|\nx');
    expect(show(deleteWordBack(at('git commit  |-m')))).toBe('git |-m');
    expect(show(deleteWordBack(at('ab\n|cd')))).toBe('ab|cd');
  });

  it('builds from text with the cursor at the end, or at the end of the first line', () => {
    expect(show(bufferFromText('a\nbc'))).toBe('a\nbc|');
    expect(show(cursorTo(bufferFromText('a\nbc'), 'firstLineEnd'))).toBe('a|\nbc');
  });

  it('reports the facts the key matcher needs', () => {
    expect(composerFacts(at('a\\|'))).toEqual({cursorOnFirstLine: true, cursorOnLastLine: true, afterBackslash: true, empty: false});
    expect(composerFacts(at('a\n|b\nc'))).toEqual({
      cursorOnFirstLine: false,
      cursorOnLastLine: false,
      afterBackslash: false,
      empty: false,
    });
    expect(composerFacts(at('|')).empty).toBe(true);
  });

  it('inserts a 100 KB paste of 1,300 lines in one step', () => {
    const lines = Array.from({length: 1300}, (_, i) => `${String(i).padStart(4, '0')} ${'x'.repeat(74)}`);
    const text = lines.join('\r');
    const buffer = insertText(at('before |after'), text);
    expect(buffer.lines).toHaveLength(1300);
    expect(buffer.lines[0]).toBe(`before ${lines[0]}`);
    expect(buffer.lines.at(-1)).toBe(`${lines.at(-1)}after`);
    expect(buffer.row).toBe(1299);
  });
});
