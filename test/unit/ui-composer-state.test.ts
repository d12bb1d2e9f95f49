import {describe, expect, it} from 'vitest';
import {type ComposerAction, composerReducer, initialComposerState} from '../../source/ui/composer/composer-state.js';
import {bufferText} from '../../source/ui/composer/text-buffer.js';

const run = (actions: ComposerAction[], history: string[] = []) => actions.reduce(composerReducer, initialComposerState(history));
const type = (text: string): ComposerAction => ({type: 'insert', text});

describe('the composer reducer', () => {
  it('edits through binding ids', () => {
    const state = run([
      type('helo'),
      {type: 'binding', id: 'cursor.left'},
      type('l'),
      {type: 'binding', id: 'composer.newline'},
      type('x'),
    ]);
    expect(bufferText(state.buffer)).toBe('hell\nxo');
  });

  it('turns a trailing backslash into the line break on Enter', () => {
    const state = run([type('echo a \\'), {type: 'newlineForBackslash'}, type('b')]);
    expect(bufferText(state.buffer)).toBe('echo a \nb');
  });

  it('clears on send, remembering the text unless it went to a running command', () => {
    const remembered = run([type('ls'), {type: 'sent', remember: true}]);
    expect(bufferText(remembered.buffer)).toBe('');
    expect(remembered.history.entries).toEqual(['ls']);
    const secret = run([type('hunter2'), {type: 'sent', remember: false}], ['ls']);
    expect(secret.history.entries).toEqual(['ls']);
  });

  it('recalls history with the cursor at the end of the first line, and gives the draft back', () => {
    const older = run([type('draft'), {type: 'binding', id: 'history.prev'}], ['one\ntwo']);
    expect(bufferText(older.buffer)).toBe('one\ntwo');
    expect([older.buffer.row, older.buffer.col]).toEqual([0, 3]);
    const back = composerReducer(older, {type: 'binding', id: 'history.next'});
    expect(bufferText(back.buffer)).toBe('draft');
  });

  it("leaves the state as it is for keys that are not the composer's", () => {
    const state = run([type('x')]);
    expect(composerReducer(state, {type: 'binding', id: 'vscode.open'})).toBe(state);
    expect(composerReducer(state, {type: 'binding', id: 'history.next'})).toBe(state);
  });
});
