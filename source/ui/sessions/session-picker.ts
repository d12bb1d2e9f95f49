import {formatAgo} from '../../lib/age.js';
import type {SessionSummary} from '../../session/session-store.js';

/** One row of the /sessions picker. */
export interface PickerEntry {
  sid: string;
  title: string;
  /** ISO timestamp of meta.json's last_active. */
  lastActive: string;
  events: number;
  current: boolean;
}

export interface PickerState {
  entries: readonly PickerEntry[];
  selected: number;
}

/**
 * The workspace's sessions for the picker, most recently active first (the store's order, kept), the
 * current one marked and selected. The current session is listed even before its meta says so.
 */
export function pickerFor(summaries: readonly SessionSummary[], workspace: string, currentSid: string): PickerState {
  const entries: PickerEntry[] = summaries
    .filter((summary) => summary.meta.workspace === workspace)
    .map(({meta, events}) => ({sid: meta.sid, title: meta.title, lastActive: meta.last_active, events, current: meta.sid === currentSid}));
  const current = entries.findIndex((entry) => entry.current);
  return {entries, selected: Math.max(0, current)};
}

/** Up/Down: the selection moves and stops at either end. */
export function movePicker(state: PickerState, delta: number): PickerState {
  if (state.entries.length === 0) return state;
  const selected = Math.min(state.entries.length - 1, Math.max(0, state.selected + delta));
  return selected === state.selected ? state : {...state, selected};
}

export function selectedEntry(state: PickerState): PickerEntry | undefined {
  return state.entries[state.selected];
}

/** A row's text without the selection mark: marker, sid, last active, events and title. */
export function pickerRowText(entry: PickerEntry, now: Date): string {
  const ago = formatAgo(Math.max(0, now.getTime() - Date.parse(entry.lastActive)));
  const events = `${entry.events} event${entry.events === 1 ? '' : 's'}`;
  const title = entry.title === '' ? '(no message yet)' : entry.title;
  return `${entry.current ? '●' : ' '} ${entry.sid}  ${ago.padEnd(9)} ${events.padStart(10)}  ${title}`;
}

/** The rows to show in `height` lines: from the top, scrolled just enough to keep the selection in view. */
export function visibleRange(state: PickerState, height: number): {start: number; end: number} {
  const size = Math.max(1, height);
  const start = Math.max(0, state.selected - size + 1);
  return {start, end: Math.min(state.entries.length, start + size)};
}
