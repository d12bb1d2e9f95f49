import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import type {TranscriptItem} from '../../source/events/transcript-items.js';
import {emptyTranscript, reduceTranscriptAll} from '../../source/events/transcript.js';
import {displayLines} from '../../source/ui/layout/clean-text.js';
import {itemLines} from '../../source/ui/layout/item-lines.js';
import {LineLayout} from '../../source/ui/layout/line-layout.js';
import {wrapLine} from '../../source/ui/layout/wrap-line.js';
import {compactLine, plainText, type StyledLine} from '../../source/ui/styled-line.js';
import {editAction, editObservation, runAction, runObservation} from '../helpers/events-015.js';

const texts = (rows: readonly StyledLine[]) => rows.map(plainText);

describe('displayLines: text fit to draw', () => {
  test('plain text is split on line feeds and left alone', () => {
    expect(displayLines('one\ntwo\n')).toEqual(['one', 'two', '']);
  });

  test('escape sequences are removed, CRLF endings dropped, \\r overwrites like a terminal', () => {
    expect(displayLines('\u001b[31mred\u001b[0m\r\n\u001b]0;title\u0007ok')).toEqual(['red', 'ok']);
    expect(displayLines('progress 10%\rprogress 55%\rprogress 100%\r\ndone')).toEqual(['progress 100%', 'done']);
    expect(displayLines('abcdef\rXY')).toEqual(['XYcdef']);
  });

  test('tabs become spaces to the next stop, backspace erases, other controls vanish', () => {
    expect(displayLines('a\tb\tc')).toEqual(['a       b       c']);
    expect(displayLines('ab\bc\u0007\u0000d')).toEqual(['acd']);
  });
});

describe('wrapLine', () => {
  test('a line that fits is one row, the same spans', () => {
    const spans = [{text: 'hello', bold: true}];
    expect(wrapLine({spans}, 10)).toEqual([spans]);
  });

  test('prose wraps at spaces, with a hanging indent under the prefix', () => {
    const rows = wrapLine({spans: [{text: '› '}, {text: 'the quick brown fox jumps', bold: true}], hang: 2, wrap: 'word'}, 12);
    expect(texts(rows)).toEqual(['› the quick', '  brown fox', '  jumps']);
    expect(rows[1]?.[1]).toEqual({text: 'brown fox', bold: true});
  });

  test('a word longer than the row is cut at the edge', () => {
    expect(texts(wrapLine({spans: [{text: 'a verylongwordindeed'}], wrap: 'word'}, 8))).toEqual(['a', 'verylong', 'wordinde', 'ed']);
  });

  test('output wraps at the edge and keeps its spaces', () => {
    expect(texts(wrapLine({spans: [{text: 'ab cd ef gh'}], wrap: 'char'}, 4))).toEqual(['ab c', 'd ef', ' gh']);
  });

  test('styles are kept across the cut', () => {
    const rows = wrapLine(
      {
        spans: [
          {text: 'abc', color: 'red'},
          {text: 'def', color: 'green'},
        ],
        wrap: 'char',
      },
      4,
    );
    expect(rows).toEqual([
      [
        {text: 'abc', color: 'red'},
        {text: 'd', color: 'green'},
      ],
      [{text: 'ef', color: 'green'}],
    ]);
  });

  test('wide characters count two columns, as Ink measures them', () => {
    const rows = wrapLine({spans: [{text: '中文字符测试'}], wrap: 'char'}, 5);
    expect(texts(rows)).toEqual(['中文', '字符', '测试']);
    for (const row of rows) expect(stringWidth(plainText(row))).toBeLessThanOrEqual(5);
  });

  test('no row is ever wider than the width', () => {
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore';
    for (const width of [1, 2, 3, 7, 13, 40]) {
      for (const wrap of ['word', 'char'] as const) {
        const rows = wrapLine({spans: [{text: '◆ '}, {text}], hang: 2, wrap}, width);
        for (const row of rows) expect(stringWidth(plainText(row))).toBeLessThanOrEqual(Math.max(width, 1));
        expect(texts(rows).join('').replaceAll(' ', '')).toBe(`◆${text}`.replaceAll(' ', ''));
      }
    }
  });
});

describe('compactLine', () => {
  test('spaces take on the next style when none of theirs would show, and one style is one span', () => {
    expect(compactLine([{text: '  '}, {text: '+new', color: 'green'}])).toEqual([{text: '  +new', color: 'green'}]);
    expect(compactLine([{text: 'a', bold: true}, {text: 'b', bold: true}, {text: ' '}])).toEqual([{text: 'ab ', bold: true}]);
  });

  test('spaces whose style shows (background, inverse, underline) keep it', () => {
    const line = [
      {text: '  ', backgroundColor: 'blue'},
      {text: 'x', color: 'red'},
    ];
    expect(compactLine(line)).toEqual(line);
    expect(compactLine([{text: 'a'}, {text: ' ', inverse: true}])).toEqual([{text: 'a'}, {text: ' ', inverse: true}]);
    const underlined = [{text: ' '}, {text: 'link', underline: true}];
    expect(compactLine(underlined)).toEqual(underlined);
  });
});

