import type {ModelMessage} from 'ai';

/**
 * The agent's view of an LLM: one streamed completion per step. The controller builds the request
 * from the event log; the implementation (llm/) talks to the provider through the AI SDK, retries
 * rate limits and server errors with backoff, and prices the usage. Tests give the controller a
 * fake, or the real client pointed at the scripted chat-completions server in test/helpers.
 */
export interface ModelClient {
  /** `provider/model` as configured, for the header and the event metadata. */
  readonly model: string;
  complete(request: ModelRequest, options: CompleteOptions): Promise<ModelTurn>;
}

export interface ModelRequest {
  system: string;
  messages: ModelMessage[];
  tools: readonly ToolSpec[];
}

/** A tool as the model sees it: a name, what it does, and its parameters as JSON Schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface CompleteOptions {
  signal: AbortSignal;
  /** The answer's text as it arrives (not batched: the screen throttles its repaints). */
  onTextDelta?: (delta: string) => void;
  /** A failed attempt that will be retried after `waitMs` (a 429 or a 5xx): shown as a quiet note. */
  onRetry?: (info: {attempt: number; waitMs: number; reason: string}) => void;
}

/** One tool call of an answer. A call the SDK could not parse or match keeps its raw text and the reason. */
export interface ModelToolCall {
  id: string;
  name: string;
  /** The parsed arguments; undefined when `invalid`. */
  input: unknown;
  /** The arguments as the model wrote them. */
  rawInput: string;
  /** Why the call is unusable (bad JSON, unknown tool, arguments not matching the schema). */
  invalid?: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** A whole answer once it has finished streaming. */
export interface ModelTurn {
  text: string;
  toolCalls: ModelToolCall[];
  usage: TokenUsage;
  /** USD for this call; undefined when the model's prices are unknown. */
  cost: number | undefined;
  finishReason: string;
  /** The provider's response id and model, for `tool_call_metadata.model_response`. */
  response: {id: string; model: string};
}

/** The provider said the request is longer than the model's context: the controller condenses and retries. */
export class ContextWindowExceededError extends Error {
  override readonly name = 'ContextWindowExceededError';
}

/** A call that still fails after its retries (or cannot be retried): the controller shows it as an error event. */
export class ModelCallError extends Error {
  override readonly name = 'ModelCallError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}
