import fs from 'node:fs/promises';
import path from 'node:path';

/** A repository's own instructions for agents, as found in the workspace. */
export interface RepoInstructions {
  /** Relative to the workspace root. */
  file: string;
  text: string;
}

/** Where repositories keep them: the common AGENTS.md, and OpenHands' own repo microagent. */
export const REPO_INSTRUCTION_FILES = ['AGENTS.md', '.openhands/microagents/repo.md'];

/** Longest file taken whole; a longer one is cut (it goes into every request). */
const MAX_CHARS = 20_000;

/** The instruction files present in the host workspace, in REPO_INSTRUCTION_FILES order; unreadable or empty ones are skipped. */
export async function readRepoInstructions(workspaceBase: string): Promise<RepoInstructions[]> {
  const found: RepoInstructions[] = [];
  for (const file of REPO_INSTRUCTION_FILES) {
    let text: string;
    try {
      text = await fs.readFile(path.join(workspaceBase, file), 'utf8');
    } catch {
      continue;
    }
    if (text.trim() === '') continue;
    found.push({
      file,
      text: text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n[... cut: the file is longer than ${MAX_CHARS} characters ...]` : text,
    });
  }
  return found;
}
