import type {BindingId} from './bindings.js';
import type {Focus} from './key-context.js';

export type ScrollAction = 'pageUp' | 'pageDown' | 'lineUp' | 'lineDown' | 'home' | 'end';

/** What a screen-wide key asks the session screen to do (Ctrl+C and Ctrl+O are handled in use-session-keys). */
export type ScreenIntent =
  | {type: 'interrupt'}
  | {type: 'quit'}
  | {type: 'stopAgent'}
  | {type: 'focus'; step: 1 | -1}
  | {type: 'scroll'; pane: Exclude<Focus, 'composer'>; action: ScrollAction}
  | {type: 'toggleTerminal'}
  | {type: 'restartRuntime'};

const SCROLLS: Partial<Record<BindingId, ScrollAction>> = {
  'scroll.pageUp': 'pageUp',
  'scroll.pageDown': 'pageDown',
  'scroll.lineUp': 'lineUp',
  'scroll.lineDown': 'lineDown',
  'scroll.home': 'home',
  'scroll.end': 'end',
};

/** The intent of a global or pane binding; undefined for the composer's own keys. */
export function screenIntent(id: BindingId, focus: Focus): ScreenIntent | undefined {
  const scroll = SCROLLS[id];
  // From the composer, PgUp/PgDn scroll the conversation.
  if (scroll) return {type: 'scroll', pane: focus === 'terminal' ? 'terminal' : 'events', action: scroll};
  switch (id) {
    case 'focus.next':
      return {type: 'focus', step: 1};
    case 'focus.previous':
      return {type: 'focus', step: -1};
    case 'terminal.toggle':
      return {type: 'toggleTerminal'};
    case 'runtime.restart':
      return {type: 'restartRuntime'};
    case 'agent.stop':
      return {type: 'stopAgent'};
    default:
      return undefined;
  }
}
