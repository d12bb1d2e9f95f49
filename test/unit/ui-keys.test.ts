import {describe, expect, it} from 'vitest';
import {BINDINGS, bindingById} from '../../source/ui/keys/bindings.js';
import {chordLabel, readPressed} from '../../source/ui/keys/chord.js';
import {footerHints, footerText} from '../../source/ui/keys/footer-hints.js';
import type {KeyContext} from '../../source/ui/keys/key-context.js';
import {matchKey} from '../../source/ui/keys/match-key.js';
import {inkKey} from '../helpers/ink-key.js';

const composer = (facts: Partial<NonNullable<KeyContext['composer']>> = {}): KeyContext => ({
  focus: 'composer',
  commandRunning: false,
  runtimeLost: false,
  composer: {cursorOnFirstLine: true, cursorOnLastLine: true, afterBackslash: false, ...facts},
});
const pane = (focus: 'events' | 'terminal' = 'events', state: Partial<KeyContext> = {}): KeyContext => ({
  focus,
  commandRunning: false,
  runtimeLost: false,
  ...state,
});

describe('the key table', () => {
  it('has unique ids, each with keys, a description and a scope', () => {
    const ids = BINDINGS.map((binding) => binding.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const binding of BINDINGS) {
      expect(binding.keys.length, binding.id).toBeGreaterThan(0);
      expect(binding.description.length, binding.id).toBeGreaterThan(10);
    }
  });

  it('names the keys the brief asks for', () => {
    const keys = (id: Parameters<typeof bindingById>[0]) => bindingById(id).keys.map(chordLabel);
    expect(keys('vscode.open')).toEqual(['Ctrl+O']);
    expect(keys('run.interrupt')).toEqual(['Ctrl+C']);
    expect(keys('focus.next')).toEqual(['Tab']);
    expect(keys('terminal.toggle')).toEqual(['Ctrl+T']);
    expect(keys('runtime.restart')).toEqual(['Ctrl+R']);
    expect(keys('composer.newline')).toEqual(expect.arrayContaining(['Shift+Enter', 'Ctrl+J']));
    expect(keys('composer.submit')).toEqual(['Enter']);
    expect([keys('scroll.pageUp'), keys('scroll.pageDown'), keys('scroll.home'), keys('scroll.end')]).toEqual([
      ['PgUp'],
      ['PgDn'],
      ['Home'],
      ['End'],
    ]);
  });
});

describe('readPressed (Ink 6.8 quirks evened out)', () => {
  it('reads Ctrl+J (the text "\\n") as Ctrl+J, and Backspace (reported as delete) as backspace', () => {
    expect(readPressed('\n', inkKey())).toMatchObject({key: 'j', ctrl: true});
    expect(readPressed('', inkKey({delete: true}))).toMatchObject({key: 'backspace', ctrl: false});
    expect(readPressed('', inkKey({backspace: true}))).toMatchObject({key: 'backspace'});
  });

  it('reads a modifyOtherKeys Shift+Enter (CSI 27;2;13~) as Shift+Enter', () => {
    expect(readPressed('[27;2;13~', inkKey())).toMatchObject({key: 'return', shift: true, ctrl: false, meta: false});
    expect(readPressed('[27;5;13~', inkKey())).toMatchObject({key: 'return', shift: false, ctrl: true});
  });

  it('does not take Escape for Alt, and keeps plain text as text', () => {
    expect(readPressed('', inkKey({escape: true, meta: true}))).toMatchObject({key: 'escape', meta: false});
    expect(readPressed('hello', inkKey())).toEqual({key: undefined, ctrl: false, shift: false, meta: false, text: 'hello'});
  });
});

