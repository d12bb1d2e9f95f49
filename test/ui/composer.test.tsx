import {useInput} from 'ink';
import {describe, expect, it} from 'vitest';
import {BUSY_HINT, COMPOSER_PLACEHOLDER, Composer, type ComposerProps} from '../../source/ui/panes/Composer.js';
import {KEYS, renderForInput} from '../helpers/ink-input.js';

interface Sent {
  text: string;
  toRunningCommand: boolean;
}

async function composer(props: Partial<ComposerProps> = {}) {
  const sent: Sent[] = [];
  const histories: (readonly string[])[] = [];
  const instance = await renderForInput(
    <Composer
      focused
      busy={false}
      columns={60}
      onSubmit={(text, meta) => sent.push({text, ...meta})}
      onHistoryChange={(entries) => histories.push(entries)}
      {...props}
    />,
  );
  /** Writes keys one terminal read at a time. */
  const type = (...keys: string[]) => {
    for (const key of keys) instance.stdin.write(key);
  };
  return {...instance, sent, histories, type};
}

describe('Composer', () => {
  it('shows the placeholder when empty, and what is typed with the cursor after it', async () => {
    const c = await composer();
    expect(c.text()).toBe(`❯  ${COMPOSER_PLACEHOLDER}`);
    c.type('h', 'e', 'l', 'l', 'o');
    await expect.poll(c.text).toBe('❯ hello');
  });

  it('edits: left, backspace, insert, home, end, Ctrl+D', async () => {
    const c = await composer();
    c.type('abcd', KEYS.left, KEYS.left, KEYS.backspace, 'X', KEYS.home, KEYS.ctrlD, KEYS.end, '!');
    await expect.poll(c.text).toBe('❯ Xcd!');
  });

  it('sends on Enter, clears, and records the input in the history', async () => {
    const c = await composer();
    c.type('ls -la', KEYS.enter);
    await expect.poll(() => c.sent).toEqual([{text: 'ls -la', toRunningCommand: false}]);
    await expect.poll(c.text).toBe(`❯  ${COMPOSER_PLACEHOLDER}`);
    expect(c.histories).toEqual([['ls -la']]);
  });

  it('does not send an empty or blank input', async () => {
    const c = await composer();
    c.type(KEYS.enter, '   ', KEYS.enter, 'x');
    await expect.poll(c.text).toBe('❯    x');
    expect(c.sent).toEqual([]);
  });

  it.each([
    ['Ctrl+J', KEYS.ctrlJ],
    ['Alt+Enter', KEYS.altEnter],
    ['Shift+Enter (kitty keyboard protocol)', KEYS.kittyShiftEnter],
    ['Shift+Enter (xterm modifyOtherKeys)', KEYS.xtermShiftEnter],
    ['Ctrl+J (kitty keyboard protocol)', KEYS.kittyCtrlJ],
  ])('%s inserts a new line instead of sending', async (_name, newline) => {
    const c = await composer();
    c.type('first', newline, 'second');
    await expect.poll(c.text).toBe('❯ first\n  second');
    c.type(KEYS.enter);
    await expect.poll(() => c.sent).toEqual([{text: 'first\nsecond', toRunningCommand: false}]);
  });

  it('a backslash before Enter becomes a new line (for terminals that send Shift+Enter as Enter)', async () => {
    const c = await composer();
    c.type('echo one \\', KEYS.enter, 'two');
    // (Ink drops the trailing space of a line when it draws it.)
    await expect.poll(c.text).toBe('❯ echo one\n  two');
    expect(c.sent).toEqual([]);
    c.type(KEYS.enter);
    await expect.poll(() => c.sent).toEqual([{text: 'echo one \ntwo', toRunningCommand: false}]);
  });

  it('Up and Down browse the history on the first and last line, and move the cursor in between', async () => {
    const c = await composer({history: ['older', 'multi\nline']});
    c.type('draft', KEYS.up);
    await expect.poll(c.text).toBe('❯ multi\n  line');
    // The cursor is on the first line: Up goes further back.
    c.type(KEYS.up);
    await expect.poll(c.text).toBe('❯ older');
    // Down recalls with the cursor at the end, so Down again goes on (past the newest: the draft).
    c.type(KEYS.down, '!');
    await expect.poll(c.text).toBe('❯ multi\n  line!');
    c.type(KEYS.down);
    await expect.poll(c.text).toBe('❯ draft');
    // Up on the second line of a text moves the cursor, not through the history.
    c.type(KEYS.ctrlJ, 'x', KEYS.up, 'Y');
    await expect.poll(c.text).toBe('❯ dYraft\n  x');
  });

  it('inserts a 100 KB bracketed paste in one step: no send, one repaint, rows bounded, the rest counted', async () => {
    const c = await composer({maxRows: 6});
    // 79 columns a line: two rows each in a 58-column text area.
    const lines = Array.from({length: 1300}, (_, i) => `${String(i).padStart(4, '0')} ${'p'.repeat(74)}`);
    const paste = `${KEYS.pasteStart}${lines.join('\r')}${KEYS.pasteEnd}`;
    const framesBefore = c.frames.length;
    // As a pty delivers it: ~4 KB per read.
    for (let at = 0; at < paste.length; at += 4096) c.stdin.write(paste.slice(at, at + 4096));
    await expect.poll(c.text).toContain('1299 pppp');
    expect(c.frames.length - framesBefore).toBe(1);
    expect(c.sent).toEqual([]);
    const shown = c.text().split('\n');
    expect(shown[0]).toBe('  ↑ 1297 more lines above');
    expect(shown.slice(1)).toEqual(lines.slice(-3).flatMap((line) => [`  ${line.slice(0, 58)}`, `  ${line.slice(58)}`]));
    for (const row of shown) expect(row.length).toBeLessThanOrEqual(60);
    c.type(KEYS.enter);
    await expect.poll(() => c.sent.length).toBe(1);
    expect(c.sent[0]!.text).toBe(lines.join('\n'));
  });

  it('inserts an unbracketed multi-line chunk as text, without sending it line by line', async () => {
    const c = await composer();
    c.type('one\rtwo\rthree');
    await expect.poll(c.text).toBe('❯ one\n  two\n  three');
    expect(c.sent).toEqual([]);
  });

  it('sends a line typed ahead with its Enter in one chunk (a slow reader), as typed key by key', async () => {
    const c = await composer();
    c.type('!echo hi\r');
    await expect.poll(() => c.sent).toEqual([{text: '!echo hi', toRunningCommand: false}]);
  });

  it('while busy: says where typing goes, sends even an empty line to the command, and keeps it out of the history', async () => {
    const c = await composer({busy: true});
    expect(c.text().split('\n')[0]).toBe(BUSY_HINT);
    c.type(KEYS.enter, 'secret', KEYS.enter);
    await expect
      .poll(() => c.sent)
      .toEqual([
        {text: '', toRunningCommand: true},
        {text: 'secret', toRunningCommand: true},
      ]);
    expect(c.histories).toEqual([]);
  });

  it('ignores keys when not focused', async () => {
    const seen: string[] = [];
    const c = await renderForInput(
      <>
        <Composer focused={false} busy={false} columns={60} onSubmit={() => {}} />
        <KeyProbe onInput={(input) => seen.push(input)} />
      </>,
    );
    c.stdin.write('abc');
    await expect.poll(() => seen).toEqual(['abc']);
    expect(c.text()).toBe(`❯ ${COMPOSER_PLACEHOLDER}`);
  });

  it('leaves screen-wide keys to the screen', async () => {
    const c = await composer();
    c.type(KEYS.ctrlO, KEYS.ctrlT, KEYS.tab, KEYS.ctrlC, KEYS.pageUp, 'x');
    await expect.poll(c.text).toBe('❯ x');
  });
});

/** Another listener on the same stdin: when it has seen a key, so has every other component. */
function KeyProbe({onInput}: {onInput: (input: string) => void}) {
  useInput((input) => onInput(input));
  return null;
}
