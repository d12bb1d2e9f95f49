/** The [llm] retry keys, in seconds as config.toml gives them. */
export interface RetryPolicy {
  num_retries: number;
  retry_min_wait: number;
  retry_max_wait: number;
  retry_multiplier: number;
}

/**
 * How long to wait before retry `attempt` (1 for the first retry): the server's Retry-After when it
 * sent one, else min(retry_max_wait, retry_min_wait * retry_multiplier^(attempt-1)); never more than
 * retry_max_wait, never less than 0. In milliseconds.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const maxMs = Math.max(0, policy.retry_max_wait) * 1000;
  if (retryAfterMs !== undefined) return Math.min(maxMs, Math.max(0, retryAfterMs));
  const exponential = policy.retry_min_wait * policy.retry_multiplier ** Math.max(0, attempt - 1) * 1000;
  return Math.min(maxMs, Math.max(0, exponential));
}

/**
 * A Retry-After (or retry-after-ms) header in milliseconds: delta-seconds or an HTTP date (relative to
 * `now`); undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const ms = Number(lower['retry-after-ms']);
  if (lower['retry-after-ms'] !== undefined && Number.isFinite(ms)) return Math.max(0, ms);
  const value = lower['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
