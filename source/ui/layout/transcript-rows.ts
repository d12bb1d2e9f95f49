import type {Transcript} from '../../events/transcript.js';
import type {LineLayout} from './line-layout.js';
import type {RowSource} from './viewport.js';

/** The transcript's items as display rows at `width`, laid out (and cached) only when asked for. */
export function transcriptRows(transcript: Transcript, layout: LineLayout, width: number): RowSource {
  const {items} = transcript;
  return {
    count: items.length,
    rowsOf: (index) => {
      const item = items.at(index);
      if (item === undefined) throw new RangeError(`no item ${index} in a transcript of ${items.length}`);
      return layout.rows(item, width);
    },
  };
}
