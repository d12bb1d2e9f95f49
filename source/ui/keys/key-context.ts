/** The part of the session screen that receives keys. */
export type Focus = 'composer' | 'events' | 'terminal';

/** Facts about the composer's text that change what a key means there. */
export interface ComposerFacts {
  cursorOnFirstLine: boolean;
  cursorOnLastLine: boolean;
  /** The character before the cursor is `\`: Enter then makes a new line (as in gemini-cli). */
  afterBackslash: boolean;
  /** Nothing is typed: letters may then be keys (y/n/a answer a confirmation). */
  empty?: boolean;
}

/** What the key matcher needs to know about the screen to pick a binding. */
export interface KeyContext {
  focus: Focus;
  /** A command runs in the runtime's shell (Ctrl+C interrupts it; the composer feeds its stdin). */
  commandRunning: boolean;
  /** The runtime container is gone or its action server stopped answering. */
  runtimeLost: boolean;
  /** The /sessions picker is open: it takes the arrows, Enter and Esc from the composer and the panes. */
  pickerOpen?: boolean;
  /** The agent is working on a step (Esc and Ctrl+C stop it). */
  agentRunning?: boolean;
  /** The agent waits for the user to confirm an action (y/n/a in an empty composer answer). */
  awaitingConfirmation?: boolean;
  /** Present when the composer asks; the screen-wide handler leaves it out. */
  composer?: ComposerFacts;
}

/** A named condition a chord or a footer hint depends on. */
export type Condition =
  | 'cursorOnFirstLine'
  | 'cursorOnLastLine'
  | 'afterBackslash'
  | 'commandRunning'
  | 'runtimeLost'
  | 'agentRunning'
  | 'confirmationAsked';

export const CONDITIONS: Record<Condition, {holds: (context: KeyContext) => boolean; phrase: string}> = {
  cursorOnFirstLine: {holds: (c) => c.composer?.cursorOnFirstLine ?? false, phrase: 'on the first line'},
  cursorOnLastLine: {holds: (c) => c.composer?.cursorOnLastLine ?? false, phrase: 'on the last line'},
  afterBackslash: {holds: (c) => c.composer?.afterBackslash ?? false, phrase: 'after a `\\`'},
  commandRunning: {holds: (c) => c.commandRunning, phrase: 'while a command runs'},
  runtimeLost: {holds: (c) => c.runtimeLost, phrase: 'when the runtime is lost'},
  // Not while the picker is open: its Esc closes it.
  agentRunning: {holds: (c) => c.agentRunning === true && !c.pickerOpen, phrase: 'while the agent works'},
  confirmationAsked: {
    holds: (c) => c.awaitingConfirmation === true && c.composer?.empty === true,
    phrase: 'when the agent asks, composer empty',
  },
};

export function conditionHolds(condition: Condition | undefined, context: KeyContext): boolean {
  return condition === undefined || CONDITIONS[condition].holds(context);
}
