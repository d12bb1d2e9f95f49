import {describe, expect, it} from 'vitest';
import {BoundedOutput, capSegments, elisionMarker, incompleteEndLength, unitsIn} from '../../source/server/shell/bounded-output.js';
import {commandContent} from '../../source/server/protocol/command-content.js';

const bytes = (text: string) => Buffer.from(text);

describe('BoundedOutput', () => {
  it('keeps everything while it fits', () => {
    const output = new BoundedOutput(5, 5);
    output.append(bytes('abc'));
    output.append(bytes('defg'));
    expect(output.take()).toEqual({head: 'abcde', omitted: 0, tail: 'fg'});
    expect(output.isEmpty).toBe(true);
  });

  it('keeps the head and a rolling tail of a huge stream, counting what was dropped', () => {
    const output = new BoundedOutput(4, 6);
    for (let index = 0; index < 10_000; index++) output.append(bytes(`${index % 10}`.repeat(10)));
    const taken = output.take();
    expect(taken.head).toBe('0000');
    expect(taken.tail).toBe('999999');
    expect(taken.head.length + taken.omitted + taken.tail.length).toBe(100_000);
  });

  it('counts characters, not bytes, in what it drops (UTF-8 of 1 to 4 bytes a character)', () => {
    const text = 'aé€😀'.repeat(5000);
    const output = new BoundedOutput(10, 10);
    // Chunks cut through characters, as pty reads do.
    const all = bytes(text);
    for (let at = 0; at < all.length; at += 7) output.append(all.subarray(at, at + 7));
    const taken = output.take();
    expect(taken.head).toBe(text.slice(0, 10));
    expect(taken.tail).toBe(text.slice(-10));
    expect(taken.head.length + taken.omitted + taken.tail.length).toBe(text.length);
  });

  it('keeps a character not finished yet for the next take, and shows it cut when the stream ends', () => {
    const output = new BoundedOutput(50, 50);
    const euro = bytes('€');
    output.append(Buffer.concat([bytes('price: '), euro.subarray(0, 2)]));
    expect(output.take()).toEqual({head: 'price: ', omitted: 0, tail: ''});
    output.append(euro.subarray(2));
    expect(output.take()).toEqual({head: '€', omitted: 0, tail: ''});
    output.append(euro.subarray(0, 1));
    output.end();
    expect(output.take()).toEqual({head: '\ufffd', omitted: 0, tail: ''});
    expect(output.isEmpty).toBe(true);
  });
});

describe('unitsIn and incompleteEndLength', () => {
  it('count UTF-16 units of UTF-8 bytes and find a cut character at the end', () => {
    expect(unitsIn(bytes('abc'))).toBe(3);
    expect(unitsIn(bytes('aé€😀'))).toBe('aé€😀'.length);
    expect(incompleteEndLength(bytes('ab'))).toBe(0);
    expect(incompleteEndLength(bytes('a€'))).toBe(0);
    expect(incompleteEndLength(bytes('a€').subarray(0, 3))).toBe(2);
    expect(incompleteEndLength(bytes('😀').subarray(0, 3))).toBe(3);
    expect(incompleteEndLength(bytes('😀').subarray(0, 1))).toBe(1);
  });
});

describe('capSegments', () => {
  it('returns short text unchanged', () => {
    expect(capSegments({head: 'abc', omitted: 0, tail: 'def'}, 10)).toBe('abcdef');
  });

  it('keeps head and tail halves and says how many characters were elided', () => {
    const text = 'a'.repeat(50) + 'b'.repeat(50);
    expect(capSegments({head: text, omitted: 0, tail: ''}, 10)).toBe(`aaaaa${elisionMarker(90)}bbbbb`);
    expect(capSegments({head: 'x'.repeat(8), omitted: 1000, tail: 'y'.repeat(8)}, 10)).toBe(`xxxxx${elisionMarker(1006)}yyyyy`);
    expect(elisionMarker(7)).toBe('\n[... 7 characters elided ...]\n');
  });
});

describe('commandContent', () => {
  it('echoes the command for agent actions and drops trailing line breaks', () => {
    expect(commandContent({echo: 'ls', output: {head: 'a\nb\n', omitted: 0, tail: ''}, notes: [], maxChars: 100})).toBe('ls\na\nb');
    expect(commandContent({echo: undefined, output: {head: '', omitted: 0, tail: ''}, notes: [], maxChars: 100})).toBe('');
  });

  it('appends notes after a blank line, and keeps them when the output is capped', () => {
    const content = commandContent({
      echo: undefined,
      output: {head: 'x'.repeat(100), omitted: 5000, tail: 'y'.repeat(100)},
      notes: ['[SIGINT was sent to interrupt the command.]'],
      maxChars: 120,
    });
    expect(content.startsWith('x'.repeat(60))).toBe(true);
    expect(content).toContain('characters elided');
    expect(content.endsWith('y\n\n[SIGINT was sent to interrupt the command.]')).toBe(true);
  });
});
