import {afterEach, describe, expect, it, vi} from 'vitest';
import {type LinkOpener, openLink} from '../../source/runtime/open-link.js';
import {useNotice} from '../../source/ui/hooks/use-notice.js';
import {useSessionKeys} from '../../source/ui/hooks/use-session-keys.js';
import type {KeyContext} from '../../source/ui/keys/key-context.js';
import {QUIT_WINDOW_MS} from '../../source/ui/keys/quit-guard.js';
import type {ScreenIntent} from '../../source/ui/keys/screen-intent.js';
import {Footer} from '../../source/ui/panes/Footer.js';
import {KEYS, renderForInput} from '../helpers/ink-input.js';

const URL = 'http://localhost:49153/?tkn=0123&folder=/workspace';
const idle: Omit<KeyContext, 'composer'> = {focus: 'composer', commandRunning: false, runtimeLost: false};

function Screen(props: {
  context?: Omit<KeyContext, 'composer'>;
  vscodeUrl?: string;
  openLink: LinkOpener;
  onIntent: (i: ScreenIntent) => void;
}) {
  const [notice, notify] = useNotice();
  const context = props.context ?? idle;
  useSessionKeys({context, vscodeUrl: props.vscodeUrl, openLink: props.openLink, notify, onIntent: props.onIntent});
  return <Footer context={context} notice={notice} columns={200} />;
}

