import {describe, expect, it} from 'vitest';
import {type RetryPolicy, retryAfterMs, retryDelayMs} from '../../../../source/agent/llm/backoff.js';

const defaults: RetryPolicy = {num_retries: 8, retry_min_wait: 15, retry_max_wait: 120, retry_multiplier: 2};

describe('retryDelayMs', () => {
  it('grows from retry_min_wait by retry_multiplier and stops at retry_max_wait', () => {
    expect([1, 2, 3, 4, 5, 8].map((attempt) => retryDelayMs(defaults, attempt))).toEqual([
      15_000, 30_000, 60_000, 120_000, 120_000, 120_000,
    ]);
  });

  it('takes fractional seconds and a multiplier of 1', () => {
    const policy = {...defaults, retry_min_wait: 0.5, retry_multiplier: 1, retry_max_wait: 10};
    expect([1, 2, 3].map((attempt) => retryDelayMs(policy, attempt))).toEqual([500, 500, 500]);
  });

  it('is 0 with retry_min_wait 0', () => {
    expect(retryDelayMs({...defaults, retry_min_wait: 0}, 3)).toBe(0);
  });

  it('honours Retry-After, capped by retry_max_wait', () => {
    expect(retryDelayMs(defaults, 1, 3_000)).toBe(3_000);
    expect(retryDelayMs(defaults, 5, 3_000)).toBe(3_000);
    expect(retryDelayMs(defaults, 1, 600_000)).toBe(120_000);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-12-01T06:00:00Z');

  it('reads delta-seconds, retry-after-ms and an HTTP date, whatever the header case', () => {
    expect(retryAfterMs({'retry-after': '7'}, now)).toBe(7_000);
    expect(retryAfterMs({'Retry-After': '1.5'}, now)).toBe(1_500);
    expect(retryAfterMs({'retry-after-ms': '250', 'retry-after': '9'}, now)).toBe(250);
    expect(retryAfterMs({'retry-after': 'Tue, 01 Dec 2026 06:00:20 GMT'}, now)).toBe(20_000);
  });

  it('is undefined without a readable header, and never negative', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs({}, now)).toBeUndefined();
    expect(retryAfterMs({'retry-after': 'soon'}, now)).toBeUndefined();
    expect(retryAfterMs({'retry-after': 'Tue, 01 Dec 2026 05:00:00 GMT'}, now)).toBe(0);
  });
});
