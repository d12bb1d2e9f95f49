import {DESCRIPTION, helpPage, helpText, meowFlags} from './flags.js';
import {quickParse, type ParsedArgv, type ParsedFlags} from './quick-parse.js';

/** Parsed options, or a page to print and exit 0 (help, version). */
export type ParsedOptions = ParsedArgv | {print: string};

/**
 * The options (everything before `--`): plain command lines by quickParse, the rest by meow, which
 * is loaded only then. `--help` or `--version` alone print what meow prints for them, without it.
 */
export async function parseOptions(options: string[]): Promise<ParsedOptions> {
  if (options.length === 1 && (options[0] === '--help' || options[0] === '-h')) return {print: `${helpPage()}\n`};
  if (options.length === 1 && (options[0] === '--version' || options[0] === '-v')) return printVersion();
  const quick = quickParse(options);
  if (quick === undefined) {
    // -h and -v beside other words (`-s x -h`) print too, as --help and --version do: never a session.
    if (options.some((option) => option === '-h' || option === '--help')) return {print: `${helpPage()}\n`};
    if (options.some((option) => option === '-v' || option === '--version')) return printVersion();
    return parseWithMeow(options);
  }
  // As meow does: the process is named after the package's bin (what ps and top show).
  process.title = 'oh-tui';
  return quick;
}

async function printVersion(): Promise<{print: string}> {
  const {version} = await import('../lib/version.js');
  return {print: `${version}\n`};
}

async function parseWithMeow(options: string[]): Promise<ParsedArgv> {
  const {default: meow} = await import('meow');
  const cli = meow(helpText(), {
    importMeta: import.meta,
    argv: options,
    flags: meowFlags(),
    allowUnknownFlags: true,
    description: DESCRIPTION,
  });
  return {input: cli.input as ParsedArgv['input'], flags: cli.flags as ParsedFlags};
}
