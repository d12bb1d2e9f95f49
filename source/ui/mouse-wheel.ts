import type {ScrollIntent} from './layout/viewport.js';

/** One notch of a mouse wheel (SGR mouse reporting, `ESC [ < button ; column ; row M`). */
export interface WheelNotch {
  readonly direction: 'up' | 'down' | 'left' | 'right';
  /** 1-based, as the terminal reports them. */
  readonly column: number;
  readonly row: number;
  readonly shift: boolean;
  readonly meta: boolean;
  readonly ctrl: boolean;
}

/** Rows one notch scrolls, as most terminals scroll their own scrollback. */
export const WHEEL_ROWS = 3;

// Ink's useInput hands over the sequence without its ESC, so the ESC is optional.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ESC that starts a mouse report
const SGR_MOUSE = /\u001b?\[<(\d+);(\d+);(\d+)([Mm])/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ESC that starts a mouse report
const SGR_MOUSE_ONLY = /^(?:\u001b?\[<\d+;\d+;\d+[Mm])+$/;
const DIRECTIONS = ['up', 'down', 'left', 'right'] as const;

/** The wheel notches in a chunk of input; clicks, drags and anything else are ignored. */
export function parseMouseWheel(input: string): WheelNotch[] {
  const notches: WheelNotch[] = [];
  for (const match of input.matchAll(SGR_MOUSE)) {
    const button = Number(match[1]);
    // Bit 64 marks the wheel buttons (bit 128 the extra buttons 8-11); the low two bits say which way.
    if ((button & 64) === 0 || (button & 128) !== 0 || match[4] !== 'M') continue;
    notches.push({
      direction: DIRECTIONS[button & 3] as WheelNotch['direction'],
      column: Number(match[2]),
      row: Number(match[3]),
      shift: (button & 4) !== 0,
      meta: (button & 8) !== 0,
      ctrl: (button & 16) !== 0,
    });
  }
  return notches;
}

/** True when the input is nothing but mouse reports (so it must not reach a text field as typing). */
export function isMouseReport(input: string): boolean {
  return SGR_MOUSE_ONLY.test(input);
}

/** The scroll the notches ask for, or undefined when they are all sideways. */
export function wheelScroll(notches: readonly WheelNotch[]): ScrollIntent | undefined {
  let delta = 0;
  for (const notch of notches) {
    if (notch.direction === 'up') delta -= WHEEL_ROWS;
    if (notch.direction === 'down') delta += WHEEL_ROWS;
  }
  return delta === 0 ? undefined : {type: 'lines', delta};
}
