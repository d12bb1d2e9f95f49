import {runtimeContainerName} from '../docker/containers.js';
import {colorEnabled} from '../config/color.js';
import type {Config} from '../config/types.js';
import {readInputHistory, writeInputHistory} from '../session/input-history-file.js';
import {debugLogFile} from '../lib/debug-log.js';
import type {ExitSignalTrap} from '../lib/exit-signals.js';
import type {SessionStore} from '../session/session-store.js';
import {newSessionId} from '../session/sid.js';
import {parseInput} from '../ui/commands/parse-input.js';
import {pickerFor} from '../ui/sessions/session-picker.js';
import {helpText} from '../ui/docs/help-text.js';
import {renderSessionUi} from '../ui/run-session-ui.js';
import type {FirstFrame} from '../ui/first-frame.js';
import type {RuntimeView} from '../runtime/live-session.js';
import {inAppBuild} from '../ui/session/in-app-build.js';
import {SessionViewStore} from '../ui/session/session-view-store.js';
import {TerminalEmulator} from '../ui/terminal/terminal-emulator.js';
import {clearForNextScreen, enterTerminalMode, type TerminalMode} from '../ui/terminal-mode.js';
import {browserOpener} from '../ui/vscode/open-vscode.js';
import type {AgentFactory} from './agent-factory.js';
import {attachAgent} from './screen-agent.js';
import {openStored, type StoredSession} from './stored-session.js';

/** How one session's screen ended: quit, or a switch to another session (already opened and locked). */
type Ending = {type: 'quit'} | {type: 'switch'; next: StoredSession};

interface ScreenContext {
  config: Config;
  store: SessionStore;
  trap: ExitSignalTrap;
  mode: TerminalMode;
  /** `--inline`: the normal screen, finished events printed once into the scrollback. */
  inline: boolean;
  createAgent: AgentFactory | undefined;
  /** The -t task: sent to the first session's agent once its runtime runs. */
  task: string | undefined;
}

/**
 * The session screen, for a session the caller opened (stored-session.ts: locked, its runtime
 * already coming up): shows the history and the runtime's state as it changes (building the image
 * inside the app when needed), records every `!command` and message as events. `/new` and
 * `/sessions` end the session as quitting does (container stopped unless keep_runtime_alive,
 * session released) and open the next one in the same alternate screen. On every way out (Ctrl+C
 * twice, /exit, SIGTERM, SIGHUP) it restores the terminal and prints how to resume the last session
 * (and the earlier ones of this run).
 */
export async function runSessionScreen(options: {
  config: Config;
  store: SessionStore;
  /** The first session, opened (locked) and its runtime started before this module loaded. */
  opened: StoredSession;
  /** Installed before the session was opened, so a signal at any point stops what was started. */
  trap: ExitSignalTrap;
  inline?: boolean;
  /** Makes each session's agent (see agent-factory.ts); undefined or returning undefined: no agent. */
  createAgent?: AgentFactory;
  task?: string;
  /** The plain frame drawn before this module loaded (not inline): taken over by the screen. */
  firstFrame?: FirstFrame;
}): Promise<number> {
  const {config, store, trap} = options;
  const inline = options.inline === true;
  const {stdout} = process;
  let next: StoredSession | undefined = options.opened;
  // A terminal that hangs up (SIGHUP: the window closed, SSH lost) fails later writes with EIO; that
  // must not crash us before the container is stopped and the session released.
  const ignore = () => {};
  stdout.on('error', ignore);
  process.stdin.on('error', ignore);
  options.firstFrame?.handOver();
  const mode = enterTerminalMode(stdout, {fullscreen: !inline, mouse: !inline, bracketedPaste: true});
  const visited: string[] = [];
  // Notes of a session closed before its screen showed (a stop that failed), printed after the screen.
  const unshown: string[] = [];
  let vscodeUrl: string | undefined;
  try {
    while (next) {
      const current: StoredSession = next;
      next = undefined;
      // A signal while switching: the next session was opened but never shown, so it is not named
      // (the first one is: it exists now, and its sid is in the first frame).
      if (trap.signal.aborted) {
        if (visited.length === 0) visited.push(current.sid);
        await current.discard();
        unshown.push(...current.unshownNotes());
        break;
      }
      visited.push(current.sid);
      // The task is the first session's only.
      const task = visited.length === 1 ? options.task : undefined;
      const ended = await runOneSession({config, store, trap, mode, inline, createAgent: options.createAgent, task}, current);
      vscodeUrl = ended.vscodeUrl;
      if (ended.ending.type === 'switch') next = ended.ending.next;
    }
  } finally {
    if (next) {
      await next.discard();
      unshown.push(...next.unshownNotes());
    }
    trap.dispose();
    mode.restore();
  }
  for (const text of unshown) stdout.write(`oh-tui: ${text}\n`);
  const sid = visited.at(-1)!;
  stdout.write(`Session ${sid}\n`);
  stdout.write(`Resume it:  npx oh-tui --session ${sid}\n`);
  if (vscodeUrl) stdout.write(`VS Code:    ${vscodeUrl}\n`);
  const debugLog = debugLogFile();
  if (debugLog) stdout.write(`Debug log:  ${debugLog}\n`);
  stdout.write(
    config.sandbox.keep_runtime_alive
      ? `The runtime container keeps running ([sandbox] keep_runtime_alive).\n`
      : `The runtime container is stopped and kept for --session ${sid}.\n`,
  );
  const earlier = [...new Set(visited.slice(0, -1))].filter((other) => other !== sid);
  if (earlier.length > 0) stdout.write(`Earlier sessions of this run (resume with --session <sid>): ${earlier.join(', ')}\n`);
  return trap.received()?.exitCode ?? 0;
}

