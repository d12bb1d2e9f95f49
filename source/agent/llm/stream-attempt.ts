import {createIdGenerator} from 'ai';
import type {ModelToolCall, ModelTurn} from '../model-client.js';
import type {ProviderModel, ProviderPrompt, ProviderStreamPart} from './provider-model.js';
import type {ProviderTools} from './provider-tools.js';
import {toModelToolCall} from './tool-call.js';
import {NO_USAGE, toTokenUsage} from './usage.js';

export interface AttemptRequest {
  model: ProviderModel;
  modelId: string;
  prompt: ProviderPrompt;
  tools: ProviderTools;
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

/** A response id when the provider sends none, as streamText made one (the controller groups a turn's calls by it). */
const responseId = createIdGenerator({prefix: 'aitxt', size: 24});

/**
 * One streamed completion, without retries (the client retries with the [llm] policy): the provider
 * model's doStream called with a prompt we converted ourselves, and its stream parts read here.
 * An HTTP failure rejects doStream (an APICallError); one inside the stream arrives as an `error` part.
 */
export async function streamAttempt(request: AttemptRequest): Promise<AttemptOutcome> {
  let failure: unknown;
  let streamed = false;
  let text = '';
  const toolCalls: ModelToolCall[] = [];
  const rawInputs = new Map<string, string>();
  let usage = {...NO_USAGE};
  let finishReason = 'unknown';
  let response = {id: '', model: request.modelId};

  const onPart = (part: ProviderStreamPart): void => {
    switch (part.type) {
      case 'text-delta':
        if (part.delta === '') break;
        streamed = true;
        text += part.delta;
        request.onTextDelta?.(part.delta);
        break;
      case 'tool-input-start':
        streamed = true;
        rawInputs.set(part.id, '');
        break;
      case 'tool-input-delta':
        rawInputs.set(part.id, (rawInputs.get(part.id) ?? '') + part.delta);
        break;
      case 'tool-call':
        toolCalls.push(toModelToolCall(part, request.tools, rawInputs.get(part.toolCallId)));
        break;
      case 'response-metadata':
        response = {id: part.id ?? response.id, model: part.modelId || response.model};
        break;
      case 'finish':
        usage = toTokenUsage(part.usage);
        finishReason = part.finishReason.unified;
        break;
      case 'error':
        failure ??= part.error;
        break;
      default:
        // stream-start (its warnings), text and tool-input boundaries, reasoning, raw: nothing we keep.
        break;
    }
  };

  try {
    const {stream} = await request.model.doStream({
      prompt: request.prompt,
      tools: request.tools.tools.length > 0 ? request.tools.tools : undefined,
      toolChoice: request.tools.tools.length > 0 ? {type: 'auto'} : undefined,
      temperature: request.temperature,
      topP: request.topP,
      maxOutputTokens: request.maxOutputTokens,
      abortSignal: request.signal,
    });
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      request.onActivity();
      onPart(next.value);
    }
  } catch (error) {
    failure ??= error;
  }
  if (request.signal.aborted) return {ok: false, error: failure ?? request.signal.reason, streamed, aborted: true};
  if (failure !== undefined) return {ok: false, error: failure, streamed, aborted: false};
  return {ok: true, turn: {text, toolCalls, usage, finishReason, response: {...response, id: response.id || responseId()}}};
}
