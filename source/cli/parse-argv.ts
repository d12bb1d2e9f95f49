import {closestName} from '../config/suggest.js';
import {UserError} from '../lib/errors.js';
import {COMMANDS, FLAGS, kebabCase, type CommandName, type CommandSpec, type FlagSpec} from './flags.js';

export interface SplitArgv {
  /** Arguments meow parses: everything before a `--`. */
  options: string[];
  /** Everything after the first `--` (the command of `oh-tui exec -- ...`). */
  rest: string[];
}

export function splitAtDoubleDash(argv: readonly string[]): SplitArgv {
  const index = argv.indexOf('--');
  return index === -1 ? {options: [...argv], rest: []} : {options: argv.slice(0, index), rest: argv.slice(index + 1)};
}

const usageHint = 'run `oh-tui --help` for the usage';

/** Rejects flags that are not in the table, or not valid for the command, naming the closest one. */
export function checkFlags(options: readonly string[], command: CommandName): void {
  const longNames = FLAGS.map((flag) => kebabCase(flag.name));
  for (const token of options) {
    if (!token.startsWith('-') || token === '-') continue;
    if (token.startsWith('--')) {
      const name = token.slice(2).split('=')[0] ?? '';
      const spec = FLAGS.find((flag) => kebabCase(flag.name) === name || flag.name === name);
      if (spec === undefined) {
        const suggestion = closestName(name, longNames);
        throw new UserError(`unknown flag --${name}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`, {hint: usageHint});
      }
      checkApplies(spec, command);
    } else {
      // Every letter of a bundle (`-sh`) is a flag of its own and must apply to the command.
      for (const letter of token.slice(1)) {
        const spec = FLAGS.find((flag) => flag.shortFlag === letter);
        if (spec === undefined) throw new UserError(`unknown flag -${letter}`, {hint: usageHint});
        checkApplies(spec, command);
      }
    }
  }
}

function checkApplies(spec: FlagSpec, command: CommandName): void {
  if (spec.commands.includes(command)) return;
  const where = command === '' ? 'the interactive session' : `oh-tui ${command}`;
  throw new UserError(`--${kebabCase(spec.name)} does not apply to ${where}`, {hint: usageHint});
}

export interface ParsedCommand {
  command: CommandName;
  /** Its positional arguments (`<sid>` of `sessions rm <sid>`), as many as it declares. */
  args: string[];
}

export function commandOf(input: readonly string[]): CommandName {
  return parseCommand(input).command;
}

/** The command the words name (the longest match: `sessions rm x` is `sessions rm` with `x`) and its arguments. */
export function parseCommand(input: readonly string[]): ParsedCommand {
  const [first] = input;
  if (first === undefined) return {command: '', args: []};
  const commands: readonly CommandSpec[] = COMMANDS;
  let match: {spec: CommandSpec; words: number} | undefined;
  for (const spec of commands) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      const words = name.split(' ');
      if (name !== '' && words.every((word, i) => input[i] === word) && words.length > (match?.words ?? 0))
        match = {spec, words: words.length};
    }
  }
  if (match === undefined) throw unknownCommand('', first, commands);
  const {spec, words} = match;
  const rest = input.slice(words);
  const expected = spec.args ?? [];
  if (rest.length > expected.length) {
    const subcommands = commands.filter((entry) => entry.name.startsWith(`${spec.name} `));
    if (expected.length === 0 && subcommands.length > 0) {
      throw unknownCommand(spec.name, rest[0] ?? '', [spec, ...subcommands]);
    }
    throw new UserError(`unexpected argument "${rest[expected.length]}"`, {
      hint: spec.name === 'exec' ? 'put the command after `--`: oh-tui exec -- ls -la' : usageHint,
    });
  }
  if (rest.length < expected.length) {
    throw new UserError(`missing the <${expected[rest.length]}> of oh-tui ${spec.name}`, {hint: `usage: ${spec.usage}`});
  }
  return {command: spec.name as CommandName, args: [...rest]};
}

/** `word` after `parent` names no command; the suggestion is the nearest word in that place. */
function unknownCommand(parent: string, word: string, commands: readonly CommandSpec[]): UserError {
  const depth = parent === '' ? 0 : parent.split(' ').length;
  const words = commands.flatMap((entry) => [entry.name, ...(entry.aliases ?? [])].map((name) => name.split(' ')[depth] ?? ''));
  const suggestion = closestName(word, [...new Set(words)].filter(Boolean));
  const place = parent === '' ? '' : `${parent} `;
  return new UserError(`unknown command "${place}${word}"${suggestion ? ` (did you mean "${place}${suggestion}"?)` : ''}`, {
    hint: usageHint,
  });
}
