import type {Action} from '../events/actions.js';
import type {Observation} from '../events/observations.js';

/**
 * Where the agent's actions run: the session's container. The session screen passes its
 * LiveSession (which also feeds the terminal pane), headless runs pass the runtime client. An
 * aborted signal interrupts the action (Ctrl+C to a running command); its observation still comes.
 */
export interface AgentRuntime {
  run(action: Action, options: {signal: AbortSignal}): Promise<Observation>;
}
