/**
 * A session's input history, browsed with Up/Down like a shell's. Plain data, so the screen can
 * persist it: `historyFrom(saved)` to load, `history.entries` to save (oldest first).
 */
export interface InputHistory {
  readonly entries: readonly string[];
  /** The entry shown while browsing; undefined when editing the draft (the newest position). */
  readonly index: number | undefined;
  /** What was being typed before browsing began, given back past the newest entry. */
  readonly draft: string;
}

export const HISTORY_LIMIT = 500;

export function historyFrom(entries: readonly string[], limit = HISTORY_LIMIT): InputHistory {
  return {entries: entries.slice(-limit), index: undefined, draft: ''};
}

/** Records a sent input: blank ones and a repeat of the newest are not kept; browsing ends. */
export function recordInput(history: InputHistory, text: string, limit = HISTORY_LIMIT): InputHistory {
  const keep = text.trim() !== '' && history.entries.at(-1) !== text;
  const entries = keep ? [...history.entries, text].slice(-limit) : history.entries;
  return {entries, index: undefined, draft: ''};
}

/** One entry older; `current` is what the composer holds (kept as the draft when browsing starts). */
export function olderInput(history: InputHistory, current: string): {history: InputHistory; text: string} | undefined {
  const from = history.index ?? history.entries.length;
  if (from === 0) return undefined;
  const index = from - 1;
  const draft = history.index === undefined ? current : history.draft;
  return {history: {entries: history.entries, index, draft}, text: history.entries[index]!};
}

/** One entry newer; past the newest, the draft comes back. Undefined when not browsing. */
export function newerInput(history: InputHistory): {history: InputHistory; text: string} | undefined {
  if (history.index === undefined) return undefined;
  const index = history.index + 1;
  if (index >= history.entries.length) return {history: {entries: history.entries, index: undefined, draft: ''}, text: history.draft};
  return {history: {...history, index}, text: history.entries[index]!};
}
