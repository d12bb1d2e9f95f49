/** How a runtime that was up is doing, as the header shows it. */
export type RuntimeHealth = {state: 'running'} | {state: 'stopped' | 'lost'; reason: string};

export interface RuntimeProbes {
  /** GET /alive within `timeoutMs` (a short default); never throws. */
  alive: (timeoutMs?: number) => Promise<boolean>;
  /** The container's state ('running', 'exited', …, 'missing'); throws when the engine does not answer. */
  containerState: () => Promise<string>;
}

export interface RuntimeWatch {
  /** Check now (e.g. the live connection just closed) instead of at the next tick. */
  checkNow(): void;
  stop(): void;
}

/**
 * Says what went wrong when the action server stops answering, from the container's state: gone,
 * stopped (killed, exited), or running with a dead server; an engine that does not answer is said
 * as such. The container state is asked only when /alive fails, so a healthy runtime costs one
 * tiny request a tick.
 */
export async function diagnose(probes: RuntimeProbes, container: string): Promise<RuntimeHealth> {
  if (await probes.alive()) return {state: 'running'};
  let state: string;
  try {
    state = await probes.containerState();
  } catch (error) {
    return {state: 'lost', reason: `the Docker engine does not answer (${(error as Error).message.split('\n')[0]})`};
  }
  if (state === 'missing') return {state: 'lost', reason: `container ${container} was removed`};
  if (state !== 'running') return {state: 'stopped', reason: `container ${container} is ${state}`};
  // Running but silent: the server died or hangs (the container's init keeps it up), or it is only
  // slow (a loaded machine): one more, longer chance before it is called lost.
  if (await probes.alive(1500)) return {state: 'running'};
  return {state: 'lost', reason: `the action server in ${container} does not answer`};
}

/**
 * Checks the runtime every `intervalMs` (default 1 s: with /alive's own short timeout a failure is
 * reported within 2 s) and calls `onChange` when its health changes. Checks never overlap.
 */
export function watchRuntime(
  probes: RuntimeProbes,
  container: string,
  onChange: (health: RuntimeHealth) => void,
  options: {intervalMs?: number} = {},
): RuntimeWatch {
  const intervalMs = options.intervalMs ?? 1000;
  let last: RuntimeHealth = {state: 'running'};
  let stopped = false;
  let checking = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (!stopped) timer = setTimeout(check, intervalMs);
  };
  const check = async () => {
    clearTimeout(timer);
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      const health = await diagnose(probes, container);
      if (!stopped && !sameHealth(health, last)) {
        last = health;
        onChange(health);
      }
    } finally {
      checking = false;
      if (again) {
        again = false;
        void check();
      } else schedule();
    }
  };
  schedule();
  return {
    checkNow: () => void check(),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function sameHealth(a: RuntimeHealth, b: RuntimeHealth): boolean {
  return a.state === b.state && (a.state === 'running' || (b.state !== 'running' && a.reason === b.reason));
}
