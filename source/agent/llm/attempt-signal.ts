/**
 * The signal one attempt runs under: the caller's (Ctrl+C) plus [llm] timeout, counted as time
 * without any data from the provider (as the HTTP read timeout of OpenHands 0.15 was), so a long
 * answer that keeps streaming is not cut off. `touch()` restarts the count.
 */
export interface AttemptSignal {
  signal: AbortSignal;
  touch(): void;
  timedOut(): boolean;
  dispose(): void;
}

export function attemptSignal(caller: AbortSignal, timeoutSeconds: number | undefined): AttemptSignal {
  const own = new AbortController();
  const onAbort = () => own.abort(caller.reason);
  if (caller.aborted) own.abort(caller.reason);
  else caller.addEventListener('abort', onAbort, {once: true});
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    if (timeoutSeconds === undefined || timeoutSeconds <= 0 || own.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      own.abort(new Error(`no answer within ${timeoutSeconds} s`));
    }, timeoutSeconds * 1000);
  };
  touch();
  return {
    signal: own.signal,
    touch,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      caller.removeEventListener('abort', onAbort);
    },
  };
}
