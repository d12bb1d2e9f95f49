import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {NARROW_RANGES, narrowWidth} from '../../source/ui/text/narrow-width.js';

const narrow = NARROW_RANGES.flatMap(([from, to]) => Array.from({length: to - from + 1}, (_, i) => String.fromCodePoint(from + i)));

describe('narrowWidth (the fast path in front of string-width)', () => {
  it('agrees with string-width on every character of its set, alone and next to others', () => {
    const disagree = narrow.filter((char) => {
      const samples = [char, `${char}${char}`, `a${char}`, `${char}a`, `${char}\u2500${char}`];
      return samples.some((text) => narrowWidth(text) !== stringWidth(text));
    });
    expect(disagree.map((char) => char.codePointAt(0)?.toString(16))).toEqual([]);
  });

  it('agrees with string-width on mixed lines with colours', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    for (let line = 0; line < 500; line++) {
      let text = '';
      for (let i = random(120); i > 0; i--) {
        text += random(10) === 0 ? `\u001b[${random(100)};1m` : (narrow[random(narrow.length)] as string);
      }
      expect(narrowWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
    }
  });

  it('leaves to string-width what is not narrow: wide, combining, emoji, tabs, links and options', () => {
    for (const text of ['日本', 'e\u0301', '✔\ufe0f', '👍', 'a\tb', '\u00ad', '\u001b]8;;https://x\u0007x\u001b]8;;\u0007', '\u009b1m']) {
      expect(narrowWidth(text), JSON.stringify(text)).toBeUndefined();
    }
    expect(narrowWidth('─', {ambiguousIsNarrow: false})).toBeUndefined();
    expect(narrowWidth('ab', {countAnsiEscapeCodes: true})).toBeUndefined();
    expect(narrowWidth('')).toBe(0);
    expect(narrowWidth('\u001b[31m❯ ls\u001b[39m ✔ 0')).toBe(8);
  });
});
