import {UserError} from '../lib/errors.js';

/**
 * A call to the action server that failed for a reason the user can act on: the runtime is down
 * (`unreachable`), too slow (`timeout`), or answered with an error (`http`: a status; `refused`: an
 * error message on the stream). Shown as a message, no stack.
 */
export class RuntimeRequestError extends UserError {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'timeout' | 'http' | 'refused',
    readonly status?: number,
    options: {cause?: unknown} = {},
  ) {
    super(message, {exitCode: 1, cause: options.cause});
    this.name = 'RuntimeRequestError';
  }
}

/**
 * The action server answered something that is not our protocol (not JSON, not an observation, a
 * broken frame). Nothing the user did causes that: it is a bug on one side, reported with its stack.
 */
export class RuntimeProtocolError extends Error {
  readonly kind = 'protocol';

  constructor(message: string, options: {cause?: unknown} = {}) {
    super(message, {cause: options.cause});
    this.name = 'RuntimeProtocolError';
  }
}

export function unreachable(apiUrl: string, error: unknown): RuntimeRequestError {
  const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.message ?? String(error);
  return new RuntimeRequestError(`Runtime at ${apiUrl} is unreachable (${reason})`, 'unreachable', undefined, {cause: error});
}
