import type {LanguageModelUsage} from 'ai';
import type {TokenUsage} from '../model-client.js';

export const NO_USAGE: TokenUsage = {inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0};

/** The SDK's usage as ours: input tokens include the cached ones; providers that do not say count 0. */
export function toTokenUsage(usage: LanguageModelUsage | undefined): TokenUsage {
  if (usage === undefined) return {...NO_USAGE};
  return {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    cacheReadTokens: usage.inputTokenDetails?.cacheReadTokens ?? usage.cachedInputTokens ?? 0,
    cacheWriteTokens: usage.inputTokenDetails?.cacheWriteTokens ?? 0,
  };
}
