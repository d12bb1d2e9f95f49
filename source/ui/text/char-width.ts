/**
 * Terminal columns of one code point: 0 for combining marks and zero-width characters, 2 for
 * East Asian wide and fullwidth characters and most emoji, else 1. An approximation of
 * wcwidth, good enough to keep the composer's rows within the pane.
 */
const ZERO_WIDTH = /[\p{M}\u200b-\u200f\u2060\ufeff]/u;

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

export function charWidth(codePoint: number): number {
  if (codePoint < 0x300) return 1;
  if (ZERO_WIDTH.test(String.fromCodePoint(codePoint))) return 0;
  for (const [from, to] of WIDE_RANGES) if (codePoint >= from && codePoint <= to) return 2;
  return 1;
}

/** Terminal columns of a string without escape sequences. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0)!);
  return width;
}
