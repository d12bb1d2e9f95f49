import {closestName} from '../../config/suggest.js';
import {SLASH_COMMANDS, type SlashCommandName} from './slash-commands.js';

/** What the submitted composer text asks for; the screen carries it out. */
export type InputIntent =
  | {type: 'empty'}
  | {type: 'message'; text: string}
  | {type: 'shell'; command: string}
  | {type: 'command'; name: SlashCommandName}
  | {type: 'error'; message: string};

const NAMES: readonly string[] = SLASH_COMMANDS.map((command) => command.name);
// A first word like /etc/hosts or /tmp is a path in a message, not a command.
const COMMAND_WORD = /^\/([A-Za-z][\w-]*)(?=\s|$)/;

/**
 * Composer text → intent: `/name` is a command (an unknown one is an error with a did-you-mean),
 * `!command` runs in the runtime's shell, anything else is a message to the agent.
 */
export function parseInput(text: string): InputIntent {
  const trimmed = text.trim();
  if (trimmed === '') return {type: 'empty'};
  if (trimmed.startsWith('!')) {
    const command = trimmed.slice(1).trim();
    return command === '' ? {type: 'error', message: 'Type a command after !, e.g. !ls -la'} : {type: 'shell', command};
  }
  const word = COMMAND_WORD.exec(trimmed);
  if (!word) return {type: 'message', text: trimmed};
  const name = word[1]!.toLowerCase();
  if (!NAMES.includes(name)) return {type: 'error', message: unknownCommandMessage(name)};
  const rest = trimmed.slice(word[0].length).trim();
  if (rest !== '') return {type: 'error', message: `/${name} takes no arguments (got "${rest}")`};
  return {type: 'command', name: name as SlashCommandName};
}

function unknownCommandMessage(name: string): string {
  const near = closestName(name, NAMES) ?? NAMES.find((known) => known.startsWith(name));
  const hint = near === undefined ? '' : ` Did you mean /${near}?`;
  return `Unknown command /${name}.${hint} Type /help for the list.`;
}
