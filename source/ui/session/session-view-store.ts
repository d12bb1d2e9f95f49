import type {AgentStatus} from '../../agent/agent-api.js';
import type {Transcript} from '../../events/transcript.js';
import {addRuntimeNote, emptyTranscript, reduceTranscript, reduceTranscriptAll, type TranscriptEvent} from '../../events/transcript.js';
import type {BuildProgress} from '../../image/build-progress.js';
import type {ImagePlan} from '../../image/plan.js';
import type {RuntimeView} from '../../runtime/live-session.js';
import type {Snapshot} from '../hooks/use-throttled-snapshot.js';
import type {PickerState} from '../sessions/session-picker.js';

/** An image build shown inside the session screen; `final` once it is over and failed. */
export interface BuildView {
  plan: ImagePlan;
  snapshot: Snapshot<BuildProgress>;
  cancel: () => void;
  final: BuildProgress | undefined;
}

/** Everything the session screen renders that does not belong to one component. */
export interface SessionView {
  runtime: RuntimeView;
  transcript: Transcript;
  commandRunning: boolean;
  build: BuildView | undefined;
  /** Why events are no longer recorded (a full disk); undefined while they are. */
  recordingStopped: string | undefined;
  /** The /sessions picker while it is open. */
  picker: PickerState | undefined;
  /** The session is over (quit or switch): inline, the live part is wiped before the screen goes. */
  ended: boolean;
  /** The agent's state, model, usage and streaming draft; undefined without an agent (no LLM configured). */
  agent: AgentStatus | undefined;
}

/**
 * The agent's status reaches the screen at most this often, however fast tokens stream in: 25 times a
 * second. At 33 ms the screen drew ~30.5 frames a second (timers and the clock's milliseconds round
 * up, and other updates add theirs), over the 30 it is allowed (bench/agent-draft.mjs).
 */
export const AGENT_REPAINT_MS = 40;

/**
 * The session screen's state outside React, written by the runtime and the event stream (which
 * know nothing of Ink) and read by the screen through useSyncExternalStore. Each write makes a new
 * snapshot object; the transcript is reduced one event at a time.
 */
export class SessionViewStore {
  #view: SessionView;
  readonly #listeners = new Set<() => void>();
  #agentPending: AgentStatus | undefined;
  #agentTimer: ReturnType<typeof setTimeout> | undefined;
  #agentShownAt = Number.NEGATIVE_INFINITY;

  constructor(runtime: RuntimeView, history: readonly TranscriptEvent[]) {
    this.#view = {
      runtime,
      transcript: reduceTranscriptAll(emptyTranscript, history),
      commandRunning: false,
      build: undefined,
      recordingStopped: undefined,
      picker: undefined,
      ended: false,
      agent: undefined,
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionView => this.#view;

  addEvent(event: TranscriptEvent): void {
    const transcript = reduceTranscript(this.#view.transcript, event);
    // The agent's recorded answer replaces its draft in the same frame (its status may come a little later).
    const agent = this.#view.agent;
    if (event.source === 'agent' && typeof event.action === 'string' && agent?.draft !== undefined) {
      if (this.#agentPending?.draft !== undefined) this.#agentPending = {...this.#agentPending, draft: undefined};
      this.#set({transcript, agent: {...agent, draft: undefined}});
    } else {
      this.#set({transcript});
    }
  }

  /** A line of the client's own (help, a link, a refusal) shown in the conversation, not recorded. */
  addNote(text: string): void {
    this.#set({transcript: addRuntimeNote(this.#view.transcript, text)});
  }

  setRuntime(runtime: RuntimeView): void {
    this.#set({runtime});
  }

  setCommandRunning(commandRunning: boolean): void {
    this.#set({commandRunning});
  }

  setBuild(build: BuildView | undefined): void {
    this.#set({build});
  }

  setPicker(picker: PickerState | undefined): void {
    this.#set({picker});
  }

  /** Marks the session over; resolves once React has had a turn to draw it (before an unmount). */
  async end(): Promise<void> {
    this.#set({ended: true});
    await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * The agent's status, batched: the first change shows at once, later ones within AGENT_REPAINT_MS
   * (the newest wins), so a draft growing by a token a millisecond repaints ~25 times a second.
   */
  setAgent(agent: AgentStatus | undefined, now = Date.now()): void {
    this.#agentPending = agent;
    if (this.#agentTimer !== undefined) return;
    const wait = this.#agentShownAt + AGENT_REPAINT_MS - now;
    if (wait <= 0) {
      this.#showAgent(now);
      return;
    }
    this.#agentTimer = setTimeout(() => this.#showAgent(Date.now()), wait);
    this.#agentTimer.unref?.();
  }

  /** Stops a pending agent repaint (the screen is going away). */
  dispose(): void {
    if (this.#agentTimer !== undefined) clearTimeout(this.#agentTimer);
    this.#agentTimer = undefined;
  }

  #showAgent(now: number): void {
    this.#agentTimer = undefined;
    this.#agentShownAt = now;
    this.#set({agent: this.#agentPending});
  }

  setRecordingStopped(reason: string): void {
    this.#set({recordingStopped: reason});
  }

  #set(patch: Partial<SessionView>): void {
    this.#view = {...this.#view, ...patch};
    for (const listener of [...this.#listeners]) listener();
  }
}
