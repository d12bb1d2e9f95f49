import {appendFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {debugLine} from '../lib/debug-log.js';
import {isUserError} from '../lib/errors.js';

export const debugLogPath = join(tmpdir(), 'oh-tui-debug.log');

/**
 * The one place that splits user mistakes from bugs: a UserError is a short message (and hint)
 * with its exit code; anything else is a bug, reported with a pointer to the stack in the debug log.
 */
export function reportError(error: unknown, stderr: NodeJS.WritableStream = process.stderr, logPath = debugLogPath): number {
  if (isUserError(error)) {
    debugLine('exit', `${error.message} (exit code ${error.exitCode})`);
    stderr.write(`oh-tui: ${error.message}\n`);
    if (error.hint) stderr.write(`  hint: ${error.hint}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? message) : message;
  debugLine('exit', `internal error (exit code 70): ${stack}`);
  try {
    appendFileSync(logPath, `[${new Date().toISOString()}] ${stack}\n`);
    stderr.write(`oh-tui: internal error: ${message}\n  the stack is in ${logPath}; please report it\n`);
  } catch {
    stderr.write(`oh-tui: internal error: ${stack}\n`);
  }
  return 70;
}
