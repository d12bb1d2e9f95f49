import {BINDINGS, type Binding} from './bindings.js';
import {strokeLabel} from './stroke-label.js';

/** "y run · n reject · a run all this turn": the confirmation keys as the key table names them. */
export function confirmHints(): string {
  return (BINDINGS as readonly Binding[])
    .filter((binding) => binding.id.startsWith('confirm.') && binding.keys[0] !== undefined)
    .map((binding) => `${strokeLabel(binding.keys[0]!)} ${binding.footer?.label ?? binding.description}`)
    .join(' · ');
}
