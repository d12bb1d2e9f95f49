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

export function badRequest(detail: string): HttpError {
  return new HttpError(400, detail);
}
