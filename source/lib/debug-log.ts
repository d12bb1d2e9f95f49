import {appendFileSync, mkdirSync} from 'node:fs';
import {dirname} from 'node:path';

/**
 * The debug log (`[core] debug = true`): what the client did, a line each (the runtime's states,
 * every LLM call), for a bug report. Off until opened. Every secret it is told of (API keys, the
 * runtime's session key) is replaced by *** in each line before it is written. Lines are appended
 * synchronously, so a crash keeps the last ones; a disk that fails turns the log off, never the session.
 */
let log: {file: string; secrets: Set<string>} | undefined;

export function openDebugLog(file: string, secrets: Iterable<string | undefined> = []): void {
  mkdirSync(dirname(file), {recursive: true});
  log = {file, secrets: new Set()};
  for (const secret of secrets) addDebugSecret(secret);
}

/** Where the log is written, or undefined when it is off. */
export function debugLogFile(): string | undefined {
  return log?.file;
}

/** A secret learned later (the LLM's key once resolved): never written from now on. */
export function addDebugSecret(secret: string | undefined): void {
  // A very short value would blank out ordinary words of every line.
  if (log && secret !== undefined && secret.length >= 8) log.secrets.add(secret);
}

export function debugLine(topic: string, message: string): void {
  if (!log) return;
  let line = `${new Date().toISOString()} [${topic}] ${message}`;
  for (const secret of log.secrets) line = line.replaceAll(secret, '***');
  try {
    appendFileSync(log.file, `${line}\n`);
  } catch {
    log = undefined;
  }
}

/** Closes the log (tests open one per case). */
export function closeDebugLog(): void {
  log = undefined;
}
