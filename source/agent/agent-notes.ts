import {RUNTIME_NOTE} from '../events/transcript.js';

/** What a controller note is about (extras.agent_note). */
export type AgentNoteKind = 'repo_instructions' | 'condensed' | 'stopped';

/**
 * A quiet note from the controller, recorded as oh-tui's `runtime_note` observation (the screen
 * shows it as a note; the model never sees it): the repository instructions it read, a condensed
 * context, a stop.
 */
export function agentNote(kind: AgentNoteKind, text: string, extras: Record<string, unknown> = {}): Record<string, unknown> {
  return {source: 'environment', message: text, observation: RUNTIME_NOTE, content: text, extras: {agent_note: kind, ...extras}};
}

/** The notes of `kind` in the recorded events. */
export function notesOf(events: readonly Readonly<Record<string, unknown>>[], kind: AgentNoteKind): Record<string, unknown>[] {
  return events
    .filter((event) => event.observation === RUNTIME_NOTE)
    .map((event) => (typeof event.extras === 'object' && event.extras !== null ? (event.extras as Record<string, unknown>) : {}))
    .filter((extras) => extras.agent_note === kind);
}
