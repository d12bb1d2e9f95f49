import type {BindingId} from '../keys/bindings.js';
import {historyFrom, type InputHistory, newerInput, olderInput, recordInput} from './input-history.js';
import * as edit from './text-buffer.js';
import {bufferFromText, bufferText, cursorTo, emptyBuffer, type TextBuffer} from './text-buffer.js';

export interface ComposerState {
  buffer: TextBuffer;
  history: InputHistory;
}

export type ComposerAction =
  | {type: 'binding'; id: BindingId}
  /** Enter after a `\`: the backslash becomes the line break. */
  | {type: 'newlineForBackslash'}
  | {type: 'insert'; text: string}
  /** The text was sent: clear it, and remember it unless it went to a running command's input. */
  | {type: 'sent'; remember: boolean};

export function initialComposerState(history: readonly string[] = []): ComposerState {
  return {buffer: emptyBuffer, history: historyFrom(history)};
}

const EDITS: Partial<Record<BindingId, (buffer: TextBuffer) => TextBuffer>> = {
  'composer.newline': (buffer) => edit.insertText(buffer, '\n'),
  'cursor.up': edit.moveUp,
  'cursor.down': edit.moveDown,
  'cursor.left': edit.moveLeft,
  'cursor.right': edit.moveRight,
  'cursor.lineStart': edit.moveLineStart,
  'cursor.lineEnd': edit.moveLineEnd,
  'edit.backspace': edit.backspace,
  'edit.deleteForward': edit.deleteForward,
  'edit.deleteWordBack': edit.deleteWordBack,
  'edit.deleteToLineStart': edit.deleteToLineStart,
  'edit.deleteToLineEnd': edit.deleteToLineEnd,
};

/** The composer's editing and history, as a pure reducer; sending is the component's part. */
export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  switch (action.type) {
    case 'insert':
      return {...state, buffer: edit.insertText(state.buffer, action.text)};
    case 'newlineForBackslash':
      return {...state, buffer: edit.insertText(edit.backspace(state.buffer), '\n')};
    case 'sent': {
      const text = bufferText(state.buffer);
      return {
        buffer: emptyBuffer,
        history: action.remember ? recordInput(state.history, text) : {entries: state.history.entries, index: undefined, draft: ''},
      };
    }
    case 'binding':
      return applyBinding(state, action.id);
  }
}

function applyBinding(state: ComposerState, id: BindingId): ComposerState {
  if (id === 'history.prev') {
    const older = olderInput(state.history, bufferText(state.buffer));
    return older ? {history: older.history, buffer: cursorTo(bufferFromText(older.text), 'firstLineEnd')} : state;
  }
  if (id === 'history.next') {
    const newer = newerInput(state.history);
    return newer ? {history: newer.history, buffer: bufferFromText(newer.text)} : state;
  }
  const change = EDITS[id];
  return change ? {...state, buffer: change(state.buffer)} : state;
}
