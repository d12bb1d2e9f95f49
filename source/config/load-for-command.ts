import {loadConfig} from './load.js';
import type {Config} from './types.js';

/** Loads config.toml and the environment for a command, printing warnings to stderr. */
export function loadConfigForCommand(configPath: string | undefined, stderr: NodeJS.WritableStream = process.stderr): Config {
  const {config, warnings} = loadConfig({configPath, cwd: process.cwd(), env: process.env});
  for (const warning of warnings) stderr.write(`oh-tui: warning: ${warning.message}\n`);
  return config;
}
