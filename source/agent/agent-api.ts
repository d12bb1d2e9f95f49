import type {AgentState} from '../events/actions.js';
import type {TokenUsage} from './model-client.js';

/** How the user answers an action that waits for confirmation: y runs it, n rejects it, a runs the rest of the turn too. */
export type ConfirmationAnswer = 'yes' | 'no' | 'all';

/** What the header shows of the agent, besides the events. */
export interface AgentStatus {
  state: AgentState;
  /** `provider/model`, or undefined when no LLM is configured. */
  model: string | undefined;
  usage: TokenUsage;
  /** USD spent in this session so far; undefined when the model's prices are unknown. */
  cost: number | undefined;
  confirmationMode: boolean;
  /** The agent's answer as it streams in, until its event is recorded. */
  draft: string | undefined;
  /** Why the agent stopped (max_iterations, budget, an LLM error), or ''. */
  reason: string;
  /** A passing note while the agent works (an LLM call being retried), or undefined. */
  note?: string;
}

/**
 * The controller as the screen and the headless runner use it. Everything it does is recorded in
 * the session's EventStream (which both consume); `onStatus` tells of the rest.
 */
export interface AgentApi {
  readonly status: AgentStatus;
  /** Records the user's message and runs the agent until it waits for the user, finishes, stops or fails. */
  send(text: string): Promise<void>;
  /** Ctrl+C / Esc: stops the current step and the running command; the agent waits for the user. */
  stop(): void;
  /** Answers the action waiting for confirmation. */
  confirm(answer: ConfirmationAnswer): void;
  setConfirmationMode(on: boolean): void;
  onStatus(listener: (status: AgentStatus) => void): () => void;
}
