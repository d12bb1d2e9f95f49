/**
 * An immutable, append-only list of text lines that keeps only its newest `max` lines.
 * Lines live in small frozen chunks so an append copies one chunk, not the whole list:
 * a progress reducer can append on every event without going quadratic.
 */
export interface BoundedLines {
  readonly chunks: readonly (readonly string[])[];
  /** Lines held now (between max and max + CHUNK - 1 once full). */
  readonly size: number;
  /** Lines dropped from the front since the start. */
  readonly dropped: number;
  readonly max: number;
}

const CHUNK = 64;

export function emptyLines(max: number): BoundedLines {
  return {chunks: [], size: 0, dropped: 0, max};
}

export function appendLines(list: BoundedLines, lines: readonly string[]): BoundedLines {
  if (lines.length === 0) return list;
  const chunks = list.chunks.slice();
  let last = chunks.length > 0 ? (chunks.pop() as readonly string[]).slice() : [];
  for (const line of lines) {
    if (last.length === CHUNK) {
      chunks.push(last);
      last = [];
    }
    last.push(line);
  }
  chunks.push(last);
  let size = list.size + lines.length;
  let dropped = list.dropped;
  // Drop whole chunks from the front while the rest still holds at least `max` lines.
  while (chunks.length > 1 && size - (chunks[0] as readonly string[]).length >= list.max) {
    const first = chunks.shift() as readonly string[];
    size -= first.length;
    dropped += first.length;
  }
  return {chunks, size, dropped, max: list.max};
}

/** The newest `count` lines (all held lines when count is omitted), oldest first. */
export function lastLines(list: BoundedLines, count = list.size): string[] {
  const wanted = Math.min(count, list.size);
  const out: string[] = [];
  for (let c = list.chunks.length - 1; c >= 0 && out.length < wanted; c--) {
    const chunk = list.chunks[c] as readonly string[];
    for (let i = chunk.length - 1; i >= 0 && out.length < wanted; i--) out.push(chunk[i] as string);
  }
  return out.reverse();
}
