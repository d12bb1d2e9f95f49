import {Box, Text} from 'ink';
import {useContext, useMemo} from 'react';
import type {Transcript} from '../../events/transcript.js';
import type {LineLayout} from '../layout/line-layout.js';
import {transcriptRows} from '../layout/transcript-rows.js';
import {NEW_ROWS_LIMIT, type ScrollPosition, viewportWindow} from '../layout/viewport.js';
import {ColorContext, palette} from '../theme.js';
import {StyledRow} from './StyledRow.js';

export interface EventsPaneProps {
  transcript: Transcript;
  position: ScrollPosition;
  /** From useEventsScroll: the rows it scrolled over are the rows drawn here. */
  layout: LineLayout;
  width: number;
  height: number;
}

/**
 * The conversation, exactly `height` rows of it: only the visible rows are laid out and drawn, so
 * the cost of a frame does not grow with the session. Scrolled up, the last row says what is below.
 * No overflow clipping: the rows already fit, and Ink's clipping re-slices every line of every frame.
 */
export function EventsPane({transcript, position, layout, width, height}: EventsPaneProps) {
  const view = useMemo(
    () => viewportWindow(position, transcriptRows(transcript, layout, width), height),
    [position, transcript, layout, width, height],
  );
  const rows = view.atTail ? view.rows : view.rows.slice(0, Math.max(0, height - 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows.map((row, index) => (
        <StyledRow key={index} line={row} />
      ))}
      {view.atTail ? null : <BelowNote newRows={view.newRowsBelow} />}
    </Box>
  );
}

function BelowNote({newRows}: {newRows: number}) {
  const color = useContext(ColorContext);
  const count = newRows >= NEW_ROWS_LIMIT ? `${NEW_ROWS_LIMIT}+` : String(newRows);
  const text = newRows === 0 ? '↓ more below' : `↓ ${count} new line${newRows === 1 ? '' : 's'} below`;
  return (
    <Text wrap="truncate" color={color ? palette.accent : undefined} bold={color}>
      {text}
    </Text>
  );
}
