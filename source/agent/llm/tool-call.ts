import type {ModelToolCall} from '../model-client.js';

/** The parts of the SDK's `tool-call` stream part we keep. */
export interface SdkToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  invalid?: boolean;
  error?: unknown;
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    // The SDK's NoSuchToolError / InvalidToolInputError messages name the tool and the problem.
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause && !error.message.includes(cause.slice(2)) ? cause : ''}`;
  }
  return String(error ?? 'invalid tool call');
}

/**
 * Our view of one call. `rawInput` is the arguments text as streamed; when the provider sent none
 * (a non-streamed call), the parsed input written back as JSON.
 */
export function toModelToolCall(call: SdkToolCall, streamedInput: string | undefined): ModelToolCall {
  const rawInput = streamedInput ?? (typeof call.input === 'string' ? call.input : JSON.stringify(call.input ?? {}));
  if (call.invalid) return {id: call.toolCallId, name: call.toolName, input: undefined, rawInput, invalid: reason(call.error)};
  return {id: call.toolCallId, name: call.toolName, input: call.input, rawInput};
}
