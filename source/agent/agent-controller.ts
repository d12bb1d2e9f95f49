import {type Action, type AgentState, type ConfirmationState, messageAction} from '../events/actions.js';
import type {Event} from '../events/event.js';
import {toEventJson} from '../events/event-json.js';
import {
  agentStateChangedObservation,
  agentThinkObservation,
  errorObservation,
  nullObservation,
  type Observation,
  userRejectObservation,
} from '../events/observations.js';
import type {EventStream} from '../session/event-stream.js';
import type {AgentApi, AgentStatus, ConfirmationAnswer} from './agent-api.js';
import {agentNote, notesOf} from './agent-notes.js';
import type {AgentRuntime} from './agent-runtime.js';
import {MessageBuilder, type RecordedEvent} from './build-messages.js';
import {condenseMessages, nextCondensation} from './condense.js';
import {ContextWindowExceededError, type ModelClient, ModelCallError, type ModelTurn} from './model-client.js';
import {needsConfirmation} from './needs-confirmation.js';
import {commandStillRunning, shellMisuse} from './running-command.js';
import type {RepoInstructions} from './repo-instructions.js';
import {systemPrompt} from './system-prompt.js';
import {toolCallsToOutcomes} from './tool-calls.js';
import {AGENT_TOOLS} from './tools.js';
import {addCost, addUsage, lastRecordedUsage, llmMetrics} from './usage.js';

export interface AgentControllerOptions {
  model: ModelClient;
  runtime: AgentRuntime;
  stream: EventStream<Record<string, unknown>>;
  /** Where the workspace is inside the container ([core] workspace_mount_path_in_sandbox). */
  workspacePath: string;
  /** The repository's instructions (AGENTS.md, .openhands/microagents/repo.md), read once on the first send. */
  readInstructions: () => Promise<RepoInstructions[]>;
  /** Most steps (model calls) for one message of the user ([core] max_iterations, -i). */
  maxIterations: number;
  /** Most USD one message of the user may spend ([core] max_budget_per_task, -b); undefined: no limit. */
  maxBudgetPerTask: number | undefined;
  /** Longest observation text the model reads ([llm] max_message_chars). */
  maxMessageChars: number;
  /** Seconds a command runs when the model names no timeout ([sandbox] timeout). */
  commandTimeout: number;
  confirmationMode: boolean;
  /** Rounds of condensing on "context too long" before the step fails. */
  maxCondenseRounds?: number;
}

/** The error ids of the controller's own error events. */
export const AGENT_ERROR_IDS = {
  llm: 'AGENT_ERROR$LLM_CALL_FAILED',
  maxIterations: 'AGENT_ERROR$MAX_ITERATIONS',
  budget: 'AGENT_ERROR$BUDGET_EXCEEDED',
  context: 'AGENT_ERROR$CONTEXT_WINDOW_EXCEEDED',
  internal: 'AGENT_ERROR$INTERNAL',
} as const;

/** Why a step loop ended early: the user stopped it. */
class Stopped extends Error {}

/** How the user answered an action waiting for confirmation, or the stop that ended the wait. */
type ConfirmationOutcome = ConfirmationAnswer | 'stop';

/**
 * The agent: turns the user's message into steps (a model call, then the actions it asks for, run in
 * the container) until the model answers in plain text, calls `finish`, or the agent is stopped or
 * fails. Every message, action, observation and change of state is recorded in the session's event
 * stream (the screen and the headless printer both read it); `onStatus` tells the rest (the draft
 * answer as it streams, tokens, cost). No Ink, no React.
 */
export class AgentController implements AgentApi {
  #status: AgentStatus;
  readonly #listeners = new Set<(status: AgentStatus) => void>();
  #run: Promise<void> | undefined;
  #abort: AbortController | undefined;
  #awaitingAnswer: ((outcome: ConfirmationOutcome) => void) | undefined;
  #instructions: Promise<RepoInstructions[]> | undefined;
  /** How many of the oldest tool results are condensed (recorded in the notes, so a resumed session keeps it). */
  #condensed: number;
  readonly #options: AgentControllerOptions;
  readonly #messages: MessageBuilder;

