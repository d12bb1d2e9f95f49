import {helpText, meowFlags} from './flags.js';
import {quickParse, type ParsedArgv, type ParsedFlags} from './quick-parse.js';

const description = 'oh-tui: a terminal client for a coding agent in a local Docker runtime (OpenHands 0.15 compatible)';

/**
 * The options (everything before `--`): plain command lines by quickParse, the rest by meow, which
 * is loaded only then (`--help` and `--version` print and exit inside it).
 */
export async function parseOptions(options: string[]): Promise<ParsedArgv> {
  const quick = quickParse(options);
  if (quick === undefined) return parseWithMeow(options);
  // As meow does: the process is named after the package's bin (what ps and top show).
  process.title = 'oh-tui';
  return quick;
}

async function parseWithMeow(options: string[]): Promise<ParsedArgv> {
  const {default: meow} = await import('meow');
  const cli = meow(helpText(), {
    importMeta: import.meta,
    argv: options,
    flags: meowFlags(),
    allowUnknownFlags: true,
    description,
  });
  return {input: cli.input as ParsedArgv['input'], flags: cli.flags as ParsedFlags};
}