async function screen(options: {context?: Omit<KeyContext, 'composer'>; vscodeUrl?: string | null; openLink?: LinkOpener} = {}) {
  const intents: ScreenIntent[] = [];
  const opened: string[] = [];
  const opener: LinkOpener =
    options.openLink ??
    (async (url) => {
      opened.push(url);
      return {opened: true};
    });
  const instance = await renderForInput(
    <Screen
      context={options.context}
      vscodeUrl={options.vscodeUrl === null ? undefined : (options.vscodeUrl ?? URL)}
      openLink={opener}
      onIntent={(intent) => intents.push(intent)}
    />,
  );
  const notice = () => (instance.text().split('\n').length > 1 ? instance.text().split('\n').slice(0, -1).join('') : '');
  return {...instance, intents, opened, notice};
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Ctrl+O', () => {
  it('calls the opener with the link and says it opened', async () => {
    const s = await screen();
    s.stdin.write(KEYS.ctrlO);
    await expect.poll(s.notice).toBe('Opened VS Code in your browser');
    expect(s.opened).toEqual([URL]);
  });

  it('under SSH or without a display (the real openLink): shows the link and why, and opens nothing', async () => {
    const ssh = await screen({openLink: (url) => openLink(url, {env: {SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22', DISPLAY: ':0'}})});
    ssh.stdin.write(KEYS.ctrlO);
    await expect.poll(ssh.notice).toBe(`Not opening a browser: this is an SSH session. Open the link yourself: ${URL}`);
    const headless = await screen({openLink: (url) => openLink(url, {env: {}, platform: 'linux'})});
    headless.stdin.write(KEYS.ctrlO);
    await expect
      .poll(headless.notice)
      .toBe(`Not opening a browser: there is no display (DISPLAY and WAYLAND_DISPLAY are unset). Open the link yourself: ${URL}`);
  });

  it('when the launcher fails or the opener throws: shows the link and the failure, and keeps running', async () => {
    const failing = await screen({
      openLink: (url) =>
        openLink(url, {
          env: {DISPLAY: ':0'},
          platform: 'linux',
          opener: async () => {
            throw new Error('no browser was found (xdg-open exited with code 3)');
          },
        }),
    });
    failing.stdin.write(KEYS.ctrlO);
    await expect
      .poll(failing.notice)
      .toBe(
        `Not opening a browser: opening the browser failed: no browser was found (xdg-open exited with code 3). Open the link yourself: ${URL}`,
      );
    const throwing = await screen({
      openLink: async () => {
        throw new Error('boom');
      },
    });
    throwing.stdin.write(KEYS.ctrlO);
    await expect.poll(throwing.notice).toBe(`Not opening a browser: opening the browser failed: boom. Open the link yourself: ${URL}`);
  });

  it('also under the kitty keyboard protocol (CSI 111;5u)', async () => {
    const s = await screen();
    s.stdin.write(KEYS.kittyCtrlO);
    await expect.poll(() => s.opened).toEqual([URL]);
  });

  it('before there is a link: says so and calls no opener', async () => {
    const s = await screen({vscodeUrl: null});
    s.stdin.write(KEYS.ctrlO);
    await expect.poll(s.notice).toBe('No VS Code link yet: the runtime is not running');
    expect(s.opened).toEqual([]);
  });
});

describe('Ctrl+C twice', () => {
  it('with nothing running: asks for a second press, which quits', async () => {
    const s = await screen();
    s.stdin.write(KEYS.ctrlC);
    await expect.poll(s.notice).toBe('Press Ctrl+C again to quit');
    expect(s.intents).toEqual([]);
    s.stdin.write(KEYS.kittyCtrlC);
    await expect.poll(() => s.intents).toEqual([{type: 'quit'}]);
  });

  it('after the window the prompt is gone and the next press asks again (fake clock)', async () => {
    vi.useFakeTimers({toFake: ['Date', 'setTimeout', 'clearTimeout']});
    const s = await screen();
    // The key is handled during write; expect.poll moves a fake clock on as it waits, so each
    // step is timed from the press.
    const press = () => {
      s.stdin.write(KEYS.ctrlC);
      return Date.now();
    };
    const advanceTo = (at: number) => vi.advanceTimersByTime(at - Date.now());
    const first = press();
    await expect.poll(s.notice).toBe('Press Ctrl+C again to quit');
    advanceTo(first + QUIT_WINDOW_MS);
    await expect.poll(s.notice).toBe('');
    const second = press();
    await expect.poll(s.notice).toBe('Press Ctrl+C again to quit');
    expect(s.intents).toEqual([]);
    advanceTo(second + QUIT_WINDOW_MS - 1);
    press();
    await expect.poll(() => s.intents).toEqual([{type: 'quit'}]);
  });

  it('with a command running: interrupts it first, quits on the second press', async () => {
    const s = await screen({context: {...idle, commandRunning: true}});
    s.stdin.write(KEYS.ctrlC);
    await expect.poll(() => s.intents).toEqual([{type: 'interrupt'}]);
    await expect.poll(s.notice).toBe('Interrupting the command · press Ctrl+C again to quit');
    s.stdin.write(KEYS.ctrlC);
    await expect.poll(() => s.intents).toEqual([{type: 'interrupt'}, {type: 'quit'}]);
  });
});

describe('the other screen-wide keys become intents', () => {
  it('focus, scroll, terminal pane; PgUp from the composer scrolls the events', async () => {
    const s = await screen();
    for (const key of [KEYS.tab, KEYS.shiftTab, KEYS.pageUp, KEYS.pageDown, KEYS.ctrlT, KEYS.up, 'x', KEYS.ctrlR]) s.stdin.write(key);
    await expect.poll(() => s.intents).toHaveLength(5);
    expect(s.intents).toEqual([
      {type: 'focus', step: 1},
      {type: 'focus', step: -1},
      {type: 'scroll', pane: 'events', action: 'pageUp'},
      {type: 'scroll', pane: 'events', action: 'pageDown'},
      {type: 'toggleTerminal'},
    ]);
  });

  it('in the terminal pane: Up, Home and End scroll it; Ctrl+R restarts a lost runtime', async () => {
    const s = await screen({context: {focus: 'terminal', commandRunning: false, runtimeLost: true}});
    for (const key of [KEYS.up, KEYS.home, KEYS.end, KEYS.ctrlR]) s.stdin.write(key);
    await expect
      .poll(() => s.intents)
      .toEqual([
        {type: 'scroll', pane: 'terminal', action: 'lineUp'},
        {type: 'scroll', pane: 'terminal', action: 'home'},
        {type: 'scroll', pane: 'terminal', action: 'end'},
        {type: 'restartRuntime'},
      ]);
    expect(s.text()).toMatch(/^Ctrl\+R restart runtime/m);
  });

  it('a paste is never taken for keys (a pasted Tab does not move the focus)', async () => {
    const s = await screen();
    s.stdin.write(`${KEYS.pasteStart}\t${KEYS.pasteEnd}`);
    s.stdin.write(KEYS.pasteStart);
    s.stdin.write(KEYS.tab);
    s.stdin.write(KEYS.pasteEnd);
    s.stdin.write(KEYS.ctrlT);
    await expect.poll(() => s.intents).toEqual([{type: 'toggleTerminal'}]);
  });
});
