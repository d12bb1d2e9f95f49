/** A reason the server cannot start (bad arguments, a user it cannot serve); printed without a stack, exit 2. */
export class StartupError extends Error {
  override name = 'StartupError';
}
