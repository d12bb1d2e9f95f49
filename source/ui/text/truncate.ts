import {charWidth} from './char-width.js';

export type TruncateAt = 'start' | 'middle' | 'end';

const ELLIPSIS = '…';

/** The longest prefix of `chars` that fits `width` columns. */
function take(chars: readonly string[], width: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const char of chars) {
    const columns = charWidth(char.codePointAt(0)!);
    if (used + columns > width) break;
    kept.push(char);
    used += columns;
  }
  return kept;
}

/**
 * `text` cut to `width` columns with an ellipsis where it was cut: at the end, at the start (a
 * path keeps its last folders) or in the middle (an image tag keeps its repository and its end).
 */
export function truncate(text: string, width: number, at: TruncateAt = 'end'): string {
  const chars = [...text];
  if (take(chars, width).length === chars.length) return text;
  if (width <= 0) return '';
  if (width === 1) return ELLIPSIS;
  const room = width - 1;
  if (at === 'end') return take(chars, room).join('') + ELLIPSIS;
  if (at === 'start')
    return (
      ELLIPSIS +
      take([...chars].reverse(), room)
        .reverse()
        .join('')
    );
  const head = take(chars, Math.ceil(room / 2));
  const tail = take([...chars].reverse(), room - Math.ceil(room / 2)).reverse();
  return head.join('') + ELLIPSIS + tail.join('');
}
