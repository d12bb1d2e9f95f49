import {COMMANDS, FLAGS, type FlagSpec, kebabCase} from './flags.js';

/** The flags the commands read, as meow reports them (camelCase keys). */
export interface ParsedFlags {
  config?: string;
  session?: string;
  forceRebuild?: boolean;
  dryRun?: boolean;
  json?: boolean;
  open?: boolean;
  inline?: boolean;
  all?: boolean;
  olderThan?: string;
  yes?: boolean;
  task?: string;
  file?: string;
  headless?: boolean;
  maxIterations?: string;
  maxBudgetPerTask?: string;
  llmConfig?: string;
  directory?: string;
  model?: string;
  confirm?: boolean;
}

export interface ParsedArgv {
  /** The words before `--` that are not flags: a command (one or two words) and its arguments. */
  input: string[];
  flags: ParsedFlags;
}

// meow prints help and version itself; those stay with it.
const quickFlags = FLAGS.filter((flag) => flag.name !== 'help' && flag.name !== 'version');
const commandNames: readonly string[] = COMMANDS.map((command) => command.name).filter(Boolean);

/**
 * The plain command lines (`exec -s x`, `build --dry-run --config=c.toml`) without loading meow:
 * meow and the package-metadata code it evaluates at import cost ~60 ms of every start, more than
 * all of the engine calls of `oh-tui exec`. Anything less plain answers undefined and goes to meow
 * as before: help and version, negations (`--no-json`), `=value` on a boolean, bundled or attached
 * short flags, a flag given twice, an empty value or one starting with `-`, camelCase spellings,
 * and any positional argument that is not a command. So both paths agree wherever this one answers
 * (test/unit/cli-quick-parse.test.ts checks it against meow itself).
 */
export function quickParse(options: readonly string[]): ParsedArgv | undefined {
  const input: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let index = 0; index < options.length; index++) {
    const token = options[index] ?? '';
    if (!token.startsWith('-')) {
      if (!commandNames.includes(token) || input.length > 0) return undefined;
      input.push(token);
      continue;
    }
    const [spec, inlineValue] = flagOf(token);
    if (spec === undefined || spec.name in flags) return undefined;
    if (spec.type === 'boolean') {
      if (inlineValue !== undefined) return undefined;
      flags[spec.name] = true;
      continue;
    }
    const value = inlineValue ?? options[++index];
    if (value === undefined || value === '' || value.startsWith('-')) return undefined;
    flags[spec.name] = value;
  }
  return {input, flags};
}

/** The flag a token names (`--name`, `--name=value` or `-x`) and its inline value. */
function flagOf(token: string): [FlagSpec | undefined, string | undefined] {
  if (token.startsWith('--')) {
    const equals = token.indexOf('=');
    const name = equals === -1 ? token.slice(2) : token.slice(2, equals);
    return [quickFlags.find((flag) => kebabCase(flag.name) === name), equals === -1 ? undefined : token.slice(equals + 1)];
  }
  if (token.length !== 2) return [undefined, undefined];
  return [quickFlags.find((flag) => flag.shortFlag === token[1]), undefined];
}
