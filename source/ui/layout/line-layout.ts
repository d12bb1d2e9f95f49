import type {TranscriptItem} from '../../events/transcript-items.js';
import {compactLine, type StyledLine} from '../styled-line.js';
import {itemLines} from './item-lines.js';
import {wrapLine} from './wrap-line.js';

interface Laid {
  readonly width: number;
  readonly rows: readonly StyledLine[];
}

/**
 * The display rows of transcript items at a width, laid out on first use and kept for the items
 * seen most recently. Items are immutable and replaced when they change, so the item itself is the
 * key: a replaced item is laid out afresh, and a width change re-lays out each item when next shown.
 */
export class LineLayout {
  private readonly cache = new Map<TranscriptItem, Laid>();
  /**
   * The agent's streaming draft: a new, longer item ~25 times a second, each seen once. Kept in
   * the shared cache, thousands of ever longer copies would stay (memory growing with the square of
   * the answer's length); only the newest is kept, apart.
   */
  private draft: {item: TranscriptItem; laid: Laid} | undefined;

  constructor(private readonly capacity = 4096) {}

  rows(item: TranscriptItem, width: number): readonly StyledLine[] {
    if (item.kind === 'agent-draft') {
      if (this.draft?.item !== item || this.draft.laid.width !== width) this.draft = {item, laid: {width, rows: layOut(item, width)}};
      return this.draft.laid.rows;
    }
    const cached = this.cache.get(item);
    if (cached) {
      this.cache.delete(item);
      if (cached.width === width) {
        this.cache.set(item, cached);
        return cached.rows;
      }
    }
    const rows = layOut(item, width);
    this.cache.set(item, {width, rows});
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as TranscriptItem);
    return rows;
  }

  get size(): number {
    return this.cache.size;
  }
}

function layOut(item: TranscriptItem, width: number): readonly StyledLine[] {
  const columns = Math.max(1, width);
  return itemLines(item).flatMap((line) => wrapLine(line, columns).map(compactLine));
}