describe('matchKey (context-aware)', () => {
  it('matches the screen-wide keys everywhere', () => {
    for (const context of [composer(), pane('events'), pane('terminal')]) {
      expect(matchKey('o', inkKey({ctrl: true}), context)).toBe('vscode.open');
      expect(matchKey('c', inkKey({ctrl: true}), context)).toBe('run.interrupt');
      expect(matchKey('t', inkKey({ctrl: true}), context)).toBe('terminal.toggle');
      expect(matchKey('', inkKey({tab: true}), context)).toBe('focus.next');
      expect(matchKey('', inkKey({tab: true, shift: true}), context)).toBe('focus.previous');
      expect(matchKey('', inkKey({pageUp: true}), context)).toBe('scroll.pageUp');
      expect(matchKey('', inkKey({pageDown: true}), context)).toBe('scroll.pageDown');
    }
  });

  it('matches Ctrl+R only when the runtime is lost', () => {
    expect(matchKey('r', inkKey({ctrl: true}), pane())).toBeUndefined();
    expect(matchKey('r', inkKey({ctrl: true}), pane('events', {runtimeLost: true}))).toBe('runtime.restart');
  });

  it('Enter sends; Shift+Enter, Alt+Enter, Ctrl+J and Enter after a backslash make a new line', () => {
    expect(matchKey('\r', inkKey({return: true}), composer())).toBe('composer.submit');
    expect(matchKey('\r', inkKey({return: true, shift: true}), composer())).toBe('composer.newline');
    expect(matchKey('\r', inkKey({return: true, meta: true}), composer())).toBe('composer.newline');
    expect(matchKey('\n', inkKey(), composer())).toBe('composer.newline');
    expect(matchKey('\r', inkKey({return: true}), composer({afterBackslash: true}))).toBe('composer.newline');
  });

  it('Up and Down are history on the first and last line only, cursor moves elsewhere, and scrolling in a pane', () => {
    const up = inkKey({upArrow: true});
    const down = inkKey({downArrow: true});
    expect(matchKey('', up, composer({cursorOnFirstLine: true, cursorOnLastLine: false}))).toBe('history.prev');
    expect(matchKey('', up, composer({cursorOnFirstLine: false}))).toBe('cursor.up');
    expect(matchKey('', down, composer({cursorOnLastLine: true, cursorOnFirstLine: false}))).toBe('history.next');
    expect(matchKey('', down, composer({cursorOnLastLine: false}))).toBe('cursor.down');
    expect(matchKey('', up, pane())).toBe('scroll.lineUp');
    expect(matchKey('', down, pane('terminal'))).toBe('scroll.lineDown');
  });

  it('Home and End move the cursor in the composer and scroll in a pane', () => {
    expect(matchKey('', inkKey({home: true}), composer())).toBe('cursor.lineStart');
    expect(matchKey('', inkKey({end: true}), composer())).toBe('cursor.lineEnd');
    expect(matchKey('', inkKey({home: true}), pane())).toBe('scroll.home');
    expect(matchKey('', inkKey({end: true}), pane())).toBe('scroll.end');
  });

  it('leaves text and unbound keys unmatched, and composer keys out of the panes', () => {
    expect(matchKey('a', inkKey(), composer())).toBeUndefined();
    expect(matchKey('x', inkKey({ctrl: true}), composer())).toBeUndefined();
    expect(matchKey('\r', inkKey({return: true}), pane())).toBeUndefined();
    expect(matchKey('a', inkKey({ctrl: true}), pane())).toBeUndefined();
  });
});

describe('the footer, generated from the table', () => {
  it('shows the composer keys while the composer has the focus, merging same-label hints', () => {
    const hints = footerHints(composer());
    expect(hints).toContainEqual({keys: 'Enter', label: 'send'});
    expect(hints).toContainEqual({keys: 'Shift+Enter/Ctrl+J', label: 'new line'});
    expect(hints).toContainEqual({keys: 'Up/Down', label: 'history'});
    expect(hints).toContainEqual({keys: 'PgUp/PgDn', label: 'scroll'});
    expect(hints).toContainEqual({keys: 'Ctrl+C Ctrl+C', label: 'quit'});
    expect(hints.map((hint) => hint.label)).not.toContain('top/bottom');
  });

  it('shows Ctrl+C stop only while a command runs, and Ctrl+R restart only when the runtime is lost (first)', () => {
    expect(footerHints(pane()).map((hint) => hint.label)).not.toContain('stop');
    expect(footerHints(pane('events', {commandRunning: true}))).toContainEqual({keys: 'Ctrl+C', label: 'stop'});
    expect(footerHints(pane()).map((hint) => hint.label)).not.toContain('restart runtime');
    expect(footerHints(pane('events', {runtimeLost: true}))[0]).toEqual({keys: 'Ctrl+R', label: 'restart runtime'});
  });

  it('shows the pane keys in a pane', () => {
    const labels = footerHints(pane('terminal')).map((hint) => `${hint.keys} ${hint.label}`);
    expect(labels).toContain('Home/End top/bottom');
    expect(labels).not.toContain('Enter send');
  });

  it('fits the width by leaving out the least important hints, whole', () => {
    const wide = footerText(composer(), 400);
    expect(wide.split(' · ')).toHaveLength(footerHints(composer()).length);
    for (const width of [20, 40, 60, 80, 100]) {
      const text = footerText(composer(), width);
      expect(text.length).toBeLessThanOrEqual(width);
      expect(wide.startsWith(text)).toBe(true);
    }
    expect(footerText(composer(), 60)).toBe('Enter send · Ctrl+O VS Code · Shift+Enter/Ctrl+J new line');
  });
});

