import {Box, Static} from 'ink';
import {useMemo, useRef} from 'react';
import type {TranscriptItem} from '../../events/transcript-items.js';
import {draftItem, type Transcript} from '../../events/transcript.js';
import {LineLayout} from '../layout/line-layout.js';
import {settledCount} from '../layout/settled-items.js';
import type {StyledLine} from '../styled-line.js';
import {StyledRow} from './StyledRow.js';

interface Printed {
  item: TranscriptItem;
  rows: readonly StyledLine[];
}

export interface InlineTranscriptProps {
  /** Named in the note that stands for a long resumed history's older part. */
  sid: string;
  transcript: Transcript;
  width: number;
  /** The agent's answer as it streams in: drawn live below the items, never printed (its recorded message is). */
  draft?: string | undefined;
  /** At most this many rows of the items still under way are redrawn (their newest rows). */
  liveRows: number;
}

/**
 * The conversation in `--inline` mode: items that can no longer change are written once, above the
 * redrawn part, with Ink's <Static> (they then belong to the terminal's scrollback and stay after
 * quitting); the items still under way (a running command) and the agent's streaming draft are drawn
 * live below them. The draft is never settled: the message event that replaces it is, in the same frame.
 */
export function InlineTranscript({sid, transcript, width, draft, liveRows}: InlineTranscriptProps) {
  const layout = useMemo(() => new LineLayout(), []);
  // <Static> prints the items it has not printed yet, by index: the list may only grow.
  // It also memoises its slice on the array, so a grown list must be a new array.
  const printed = useRef<Printed[]>([]);
  // The next transcript item to print. A resumed session's long history is not printed whole
  // (10,000 events would take seconds and bury the scrollback): its newest items, after a note.
  const next = useRef<number | undefined>(undefined);
  const settled = settledCount(transcript);
  if (next.current === undefined) {
    const skipped = Math.max(0, settled - RESUMED_ITEMS_PRINTED);
    next.current = skipped;
    if (skipped > 0) {
      const note = earlierNote(skipped, sid);
      printed.current = [{item: note, rows: layout.rows(note, width)}];
    }
  }
  if (settled > next.current) {
    const grown = [...printed.current];
    for (let index = next.current; index < settled; index++) {
      const item = transcript.items.at(index) as TranscriptItem;
      grown.push({item, rows: layout.rows(item, width)});
    }
    next.current = settled;
    printed.current = grown;
  }
  const live: StyledLine[] = [];
  for (let index = settled; index < transcript.items.length; index++) {
    live.push(...layout.rows(transcript.items.at(index) as TranscriptItem, width));
  }
  // A new draft item ~25 times a second (the layout keeps only the newest of them).
  const streaming = useMemo(() => (draft ? draftItem(draft) : undefined), [draft]);
  if (streaming) live.push(...layout.rows(streaming, width));
  return (
    <>
      <Static items={printed.current}>
        {(entry, index) => (
          <Box key={index} flexDirection="column" width={width}>
            {entry.rows.map((row, at) => (
              <StyledRow key={at} line={row} />
            ))}
          </Box>
        )}
      </Static>
      {live.length > 0 && liveRows > 0 && (
        <Box flexDirection="column" width={width}>
          {live.slice(-liveRows).map((row, at) => (
            <StyledRow key={at} line={row} />
          ))}
        </Box>
      )}
    </>
  );
}

/** How many items of a resumed history inline mode prints (the older ones are summed up in a note). */
export const RESUMED_ITEMS_PRINTED = 200;

function earlierNote(skipped: number, sid: string): TranscriptItem {
  const what = skipped === 1 ? 'item' : 'items';
  return {
    kind: 'runtime-note',
    id: -1,
    text: `… ${skipped.toLocaleString('en')} earlier ${what} of this session not printed: oh-tui sessions show ${sid}`,
  };
}
