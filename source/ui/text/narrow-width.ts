/**
 * A fast path in front of `string-width` for text whose every character takes one column: ASCII,
 * Latin letters, dashes and bullets, arrows, box drawing, geometric shapes, dingbats and braille
 * without emoji presentation. string-width segments every non-ASCII string into graphemes and tests
 * each against Unicode property regexes: its first such string costs ~100 ms here (the segmenter and
 * the `\p{RGI_Emoji}` regex are built then) and a 120-column rule ~1 ms after that, on every frame of
 * the screen's box drawing and markers. The CLI bundle routes Ink's and our own `string-width`
 * through this (scripts/bundle-cli.mjs); anything else (wide, combining, emoji, other escapes) goes
 * to string-width itself. A unit test checks every character of the set against string-width.
 */

/**
 * Characters string-width 8 counts as one column alone, next to themselves and next to ASCII (so
 * none joins a neighbour into another width): ASCII, Latin (not U+00AD, the invisible soft hyphen),
 * punctuation, arrows, technical and mathematical signs, box drawing, shapes, symbols and dingbats
 * without emoji presentation, braille. The gaps are emoji shown wide.
 */
export const NARROW_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa1, 0xac],
  [0xae, 0x24f],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x2319],
  [0x231c, 0x2328],
  [0x232b, 0x23e8],
  [0x23ed, 0x23ef],
  [0x23f1, 0x23f2],
  [0x23f4, 0x23ff],
  [0x2500, 0x25fc],
  [0x25ff, 0x2613],
  [0x2616, 0x262f],
  [0x2638, 0x2647],
  [0x2654, 0x267e],
  [0x2680, 0x2689],
  [0x2690, 0x2692],
  [0x2694, 0x26a0],
  [0x26a2, 0x26a9],
  [0x26ac, 0x26bc],
  [0x26bf, 0x26c3],
  [0x26c6, 0x26cd],
  [0x26cf, 0x26d3],
  [0x26d5, 0x26e9],
  [0x26eb, 0x26f1],
  [0x26f4, 0x26f4],
  [0x26f6, 0x26f9],
  [0x26fb, 0x26fc],
  [0x26fe, 0x2704],
  [0x2706, 0x2709],
  [0x270c, 0x2727],
  [0x2729, 0x274b],
  [0x274d, 0x274d],
  [0x274f, 0x2752],
  [0x2756, 0x2756],
  [0x2758, 0x2794],
  [0x2798, 0x27af],
  [0x27b1, 0x27be],
  [0x2800, 0x28ff],
  [0x2b00, 0x2b1a],
  [0x2b1d, 0x2b4f],
  [0x2b51, 0x2b54],
  [0x2b56, 0x2bff],
];

const rangeClass = NARROW_RANGES.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join('');
const allNarrow = new RegExp(`^[${rangeClass}]*$`);
// Colours and styles only: a link (OSC 8) or a cursor movement goes to string-width.
// biome-ignore lint/suspicious/noControlCharactersInRegex: an escape sequence starts with ESC
const sgr = /\u001b\[[0-9;]*m/g;

function hex(codePoint: number): string {
  return `\\u${codePoint.toString(16).padStart(4, '0')}`;
}

/** The width of `text` when every character is narrow, else undefined (ask string-width). */
export function narrowWidth(text: string, options?: {ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean}): number | undefined {
  if (options?.ambiguousIsNarrow === false || options?.countAnsiEscapeCodes === true) return undefined;
  const plain = text.includes('\u001b') ? text.replace(sgr, '') : text;
  return allNarrow.test(plain) ? plain.length : undefined;
}
