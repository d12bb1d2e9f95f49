import type {Key} from 'ink';

/** The keys a binding can name. A letter without Ctrl is a key only where a condition says so (y/n/a to confirm). */
export type KeyName =
  | 'return'
  | 'tab'
  | 'escape'
  | 'backspace'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z';

/** One key with its modifiers, as a binding names it. */
export interface Chord {
  key: KeyName;
  ctrl?: boolean;
  shift?: boolean;
  /** Alt (Option on macOS): terminals send it as an Escape prefix. */
  meta?: boolean;
}

/** What Ink reported, reduced to the names bindings use; `key` is undefined for plain text. */
export interface Pressed {
  key: KeyName | undefined;
  ctrl: boolean;
  shift: boolean;
  meta: boolean;
  /** The text the key types (empty for a named key). */
  text: string;
}

const LETTER = /^[a-z]$/;
// xterm's modifyOtherKeys (and tmux with extended-keys) sends a modified Enter as CSI 27;mod;13~;
// Ink 6.8 does not name it and hands it over as this text with the Escape stripped.
const MODIFIED_RETURN = /^\[27;(\d+);13~$/;

/**
 * Ink's (input, key) as a Pressed. Quirks of Ink 6.8 it evens out: Backspace arrives as `delete`
 * (the terminal sends 0x7f) and cannot be told from the Delete key, so both are `backspace`;
 * Ctrl+J arrives as the text "\n"; Escape sets `meta`.
 */
export function readPressed(input: string, key: Key): Pressed {
  const named = (name: KeyName, mods: Partial<Pressed> = {}): Pressed => ({
    key: name,
    ctrl: key.ctrl,
    shift: key.shift,
    meta: key.meta,
    text: '',
    ...mods,
  });
  if (key.return) return named('return');
  if (input === '\n') return named('j', {ctrl: true, shift: false, meta: false});
  const modifiedReturn = MODIFIED_RETURN.exec(input);
  if (modifiedReturn) {
    const bits = Number(modifiedReturn[1]) - 1;
    return named('return', {shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0});
  }
  if (key.escape) return named('escape', {meta: false});
  if (key.tab) return named('tab');
  if (key.backspace || key.delete) return named('backspace');
  if (key.upArrow) return named('up');
  if (key.downArrow) return named('down');
  if (key.leftArrow) return named('left');
  if (key.rightArrow) return named('right');
  if (key.pageUp) return named('pageup');
  if (key.pageDown) return named('pagedown');
  if (key.home) return named('home');
  if (key.end) return named('end');
  if (key.ctrl && LETTER.test(input)) return named(input as KeyName, {shift: false});
  return {key: undefined, ctrl: key.ctrl, shift: key.shift, meta: key.meta, text: input};
}

export function chordMatches(chord: Chord, pressed: Pressed): boolean {
  // A plain letter arrives as text: it is the chord of that letter without modifiers.
  if (pressed.key === undefined) return isPlainLetter(chord) && pressed.text === chord.key && !pressed.ctrl && !pressed.meta;
  return (
    pressed.key === chord.key &&
    pressed.ctrl === (chord.ctrl ?? false) &&
    pressed.shift === (chord.shift ?? false) &&
    pressed.meta === (chord.meta ?? false)
  );
}

function isPlainLetter(chord: Chord): boolean {
  return LETTER.test(chord.key) && !chord.ctrl && !chord.meta && !chord.shift;
}

const KEY_LABELS: Partial<Record<KeyName, string>> = {
  return: 'Enter',
  tab: 'Tab',
  escape: 'Esc',
  backspace: 'Backspace',
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
};

/** "Ctrl+O", "Shift+Enter", "PgUp". */
export function chordLabel(chord: Chord): string {
  const parts: string[] = [];
  if (chord.ctrl) parts.push('Ctrl');
  if (chord.meta) parts.push('Alt');
  if (chord.shift) parts.push('Shift');
  parts.push(KEY_LABELS[chord.key] ?? (isPlainLetter(chord) ? chord.key : chord.key.toUpperCase()));
  return parts.join('+');
}
