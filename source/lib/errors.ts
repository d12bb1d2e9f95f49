/**
 * A mistake the user can fix (bad config, bad flag, bad sid, no Docker engine, failed build).
 * The CLI prints `message` (and `hint` when set) without a stack and exits with `exitCode`.
 * Everything that is not a UserError is a bug and is reported with its stack.
 */
export class UserError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: {hint?: string; exitCode?: number; cause?: unknown} = {}) {
    super(message, {cause: options.cause});
    this.name = 'UserError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 2;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
