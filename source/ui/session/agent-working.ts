import type {AgentState} from '../../events/actions.js';

/**
 * The states in which the agent is inside a step: running, and also waiting for a confirmation
 * (or just given one), when Esc and Ctrl+C must still stop the step rather than wait for y/n/a.
 */
const WORKING: ReadonlySet<AgentState> = new Set<AgentState>(['running', 'awaiting_user_confirmation', 'user_confirmed', 'user_rejected']);

export function agentWorking(state: AgentState | undefined): boolean {
  return state !== undefined && WORKING.has(state);
}
