import type {Key} from 'ink';

/**
 * Bracketed paste on top of Ink 6.8's useInput (Ink 7 has usePaste; 6.8 has none). With paste
 * mode on (`ESC[?2004h`) the terminal wraps a paste in ESC[200~ … ESC[201~. Ink splits its input
 * at every Escape and hands each marker over as the text "[200~" / "[201~" with no key flags;
 * the pasted text arrives in between as a few large `input` strings (the pty delivers ~4 KB at a
 * time). Collected here, the paste becomes one insertion, and an Enter inside it is a newline,
 * never a submit. A typed "[200~" cannot be mistaken for a marker: typed keys arrive one by one.
 */
export type PasteState = {pasting: false} | {pasting: true; parts: readonly string[]};

export type KeyEvent = {type: 'key'; input: string; key: Key} | {type: 'paste'; text: string};

export const PASTE_START = '[200~';
export const PASTE_END = '[201~';

export const notPasting: PasteState = {pasting: false};

const isMarker = (input: string, key: Key, marker: string): boolean => input === marker && !key.ctrl && !key.meta;

/** Feeds one useInput call; returns the next state and what to act on (nothing while a paste is open). */
export function feedPaste(state: PasteState, input: string, key: Key): {state: PasteState; event: KeyEvent | undefined} {
  if (!state.pasting) {
    if (isMarker(input, key, PASTE_START)) return {state: {pasting: true, parts: []}, event: undefined};
    return {state, event: {type: 'key', input, key}};
  }
  if (isMarker(input, key, PASTE_END)) return {state: notPasting, event: {type: 'paste', text: state.parts.join('')}};
  // Lone control keys inside a paste lose their text in Ink's parsing; put back the ones that are text.
  const part = key.return ? '\r' : key.tab ? '\t' : input;
  return {state: {pasting: true, parts: [...state.parts, part]}, event: undefined};
}

const CTRL_C = '\x03';

/**
 * Keys typed ahead of a slow reader (a loaded machine, a slow link) reach Ink as one chunk, which
 * it hands over as text. Two cases are split back into keys: each Ctrl+C (a double Ctrl+C to quit
 * would otherwise be inserted as two control characters), and a line ending in its Enter ("ls\r",
 * which would be inserted, Enter and all, not submitted). A chunk with more carriage returns (an
 * unbracketed multi-line paste) stays text, so pasted lines never run one by one.
 */
export function splitTypeAhead(event: KeyEvent): KeyEvent[] {
  if (event.type !== 'key' || event.key.ctrl || event.key.meta || event.input.length < 2) return [event];
  if (!event.input.includes(CTRL_C)) return splitTypedLine(event);
  const events: KeyEvent[] = [];
  event.input.split(CTRL_C).forEach((piece, index) => {
    if (index > 0) events.push({type: 'key', input: 'c', key: {...event.key, ctrl: true}});
    if (piece !== '') events.push(...splitTypedLine({type: 'key', input: piece, key: event.key}));
  });
  return events;
}

function splitTypedLine(event: KeyEvent & {type: 'key'}): KeyEvent[] {
  const {input} = event;
  if (input.length < 2 || input.indexOf('\r') !== input.length - 1) return [event];
  return [
    {type: 'key', input: input.slice(0, -1), key: event.key},
    {type: 'key', input: '\r', key: {...event.key, return: true}},
  ];
}
