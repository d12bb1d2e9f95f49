import {useCallback, useMemo, useRef, useState} from 'react';
import type {Transcript} from '../../events/transcript.js';
import {LineLayout} from '../layout/line-layout.js';
import {transcriptRows} from '../layout/transcript-rows.js';
import {followTail, type ScrollIntent, type ScrollPosition, scrollViewport} from '../layout/viewport.js';

export interface EventsScroll {
  position: ScrollPosition;
  /** Apply a scroll intent (PgUp/PgDn/Home/End, wheel) to the pane as it is now. */
  scroll(intent: ScrollIntent): void;
  /** The layout cache to hand to the EventsPane (one per pane, shared with the scrolling). */
  layout: LineLayout;
}

/** Scroll state of one events pane: follows the tail until the user scrolls up. */
export function useEventsScroll(transcript: Transcript, width: number, height: number): EventsScroll {
  const layout = useMemo(() => new LineLayout(), []);
  const [position, setPosition] = useState<ScrollPosition>(followTail);
  // The intent applies to the pane the user sees, whatever rendered last.
  const current = useRef({transcript, width, height});
  current.current = {transcript, width, height};
  const scroll = useCallback(
    (intent: ScrollIntent) => {
      const pane = current.current;
      setPosition((previous) => scrollViewport(previous, intent, transcriptRows(pane.transcript, layout, pane.width), pane.height));
    },
    [layout],
  );
  return {position, scroll, layout};
}
