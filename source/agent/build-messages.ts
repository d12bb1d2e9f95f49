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
  const entries: Entry[] = [];
  const turns = new Map<string, Turn>();
  /** Action id → where its result goes. */
  const callOfAction = new Map<number, {turn: Turn; callId: string}>();
  const userCommands = new Set<number>();

  const turnFor = (metadata: Record<string, unknown>): Turn => {
    const response = record(metadata.model_response);
    const key = typeof response.id === 'string' ? response.id : `call:${String(metadata.tool_call_id)}`;
    let turn = turns.get(key);
    if (!turn) {
      turn = {kind: 'turn', text: responseText(response), calls: new Map(), results: new Map()};
      turns.set(key, turn);
      entries.push(turn);
    }
    return turn;
  };
  const addCall = (turn: Turn, metadata: Record<string, unknown>, fallbackInput: unknown): string => {
    const callId = String(metadata.tool_call_id);
    const name = String(metadata.function_name);
    if (!turn.calls.has(callId)) turn.calls.set(callId, {name, input: callInput(record(metadata.model_response), callId) ?? fallbackInput});
    return callId;
  };

  for (const event of events) {
    const metadata = event.tool_call_metadata === undefined ? undefined : record(event.tool_call_metadata);
    if (typeof event.action === 'string') {
      const args = record(event.args);
      if (metadata) {
        const turn = turnFor(metadata);
        const callId = addCall(turn, metadata, withoutThought(args));
        callOfAction.set(event.id, {turn, callId});
        if (event.action === 'finish') turn.results.set(callId, FINISHED_TEXT);
        continue;
      }
      if (event.action === 'message' && typeof args.content === 'string') {
        if (event.source === 'user') entries.push({role: 'user', content: args.content});
        else if (args.content !== '') entries.push({role: 'assistant', content: args.content});
      } else if (event.action === 'run' && event.source === 'user' && typeof args.command === 'string') {
        userCommands.add(event.id);
        entries.push({role: 'user', content: `User executed the command:\n${args.command}`});
      }
      continue;
    }
    if (typeof event.observation !== 'string' || event.observation === 'null') continue;
    const observation = event as unknown as ObservationRecord;
    const answered = typeof event.cause === 'number' ? callOfAction.get(event.cause) : undefined;
    if (answered) {
      answered.turn.results.set(answered.callId, observationText(observation, maxChars));
    } else if (metadata && event.cause === undefined) {
      // A call that could not run: its error answers it.
      const turn = turnFor(metadata);
      turn.results.set(addCall(turn, metadata, {}), observationText(observation, maxChars));
    } else if (typeof event.cause === 'number' && userCommands.has(event.cause)) {
      entries.push({role: 'user', content: userCommandResultText(observation, maxChars)});
    }
  }
  return entries.flatMap((entry) => ('kind' in entry ? turnMessages(entry) : [entry]));
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
