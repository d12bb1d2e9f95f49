import type {TokenUsage} from '../model-client.js';
import type {ProviderUsage} from './provider-model.js';

export const NO_USAGE: TokenUsage = {inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0};

/** The provider's usage as ours: input tokens include the cached ones; what a provider does not report counts 0. */
export function toTokenUsage(usage: ProviderUsage | undefined): TokenUsage {
  if (usage === undefined) return {...NO_USAGE};
  return {
    inputTokens: usage.inputTokens.total ?? 0,
    outputTokens: usage.outputTokens.total ?? 0,
    cacheReadTokens: usage.inputTokens.cacheRead ?? 0,
    cacheWriteTokens: usage.inputTokens.cacheWrite ?? 0,
  };
}
