import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import stripAnsi from 'strip-ansi';
import {afterEach, expect} from 'vitest';

export type Rendered = ReturnType<typeof render> & {text: () => string};

const mounted: Rendered[] = [];
afterEach(() => {
  for (const instance of mounted.splice(0)) instance.unmount();
});

/**
 * Renders `tree` and waits until it listens to stdin: useInput subscribes in an effect, and a key
 * written before that is lost. Unmounted after the test.
 */
export async function renderForInput(tree: ReactElement): Promise<Rendered> {
  const instance = render(tree);
  const rendered: Rendered = {...instance, text: () => stripAnsi(instance.lastFrame() ?? '')};
  mounted.push(rendered);
  await expect.poll(() => instance.stdin.listenerCount('readable'), {timeout: 5000}).toBeGreaterThan(0);
  return rendered;
}

/** Keys as a terminal sends them. */
export const KEYS = {
  enter: '\r',
  ctrlJ: '\n',
  altEnter: '\u001b\r',
  kittyShiftEnter: '\u001b[13;2u',
  xtermShiftEnter: '\u001b[27;2;13~',
  kittyCtrlJ: '\u001b[106;5u',
  kittyCtrlC: '\u001b[99;5u',
  kittyCtrlO: '\u001b[111;5u',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  home: '\u001b[H',
  end: '\u001b[F',
  backspace: '\u007f',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlO: '\u000f',
  ctrlR: '\u0012',
  ctrlT: '\u0014',
  tab: '\t',
  shiftTab: '\u001b[Z',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  pasteStart: '\u001b[200~',
  pasteEnd: '\u001b[201~',
} as const;
