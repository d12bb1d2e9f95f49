import type {Config} from '../config/types.js';
import {UserError} from '../lib/errors.js';
// A pure module (no side effects at import): the server's shell quotes the same way.
import {shellQuote} from '../lib/shell-quote.js';

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Variables exported into the session's shell after the server (re)starts, as 0.15 does: every
 * host `SANDBOX_ENV_<NAME>` (prefix stripped), then `[sandbox] runtime_startup_env_vars`.
 * They are not container env, so they never show in `docker inspect`.
 */
export function startupEnv(config: Config, env: Record<string, string | undefined>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('SANDBOX_ENV_') && name.length > 'SANDBOX_ENV_'.length && value !== undefined) {
      vars[name.slice('SANDBOX_ENV_'.length)] = value;
    }
  }
  Object.assign(vars, config.sandbox.runtime_startup_env_vars);
  for (const name of Object.keys(vars)) {
    if (!namePattern.test(name)) {
      throw new UserError(`Cannot export ${JSON.stringify(name)} into the runtime shell: not a shell variable name.`, {
        hint: 'Check [sandbox] runtime_startup_env_vars and SANDBOX_ENV_* variables: names are letters, digits and "_".',
      });
    }
  }
  return vars;
}

/** One `export` line for all variables, or undefined when there is nothing to export. */
export function exportCommand(vars: Record<string, string>): string | undefined {
  const entries = Object.entries(vars);
  if (entries.length === 0) return undefined;
  return `export ${entries.map(([name, value]) => `${name}=${shellQuote(value)}`).join(' ')}`;
}
