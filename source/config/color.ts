import type {Config} from './types.js';

/**
 * Whether a command may write colour: not with `[core] disable_color`, nor when NO_COLOR is set to
 * anything but the empty string (https://no-color.org). Decided once, in the command, and passed
 * down: nothing below reads the environment for it.
 */
export function colorEnabled(config: Pick<Config, 'core'>, env: Record<string, string | undefined>): boolean {
  return !config.core.disable_color && !env.NO_COLOR;
}
