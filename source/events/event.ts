import type {Action} from './actions.js';
import type {Observation} from './observations.js';

/** One event of a session: what someone did (an action) or what came of it (an observation). */
export type Event = Action | Observation;

export function isAction(event: Event): event is Action {
  return 'action' in event;
}

export function isObservation(event: Event): event is Observation {
  return 'observation' in event;
}
