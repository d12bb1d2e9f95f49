import type {Focus} from './key-context.js';

/** The pane Tab (step 1) or Shift+Tab (step -1) moves to, among the panes shown, in order. */
export function nextFocus(current: Focus, shown: readonly Focus[], step: 1 | -1 = 1): Focus {
  const at = shown.indexOf(current);
  if (at === -1) return shown[0] ?? current;
  return shown[(at + step + shown.length) % shown.length]!;
}
