export interface FlagSpec {
  name: string; // camelCase, as meow reports it; `--kebab-case` on the command line
  type: 'string' | 'boolean';
  shortFlag?: string;
  valueName?: string;
  description: string;
  /** Commands the flag applies to; the interactive session is ''. */
  commands: readonly string[];
}

/** A command of the table; a name of two words is a subcommand (`sessions rm`). */
export interface CommandSpec {
  name: string;
  usage: string;
  description: string;
  /** Positional arguments it takes, by name (all required). */
  args?: readonly string[];
  /** Other spellings of it (`sessions list` for `sessions`). */
  aliases?: readonly string[];
  /** Lines printed below the usage list, for what one line cannot say. */
  notes?: readonly string[];
}

export const COMMANDS = [
  {
    name: '',
    usage: 'oh-tui [--session <sid>] [--inline] [-t <task> | -f <file>] [--headless [--json]] [--config <path>]',
    description: 'Start or resume an interactive session (--headless: run the task without the screen)',
    notes: [
      'Headless: oh-tui --headless -t "fix the failing test" runs the task to the end, progress on stderr;',
      'with --json one event JSON a line on stdout. Exit 0 when the agent finished, 1 otherwise, 130 on Ctrl+C.',
    ],
  },
  {name: 'build', usage: 'oh-tui build [--force-rebuild] [--dry-run] [--json]', description: 'Resolve and build the runtime image'},
  {
    name: 'exec',
    usage: 'oh-tui exec [--session <sid>] -- <command...>',
    description: "Run one command in the session's runtime",
    // As ssh does: the arguments are one command line for the remote shell, not an argv.
    notes: [
      "exec joins the words after -- with spaces, and the session's bash runs that line, as ssh does:",
      "oh-tui exec -- 'ls | wc -l' runs the pipe in the container; unquoted, your own shell would run wc.",
    ],
  },
  {name: 'vscode', usage: 'oh-tui vscode [--session <sid>] [--open]', description: "Print (and open) the session's VS Code link"},
  {
    name: 'sessions',
    usage: 'oh-tui sessions [--all] [--json]',
    description: "List this workspace's sessions (--all: every workspace's)",
    aliases: ['sessions list'],
  },
  {name: 'sessions show', usage: 'oh-tui sessions show <sid> [--json]', description: "Print a session's transcript", args: ['sid']},
  {
    name: 'sessions rm',
    usage: 'oh-tui sessions rm <sid> [--yes]',
    description: 'Remove a session: its container and its data',
    args: ['sid'],
  },
  {
    name: 'sessions prune',
    usage: 'oh-tui sessions prune --older-than <age> [--all] [--dry-run] [--yes]',
    description: 'Remove old sessions whose container is gone',
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof COMMANDS)[number]['name'];

const ALL: readonly CommandName[] = COMMANDS.map((command) => command.name);

/**
 * The one table of command-line flags: meow's flag options, the help text and the unknown-flag
 * checks come from it, and a test holds the README's flag list to it.
 */
export const FLAGS: readonly FlagSpec[] = [
  {
    name: 'config',
    type: 'string',
    shortFlag: 'c',
    valueName: 'path',
    description: 'config.toml to read (default ./config.toml, then ~/.config/oh-tui/config.toml)',
    commands: ALL,
  },
  {
    name: 'session',
    type: 'string',
    shortFlag: 's',
    valueName: 'sid',
    description: 'session id to start or resume ([a-zA-Z0-9_-], at most 64)',
    commands: ['', 'exec', 'vscode'],
  },
  {
    name: 'forceRebuild',
    type: 'boolean',
    description: 'build the runtime image from the base image even when one exists',
    commands: ['', 'build'],
  },
  {
    name: 'dryRun',
    type: 'boolean',
    description: 'show what build would build (image, tags, Dockerfile) or prune would remove; change nothing',
    commands: ['build', 'sessions prune'],
  },
  {
    name: 'json',
    type: 'boolean',
    description: 'JSON on stdout: build one object, sessions an array, sessions show and --headless one event a line',
    commands: ['', 'build', 'sessions', 'sessions show'],
  },
  {
    name: 'task',
    type: 'string',
    shortFlag: 't',
    valueName: 'text',
    description: 'the task: sent to the agent as the first message',
    commands: [''],
  },
  {name: 'file', type: 'string', shortFlag: 'f', valueName: 'path', description: 'the task, read from a file', commands: ['']},
  {
    name: 'headless',
    type: 'boolean',
    description: 'run the task (-t or -f) to the end without the screen: progress on stderr, exit 0 when finished',
    commands: [''],
  },
  {
    name: 'maxIterations',
    type: 'string',
    shortFlag: 'i',
    valueName: 'n',
    description: 'most agent steps for one task ([core] max_iterations)',
    commands: [''],
  },
  {
    name: 'maxBudgetPerTask',
    type: 'string',
    shortFlag: 'b',
    valueName: 'usd',
    description: 'most LLM cost in USD for one task ([core] max_budget_per_task)',
    commands: [''],
  },
  {
    name: 'llmConfig',
    type: 'string',
    shortFlag: 'l',
    valueName: 'name',
    description: 'the [llm.<name>] group of config.toml the agent uses ([agent] llm_config)',
    commands: [''],
  },
  {
    name: 'directory',
    type: 'string',
    shortFlag: 'd',
    valueName: 'path',
    description: 'the workspace folder ([core] workspace_base; default: the current folder)',
    commands: [''],
  },
  {name: 'model', type: 'string', valueName: 'provider/model', description: 'the LLM, e.g. openai/gpt-4o ([llm] model)', commands: ['']},
  {
    name: 'confirm',
    type: 'boolean',
    description: 'confirmation mode: commands and edits wait for y/n/a ([security] confirmation_mode)',
    commands: [''],
  },
  {
    name: 'inline',
    type: 'boolean',
    description: 'the session screen in the normal screen: finished events stay in the scrollback',
    commands: [''],
  },
  {name: 'open', type: 'boolean', description: 'open the VS Code link in a browser', commands: ['vscode']},
  {
    name: 'all',
    type: 'boolean',
    description: "the sessions of every workspace, not only this one's",
    commands: ['sessions', 'sessions prune'],
  },
  {
    name: 'olderThan',
    type: 'string',
    valueName: 'age',
    description: 'prune sessions last active longer ago than this: 30m, 12h, 7d, 2w',
    commands: ['sessions prune'],
  },
  {name: 'yes', type: 'boolean', shortFlag: 'y', description: 'remove without asking', commands: ['sessions rm', 'sessions prune']},
  {name: 'help', type: 'boolean', shortFlag: 'h', description: 'show this help', commands: ALL},
  {name: 'version', type: 'boolean', shortFlag: 'v', description: 'print the version', commands: ALL},
];

export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export function meowFlags(): Record<string, {type: 'string' | 'boolean'; shortFlag?: string}> {
  return Object.fromEntries(
    FLAGS.filter((flag) => flag.name !== 'help' && flag.name !== 'version').map((flag) => [
      flag.name,
      flag.shortFlag === undefined ? {type: flag.type} : {type: flag.type, shortFlag: flag.shortFlag},
    ]),
  );
}

export const DESCRIPTION = 'oh-tui: a terminal client for a coding agent in a local Docker runtime (OpenHands 0.15 compatible)';

/** What `oh-tui --help` prints (before console.log's newline): laid out as meow lays it out. */
export function helpPage(): string {
  const indent = (text: string) => text.replace(/^(?!\s*$)/gm, '  ');
  return `${indent(`\n${DESCRIPTION}\n`)}\n${indent(helpText())}\n`;
}

export function helpText(): string {
  const width = Math.max(...FLAGS.map((flag) => flagLabel(flag).length));
  const commandWidth = Math.max(...COMMANDS.map((command) => command.usage.length));
  return [
    'Usage',
    ...COMMANDS.map((command) => `  $ ${command.usage.padEnd(commandWidth)}  ${command.description}`),
    '',
    ...COMMANDS.flatMap((command: CommandSpec) => (command.notes ? [...command.notes.map((line) => `  ${line}`), ''] : [])),
    'Options',
    ...FLAGS.map((flag) => `  ${flagLabel(flag).padEnd(width)}  ${flag.description}`),
    '',
    'Keys (build screen): l toggles the raw build log, Esc cancels the build.',
    'Docs: README.md; every config key: config.toml.example.',
  ].join('\n');
}

function flagLabel(flag: FlagSpec): string {
  const short = flag.shortFlag === undefined ? '    ' : `-${flag.shortFlag}, `;
  const value = flag.valueName === undefined ? '' : ` <${flag.valueName}>`;
  return `${short}--${kebabCase(flag.name)}${value}`;
}
