import type {AssistantContent, ModelMessage, ToolResultPart} from 'ai';
import {type ObservationRecord, observationText, userCommandResultText} from './observation-text.js';

/** A recorded event as the stream holds it (0.15 event JSON), read structurally. */
export type RecordedEvent = Readonly<Record<string, unknown>> & {readonly id: number};

/** What the model reads for a tool call whose result was never recorded (the client died, the agent was stopped). */
export const NO_RESULT_TEXT =
  'The action was not completed and has no result: it was interrupted (the agent was stopped or oh-tui exited) before it finished.';
/** What the model reads for its `finish` call. */
export const FINISHED_TEXT = 'The task was marked as finished.';

interface Call {
  name: string;
  input: unknown;
}

/** One answer of the model with tool calls: its text, its calls in order, and the results found for them. */
interface Turn {
  kind: 'turn';
  text: string;
  calls: Map<string, Call>;
  results: Map<string, string>;
}

type Entry = ModelMessage | Turn;

/**
 * The conversation for the model, rebuilt from the session's events (so a resumed session goes on
 * with the whole context): the user's messages, the agent's text, its tool calls grouped by the
 * answer they came in (the model response id) with one result for each (by `cause`; a synthetic one
 * when none was recorded, so the provider never sees a dangling call), and the commands the user
 * ran himself. States, notes and whatever else the model must not see are left out. Observation
 * text is truncated to `maxChars`.
 */
export function buildMessages(events: readonly RecordedEvent[], maxChars: number): ModelMessage[] {
  return new MessageBuilder(maxChars).build(events);
}

/**
 * buildMessages kept up to date over a growing event list: each call reads only the events added
 * since the last one and renders again only the answers whose calls or results changed, so a step of
 * a long session does not pay for its whole history.
 */
export class MessageBuilder {
  readonly #entries: Entry[] = [];
  /** The rendered messages of each entry; undefined when it must be rendered again. */
  readonly #rendered: (ModelMessage[] | undefined)[] = [];
  readonly #turns = new Map<string, {turn: Turn; index: number}>();
  /** Action id → where its result goes. */
  readonly #callOfAction = new Map<number, {turn: Turn; index: number; callId: string}>();
  readonly #userCommands = new Set<number>();
  #seen = 0;

  constructor(private readonly maxChars: number) {}

  /** The messages for `events`, which must be the events of the last call with more appended. */
  build(events: readonly RecordedEvent[]): ModelMessage[] {
    for (; this.#seen < events.length; this.#seen++) this.#read(events[this.#seen] as RecordedEvent);
    const messages: ModelMessage[] = [];
    for (const [index, entry] of this.#entries.entries()) {
      let rendered = this.#rendered[index];
      if (!rendered) {
        rendered = 'kind' in entry ? turnMessages(entry) : [entry];
        this.#rendered[index] = rendered;
      }
      for (const message of rendered) messages.push(message);
    }
    return messages;
  }

  #read(event: RecordedEvent): void {
    const metadata = event.tool_call_metadata === undefined ? undefined : record(event.tool_call_metadata);
    if (typeof event.action === 'string') {
      const args = record(event.args);
      if (metadata) {
        const {turn, index} = this.#turnFor(metadata);
        const callId = this.#addCall(turn, index, metadata, withoutThought(args));
        this.#callOfAction.set(event.id, {turn, index, callId});
        if (event.action === 'finish') turn.results.set(callId, FINISHED_TEXT);
        return;
      }
      if (event.action === 'message' && typeof args.content === 'string') {
        if (event.source === 'user') this.#push({role: 'user', content: args.content});
        else if (args.content !== '') this.#push({role: 'assistant', content: args.content});
      } else if (event.action === 'run' && event.source === 'user' && typeof args.command === 'string') {
        this.#userCommands.add(event.id);
        this.#push({role: 'user', content: `User executed the command:\n${args.command}`});
      }
      return;
    }
    if (typeof event.observation !== 'string' || event.observation === 'null') return;
    const observation = event as unknown as ObservationRecord;
    const answered = typeof event.cause === 'number' ? this.#callOfAction.get(event.cause) : undefined;
    if (answered) {
      answered.turn.results.set(answered.callId, observationText(observation, this.maxChars));
      this.#rendered[answered.index] = undefined;
    } else if (metadata && event.cause === undefined) {
      // A call that could not run: its error answers it.
      const {turn, index} = this.#turnFor(metadata);
      turn.results.set(this.#addCall(turn, index, metadata, {}), observationText(observation, this.maxChars));
    } else if (typeof event.cause === 'number' && this.#userCommands.has(event.cause)) {
      this.#push({role: 'user', content: userCommandResultText(observation, this.maxChars)});
    }
  }

  #push(entry: Entry): number {
    this.#entries.push(entry);
    this.#rendered.push(undefined);
    return this.#entries.length - 1;
  }

  #turnFor(metadata: Record<string, unknown>): {turn: Turn; index: number} {
    const response = record(metadata.model_response);
    const key = typeof response.id === 'string' ? response.id : `call:${String(metadata.tool_call_id)}`;
    let found = this.#turns.get(key);
    if (!found) {
      const turn: Turn = {kind: 'turn', text: responseText(response), calls: new Map(), results: new Map()};
      found = {turn, index: this.#push(turn)};
      this.#turns.set(key, found);
    }
    this.#rendered[found.index] = undefined;
    return found;
  }

  #addCall(turn: Turn, index: number, metadata: Record<string, unknown>, fallbackInput: unknown): string {
    const callId = String(metadata.tool_call_id);
    const name = String(metadata.function_name);
    if (!turn.calls.has(callId)) turn.calls.set(callId, {name, input: callInput(record(metadata.model_response), callId) ?? fallbackInput});
    this.#rendered[index] = undefined;
    return callId;
  }
}

function turnMessages(turn: Turn): ModelMessage[] {
  const content: Exclude<AssistantContent, string> = [];
  if (turn.text) content.push({type: 'text', text: turn.text});
  const results: ToolResultPart[] = [];
  for (const [toolCallId, call] of turn.calls) {
    content.push({type: 'tool-call', toolCallId, toolName: call.name, input: call.input});
    results.push({
      type: 'tool-result',
      toolCallId,
      toolName: call.name,
      output: {type: 'text', value: turn.results.get(toolCallId) ?? NO_RESULT_TEXT},
    });
  }
  return [
    {role: 'assistant', content},
    {role: 'tool', content: results},
  ];
}

function responseText(response: Record<string, unknown>): string {
  const message = record(record(arrayOf(response.choices)[0]).message);
  return typeof message.content === 'string' ? message.content : '';
}

/** The call's arguments as the model wrote them (parsed), from the recorded response; undefined when unknown or not an object. */
function callInput(response: Record<string, unknown>, callId: string): unknown {
  const message = record(record(arrayOf(response.choices)[0]).message);
  const call = arrayOf(message.tool_calls)
    .map(record)
    .find((candidate) => candidate.id === callId);
  const raw = record(call?.function).arguments;
  if (typeof raw !== 'string') return undefined;
  try {
    const input: unknown = JSON.parse(raw);
    return typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
  } catch {
    return {};
  }
}

function withoutThought(args: Record<string, unknown>): Record<string, unknown> {
  const {thought: _thought, ...rest} = args;
  return rest;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
