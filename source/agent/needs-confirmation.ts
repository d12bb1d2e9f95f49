import type {Action} from '../events/actions.js';

/**
 * Whether an action waits for the user in confirmation mode: commands and file changes do (0.15:
 * commands and IPython cells); looking (a file view, a poll for more output) and interrupting do not.
 */
export function needsConfirmation(action: Action): boolean {
  if (action.action === 'run') {
    const command = action.args.command.trim().toLowerCase();
    return command !== '' && command !== 'c-c' && command !== 'ctrl+c';
  }
  if (action.action === 'edit') return action.args.command !== 'view';
  return action.action === 'write' || action.action === 'run_ipython';
}
