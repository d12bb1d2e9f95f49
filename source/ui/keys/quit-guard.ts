/**
 * The double Ctrl+C rule. A first press interrupts the running command, or, with nothing
 * running, only arms quitting; either way a second press within the window quits, so Ctrl+C
 * Ctrl+C always leaves (also when a command ignores the interrupt).
 */
export interface QuitGuard {
  /** Until when (ms since the epoch) a second Ctrl+C quits; undefined when not armed. */
  armedUntil: number | undefined;
}

export type CtrlCEffect = 'interrupt' | 'arm' | 'quit';

export const QUIT_WINDOW_MS = 2000;

export const idleQuitGuard: QuitGuard = {armedUntil: undefined};

export function pressCtrlC(
  guard: QuitGuard,
  options: {now: number; commandRunning: boolean; windowMs?: number},
): {guard: QuitGuard; effect: CtrlCEffect} {
  if (guard.armedUntil !== undefined && options.now < guard.armedUntil) return {guard: idleQuitGuard, effect: 'quit'};
  const armed = {armedUntil: options.now + (options.windowMs ?? QUIT_WINDOW_MS)};
  return {guard: armed, effect: options.commandRunning ? 'interrupt' : 'arm'};
}

export function isArmed(guard: QuitGuard, now: number): boolean {
  return guard.armedUntil !== undefined && now < guard.armedUntil;
}
