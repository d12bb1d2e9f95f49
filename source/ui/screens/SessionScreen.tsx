import {Box, type DOMElement, measureElement, Text, useInput} from 'ink';
import {useCallback, useContext, useLayoutEffect, useMemo, useRef, useState} from 'react';
import type {ConfirmationAnswer} from '../../agent/agent-api.js';
import {withDraft} from '../../events/transcript.js';
import {useEventsScroll} from '../hooks/use-events-scroll.js';
import {useNotice} from '../hooks/use-notice.js';
import {useSessionKeys} from '../hooks/use-session-keys.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {nextFocus} from '../keys/focus.js';
import type {Focus} from '../keys/key-context.js';
import type {ScreenIntent, ScrollAction} from '../keys/screen-intent.js';
import type {ScrollIntent} from '../layout/viewport.js';
import {isMouseReport, parseMouseWheel, wheelScroll} from '../mouse-wheel.js';
import {notice as makeNotice} from '../notices/notice.js';
import {Composer} from '../panes/Composer.js';
import {ConfirmPrompt} from '../panes/ConfirmPrompt.js';
import {EventsPane} from '../panes/EventsPane.js';
import {Footer} from '../panes/Footer.js';
import {Header} from '../panes/Header.js';
import {InlineTranscript} from '../panes/InlineTranscript.js';
import {SessionPicker} from '../panes/SessionPicker.js';
import {TerminalPane} from '../panes/TerminalPane.js';
import {LiveBuildScreen} from '../run-build-ui.js';
import {agentWorking} from '../session/agent-working.js';
import type {SessionView} from '../session/session-view-store.js';
import type {TerminalEmulator} from '../terminal/terminal-emulator.js';
import {ColorContext, palette} from '../theme.js';
import type {LinkOpener} from '../../runtime/open-link.js';
import {BuildScreen} from './BuildScreen.js';

export interface SessionScreenProps {
  sid: string;
  workspace: string;
  view: SessionView;
  emulator: TerminalEmulator;
  history: readonly string[];
  openLink: LinkOpener;
  /** A line from the composer that is not for the running command: a message, `!cmd` or `/command`. */
  onSubmit: (text: string) => void;
  /** A line typed while a command runs: its stdin. */
  onTypeToCommand: (text: string) => void;
  onHistoryChange: (entries: readonly string[]) => void;
  onInterrupt: () => void;
  onRestart: () => void;
  onQuit: () => void;
  /** Enter in the /sessions picker. */
  onPickSession: (sid: string) => void;
  onClosePicker: () => void;
  /**
   * `--inline`: no alternate screen. Finished events are printed once into the terminal's own
   * scrollback; only the live part (a one-line header, a running command and its terminal pane,
   * the composer, the footer) is redrawn, so it must stay shorter than the terminal.
   */
  inline?: boolean;
  /** y/n/a while the agent waits for a confirmation. */
  onConfirm?: (answer: ConfirmationAnswer) => void;
  /** Esc while the agent works: stop its step. */
  onStopAgent?: () => void;
}

const pageScrolls: Record<ScrollAction, ScrollIntent> = {
  pageUp: {type: 'pages', delta: -1},
  pageDown: {type: 'pages', delta: 1},
  lineUp: {type: 'lines', delta: -1},
  lineDown: {type: 'lines', delta: 1},
  home: {type: 'home'},
  end: {type: 'end'},
};

/** The terminal pane's share of the height when shown: a third, at least 5 rows. */
const terminalRows = (rows: number) => Math.max(5, Math.floor(rows / 3));

/** The panes Tab moves between: inline, the conversation is the terminal's scrollback, not a pane. */
function paneOrder(inline: boolean, terminalVisible: boolean): Focus[] {
  const panes: Focus[] = inline ? ['composer'] : ['composer', 'events'];
  return terminalVisible ? [...panes, 'terminal'] : panes;
}

/** The session screen, full screen or (`inline`) below the conversation printed into the scrollback. */
export function SessionScreen(props: SessionScreenProps) {
  return props.inline ? <InlineSessionScreen {...props} /> : <SessionLayout {...props} />;
}

