import {render} from 'ink';
import {useSyncExternalStore} from 'react';
import type {LinkOpener} from '../runtime/open-link.js';
import {SessionScreen, type SessionScreenProps} from './screens/SessionScreen.js';
import type {SessionViewStore} from './session/session-view-store.js';
import type {TerminalEmulator} from './terminal/terminal-emulator.js';
import {ColorContext} from './theme.js';
import {SCREEN_MAX_FPS} from './screen-fps.js';

export type SessionHandlers = Pick<
  SessionScreenProps,
  | 'onSubmit'
  | 'onTypeToCommand'
  | 'onHistoryChange'
  | 'onInterrupt'
  | 'onRestart'
  | 'onQuit'
  | 'onPickSession'
  | 'onClosePicker'
  | 'onConfirm'
  | 'onStopAgent'
  | 'inline'
>;

export interface SessionUiOptions extends SessionHandlers {
  sid: string;
  workspace: string;
  store: SessionViewStore;
  emulator: TerminalEmulator;
  history: readonly string[];
  openLink: LinkOpener;
  color: boolean;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

function SessionApp({store, color, ...props}: Omit<SessionUiOptions, 'stdout' | 'stdin'>) {
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <ColorContext.Provider value={color}>
      <SessionScreen {...props} view={view} />
    </ColorContext.Provider>
  );
}

/**
 * Draws the session screen until `unmount`. Ctrl+C is a key here (the screen decides: interrupt,
 * or quit on a second press); Ink repaints at most SCREEN_MAX_FPS times a second (the screen keeps
 * one row below the terminal's height: Ink clears the whole terminal for a frame as tall as it).
 */
export function renderSessionUi(options: SessionUiOptions): {exited: Promise<unknown>; unmount: () => Promise<void>} {
  const {stdout, stdin, ...props} = options;
  const instance = render(<SessionApp {...props} />, {
    stdout,
    stdin,
    exitOnCtrlC: false,
    // console.* from a library goes above the frame instead of into it.
    patchConsole: true,
    maxFps: SCREEN_MAX_FPS,
    incrementalRendering: false,
  });
  // Asked for at once: an error thrown while rendering unmounts the app and rejects this promise,
  // which must reach the command (it would otherwise be swallowed and the screen stay dead).
  const exited = instance.waitUntilExit();
  exited.catch(() => {});
  return {
    exited,
    async unmount() {
      instance.unmount();
      await exited.catch(() => {});
    },
  };
}
