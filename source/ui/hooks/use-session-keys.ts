import {useRef} from 'react';
import type {LinkOpener} from '../../runtime/open-link.js';
import type {KeyContext} from '../keys/key-context.js';
import {matchKey} from '../keys/match-key.js';
import {idleQuitGuard, pressCtrlC, QUIT_WINDOW_MS, type QuitGuard} from '../keys/quit-guard.js';
import {type ScreenIntent, screenIntent} from '../keys/screen-intent.js';
import {type Notice, notice} from '../notices/notice.js';
import {openVscode} from '../vscode/open-vscode.js';
import {useKeys} from './use-keys.js';

export interface SessionKeysOptions {
  /** Focus and state; `composer` facts are the composer's own business and are left out here. */
  context: Omit<KeyContext, 'composer'>;
  /** The session's VS Code link, once the runtime is up. */
  vscodeUrl: string | undefined;
  /** Opens a link (runtime/open-link's openLink in the app, a fake in tests). */
  openLink: LinkOpener;
  notify: (notice: Notice | undefined) => void;
  onIntent: (intent: ScreenIntent) => void;
  isActive?: boolean;
  quitWindowMs?: number;
}

/**
 * The screen-wide keys: Ctrl+C (interrupt, then quit on a second press within the window),
 * Ctrl+O (open VS Code or say why not), and the keys that become ScreenIntents (focus, scroll,
 * terminal pane, restart). The composer's own keys are left to the composer.
 */
export function useSessionKeys(options: SessionKeysOptions): void {
  const guard = useRef<QuitGuard>(idleQuitGuard);
  const {context, notify, onIntent} = options;
  const windowMs = options.quitWindowMs ?? QUIT_WINDOW_MS;
  useKeys(
    (event) => {
      if (event.type === 'paste') return;
      const id = matchKey(event.input, event.key, context);
      if (id === undefined) return;
      if (id === 'run.interrupt') {
        // The agent's step counts as running: the first Ctrl+C stops it, as it stops a command.
        const busy = context.commandRunning || context.agentRunning === true;
        const pressed = pressCtrlC(guard.current, {now: Date.now(), commandRunning: busy, windowMs});
        guard.current = pressed.guard;
        if (pressed.effect === 'quit') {
          notify(undefined);
          onIntent({type: 'quit'});
        } else if (pressed.effect === 'interrupt') {
          onIntent({type: 'interrupt'});
          const what = context.commandRunning ? 'the command' : "the agent's step";
          notify(notice(`Interrupting ${what} · press Ctrl+C again to quit`, 'warning', windowMs));
        } else {
          notify(notice('Press Ctrl+C again to quit', 'warning', windowMs));
        }
        return;
      }
      if (id === 'vscode.open') {
        if (options.vscodeUrl !== undefined) notify(notice('Opening VS Code…'));
        void openVscode(options.vscodeUrl, options.openLink).then(notify);
        return;
      }
      const intent = screenIntent(id, context.focus);
      if (intent) onIntent(intent);
    },
    {isActive: options.isActive},
  );
}