describe('the /sessions picker keys', () => {
  const picker = (focus: KeyContext['focus'] = 'composer'): KeyContext => ({...composer(), focus, pickerOpen: true});

  it('take the arrows, Enter and Esc from the composer and the panes while the picker is open', () => {
    for (const focus of ['composer', 'events', 'terminal'] as const) {
      expect(matchKey('', inkKey({upArrow: true}), picker(focus))).toBe('picker.up');
      expect(matchKey('', inkKey({downArrow: true}), picker(focus))).toBe('picker.down');
      expect(matchKey('\r', inkKey({return: true}), picker(focus))).toBe('picker.pick');
      expect(matchKey('', inkKey({escape: true}), picker(focus))).toBe('picker.close');
    }
    // Screen-wide keys still work: Ctrl+C quits from the picker too.
    expect(matchKey('c', inkKey({ctrl: true}), picker())).toBe('run.interrupt');
  });

  it('mean nothing with the picker closed', () => {
    expect(matchKey('', inkKey({upArrow: true}), composer())).toBe('history.prev');
    expect(matchKey('', inkKey({escape: true}), composer())).toBeUndefined();
    expect(matchKey('', inkKey({escape: true}), pane())).toBeUndefined();
  });

  it("are the footer's hints while it is open, instead of the composer's", () => {
    const labels = footerHints(picker()).map((hint) => hint.label);
    expect(labels.slice(0, 3)).toEqual(['switch', 'move', 'back']);
    expect(labels).not.toContain('send');
    expect(footerHints(picker()).find((hint) => hint.label === 'move')?.keys).toBe('Up/Down');
  });
});

describe('the agent keys', () => {
  const asked = (empty: boolean): KeyContext => ({...composer({empty}), awaitingConfirmation: true});
  it('y, n and a answer a confirmation only while the agent asks and the composer is empty', () => {
    expect(matchKey('y', inkKey(), asked(true))).toBe('confirm.yes');
    expect(matchKey('n', inkKey(), asked(true))).toBe('confirm.no');
    expect(matchKey('a', inkKey(), asked(true))).toBe('confirm.all');
    expect(matchKey('y', inkKey(), asked(false))).toBeUndefined();
    expect(matchKey('y', inkKey(), composer({empty: true}))).toBeUndefined();
    expect(matchKey('Y', inkKey({shift: true}), asked(true))).toBeUndefined();
    expect(matchKey('y', inkKey({ctrl: true}), asked(true))).not.toBe('confirm.yes');
  });

  it('Esc stops the agent while it works, but not while the picker is open (its Esc closes it)', () => {
    expect(matchKey('', inkKey({escape: true}), {...composer(), agentRunning: true})).toBe('agent.stop');
    expect(matchKey('', inkKey({escape: true}), composer())).toBeUndefined();
    expect(matchKey('', inkKey({escape: true}), {...composer(), agentRunning: true, pickerOpen: true})).toBe('picker.close');
  });

  it('the footer names them from the table', () => {
    expect(footerText({...composer({empty: true}), awaitingConfirmation: true}, 200)).toMatch(/^y run · n reject · a run all this turn/);
    expect(footerText({...composer(), agentRunning: true}, 200)).toContain('Esc stop agent');
  });
});
