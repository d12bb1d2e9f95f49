import {describe, expect, it} from 'vitest';
import {builtInPrices, costOf, pricesFor} from '../../../../source/agent/llm/prices.js';

const unset = {input_cost_per_token: undefined, output_cost_per_token: undefined};
const usage = {inputTokens: 10_000, outputTokens: 1_000, cacheReadTokens: 0, cacheWriteTokens: 0};

describe('prices and cost', () => {
  it('uses [llm] input/output_cost_per_token when set, before the built-in table', () => {
    const prices = pricesFor({input_cost_per_token: 1e-6, output_cost_per_token: 2e-6}, 'gpt-4o');
    expect(costOf(usage, prices)).toBeCloseTo(10_000 * 1e-6 + 1_000 * 2e-6, 12);
  });

  it('counts an unset one of the pair as free', () => {
    expect(costOf(usage, pricesFor({...unset, output_cost_per_token: 3e-6}, 'x'))).toBeCloseTo(0.003, 12);
  });

  it('knows a few models by family, dated snapshots and provider prefixes included', () => {
    expect(builtInPrices('gpt-4o')).toEqual(builtInPrices('gpt-4o-2024-08-06'));
    expect(builtInPrices('gpt-4o-mini')!.input).toBeCloseTo(0.15e-6, 15);
    expect(builtInPrices('claude-3-5-sonnet-20241022')!.output).toBeCloseTo(15e-6, 15);
    expect(builtInPrices('anthropic/claude-3-5-sonnet-20241022')).toEqual(builtInPrices('claude-3-5-sonnet-latest'));
    expect(builtInPrices('gpt-4oo')).toBeUndefined();
    expect(builtInPrices('llama3.1:8b')).toBeUndefined();
  });

  it('prices cache reads and writes at their own rates (Claude 3.5 Sonnet: $3 in, $0.30 read, $3.75 write, $15 out per M)', () => {
    const cached = {inputTokens: 10_000, outputTokens: 1_000, cacheReadTokens: 6_000, cacheWriteTokens: 2_000};
    const cost = costOf(cached, pricesFor(unset, 'claude-3-5-sonnet-20241022'));
    expect(cost).toBeCloseTo((2_000 * 3 + 6_000 * 0.3 + 2_000 * 3.75 + 1_000 * 15) / 1e6, 12);
  });

  it('is undefined for an unknown model without configured prices', () => {
    expect(costOf(usage, pricesFor(unset, 'my-local-model'))).toBeUndefined();
  });
});
