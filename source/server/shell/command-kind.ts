/**
 * What a `run` action's command means to the shell (OpenHands 0.15 semantics): an empty command
 * waits for more output of the running command, `C-c` / `ctrl+c` interrupts it, and any other text
 * starts a new command, or is typed into the running one as its input.
 */
export type CommandKind = 'poll' | 'interrupt' | 'text';

export function commandKind(command: string): CommandKind {
  if (command.trim() === '') return 'poll';
  const lowered = command.trim().toLowerCase();
  if (lowered === 'c-c' || lowered === 'ctrl+c') return 'interrupt';
  return 'text';
}
