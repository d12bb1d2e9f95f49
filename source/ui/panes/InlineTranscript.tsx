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
export function InlineTranscript({transcript, width, draft, liveRows}: InlineTranscriptProps) {
  const layout = useMemo(() => new LineLayout(), []);
  // <Static> prints the items it has not printed yet, by index: the list may only grow.
  // It also memoises its slice on the array, so a grown list must be a new array.
  const printed = useRef<Printed[]>([]);
  const settled = settledCount(transcript);
  if (settled > printed.current.length) {
    const grown = [...printed.current];
    for (let index = grown.length; index < settled; index++) {
      const item = transcript.items.at(index) as TranscriptItem;
      grown.push({item, rows: layout.rows(item, width)});
    }
    printed.current = grown;
  }
  const live: StyledLine[] = [];
  for (let index = settled; index < transcript.items.length; index++) {
    live.push(...layout.rows(transcript.items.at(index) as TranscriptItem, width));
  }
  // A new draft item ~30 times a second (the layout keeps only the newest of them).
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
