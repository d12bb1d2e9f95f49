import {UserError} from '../lib/errors.js';
import {sleep} from '../lib/sleep.js';

export interface WaitAliveOptions {
  /** One readiness probe (GET /alive); true when the server answered. */
  probe: () => Promise<boolean>;
  /** Runs after a failed probe; throws when waiting is pointless (the container exited or vanished). */
  checkContainer: () => Promise<void>;
  /** What is being waited for, for the timeout message. */
  description: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onAttempt?: (attempt: number, elapsedMs: number) => void;
  /** Builds the error thrown at the timeout, e.g. with the container's last log lines. */
  timeoutError?: (timeoutMs: number) => Promise<Error>;
}

/**
 * Delay before the next attempt: 10 ms for the first 3 s (a fresh server answers within a second
 * or so, and each probe is one local request, so polling tightly costs little and saves the user
 * waiting), then backing off to 250 ms.
 */
export function aliveDelayMs(elapsedMs: number): number {
  if (elapsedMs < 3000) return 10;
  return Math.min(250, 10 * 2 ** Math.ceil((elapsedMs - 3000) / 1000));
}

/** The container is looked at no more often than this while the server does not answer. */
const containerCheckIntervalMs = 100;

/**
 * Polls until the action server answers. Failed attempts also look at the container, so one
 * that has exited fails at once with its own last words instead of after the whole timeout.
 */
export async function waitAlive(options: WaitAliveOptions): Promise<{attempts: number; elapsedMs: number}> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const started = Date.now();
  let lastCheck = -Infinity;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    const elapsed = Date.now() - started;
    options.onAttempt?.(attempt, elapsed);
    if (await options.probe()) return {attempts: attempt + 1, elapsedMs: Date.now() - started};
    const timedOut = Date.now() - started >= timeoutMs;
    if (timedOut || Date.now() - lastCheck >= containerCheckIntervalMs) {
      lastCheck = Date.now();
      await options.checkContainer();
    }
    if (timedOut) {
      throw options.timeoutError
        ? await options.timeoutError(timeoutMs)
        : new UserError(`${options.description} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    }
    await sleep(aliveDelayMs(Date.now() - started), options.signal);
  }
}
