import {loadConfigForCli} from '../cli/load-config.js';
import {runExecCommand} from './exec.js';

/** `oh-tui exec [--session <sid>] -- <command...>`: config from the CLI, then the exec command. */
export async function runExecFromCli(options: {configPath: string | undefined; sid: string | undefined; command: string[]}): Promise<number> {
  const config = loadConfigForCli(options.configPath);
  return runExecCommand({config, sid: options.sid, command: options.command, stdout: process.stdout, stderr: process.stderr});
}
