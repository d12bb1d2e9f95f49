/**
 * The composer's slash commands, as data: the parser, /help and the README's command table are
 * derived from this table.
 */
export const SLASH_COMMANDS = [
  {name: 'help', description: 'show the keys and the commands'},
  {name: 'vscode', description: 'print the VS Code link of this session'},
  {name: 'sessions', description: "pick one of this workspace's sessions and switch to it (this one ends as on quitting)"},
  {name: 'new', description: 'end this session (as on quitting) and start a new one in this workspace, in the same screen'},
  {name: 'confirm', description: 'turn confirmation mode on or off: commands and edits of the agent wait for y/n/a'},
  {name: 'restart', description: 'restart the runtime container (after it was lost, or to start afresh)'},
  {name: 'exit', description: 'leave the session screen (the session can be resumed with --session)'},
] as const satisfies readonly {name: string; description: string}[];

export type SlashCommandName = (typeof SLASH_COMMANDS)[number]['name'];

/** What the composer's other prefixes do, for /help and the README. */
export const INPUT_FORMS = [
  {form: '!<command>', description: "run a shell command in the runtime's shell (no LLM needed)"},
  {form: '<text>', description: 'a message to the agent'},
] as const;
