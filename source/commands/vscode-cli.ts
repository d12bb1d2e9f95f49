import {loadConfigForCli} from '../cli/load-config.js';
import {runVscodeCommand} from './vscode.js';

/** `oh-tui vscode [--session <sid>] [--open]`: config from the CLI, then the vscode command. */
export async function runVscodeFromCli(options: {configPath: string | undefined; sid: string | undefined; open: boolean}): Promise<number> {
  const config = loadConfigForCli(options.configPath);
  return runVscodeCommand({config, sid: options.sid, open: options.open, stdout: process.stdout});
}
