/**
 * The few event JSON shapes the runtime client sends and reads, as OpenHands 0.15 writes them
 * (reference 5.4). The full event model lives in source/events/; this is the minimum the runtime
 * layer needs on its own.
 */
export interface ActionJson {
  id?: number;
  timestamp?: string;
  source?: 'agent' | 'user' | 'environment';
  message?: string;
  action: string;
  args: Record<string, unknown>;
  timeout?: number;
  [key: string]: unknown;
}

export interface ObservationJson {
  id?: number;
  timestamp?: string;
  source?: string;
  message?: string;
  cause?: number;
  observation: string;
  content: string;
  extras: Record<string, unknown>;
  [key: string]: unknown;
}

export interface CmdRunOptions {
  /** Hard limit in seconds; also makes the command blocking, as 0.15's timeout setter does. */
  timeout?: number;
  hidden?: boolean;
  thought?: string;
  source?: 'agent' | 'user';
}

/** A `run` action in 0.15's key order. */
export function cmdRunAction(command: string, options: CmdRunOptions = {}): ActionJson {
  const action: ActionJson = {
    timestamp: new Date().toISOString(),
    source: options.source ?? 'user',
    message: `Running command: ${command}`,
    action: 'run',
    args: {
      command,
      thought: options.thought ?? '',
      blocking: options.timeout !== undefined,
      keep_prompt: true,
      hidden: options.hidden ?? false,
      confirmation_state: 'confirmed',
    },
  };
  if (options.timeout !== undefined) action.timeout = options.timeout;
  return action;
}

/** The exit code of a `run` observation; undefined for any other observation (e.g. `error`). */
export function exitCodeOf(observation: ObservationJson): number | undefined {
  if (observation.observation !== 'run') return undefined;
  const code = observation.extras.exit_code;
  return typeof code === 'number' ? code : undefined;
}
