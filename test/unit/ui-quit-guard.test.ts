import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {idleQuitGuard, isArmed, pressCtrlC, QUIT_WINDOW_MS, type QuitGuard} from '../../source/ui/keys/quit-guard.js';

/** Presses Ctrl+C "now" on the fake clock, as the screen does. */
function press(guard: QuitGuard, commandRunning = false) {
  return pressCtrlC(guard, {now: Date.now(), commandRunning});
}

describe('the double Ctrl+C rule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('with nothing running: the first press arms, a second within 2 s quits', () => {
    const first = press(idleQuitGuard);
    expect(first.effect).toBe('arm');
    expect(isArmed(first.guard, Date.now())).toBe(true);
    vi.advanceTimersByTime(QUIT_WINDOW_MS - 1);
    const second = press(first.guard);
    expect(second.effect).toBe('quit');
    expect(second.guard).toEqual(idleQuitGuard);
  });

  it('a second press after the window arms again instead of quitting', () => {
    const first = press(idleQuitGuard);
    vi.advanceTimersByTime(QUIT_WINDOW_MS);
    expect(isArmed(first.guard, Date.now())).toBe(false);
    const second = press(first.guard);
    expect(second.effect).toBe('arm');
    vi.advanceTimersByTime(500);
    expect(press(second.guard).effect).toBe('quit');
  });

  it('with a command running: the first press interrupts it, a second within 2 s quits all the same', () => {
    const first = press(idleQuitGuard, true);
    expect(first.effect).toBe('interrupt');
    vi.advanceTimersByTime(1000);
    expect(press(first.guard, true).effect).toBe('quit');
  });

  it('interrupts again when the command still runs after the window', () => {
    const first = press(idleQuitGuard, true);
    vi.advanceTimersByTime(QUIT_WINDOW_MS + 1);
    expect(press(first.guard, true).effect).toBe('interrupt');
  });

  it('takes the window as an option', () => {
    const first = pressCtrlC(idleQuitGuard, {now: Date.now(), commandRunning: false, windowMs: 100});
    vi.advanceTimersByTime(100);
    expect(pressCtrlC(first.guard, {now: Date.now(), commandRunning: false, windowMs: 100}).effect).toBe('arm');
  });
});
