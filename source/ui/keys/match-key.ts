import type {Key} from 'ink';
import {BINDINGS, type BindingId, type KeyStroke, type Scope} from './bindings.js';
import {chordMatches, readPressed, type Pressed} from './chord.js';
import {conditionHolds, type KeyContext} from './key-context.js';

export function scopeApplies(scope: Scope, context: Pick<KeyContext, 'focus' | 'pickerOpen'>): boolean {
  if (scope === 'global') return true;
  if (scope === 'picker' || context.pickerOpen) return scope === 'picker' && context.pickerOpen === true;
  if (scope === 'composer') return context.focus === 'composer';
  return context.focus !== 'composer';
}

/** The binding a pressed key means in this context, or undefined (then it is text, or nothing). */
export function matchPressed(pressed: Pressed, context: KeyContext): BindingId | undefined {
  if (pressed.key === undefined && !/^[a-z]$/.test(pressed.text)) return undefined;
  for (const binding of BINDINGS) {
    if (!scopeApplies(binding.scope, context)) continue;
    const strokes: readonly KeyStroke[] = binding.keys;
    for (const stroke of strokes) {
      if (!stroke.twice && chordMatches(stroke, pressed) && conditionHolds(stroke.when, context)) return binding.id;
    }
  }
  return undefined;
}

/** The binding Ink's (input, key) means in this context. */
export function matchKey(input: string, key: Key, context: KeyContext): BindingId | undefined {
  return matchPressed(readPressed(input, key), context);
}
