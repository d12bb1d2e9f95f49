import type {Config} from '../config/types.js';
import {runtimeContainerName} from '../docker/containers.js';
import {toEventJson} from '../events/event-json.js';
import {errorObservation} from '../events/observations.js';
import {unansweredActions} from '../events/unanswered.js';
import {LiveSession} from '../runtime/live-session.js';
import type {OpenSession, SessionStore} from '../session/session-store.js';
import {ScreenLink, type SessionScreenTarget} from './screen-link.js';

/**
 * A session opened in the store (locked, history loaded) with its runtime already coming up,
 * waiting for its screen: the runtime's round trips to the engine and the container overlap the
 * loading of the screen's code and the drawing of the history instead of following them.
 */
export interface StoredSession {
  sid: string;
  session: OpenSession;
  runtime: LiveSession;
  /** Connects the runtime's reports and the store's warnings to the screen, once it exists. */
  show(screen: SessionScreenTarget): void;
  /** For a session never shown (a signal or an error before its screen): its runtime stopped, its lock released. */
  discard(): Promise<void>;
  /** Notes of the runtime that no screen showed (after discard: a stop that failed). */
  unshownNotes(): readonly string[];
}

/**
 * Opens (locks) a session and starts its runtime; a session held by another client throws the
 * store's UserError naming the holder. Actions a killed client left without an answer are closed
 * here, honestly, before anything else is recorded.
 */
export function openStored(store: SessionStore, config: Config, sid: string, env: Record<string, string | undefined>): StoredSession {
  const link = new ScreenLink();
  const container = runtimeContainerName(config, sid);
  const session = store.open(sid, {
    origin: {workspace: config.core.workspace_base, image: '', container},
    onRecordingStopped: (reason) => link.recordingStopped(reason),
    // Someone removed the lock, or the disk failed under it: another client could now open the
    // session too. Said, not fatal: the session goes on.
    onLockLost: (error) =>
      link.onNote(
        `warning: this session's lock was lost (${error.message.split('\n')[0]}): another oh-tui could open it and both would record into it. Quit and reopen the session to lock it again.`,
      ),
  });
  for (const warning of session.warnings) link.onNote(`warning: ${warning}`);
  for (const cause of unansweredActions(session.stream.all())) {
    const note = 'oh-tui stopped while this ran (the client was killed or crashed): what it printed after that was not recorded.';
    session.stream.add(toEventJson({...errorObservation(note), source: 'environment', cause}));
  }
  const runtime = new LiveSession({config, sid, env, stream: session.stream, ...link.callbacks});
  void runtime.start();
  return {
    sid,
    session,
    runtime,
    show: (target) => link.attach(target),
    async discard() {
      try {
        await runtime.close();
      } finally {
        session.close();
      }
    },
    unshownNotes: () => link.unshownNotes(),
  };
}