  constructor(options: AgentControllerOptions) {
    this.#options = options;
    this.#messages = new MessageBuilder(options.maxMessageChars);
    const history = options.stream.all();
    const {usage, cost} = lastRecordedUsage(history);
    this.#condensed = Math.max(0, ...notesOf(history, 'condensed').map((extras) => Number(extras.condensed_results) || 0));
    const resumed = lastRestingState(history);
    this.#status = {
      state: resumed?.state ?? 'init',
      model: options.model.model,
      usage,
      cost,
      confirmationMode: options.confirmationMode,
      draft: undefined,
      reason: resumed?.reason ?? '',
    };
  }

  get status(): AgentStatus {
    return this.#status;
  }

  onStatus(listener: (status: AgentStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  setConfirmationMode(on: boolean): void {
    this.#update({confirmationMode: on});
  }

  /**
   * Records the user's message and runs the agent until it waits for the user again. A message sent
   * while the agent works is recorded and read by its next step.
   */
  send(text: string): Promise<void> {
    this.#record(messageAction(text, 'user'));
    if (this.#run) return this.#run;
    this.#run = this.#runTask().finally(() => {
      this.#run = undefined;
      this.#abort = undefined;
    });
    return this.#run;
  }

  stop(): void {
    if (!this.#abort || this.#abort.signal.aborted) return;
    this.#abort.abort();
    this.#awaitingAnswer?.('stop');
  }

  confirm(answer: ConfirmationAnswer): void {
    this.#awaitingAnswer?.(answer);
  }

  async #runTask(): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    this.#update({reason: '', note: undefined});
    this.#setState('running');
    try {
      const instructions = await this.#repoInstructions();
      const system = systemPrompt({workspacePath: this.#options.workspacePath, instructions});
      const costAtStart = this.#status.cost ?? 0;
      for (let step = 0; ; step++) {
        if (abort.signal.aborted) throw new Stopped();
        const limit = this.#limitReached(step, costAtStart);
        if (limit) return this.#fail(limit.reason, limit.errorId);
        const turn = await this.#complete(system, abort.signal);
        if (!turn) return;
        if (!(await this.#act(turn, abort.signal))) return;
      }
    } catch (error) {
      if (error instanceof Stopped || abort.signal.aborted) {
        this.#recordStop();
        this.#setState('stopped');
        return;
      }
      this.#fail(`The agent failed: ${(error as Error).message}`, AGENT_ERROR_IDS.internal);
    }
  }

  /**
   * The stop's note. An answer stopped while it streamed is kept as the agent's message (the user saw
   * it; the model reads it next time), the note saying it is cut off. It is plain text with no tool
   * call (those are recorded only with a whole answer), so the next request stays valid.
   */
  #recordStop(): void {
    const partial = this.#status.draft?.trimEnd() ?? '';
    if (partial === '') {
      this.#recordNote(agentNote('stopped', 'The agent was stopped by the user.'));
    } else {
      const message = this.#record(messageAction(partial, 'agent'));
      this.#recordNote(
        agentNote('stopped', 'The agent was stopped by the user while it answered: its answer above is cut off there.', {
          interrupted_message: message.id,
        }),
      );
    }
    this.#update({draft: undefined, note: undefined});
  }

  #limitReached(step: number, costAtStart: number): {reason: string; errorId: string} | undefined {
    const {maxIterations, maxBudgetPerTask} = this.#options;
    if (step >= maxIterations) {
      return {
        reason: `The agent reached the most steps allowed for one task (max_iterations = ${maxIterations}); send a message to let it go on.`,
        errorId: AGENT_ERROR_IDS.maxIterations,
      };
    }
    const spent = (this.#status.cost ?? 0) - costAtStart;
    if (maxBudgetPerTask !== undefined && spent >= maxBudgetPerTask) {
      return {
        reason: `The agent spent $${spent.toFixed(4)} on this task, reaching its budget (max_budget_per_task = $${maxBudgetPerTask}).`,
        errorId: AGENT_ERROR_IDS.budget,
      };
    }
    return undefined;
  }

  /** One model call, condensing the context when it is too long; undefined when the task ended (an error was recorded). */
  async #complete(system: string, signal: AbortSignal): Promise<ModelTurn | undefined> {
    const maxRounds = this.#options.maxCondenseRounds ?? 3;
    for (let round = 0; ; round++) {
      const messages = condenseMessages(this.#messages.build(this.#events()), this.#condensed);
      this.#update({draft: undefined, note: undefined});
      try {
        const turn = await this.#options.model.complete(
          {system, messages, tools: AGENT_TOOLS},
          {
            signal,
            onTextDelta: (delta) => this.#update({draft: (this.#status.draft ?? '') + delta}),
            onRetry: ({attempt, waitMs, reason}) =>
              this.#update({note: `The LLM call failed (${reason}); retry ${attempt} in ${Math.ceil(waitMs / 1000)} s.`}),
          },
        );
        if (signal.aborted) throw new Stopped();
        this.#update({usage: addUsage(this.#status.usage, turn.usage), cost: addCost(this.#status.cost, turn.cost), note: undefined});
        return turn;
      } catch (error) {
        if (signal.aborted) throw new Stopped();
        if (error instanceof ContextWindowExceededError) {
          const next = round < maxRounds ? nextCondensation(messages, this.#condensed) : undefined;
          if (next === undefined) {
            this.#fail(
              `The conversation is too long for the model even with old tool outputs condensed: ${error.message}`,
              AGENT_ERROR_IDS.context,
            );
            return undefined;
          }
          const added = next - this.#condensed;
          this.#condensed = next;
          this.#recordNote(
            agentNote(
              'condensed',
              `The conversation was too long for the model: ${added} more of the oldest tool outputs ${added === 1 ? 'is' : 'are'} condensed (${next} in all), and the step is tried again.`,
              {condensed_results: next},
            ),
          );
          continue;
        }
        const message = error instanceof ModelCallError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
        this.#fail(`The LLM call failed: ${message}`, AGENT_ERROR_IDS.llm);
        return undefined;
      }
    }
  }

  /** Records the answer and runs its actions; false when the task ended (an answer, finish, a rejection). */
  async #act(turn: ModelTurn, signal: AbortSignal): Promise<boolean> {
    if (turn.toolCalls.length === 0) {
      this.#record({...messageAction(turn.text, 'agent'), args: {content: turn.text, image_urls: null, wait_for_response: true}});
      this.#update({draft: undefined});
      this.#setState('awaiting_user_input');
      return false;
    }
    const outcomes = toolCallsToOutcomes(turn, {commandTimeout: this.#options.commandTimeout});
    this.#update({draft: undefined});
    let approveAll = false;
    for (const outcome of outcomes) {
      if (signal.aborted) throw new Stopped();
      if (outcome.kind === 'invalid') {
        this.#record({...outcome.error, source: 'agent'});
        continue;
      }
      const {action} = outcome;
      if (action.action === 'finish') {
        this.#record(action);
        this.#setState('finished');
        return false;
      }
      if (action.action === 'think') {
        const recorded = this.#record(action);
        this.#recordObservation(agentThinkObservation(), recorded);
        continue;
      }
      const misuse = shellMisuse(action, commandStillRunning(this.#events()));
      if (misuse) {
        this.#recordObservation(errorObservation(misuse), this.#record(action));
        continue;
      }
      let toRun: Action = action;
      if (this.#status.confirmationMode && !approveAll && needsConfirmation(action)) {
        const answer = await this.#askConfirmation(action);
        if (answer === 'stop') throw new Stopped();
        if (answer === 'no') {
          this.#setState('user_rejected');
          const rejected = this.#record(withConfirmation(action, 'rejected'));
          this.#recordObservation(userRejectObservation(), rejected);
          this.#setState('awaiting_user_input');
          return false;
        }
        approveAll = answer === 'all';
        this.#setState('user_confirmed');
        toRun = withConfirmation(action, 'confirmed');
      }
      const recorded = this.#record(toRun);
      const observation = await this.#runAction(recorded, signal);
      this.#recordObservation(observation, recorded);
      if (this.#status.state !== 'running') this.#setState('running');
    }
    if (signal.aborted) throw new Stopped();
    return true;
  }

  /** 0.15's confirmation: the action is recorded as awaiting (the runtime answers it with a null observation) and the user is asked. */
  #askConfirmation(action: Action): Promise<ConfirmationOutcome> {
    const waiting = this.#record(withConfirmation(action, 'awaiting_confirmation'));
    this.#recordObservation(nullObservation(), waiting);
    this.#setState('awaiting_user_confirmation');
    return new Promise((resolve) => {
      this.#awaitingAnswer = (outcome) => {
        this.#awaitingAnswer = undefined;
        resolve(outcome);
      };
    });
  }

  async #runAction(action: Action & {id: number}, signal: AbortSignal): Promise<Observation> {
    try {
      return await this.#options.runtime.run(action, {signal});
    } catch (error) {
      const why = signal.aborted ? 'it was stopped' : (error as Error).message;
      return errorObservation(`The action was not completed: ${why}`);
    }
  }

  #repoInstructions(): Promise<RepoInstructions[]> {
    this.#instructions ??= this.#options.readInstructions().then((instructions) => {
      if (instructions.length > 0 && notesOf(this.#events(), 'repo_instructions').length === 0) {
        const files = instructions.map((instruction) => instruction.file);
        this.#recordNote(
          agentNote('repo_instructions', `The agent follows the repository's instructions in ${files.join(' and ')}.`, {files}),
        );
      }
      return instructions;
    });
    return this.#instructions;
  }

  #fail(reason: string, errorId: string): void {
    this.#record({...errorObservation(reason, errorId), source: 'environment'});
    this.#update({reason, draft: undefined, note: undefined});
    this.#setState('error');
  }

  #setState(state: AgentState): void {
    if (state === this.#status.state) return;
    this.#record({...agentStateChangedObservation(state), source: 'environment'});
    this.#update({state});
  }

  #events(): readonly RecordedEvent[] {
    return this.#options.stream.all() as readonly RecordedEvent[];
  }

  /** Records an event; the agent's own carry the session's LLM totals. */
  #record<E extends Event>(event: E): E & {id: number} {
    const json = toEventJson(
      event.source === 'agent'
        ? {...event, llm_metrics: llmMetrics(this.#options.model.model, this.#status.usage, this.#status.cost)}
        : event,
    );
    return {...event, id: this.#options.stream.add(json).id as number};
  }

  /** A note is oh-tui's own kind of event: recorded as it is. */
  #recordNote(note: Record<string, unknown>): void {
    this.#options.stream.add(note);
  }

  /** As 0.15's runtime does: the observation has the action's source, cause and tool call. */
  #recordObservation(observation: Observation, action: Action & {id: number}): void {
    this.#record({
      ...observation,
      source: action.source,
      cause: action.id,
      ...(action.tool_call_metadata ? {tool_call_metadata: action.tool_call_metadata} : {}),
    } as Observation);
  }

  #update(patch: Partial<AgentStatus>): void {
    this.#status = {...this.#status, ...patch};
    for (const listener of [...this.#listeners]) listener(this.#status);
  }
}

/** 0.15 sends an action again (a new event, without its thought) when the user answers; it carries the answer. */
function withConfirmation(action: Action, state: ConfirmationState): Action {
  const thought = state === 'awaiting_confirmation' ? action.args : {...action.args, thought: ''};
  return {...action, args: {...thought, confirmation_state: state}} as Action;
}

/** States a session can be left in; a client that died mid-step left `running`, which is not true any more. */
const RESTING_STATES: ReadonlySet<string> = new Set(['awaiting_user_input', 'finished', 'error', 'stopped', 'paused']);

/** A resumed session's header starts where the agent was left (finished, error with its reason, …), not at init. */
function lastRestingState(history: readonly Record<string, unknown>[]): {state: AgentState; reason: string} | undefined {
  for (let index = history.length - 1; index >= 0; index--) {
    const event = history[index] as {observation?: unknown; extras?: {agent_state?: unknown; reason?: unknown}};
    if (event.observation !== 'agent_state_changed') continue;
    const state = event.extras?.agent_state;
    if (typeof state !== 'string' || !RESTING_STATES.has(state)) return undefined;
    return {state: state as AgentState, reason: typeof event.extras?.reason === 'string' ? event.extras.reason : ''};
  }
  return undefined;
}
