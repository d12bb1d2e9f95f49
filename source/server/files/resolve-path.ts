import path from 'node:path';

/** Paths in actions are relative to the shell's current directory, as in 0.15. */
export function resolveAgainst(cwd: string, filePath: string): string {
  return path.resolve(cwd, filePath);
}
