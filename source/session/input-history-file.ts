import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** The composer's input history of a session (Up/Down), kept next to its events. */
export function historyFile(sessionDir: string): string {
  return path.join(sessionDir, 'input-history.json');
}

/** The saved inputs, oldest first; none when the file is missing or unreadable. */
export function readInputHistory(sessionDir: string): string[] {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(historyFile(sessionDir), 'utf8'));
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** Saves the inputs; a full disk loses the history, never the session. */
export function writeInputHistory(sessionDir: string, entries: readonly string[]): void {
  try {
    writeFileAtomic.sync(historyFile(sessionDir), `${JSON.stringify(entries)}\n`);
  } catch {
    // The history is a convenience.
  }
}
