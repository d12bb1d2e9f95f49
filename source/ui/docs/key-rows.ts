import {BINDINGS, type Binding, SCOPE_LABELS, type Scope} from '../keys/bindings.js';
import {strokeLabel} from '../keys/stroke-label.js';

export interface KeyRow {
  scope: Scope;
  where: string;
  /** Each key, with the condition it depends on ("Up (on the first line)"). */
  keys: string[];
  description: string;
}

/** The key table as rows for documents (/help, README), in table order. */
export function keyRows(): KeyRow[] {
  return (BINDINGS as readonly Binding[]).map((binding) => ({
    scope: binding.scope,
    where: SCOPE_LABELS[binding.scope],
    keys: binding.keys.map((stroke) => strokeLabel(stroke, {withCondition: true})),
    description: binding.description,
  }));
}
