import type {Transcript} from '../../events/transcript.js';

/**
 * How many of the transcript's items, from the start, can no longer change: every item before the
 * first one still waiting (a running action, one held for confirmation). Inline, these are printed
 * once into the terminal's scrollback; the rest stay in the redrawn part of the screen.
 */
export function settledCount(transcript: Transcript): number {
  let first = transcript.items.length;
  for (const index of transcript.pending.values()) first = Math.min(first, index);
  if (transcript.awaiting !== undefined) first = Math.min(first, transcript.awaiting);
  return first;
}