/** One session on the screen, until quit or a switch; its runtime is closed and its session released either way. */
async function runOneSession(context: ScreenContext, opened: StoredSession): Promise<{ending: Ending; vscodeUrl: string | undefined}> {
  const {config, store, trap} = context;
  const {sid, session} = opened;
  const {stdout, stdin} = process;
  const env = process.env;
  const container = runtimeContainerName(config, sid);
  const emulator = new TerminalEmulator({cols: stdout.columns || 80, rows: 10});
  // Until the screen is gone: notes after it (a stop that failed at quit) are printed as lines.
  let screenOpen = true;
  const viewStore = new SessionViewStore(
    {state: 'starting', detail: '', container, image: undefined, vscodeUrl: undefined, vscodeNote: undefined},
    session.stream.all(),
  );
  const unsubscribe = session.stream.subscribe((event) => viewStore.addEvent(event));
  let ending = {type: 'quit'} as Ending;
  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => {
    quit = resolve;
  });
  // A signal during a switch keeps the opened next session in `ending`: the loop closes it and stops.
  const onSignal = () => quit();
  trap.signal.addEventListener('abort', onSignal);

  // The next session is opened (locked) before this one ends, so a refusal leaves the user here.
  const switchTo = (target: string) => {
    viewStore.setPicker(undefined);
    // Once a switch is under way, a second /new or pick must not open (and lock) another session.
    if (target === sid || ending.type === 'switch') return;
    try {
      ending = {type: 'switch', next: openStored(store, config, target, env)};
      quit();
    } catch (error) {
      viewStore.addNote(`Cannot switch to session ${target}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const {runtime} = opened;
  const agent = attachAgent({createAgent: context.createAgent, stream: session.stream, runtime, views: viewStore, task: context.task});
  const onRuntimeChange = (view: RuntimeView) => {
    // Inline, the link goes into the scrollback once (the one-line header has no room for it).
    if (context.inline && view.vscodeUrl && view.vscodeUrl !== viewStore.getSnapshot().runtime.vscodeUrl) {
      viewStore.addNote(`VS Code: ${view.vscodeUrl}`);
    }
    viewStore.setRuntime(view);
    // A runtime that came up needs no build view, even one left by an earlier failed build.
    if (view.state === 'running') viewStore.setBuild(undefined);
    if (view.image && view.image !== session.meta().image) session.update({image: view.image});
    agent.runtimeChanged(view);
  };
  opened.show({
    setRecordingStopped: (reason) => viewStore.setRecordingStopped(reason),
    build: inAppBuild(viewStore),
    onChange: onRuntimeChange,
    onOutput: (text) => emulator.write(text),
    onRunning: (running) => viewStore.setCommandRunning(running),
    // After the screen is gone (a stop that failed at quit), notes go to the terminal as lines.
    onNote: (text) => (screenOpen ? viewStore.addNote(text) : stdout.write(`oh-tui: ${text}\n`)),
  });
  // The runtime started before the screen: it may be further on already.
  onRuntimeChange(runtime.view);

  const onSubmit = (text: string) => {
    const intent = parseInput(text);
    switch (intent.type) {
      case 'empty':
        return;
      case 'error':
        return viewStore.addNote(intent.message);
      case 'message':
        return agent.message(intent.text);
      case 'shell':
        if (runtime.view.state !== 'running') {
          return viewStore.addNote(
            `The runtime is ${runtime.view.state}${runtime.view.detail ? ` (${runtime.view.detail})` : ''}: Ctrl+R or /restart brings it back.`,
          );
        }
        // A rule between commands in the terminal pane (it keeps the previous command's screen above).
        emulator.write(`\r\n\x1b[2m❯ ${intent.command}\x1b[0m\r\n`);
        void runtime.runShell(intent.command);
        return;
      case 'command':
        switch (intent.name) {
          case 'help':
            return viewStore.addNote(helpText());
          case 'vscode':
            return viewStore.addNote(
              runtime.view.vscodeUrl
                ? `VS Code: ${runtime.view.vscodeUrl}`
                : `No VS Code link yet: ${runtime.view.vscodeNote ?? 'the runtime is not ready'}`,
            );
          case 'restart':
            void runtime.restart();
            return;
          case 'confirm':
            return agent.toggleConfirmationMode();
          case 'exit':
            return quit();
          case 'new':
            return switchTo(newSessionId());
          case 'sessions':
            return viewStore.setPicker(pickerFor(store.list(), config.core.workspace_base, sid));
        }
    }
  };

  const ui = renderSessionUi({
    sid,
    workspace: config.core.workspace_base,
    store: viewStore,
    emulator,
    history: readInputHistory(session.dir),
    openLink: browserOpener,
    color: colorEnabled(config, env),
    stdout,
    stdin,
    inline: context.inline,
    onSubmit,
    onTypeToCommand: (text) => void runtime.typeInput(`${text}\n`),
    onHistoryChange: (entries) => writeInputHistory(session.dir, entries),
    onInterrupt: () => {
      runtime.interrupt();
      agent.stop();
    },
    onStopAgent: () => agent.stop(),
    onConfirm: (answer) => agent.confirm(answer),
    onRestart: () => void runtime.restart(),
    onQuit: () => quit(),
    onPickSession: switchTo,
    onClosePicker: () => viewStore.setPicker(undefined),
  });
  // A render error ends the app: it is a bug, reported once the terminal and the runtime are put right.
  let failure: unknown;
  ui.exited.then(
    () => quit(),
    (error: unknown) => {
      failure = error;
      quit();
    },
  );
  await quitting;
  agent.stop();
  const switching = ending.type === 'switch';
  const vscodeUrl = runtime.view.vscodeUrl;
  // Inline, the live part is wiped before the last frame: only the printed conversation stays.
  if (context.inline) await viewStore.end();
  try {
    if (switching) {
      // Still in the alternate screen: say what happens while the container stops.
      viewStore.addNote(`Switching sessions: stopping the runtime container ${container}…`);
      await runtime.close();
      await ui.unmount();
      if (!context.inline) clearForNextScreen(stdout);
    } else {
      await ui.unmount();
      context.mode.restore();
      screenOpen = false;
      stdout.write(`oh-tui: stopping the session's runtime container ${container}…\n`);
      await runtime.close();
    }
  } catch (error) {
    if (ending.type === 'switch') await ending.next.discard();
    throw error;
  } finally {
    trap.signal.removeEventListener('abort', onSignal);
    unsubscribe();
    agent.dispose();
    session.update(agent.agent ? {agent_state: agent.agent.status.state} : {});
    session.close();
    emulator.dispose();
  }
  if (failure !== undefined) throw failure;
  return {ending, vscodeUrl};
}
