import type {AgentApi, ConfirmationAnswer} from '../agent/agent-api.js';
import {HOW_TO_CONFIGURE_LLM} from '../config/selected-llm.js';
import {messageAction} from '../events/actions.js';
import {toEventJson} from '../events/event-json.js';
import type {LiveSession, RuntimeView} from '../runtime/live-session.js';
import type {EventStream} from '../session/event-stream.js';
import type {SessionViewStore} from '../ui/session/session-view-store.js';
import type {AgentFactory} from './agent-factory.js';

export const NO_AGENT = `No agent: no LLM is configured, so your message is recorded but nobody answers. To add one, ${HOW_TO_CONFIGURE_LLM}. Meanwhile !<command> runs shell commands (e.g. !ls); /help lists the keys and commands.`;

/** What the session screen does with the agent: messages, confirmations, stopping, and the -t task. */
export interface ScreenAgent {
  readonly agent: AgentApi | undefined;
  /** Plain text from the composer: to the agent (once the runtime runs), or recorded with a note saying there is none. */
  message(text: string): void;
  confirm(answer: ConfirmationAnswer): void;
  toggleConfirmationMode(): void;
  /** Esc or Ctrl+C: stops the agent's step. */
  stop(): void;
  /** Told of each runtime change: messages held while it came up are sent once it runs. */
  runtimeChanged(view: RuntimeView): void;
  dispose(): void;
}

/**
 * The session's agent on the screen: made by `createAgent` (none without an LLM), its status
 * shown in the header (batched by the view store), and the task given with -t sent as the first
 * message once the runtime is running.
 */
export function attachAgent(options: {
  createAgent: AgentFactory | undefined;
  stream: EventStream<Record<string, unknown>>;
  runtime: LiveSession;
  views: SessionViewStore;
  task: string | undefined;
}): ScreenAgent {
  const {stream, runtime, views} = options;
  const agent = options.createAgent?.(stream, runtime);
  const held: string[] = options.task === undefined ? [] : [options.task];
  const unsubscribe = agent?.onStatus((status) => views.setAgent(status));
  if (agent) views.setAgent(agent.status);

  const send = (text: string) => {
    agent
      ?.send(text)
      .catch((error: unknown) => views.addNote(`The agent failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  const flush = () => {
    if (runtime.view.state !== 'running') return;
    for (const text of held.splice(0)) send(text);
  };

  const screen: ScreenAgent = {
    agent,
    message(text) {
      if (!agent) {
        stream.add(toEventJson(messageAction(text)));
        views.addNote(NO_AGENT);
        return;
      }
      if (runtime.view.state === 'running') return send(text);
      held.push(text);
      views.addNote(`The runtime is ${runtime.view.state}: your message goes to the agent once it runs.`);
    },
    confirm(answer) {
      agent?.confirm(answer);
    },
    toggleConfirmationMode() {
      if (!agent) return views.addNote(NO_AGENT);
      const on = !agent.status.confirmationMode;
      agent.setConfirmationMode(on);
      views.addNote(
        on ? 'Confirmation mode on: commands and edits wait for y (run), n (reject) or a (run all this turn).' : 'Confirmation mode off.',
      );
    },
    stop() {
      agent?.stop();
    },
    runtimeChanged: () => {
      if (agent) flush();
    },
    dispose() {
      unsubscribe?.();
      views.dispose();
    },
  };
  // Without an agent the -t task is recorded as a message at once, with the note saying why nobody answers.
  if (!agent && options.task !== undefined) screen.message(options.task);
  return screen;
}
