/** Who made an event (0.15's EventSource). */
export type EventSource = 'agent' | 'user' | 'environment';

export const EVENT_SOURCES: readonly EventSource[] = ['agent', 'user', 'environment'];

/** 0.15's ToolCallMetadata as pydantic's model_dump writes it (the raw LLM response included). */
export interface ToolCallMetadata {
  function_name: string;
  tool_call_id: string;
  model_response: Record<string, unknown>;
  total_calls_in_response: number;
}

/**
 * The top-level fields any 0.15 event may carry besides its kind. The event stream sets `id` and
 * `timestamp` when it records an event; `cause` is the id of the action an observation answers.
 */
export interface EventFields {
  id?: number;
  /** ISO 8601, as 0.15's datetime.isoformat() (local time, no zone) or ours (UTC, with Z). */
  timestamp?: string;
  source?: EventSource;
  /** 0.15 computes it from the event (e.g. `Running command: ls`) and writes it even when ''. */
  message?: string;
  cause?: number;
  tool_call_metadata?: ToolCallMetadata;
  /** The session's LLM use up to this event (later OpenHands' `llm_metrics`); on the agent's events. */
  llm_metrics?: LlmMetrics;
}

/** Tokens and cost of the session's LLM calls so far, as later OpenHands writes `llm_metrics` (ours: accumulated totals only). */
export interface LlmMetrics {
  /** USD; absent when the model's prices are unknown. */
  accumulated_cost?: number;
  accumulated_token_usage: {
    model: string;
    prompt_tokens: number;
    completion_tokens: number;
    cache_read_tokens: number;
    cache_write_tokens: number;
  };
}
