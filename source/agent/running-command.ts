import type {Action} from '../events/actions.js';

/**
 * Whether the shell still runs a command, as the events tell it: the last command's observation
 * said exit -1 (it outlived its wait, e.g. input typed into it, or a poll). Any later answer with
 * an exit code says it ended. A command that ends unseen is found out by the next poll.
 */
export function commandStillRunning(events: readonly Readonly<Record<string, unknown>>[]): boolean {
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event?.observation !== 'run') continue;
    const extras = event.extras as {exit_code?: unknown} | undefined;
    return extras?.exit_code === -1;
  }
  return false;
}

/**
 * Why a command action must not go to the shell now, in words for the model (as later OpenHands
 * says it), or undefined. Our server types any text into a running command, so a new command would
 * become that command's input; and input with nothing running would start a command.
 */
export function shellMisuse(action: Action, running: boolean): string | undefined {
  if (action.action !== 'run') return undefined;
  const command = action.args.command.trim().toLowerCase();
  if (command === '' || command === 'c-c' || command === 'ctrl+c') return undefined;
  if (running && action.args.is_input !== true) {
    return `The command "${action.args.command}" was NOT run: the previous command is still running. Send an empty command to see its new output, set is_input to true to type this text into it, or send C-c to interrupt it.`;
  }
  if (!running && action.args.is_input === true) {
    return `No command is running, so there is nothing to type "${action.args.command}" into. Send it again without is_input to run it as a command.`;
  }
  return undefined;
}
