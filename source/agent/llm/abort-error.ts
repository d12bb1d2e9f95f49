/** What `complete` rejects with when the caller's signal stopped it: tell it apart with isModelCallAborted. */
export class ModelCallAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(reason: unknown) {
    super('The model call was stopped', {cause: reason});
  }
}

export function isModelCallAborted(error: unknown): error is ModelCallAbortedError {
  return error instanceof ModelCallAbortedError;
}