/**
 * Inline: the printed conversation, then the live part. Once the session has ended the live part
 * is wiped, so only what was printed stays; the printed part keeps its place in the tree (a
 * remount would print it all again).
 */
function InlineSessionScreen(props: SessionScreenProps) {
  const {columns, rows = 24} = useTerminalSize();
  const live = !props.view.ended;
  return (
    <Box flexDirection="column" width={columns}>
      <InlineTranscript
        sid={props.sid}
        transcript={props.view.transcript}
        draft={props.view.agent?.draft}
        width={columns}
        liveRows={live ? Math.max(1, terminalRows(rows) - 2) : 0}
      />
      {live && <SessionLayout {...props} />}
    </Box>
  );
}

/**
 * The session screen: header (session, runtime state, VS Code link), the conversation, the live
 * terminal of the running command, the composer and the footer; or, while the runtime image is
 * built, the build screen in the conversation's place. It renders the SessionView and turns keys
 * into calls; it runs nothing itself.
 */
function SessionLayout(props: SessionScreenProps) {
  const {view} = props;
  const inline = props.inline === true;
  const color = useContext(ColorContext);
  const {columns, rows: terminalHeight = 24} = useTerminalSize();
  // One row short of the terminal: Ink 6.8 clears the whole terminal before a frame as tall as it.
  const rows = Math.max(10, terminalHeight - 1);
  const [focus, setFocus] = useState<Focus>('composer');
  const [terminalShown, setTerminalShown] = useState(true);
  const [notice, notify] = useNotice();
  const runtimeLost = view.runtime.state === 'lost' || view.runtime.state === 'stopped';
  const agentState = view.agent?.state;
  const awaitingConfirmation = agentState === 'awaiting_user_confirmation';
  const context = {
    focus,
    commandRunning: view.commandRunning,
    runtimeLost,
    pickerOpen: view.picker !== undefined,
    agentRunning: agentWorking(agentState),
    awaitingConfirmation,
  };
  // The agent's answer as it streams in, as a last item until its event replaces it.
  const transcript = useMemo(() => withDraft(view.transcript, view.agent?.draft), [view.transcript, view.agent?.draft]);

  // The chrome's heights are measured after each layout; the conversation takes what is left.
  const header = useRef<DOMElement>(null);
  const bottom = useRef<DOMElement>(null);
  const [chrome, setChrome] = useState({header: 3, bottom: 4});
  useLayoutEffect(() => {
    const measured = {
      header: header.current ? measureElement(header.current).height : 3,
      bottom: bottom.current ? measureElement(bottom.current).height : 4,
    };
    if (measured.header !== chrome.header || measured.bottom !== chrome.bottom) setChrome(measured);
  });
  // Inline, the terminal pane shows only while a command runs (an idle one would only take room),
  // and a build or the picker gets a third of the terminal.
  const terminalVisible = terminalShown && (!inline || view.commandRunning);
  const terminalPaneHeight = terminalVisible ? terminalRows(rows) : 0;
  const mainHeight = inline
    ? terminalRows(rows)
    : Math.max(3, rows - chrome.header - chrome.bottom - terminalPaneHeight - (terminalShown ? 1 : 0));
  const scroll = useEventsScroll(transcript, columns, mainHeight);

  const onIntent = useCallback(
    (intent: ScreenIntent) => {
      switch (intent.type) {
        case 'interrupt':
          return props.onInterrupt();
        case 'quit':
          return props.onQuit();
        case 'stopAgent':
          notify(makeNotice('Stopping the agent…'));
          return props.onStopAgent?.();
        case 'restartRuntime':
          notify(makeNotice('Restarting the runtime…'));
          return props.onRestart();
        case 'toggleTerminal':
          setTerminalShown((shown) => !shown);
          if (focus === 'terminal') setFocus('composer');
          return;
        case 'focus':
          return setFocus((current) => nextFocus(current, paneOrder(inline, terminalVisible), intent.step));
        case 'scroll':
          // Inline, the conversation is the terminal's own scrollback: the terminal scrolls it.
          if (intent.pane === 'events') {
            if (!inline) scroll.scroll(pageScrolls[intent.action]);
          } else props.emulator.scroll(pageScrolls[intent.action]);
          return;
      }
    },
    [props, notify, focus, inline, terminalVisible, scroll],
  );
  useSessionKeys({context, vscodeUrl: view.runtime.vscodeUrl, openLink: props.openLink, notify, onIntent});
  // The mouse wheel scrolls the conversation (reports arrive only in full screen, where we ask for them).
  useInput((input) => {
    if (!isMouseReport(input)) return;
    const intent = wheelScroll(parseMouseWheel(input));
    if (intent) scroll.scroll(intent);
  });

  const onSubmit = useCallback(
    (text: string, meta: {toRunningCommand: boolean}) => (meta.toRunningCommand ? props.onTypeToCommand(text) : props.onSubmit(text)),
    [props],
  );

  const runtime = view.runtime;
  return (
    <Box flexDirection="column" width={columns} height={inline ? undefined : rows}>
      <Box ref={header} flexDirection="column">
        <Header
          sid={props.sid}
          container={runtime.container}
          state={runtime.state}
          image={runtime.image}
          workspace={props.workspace}
          // A stopped or lost runtime's link is dead: its line says why the runtime is down instead.
          vscodeUrl={runtimeLost ? undefined : runtime.vscodeUrl}
          vscodeNote={runtimeLost && runtime.detail ? runtime.detail : (runtime.vscodeNote ?? (runtime.detail || undefined))}
          columns={columns}
          compact={inline}
          agent={view.agent}
        />
      </Box>
      {view.picker ? (
        <SessionPicker
          picker={view.picker}
          width={columns}
          height={mainHeight}
          onPick={props.onPickSession}
          onClose={props.onClosePicker}
        />
      ) : view.build ? (
        // Taller than its place: clipped at the top, so the newest steps, the log and the outcome stay
        // in view; never shrunk (shrunk rows overlapped and mixed their text).
        <Box flexDirection="column" height={mainHeight} overflow="hidden" justifyContent="flex-end">
          <Box flexDirection="column" flexShrink={0}>
            {view.build.final ? (
              <>
                <BuildScreen plan={view.build.plan} progress={view.build.final} showRawLog={false} now={Date.now()} color={color} />
                <Text color={color ? palette.warning : undefined}>
                  The build failed: fix the cause, then Ctrl+R (or /restart) builds again.
                </Text>
              </>
            ) : (
              <LiveBuildScreen plan={view.build.plan} snapshot={view.build.snapshot} onCancel={view.build.cancel} color={color} embedded />
            )}
          </Box>
        </Box>
      ) : inline ? null : (
        <EventsPane transcript={transcript} position={scroll.position} layout={scroll.layout} width={columns} height={mainHeight} />
      )}
      {terminalVisible && (
        <>
          <Text wrap="truncate" color={color ? (focus === 'terminal' ? palette.accent : palette.muted) : undefined}>
            {`── terminal ${view.commandRunning ? '(running) ' : ''}`.padEnd(columns, '─')}
          </Text>
          <TerminalPane emulator={props.emulator} width={columns} height={terminalPaneHeight} />
        </>
      )}
      <Box ref={bottom} flexDirection="column">
        {view.recordingStopped && <Text color={color ? palette.error : undefined}>{view.recordingStopped}</Text>}
        {awaitingConfirmation && <ConfirmPrompt item={awaitingItem(view)} columns={columns} />}
        <Composer
          focused={focus === 'composer' && !view.picker}
          busy={view.commandRunning}
          columns={columns}
          maxRows={5}
          history={props.history}
          onSubmit={onSubmit}
          onHistoryChange={props.onHistoryChange}
          awaitingConfirmation={awaitingConfirmation}
          onConfirm={props.onConfirm}
        />
        <Footer context={context} notice={notice} columns={columns} />
      </Box>
    </Box>
  );
}

function awaitingItem(view: SessionView) {
  const index = view.transcript.awaiting;
  return index === undefined ? undefined : view.transcript.items.at(index);
}
