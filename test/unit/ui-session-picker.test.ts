import {describe, expect, it} from 'vitest';
import type {SessionSummary} from '../../source/session/session-store.js';
import {movePicker, pickerFor, pickerRowText, selectedEntry, visibleRange} from '../../source/ui/sessions/session-picker.js';

const summary = (sid: string, workspace: string, lastActive: string, events: number, title = ''): SessionSummary => ({
  meta: {sid, created: lastActive, last_active: lastActive, title, workspace, image: '', container: `c-${sid}`, agent_state: 'loading'},
  events,
});

// The store's order: most recently active first.
const listed = [
  summary('newest', '/work/a', '2026-12-01T10:00:00.000Z', 0),
  summary('other-ws', '/work/b', '2026-12-01T09:30:00.000Z', 4),
  summary('middle', '/work/a', '2026-12-01T09:00:00.000Z', 7, 'fix the build'),
  summary('oldest', '/work/a', '2026-11-20T09:00:00.000Z', 1),
];

describe('pickerFor', () => {
  it("keeps only this workspace's sessions, in the store's most-recent-first order, the current one marked and selected", () => {
    const picker = pickerFor(listed, '/work/a', 'middle');
    expect(picker.entries.map((entry) => [entry.sid, entry.current])).toEqual([
      ['newest', false],
      ['middle', true],
      ['oldest', false],
    ]);
    expect(picker.selected).toBe(1);
    expect(selectedEntry(picker)?.sid).toBe('middle');
  });

  it('selects the first row when the current session is not listed, and has no selection when nothing is', () => {
    expect(pickerFor(listed, '/work/a', 'gone').selected).toBe(0);
    const empty = pickerFor(listed, '/elsewhere', 'x');
    expect(empty.entries).toEqual([]);
    expect(selectedEntry(empty)).toBeUndefined();
  });
});

describe('movePicker', () => {
  it('moves by one and stops at either end', () => {
    const picker = pickerFor(listed, '/work/a', 'newest');
    expect(movePicker(picker, -1)).toBe(picker);
    const down = movePicker(movePicker(picker, 1), 1);
    expect(down.selected).toBe(2);
    expect(movePicker(down, 1)).toBe(down);
    expect(movePicker(down, -1).selected).toBe(1);
  });

  it('leaves an empty picker alone', () => {
    const empty = pickerFor([], '/work/a', 'x');
    expect(movePicker(empty, 1)).toBe(empty);
  });
});

describe('pickerRowText', () => {
  const now = new Date('2026-12-01T10:30:00.000Z');
  it('shows the current mark, sid, last active as an age, the events count and the title', () => {
    const [newest, middle, oldest] = pickerFor(listed, '/work/a', 'middle').entries;
    expect(pickerRowText(middle!, now)).toBe('● middle  1h ago      7 events  fix the build');
    expect(pickerRowText(newest!, now)).toBe('  newest  30m ago     0 events  (no message yet)');
    expect(pickerRowText(oldest!, now)).toBe('  oldest  11d ago      1 event  (no message yet)');
  });
});

describe('visibleRange', () => {
  const many = pickerFor(
    Array.from({length: 10}, (_, index) => summary(`s${index}`, '/w', `2026-12-01T10:0${9 - index}:00.000Z`, index)),
    '/w',
    's0',
  );
  it('starts at the top and scrolls just enough to keep the selection in view', () => {
    expect(visibleRange(many, 4)).toEqual({start: 0, end: 4});
    expect(visibleRange({...many, selected: 3}, 4)).toEqual({start: 0, end: 4});
    expect(visibleRange({...many, selected: 6}, 4)).toEqual({start: 3, end: 7});
    expect(visibleRange({...many, selected: 9}, 4)).toEqual({start: 6, end: 10});
  });
});