describe('itemLines and LineLayout', () => {
  const command = (output: string, exitCode: number): TranscriptItem =>
    [
      ...reduceTranscriptAll(emptyTranscript, [runAction(0, 'ls -la', {second: 1}), runObservation(1, 0, 'ls -la', output, exitCode, 3)])
        .items,
    ][0]!;

  test('a command: prompt, output without the echo, exit code and duration', () => {
    const lines = itemLines(command('ls -la\r\nfile.txt\r\nother.txt', 0)).map((line) => plainText(line.spans));
    expect(lines).toEqual(['', '❯ ls -la', '  file.txt', '  other.txt', '  ✔ exit 0 · 2.0s']);
  });

  test('a failed command shows its exit code in red', () => {
    const lines = itemLines(command('ls -la\nls: cannot access', 2));
    expect(lines.at(-1)?.spans).toEqual([{text: '  ✖ exit 2 · 2.0s', color: 'red', bold: true}]);
  });

  test('a diff is coloured by line', () => {
    const diff = '--- a.py\n+++ a.py\n@@ -1 +1 @@\n-old\n+new\n same';
    const [item] = reduceTranscriptAll(emptyTranscript, [editAction(0, 'a.py'), editObservation(1, 0, 'a.py', diff)]).items;
    const colours = itemLines(item!)
      .slice(2)
      .map((line) => [plainText(line.spans), line.spans[1]?.color ?? (line.spans[1]?.bold ? 'bold' : 'none')]);
    expect(colours).toEqual([
      ['  --- a.py', 'bold'],
      ['  +++ a.py', 'bold'],
      ['  @@ -1 +1 @@', 'cyan'],
      ['  -old', 'red'],
      ['  +new', 'green'],
      ['   same', 'none'],
    ]);
  });

  test('rows are cached per item and width, and laid out again for a new width or a replaced item', () => {
    const layout = new LineLayout();
    const item = command('x'.repeat(50), 0);
    const narrow = layout.rows(item, 20);
    expect(layout.rows(item, 20)).toBe(narrow);
    const wide = layout.rows(item, 80);
    expect(wide).not.toBe(narrow);
    expect(wide.length).toBeLessThan(narrow.length);
    expect(layout.rows({...item}, 80)).not.toBe(wide);
  });

  test('the cache keeps only the most recently used items', () => {
    const layout = new LineLayout(3);
    const items = ['a', 'b', 'c', 'd'].map((text, id): TranscriptItem => ({kind: 'agent-message', id, text}));
    for (const item of items) layout.rows(item, 10);
    expect(layout.size).toBe(3);
  });
});

describe('a huge command output in the events pane', () => {
  test('only its end is laid out, from a line start, under a note saying how much came before', () => {
    const lines = Array.from({length: 40_000}, (_, i) => `line ${String(i + 1).padStart(6, '0')} ${'x'.repeat(60)}`);
    const item: TranscriptItem = {
      kind: 'command',
      id: 1,
      thought: '',
      startedAt: undefined,
      durationMs: undefined,
      status: 'done',
      shell: 'bash',
      command: 'seq-ish',
      exitCode: 0,
      output: `${lines.join('\n')}\n`,
      hidden: false,
    };
    const shown = itemLines(item).map((line) => plainText(compactLine(line.spans)));
    const note = shown.find((text) => text.includes('of earlier output not shown here'));
    expect(note).toMatch(/… [\d.]+ ?[kM]B of earlier output not shown here \(the event log keeps it all\)/);
    const firstShown = shown.findIndex((text) => /^\s+line \d{6} x+$/.test(text));
    expect(shown[firstShown]).toMatch(/^\s+line \d{6} x{60}$/);
    expect(shown).toContain(`  ${lines.at(-1)}`);
    expect(shown.length).toBeLessThan(5_000);
    // A small output is shown whole, with no note.
    const small = itemLines({...item, output: 'one\ntwo\n'}).map((line) => plainText(compactLine(line.spans)));
    expect(small.some((text) => text.includes('not shown'))).toBe(false);
    expect(small).toContain('  two');
  });
});

describe('LineLayout: the streaming draft', () => {
  test('keeps only the newest draft, apart from the items (a long answer must not pile up ever longer copies)', () => {
    const layout = new LineLayout(4096);
    const message: TranscriptItem = {kind: 'agent-message', id: 1, text: 'done'};
    layout.rows(message, 40);
    let text = '';
    for (let piece = 0; piece < 200; piece++) {
      text += `word${piece} `;
      const draft: TranscriptItem = {kind: 'agent-draft', id: Number.MIN_SAFE_INTEGER, text};
      expect(texts(layout.rows(draft, 40)).join(' ')).toContain(`word${piece}`);
    }
    expect(layout.size).toBe(1);
    // The same draft at another width is laid out again.
    const last: TranscriptItem = {kind: 'agent-draft', id: Number.MIN_SAFE_INTEGER, text: 'a b c d e f'};
    expect(layout.rows(last, 40).length).toBeLessThan(layout.rows(last, 3).length);
  });
});
