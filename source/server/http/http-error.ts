/** An error that becomes an HTTP response `{"detail": ...}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

/** The response for any error: an HttpError as it is, anything else a 500 naming its message. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  return new HttpError(500, `Internal server error: ${(error as Error).message}`);
}

export function badRequest(detail: string): HttpError {
  return new HttpError(400, detail);
}
