import {colorEnabled} from '../config/color.js';
import type {Config} from '../config/types.js';
import {messageAction} from '../events/actions.js';
import {toEventJson} from '../events/event-json.js';
import {errorObservation} from '../events/observations.js';
import {unansweredActions} from '../events/unanswered.js';
import {trapExitSignals} from '../lib/exit-signals.js';
import {LiveSession} from '../runtime/live-session.js';
import {readInputHistory, writeInputHistory} from '../session/input-history-file.js';
import {SessionStore} from '../session/session-store.js';
import {parseInput} from '../ui/commands/parse-input.js';
import {helpText} from '../ui/docs/help-text.js';
import {renderSessionUi} from '../ui/run-session-ui.js';
import {inAppBuild} from '../ui/session/in-app-build.js';
import {SessionViewStore} from '../ui/session/session-view-store.js';
import {TerminalEmulator} from '../ui/terminal/terminal-emulator.js';
import {enterTerminalMode} from '../ui/terminal-mode.js';
import {browserOpener} from '../ui/vscode/open-vscode.js';

const NO_AGENT =
  'No agent is configured yet, so messages are recorded but nobody answers. Run shell commands with !<command> (e.g. !ls); /help lists the keys and commands.';

/**
 * The session screen: opens the session's store (refusing a second client), shows the screen at
 * once, brings the runtime up behind it (building the image inside the app when needed), records
 * every `!command` and message as events, and on every way out (Ctrl+C twice, /exit, SIGTERM,
 * SIGHUP) restores the terminal, stops the container (unless keep_runtime_alive), releases the
 * session and prints how to resume it.
 */
export async function runSessionScreen(options: {config: Config; sid: string}): Promise<number> {
  const {config, sid} = options;
  const {stdout, stdin} = process;
  const env = process.env;
  const container = `${config.sandbox.container_name_prefix}${sid}`;
  const store = new SessionStore(config.core.file_store_path);
  let views: SessionViewStore | undefined;
  const session = store.open(sid, {
    origin: {workspace: config.core.workspace_base, image: '', container},
    onRecordingStopped: (reason) => views?.setRecordingStopped(reason),
  });
  const emulator = new TerminalEmulator({cols: stdout.columns || 80, rows: 10});
  const viewStore = new SessionViewStore(
    {state: 'starting', detail: '', container, image: undefined, vscodeUrl: undefined, vscodeNote: undefined},
    session.stream.all(),
  );
  views = viewStore;
  for (const warning of session.warnings) viewStore.addNote(`warning: ${warning}`);
  const unsubscribe = session.stream.subscribe((event) => viewStore.addEvent(event));
  // A client that died mid-command (kill -9) left actions without an answer: close each, honestly.
  for (const cause of unansweredActions(session.stream.all())) {
    const note = 'oh-tui stopped while this ran (the client was killed or crashed): what it printed after that was not recorded.';
    session.stream.add(toEventJson({...errorObservation(note), source: 'environment', cause}));
  }

  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => {
    quit = resolve;
  });
  const trap = trapExitSignals({onSecond: (interrupted) => process.exit(interrupted.exitCode)});
  trap.signal.addEventListener('abort', () => quit());

  const runtime = new LiveSession({
    config,
    sid,
    env,
    stream: session.stream,
    build: inAppBuild(viewStore),
    onChange: (view) => {
      viewStore.setRuntime(view);
      // A runtime that came up needs no build view, even one left by an earlier failed build.
      if (view.state === 'running') viewStore.setBuild(undefined);
      if (view.image && view.image !== session.meta().image) session.update({image: view.image});
    },
    onOutput: (text) => emulator.write(text),
    onRunning: (running) => viewStore.setCommandRunning(running),
    // After the screen is gone (a stop that failed at quit), notes go to the terminal as lines.
    onNote: (text) => (screenOpen ? viewStore.addNote(text) : stdout.write(`oh-tui: ${text}\n`)),
  });

  const onSubmit = (text: string) => {
    const intent = parseInput(text);
    switch (intent.type) {
      case 'empty':
        return;
      case 'error':
        return viewStore.addNote(intent.message);
      case 'message':
        session.stream.add(toEventJson(messageAction(intent.text)));
        return viewStore.addNote(NO_AGENT);
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
          case 'exit':
            return quit();
          case 'new':
          case 'sessions':
            return viewStore.addNote(
              `/${intent.name} is not available yet: quit (Ctrl+C twice) and run \`npx oh-tui\` for a new session, or \`npx oh-tui sessions\` to list them.`,
            );
        }
    }
  };

  // A terminal that hangs up (SIGHUP: the window closed, SSH lost) fails later writes with EIO; that
  // must not crash us before the container is stopped and the session released.
  let screenOpen = true;
  const ignore = () => {};
  stdout.on('error', ignore);
  stdin.on('error', ignore);
  const mode = enterTerminalMode(stdout, {fullscreen: true, mouse: true, bracketedPaste: true});
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
    onSubmit,
    onTypeToCommand: (text) => void runtime.typeInput(`${text}\n`),
    onHistoryChange: (entries) => writeInputHistory(session.dir, entries),
    onInterrupt: () => runtime.interrupt(),
    onRestart: () => void runtime.restart(),
    onQuit: () => quit(),
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
  void runtime.start();

  await quitting;
  try {
    await ui.unmount();
  } finally {
    mode.restore();
    screenOpen = false;
  }
  const vscodeUrl = runtime.view.vscodeUrl;
  stdout.write(`oh-tui: stopping the session's runtime container ${container}…\n`);
  try {
    await runtime.close();
  } finally {
    unsubscribe();
    session.update({});
    session.close();
    emulator.dispose();
    trap.dispose();
  }
  stdout.write(`Session ${sid}\n`);
  stdout.write(`Resume it:  npx oh-tui --session ${sid}\n`);
  if (vscodeUrl) stdout.write(`VS Code:    ${vscodeUrl}\n`);
  stdout.write(
    config.sandbox.keep_runtime_alive
      ? `The runtime container keeps running ([sandbox] keep_runtime_alive).\n`
      : `The runtime container is stopped and kept for --session ${sid}.\n`,
  );
  if (failure !== undefined) throw failure;
  return trap.received()?.exitCode ?? 0;
}
