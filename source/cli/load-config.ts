import {loadConfig} from '../config/load.js';
import type {Config} from '../config/types.js';

/** Loads config.toml and the environment for a command, printing warnings to stderr. */
export function loadConfigForCli(configPath: string | undefined, stderr: NodeJS.WritableStream = process.stderr): Config {
  const {config, warnings} = loadConfig({configPath, cwd: process.cwd(), env: process.env});
  for (const warning of warnings) stderr.write(`oh-tui: warning: ${warning.message}\n`);
  return config;
}
