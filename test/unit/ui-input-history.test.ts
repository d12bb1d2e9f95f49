import {describe, expect, it} from 'vitest';
import {historyFrom, newerInput, olderInput, recordInput} from '../../source/ui/composer/input-history.js';

describe('the input history', () => {
  it('loads and saves as a plain array, oldest first, keeping the newest up to the limit', () => {
    const history = historyFrom(['a', 'b', 'c'], 2);
    expect(history.entries).toEqual(['b', 'c']);
    expect(recordInput(history, 'd', 2).entries).toEqual(['c', 'd']);
  });

  it('records sent inputs, not blank ones or a repeat of the newest', () => {
    let history = historyFrom([]);
    for (const text of ['ls', '  ', 'ls', 'pwd', 'ls']) history = recordInput(history, text);
    expect(history.entries).toEqual(['ls', 'pwd', 'ls']);
  });

  it('browses older entries and back to the draft being typed', () => {
    const history = historyFrom(['first', 'second']);
    const older = olderInput(history, 'draft')!;
    expect(older.text).toBe('second');
    const oldest = olderInput(older.history, 'second')!;
    expect(oldest.text).toBe('first');
    expect(olderInput(oldest.history, 'first')).toBeUndefined();
    const newer = newerInput(oldest.history)!;
    expect(newer.text).toBe('second');
    const draft = newerInput(newer.history)!;
    expect(draft.text).toBe('draft');
    expect(draft.history.index).toBeUndefined();
    expect(newerInput(draft.history)).toBeUndefined();
  });

  it('has nothing older in an empty history', () => {
    expect(olderInput(historyFrom([]), 'x')).toBeUndefined();
  });

  it('ends browsing when an input is recorded', () => {
    const browsing = olderInput(historyFrom(['a', 'b']), '')!.history;
    const after = recordInput(browsing, 'c');
    expect(after).toEqual({entries: ['a', 'b', 'c'], index: undefined, draft: ''});
  });
});
