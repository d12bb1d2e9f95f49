import {describe, expect, it} from 'vitest';
import type {SessionSummary} from '../../source/session/session-store.js';
import {SessionPicker} from '../../source/ui/panes/SessionPicker.js';
import {pickerFor} from '../../source/ui/sessions/session-picker.js';
import {KEYS, renderForInput} from '../helpers/ink-input.js';

const summary = (sid: string, lastActive: string, events: number, title = ''): SessionSummary => ({
  meta: {
    sid,
    created: lastActive,
    last_active: lastActive,
    title,
    workspace: '/w',
    image: '',
    container: `c-${sid}`,
    agent_state: 'loading',
  },
  events,
});
const now = new Date('2026-12-01T12:00:00.000Z');
const sessions = [
  summary('sid-new', '2026-12-01T11:59:30.000Z', 0),
  summary('sid-mid', '2026-12-01T10:00:00.000Z', 12, 'fix the build'),
  summary('sid-old', '2026-11-28T12:00:00.000Z', 3),
];

async function picker(current: string, height = 10) {
  const picked: string[] = [];
  let closed = 0;
  const instance = await renderForInput(
    <SessionPicker
      picker={pickerFor(sessions, '/w', current)}
      width={80}
      height={height}
      now={now}
      onPick={(sid) => picked.push(sid)}
      onClose={() => closed++}
    />,
  );
  return {...instance, picked, closed: () => closed};
}

describe('SessionPicker', () => {
  it('lists the sessions with the current one marked and selected, ages, events and titles', async () => {
    const p = await picker('sid-mid');
    expect(p.text().split('\n').slice(0, 4)).toEqual([
      'Sessions in this workspace (3) · ● this session · Enter switches, Esc goes back',
      '    sid-new  just now    0 events  (no message yet)',
      '› ● sid-mid  2h ago     12 events  fix the build',
      '    sid-old  3d ago      3 events  (no message yet)',
    ]);
  });

  it('Up and Down move the selection, stopping at the ends; Enter picks the selected sid', async () => {
    const p = await picker('sid-new');
    p.stdin.write(KEYS.down);
    await expect.poll(() => p.text()).toContain('›   sid-mid');
    p.stdin.write(KEYS.down);
    await expect.poll(() => p.text()).toContain('›   sid-old');
    // At the end a Down does nothing, so one Up is back on the middle row.
    p.stdin.write(KEYS.down);
    p.stdin.write(KEYS.up);
    await expect.poll(() => p.text()).toContain('›   sid-mid');
    p.stdin.write(KEYS.enter);
    await expect.poll(() => p.picked).toEqual(['sid-mid']);
    expect(p.closed()).toBe(0);
  });

  it('Esc closes it without picking', async () => {
    const p = await picker('sid-new');
    p.stdin.write('\u001b');
    await expect.poll(() => p.closed()).toBe(1);
    expect(p.picked).toEqual([]);
  });

  it('keeps the selection in view when the list is taller than the pane', async () => {
    const p = await picker('sid-new', 3);
    // A title line and two rows.
    expect(p.text()).toContain('› ● sid-new');
    p.stdin.write(KEYS.down);
    p.stdin.write(KEYS.down);
    await expect.poll(() => p.text()).toContain('›   sid-old');
    expect(p.text()).not.toContain('sid-new');
  });
});
