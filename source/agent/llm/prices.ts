import type {TokenUsage} from '../model-client.js';

/** USD per token. Cache prices default to the input price when a model has none. */
export interface ModelPrices {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

const PER_MILLION = 1e-6;

function perMillion(input: number, output: number, cacheRead?: number, cacheWrite?: number): ModelPrices {
  return {
    input: input * PER_MILLION,
    output: output * PER_MILLION,
    ...(cacheRead !== undefined && {cacheRead: cacheRead * PER_MILLION}),
    ...(cacheWrite !== undefined && {cacheWrite: cacheWrite * PER_MILLION}),
  };
}

/**
 * A few well-known models' list prices (USD per million tokens: input, output, cache read, cache
 * write), matched by the start of the model id so dated snapshots find their family. Longer prefixes
 * first. Any other model is priced only from [llm] input_cost_per_token / output_cost_per_token.
 */
const BUILT_IN: ReadonlyArray<readonly [string, ModelPrices]> = [
  ['gpt-4o-mini', perMillion(0.15, 0.6, 0.075)],
  ['gpt-4o', perMillion(2.5, 10, 1.25)],
  ['gpt-4.1-mini', perMillion(0.4, 1.6, 0.1)],
  ['gpt-4.1', perMillion(2, 8, 0.5)],
  ['o3-mini', perMillion(1.1, 4.4, 0.55)],
  ['claude-3-5-haiku', perMillion(0.8, 4, 0.08, 1)],
  ['claude-3-5-sonnet', perMillion(3, 15, 0.3, 3.75)],
  ['claude-3-7-sonnet', perMillion(3, 15, 0.3, 3.75)],
  ['claude-sonnet-4', perMillion(3, 15, 0.3, 3.75)],
];

/** The built-in prices of `modelId` (`gpt-4o-2024-08-06`, `claude-3-5-sonnet-20241022`), if any. */
export function builtInPrices(modelId: string): ModelPrices | undefined {
  const bare = modelId.slice(modelId.lastIndexOf('/') + 1);
  return BUILT_IN.find(([prefix]) => bare === prefix || bare.startsWith(`${prefix}-`))?.[1];
}

export interface PriceConfig {
  input_cost_per_token: number | undefined;
  output_cost_per_token: number | undefined;
}

/** [llm] input/output_cost_per_token when either is set (the other counts 0), else the built-in table. */
export function pricesFor(llm: PriceConfig, modelId: string): ModelPrices | undefined {
  if (llm.input_cost_per_token !== undefined || llm.output_cost_per_token !== undefined) {
    return {input: llm.input_cost_per_token ?? 0, output: llm.output_cost_per_token ?? 0};
  }
  return builtInPrices(modelId);
}

/** USD for one call's usage; undefined when the prices are unknown. */
export function costOf(usage: TokenUsage, prices: ModelPrices | undefined): number | undefined {
  if (prices === undefined) return undefined;
  const uncached = Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  return (
    uncached * prices.input +
    usage.cacheReadTokens * (prices.cacheRead ?? prices.input) +
    usage.cacheWriteTokens * (prices.cacheWrite ?? prices.input) +
    usage.outputTokens * prices.output
  );
}
