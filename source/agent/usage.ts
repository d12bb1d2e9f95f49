import type {LlmMetrics} from '../events/event-fields.js';
import type {TokenUsage} from './model-client.js';

export const NO_USAGE: TokenUsage = {inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0};

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

/** The running cost: a call whose price is unknown adds nothing (the total stays unknown until a priced call). */
export function addCost(total: number | undefined, call: number | undefined): number | undefined {
  if (call === undefined) return total;
  return (total ?? 0) + call;
}

/** The session's totals as they go into an agent event's `llm_metrics`. */
export function llmMetrics(model: string, usage: TokenUsage, cost: number | undefined): LlmMetrics {
  return {
    ...(cost === undefined ? {} : {accumulated_cost: cost}),
    accumulated_token_usage: {
      model,
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens,
      cache_read_tokens: usage.cacheReadTokens,
      cache_write_tokens: usage.cacheWriteTokens,
    },
  };
}

/** The totals recorded last in a session's events (a resumed session keeps counting from there). */
export function lastRecordedUsage(events: readonly Readonly<Record<string, unknown>>[]): {usage: TokenUsage; cost: number | undefined} {
  for (let index = events.length - 1; index >= 0; index--) {
    const metrics = events[index]?.llm_metrics as Partial<LlmMetrics> | undefined;
    const tokens = metrics?.accumulated_token_usage;
    if (!tokens || typeof tokens !== 'object') continue;
    const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
    return {
      usage: {
        inputTokens: number(tokens.prompt_tokens),
        outputTokens: number(tokens.completion_tokens),
        cacheReadTokens: number(tokens.cache_read_tokens),
        cacheWriteTokens: number(tokens.cache_write_tokens),
      },
      cost: typeof metrics.accumulated_cost === 'number' ? metrics.accumulated_cost : undefined,
    };
  }
  return {usage: NO_USAGE, cost: undefined};
}
