/**
 * The bracketed notes OpenHands 0.15 appends to a command's output when it had to step in.
 * `restarted` is ours: 0.15 had no answer for a program that ignores both SIGINT and Ctrl-Z.
 */
export type InterruptOutcome = 'interrupted' | 'killed' | 'restarted';

const SIGINT_SENT = 'SIGINT was sent to interrupt the command';

function sigintPart(outcome: InterruptOutcome): string {
  switch (outcome) {
    case 'interrupted':
      return `${SIGINT_SENT}.`;
    case 'killed':
      return `${SIGINT_SENT}, but failed. The command was killed.`;
    case 'restarted':
      return `${SIGINT_SENT}, but failed. The shell was restarted.`;
  }
}

export function interruptNote(outcome: InterruptOutcome): string {
  return `[${sigintPart(outcome)}]`;
}

export function timeoutNote(seconds: number, outcome: InterruptOutcome): string {
  return `[Command timed out after ${seconds} seconds. ${sigintPart(outcome)}]`;
}
