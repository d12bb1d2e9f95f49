/** Which config.toml to read: --config, else ./config.toml, else the XDG config directory. */
import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../lib/errors.js';
import {expandHome} from './resolve-paths.js';

export interface LocateOptions {
  configPath?: string;
  cwd: string;
  env: Record<string, string | undefined>;
  homeDir: string;
}

function isFile(file: string): boolean {
  return fs.statSync(file, {throwIfNoEntry: false})?.isFile() ?? false;
}

/** Where oh-tui looks for a config file when none is named, in order. */
export function candidateConfigFiles(options: Omit<LocateOptions, 'configPath'>): string[] {
  const xdg = options.env.XDG_CONFIG_HOME;
  const configHome = xdg && path.isAbsolute(xdg) ? xdg : path.join(options.homeDir, '.config');
  return [path.join(options.cwd, 'config.toml'), path.join(configHome, 'oh-tui', 'config.toml')];
}

/** The absolute path of the config file to read, or undefined when there is none (defaults apply). */
export function locateConfigFile(options: LocateOptions): string | undefined {
  if (options.configPath !== undefined) {
    const file = path.resolve(options.cwd, expandHome(options.configPath, options.homeDir));
    if (!isFile(file)) {
      const what = fs.existsSync(file) ? 'is not a file' : 'does not exist';
      throw new UserError(`config file ${options.configPath} ${what} (looked at ${file})`, {
        hint: 'Check the --config path, or leave it out to use ./config.toml.',
      });
    }
    return file;
  }
  return candidateConfigFiles(options).find(isFile);
}
