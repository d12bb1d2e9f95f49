import type {KeyStroke} from './bindings.js';
import {chordLabel} from './chord.js';
import {CONDITIONS} from './key-context.js';

/** "Ctrl+O", "Ctrl+C Ctrl+C"; with `withCondition`, "Up (on the first line)" for the docs. */
export function strokeLabel(stroke: KeyStroke, options: {withCondition?: boolean} = {}): string {
  const chord = chordLabel(stroke);
  const keys = stroke.twice ? `${chord} ${chord}` : chord;
  return options.withCondition && stroke.when ? `${keys} (${CONDITIONS[stroke.when].phrase})` : keys;
}
