import {type LanguageModel, type ModelMessage, type SystemModelMessage, streamText, type ToolSet} from 'ai';
import type {ModelToolCall, ModelTurn} from '../model-client.js';
import {toModelToolCall} from './tool-call.js';
import {NO_USAGE, toTokenUsage} from './usage.js';

export interface AttemptRequest {
  model: LanguageModel;
  modelId: string;
  system: string | SystemModelMessage;
  messages: ModelMessage[];
  tools: ToolSet;
  temperature: number | undefined;
  topP: number | undefined;
  maxOutputTokens: number | undefined;
  signal: AbortSignal;
  onTextDelta: ((delta: string) => void) | undefined;
  /** Called on every part that arrives (restarts the idle timeout). */
  onActivity: () => void;
}

export type AttemptOutcome =
  | {ok: true; turn: Omit<ModelTurn, 'cost'>}
  /** `streamed`: some of the answer had already reached onTextDelta (or a tool call had begun). */
  | {ok: false; error: unknown; streamed: boolean; aborted: boolean};

/**
 * One streamed completion, without retries (maxRetries 0: the client retries with the [llm] policy).
 * Tools have no `execute`, so the SDK stops after one step and hands the calls back.
 */
export async function streamAttempt(request: AttemptRequest): Promise<AttemptOutcome> {
  let failure: unknown;
  let aborted = false;
  let streamed = false;
  let text = '';
  const toolCalls: ModelToolCall[] = [];
  const rawInputs = new Map<string, string>();
  let usage = {...NO_USAGE};
  let finishReason = 'unknown';
  let response = {id: '', model: request.modelId};

  const result = streamText({
    model: request.model,
    system: request.system,
    messages: request.messages,
    allowSystemInMessages: true,
    tools: request.tools,
    temperature: request.temperature,
    topP: request.topP,
    maxOutputTokens: request.maxOutputTokens,
    maxRetries: 0,
    abortSignal: request.signal,
    // Without it the SDK prints the error with its stack to the console, behind Ink's back.
    onError: ({error}) => {
      failure ??= error;
    },
  });

  try {
    for await (const part of result.fullStream) {
      request.onActivity();
      switch (part.type) {
        case 'text-delta':
          if (part.text === '') break;
          streamed = true;
          text += part.text;
          request.onTextDelta?.(part.text);
          break;
        case 'tool-input-start':
          streamed = true;
          rawInputs.set(part.id, '');
          break;
        case 'tool-input-delta':
          rawInputs.set(part.id, (rawInputs.get(part.id) ?? '') + part.delta);
          break;
        case 'tool-call':
          toolCalls.push(toModelToolCall(part, rawInputs.get(part.toolCallId)));
          break;
        case 'finish-step':
          response = {id: part.response.id, model: part.response.modelId || request.modelId};
          break;
        case 'finish':
          usage = toTokenUsage(part.totalUsage);
          finishReason = part.finishReason;
          break;
        case 'error':
          failure ??= part.error;
          break;
        case 'abort':
          aborted = true;
          break;
        default:
          break;
      }
    }
  } catch (error) {
    failure ??= error;
  }
  if (aborted || request.signal.aborted) return {ok: false, error: failure ?? request.signal.reason, streamed, aborted: true};
  if (failure !== undefined) return {ok: false, error: failure, streamed, aborted: false};
  return {ok: true, turn: {text, toolCalls, usage, finishReason, response}};
}
