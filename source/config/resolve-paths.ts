/** Host paths in the config: `~` is the home directory; relative means relative to where it was written. */
import path from 'node:path';

export function expandHome(value: string, homeDir: string): string {
  if (value === '~') return homeDir;
  if (value.startsWith('~/')) return path.join(homeDir, value.slice(2));
  return value;
}

/**
 * An absolute path for a path-typed key. `base` is the config file's directory for values from the
 * file (so a config works from any cwd), the cwd for values from the environment.
 */
export function resolveConfigPath(value: string, base: string, homeDir: string): string {
  return path.resolve(base, expandHome(value, homeDir));
}
