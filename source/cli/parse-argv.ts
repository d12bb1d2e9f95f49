import {closestName} from '../config/suggest.js';
import {UserError} from '../lib/errors.js';
import {COMMANDS, FLAGS, kebabCase, type CommandName, type FlagSpec} from './flags.js';

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

export function commandOf(input: readonly string[]): CommandName {
  const [first, ...extra] = input;
  if (first === undefined) return '';
  const command = COMMANDS.find((entry) => entry.name === first);
  if (command === undefined || command.name === '') {
    const suggestion = closestName(first, COMMANDS.map((entry) => entry.name).filter(Boolean));
    throw new UserError(`unknown command "${first}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`, {hint: usageHint});
  }
  if (extra.length > 0) {
    throw new UserError(`unexpected argument "${extra[0]}"`, {
      hint: command.name === 'exec' ? 'put the command after `--`: oh-tui exec -- ls -la' : usageHint,
    });
  }
  return command.name;
}
