import {StringDecoder} from 'node:string_decoder';
import {describe, expect, test} from 'vitest';
import {createRawJsonParser, type RawJsonItem} from '../../source/image/rawjson-parser.js';
import {buildxFixture, parseRawJson, seededRandom, type BuildxFixture} from './build-fixture-replay.js';

function feedInChunks(text: string, nextSize: () => number): RawJsonItem[] {
  const parser = createRawJsonParser();
  const items: RawJsonItem[] = [];
  for (let i = 0; i < text.length; ) {
    const size = nextSize();
    items.push(...parser.feed(text.slice(i, i + size)));
    i += size;
  }
  items.push(...parser.end());
  return items;
}

/** Bytes split anywhere (inside a multi-byte character too), decoded as the runner does. */
function feedBytes(bytes: Buffer, nextSize: () => number): RawJsonItem[] {
  const parser = createRawJsonParser();
  const decoder = new StringDecoder('utf8');
  const items: RawJsonItem[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = nextSize();
    items.push(...parser.feed(decoder.write(bytes.subarray(i, i + size))));
    i += size;
  }
  items.push(...parser.feed(decoder.end()), ...parser.end());
  return items;
}

const fixtures: BuildxFixture[] = ['success', 'cached', 'failure'];

describe('rawjson parser on recorded buildx 0.13 streams (pretty-printed JSON)', () => {
  test.each(fixtures)('%s: every value parses, fed whole or in random small chunks alike', (name) => {
    const text = buildxFixture(name);
    const whole = parseRawJson(text);
    // Each pretty-printed value starts with a `{` alone on its line.
    const values = text.split('\n').filter((line) => line === '{').length;
    expect(whole.filter((item) => item.kind === 'json')).toHaveLength(values);
    expect(values).toBeGreaterThan(15);
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      expect(feedInChunks(text, () => 1 + Math.floor(random() * 17))).toEqual(whole);
    }
    expect(feedInChunks(text, () => 1)).toEqual(whole);
  });

  test('the failure stream keeps its plain-text ERROR line, after the last value', () => {
    const items = parseRawJson(buildxFixture('failure'));
    const texts = items.filter((item) => item.kind === 'text');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({kind: 'text', line: expect.stringMatching(/^ERROR: failed to solve: .*exit code: 3$/)});
    expect(items.at(-1)).toBe(texts[0]);
  });

  test('one value per line (newer buildx) gives the same values as pretty-printed', () => {
    const pretty = parseRawJson(buildxFixture('failure'));
    const compact = `${pretty.map((item) => (item.kind === 'json' ? JSON.stringify(item.value) : item.line)).join('\n')}\n`;
    expect(parseRawJson(compact)).toEqual(pretty);
    const random = seededRandom(7);
    expect(feedInChunks(compact, () => 1 + Math.floor(random() * 40))).toEqual(pretty);
  });
});

describe('rawjson parser edge cases', () => {
  test('text lines between values are kept, blank lines dropped, and CRLF trimmed', () => {
    const stream =
      '#0 building with "default" instance using docker driver\r\n\n{"vertexes":[]}\n  {"logs":[]}\nERROR: failed to solve: boom\n';
    expect(parseRawJson(stream)).toEqual([
      {kind: 'text', line: '#0 building with "default" instance using docker driver'},
      {kind: 'json', value: {vertexes: []}},
      {kind: 'json', value: {logs: []}},
      {kind: 'text', line: 'ERROR: failed to solve: boom'},
    ]);
  });

  test('braces inside strings, escaped quotes and braces inside text lines do not confuse it', () => {
    const value = {name: 'RUN echo "}{" \\ "{"', nested: {list: [{a: '}'}, '\\"']}};
    const stream = `ERROR: a message with {braces} and [brackets]\n${JSON.stringify(value, null, 2)}\n${JSON.stringify(value)}\n`;
    const expected: RawJsonItem[] = [
      {kind: 'text', line: 'ERROR: a message with {braces} and [brackets]'},
      {kind: 'json', value},
      {kind: 'json', value},
    ];
    expect(parseRawJson(stream)).toEqual(expected);
    // Split at every position: the escape state must survive a chunk boundary.
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = createRawJsonParser();
      expect([...parser.feed(stream.slice(0, cut)), ...parser.feed(stream.slice(cut)), ...parser.end()]).toEqual(expected);
    }
  });

  test('multi-byte UTF-8 split across chunks survives the StringDecoder + parser pair', () => {
    const value = {logs: [{data: 'ünïcödé ✔ 日本語 🚀'}]};
    const bytes = Buffer.from(`${JSON.stringify(value, null, 2)}\nERROR: ✖ broken 🚀\n`);
    const expected = [
      {kind: 'json', value},
      {kind: 'text', line: 'ERROR: ✖ broken 🚀'},
    ];
    for (const size of [1, 2, 3, 5]) expect(feedBytes(bytes, () => size)).toEqual(expected);
  });

  test('end() flushes a last line without newline; a torn value comes back as text', () => {
    const parser = createRawJsonParser();
    expect(parser.feed('{"a": 1}\nERROR: no newline')).toEqual([{kind: 'json', value: {a: 1}}]);
    expect(parser.end()).toEqual([{kind: 'text', line: 'ERROR: no newline'}]);

    const torn = createRawJsonParser();
    expect(torn.feed('{\n  "vertexes": [\n')).toEqual([]);
    expect(torn.end()).toEqual([
      {kind: 'text', line: '{'},
      {kind: 'text', line: '  "vertexes": ['},
    ]);
  });

  test('a value that is not valid JSON is returned as its text lines', () => {
    expect(parseRawJson('{not json}\n')).toEqual([{kind: 'text', line: '{not json}'}]);
  });

  test('an endless value or line is cut, so memory stays bounded', () => {
    const parser = createRawJsonParser({maxValueChars: 1000, maxLineChars: 100});
    const items = [...parser.feed(`{"x": "${'a'.repeat(5000)}`), ...parser.feed('"}\nnext line\n')];
    expect(items[0]).toMatchObject({kind: 'text', line: expect.stringContaining('value over 1000 chars dropped')});
    expect(items.at(-1)).toEqual({kind: 'text', line: 'next line'});
    const lines = createRawJsonParser({maxLineChars: 100});
    const cut = [...lines.feed('x'.repeat(10_000)), ...lines.end()];
    expect(cut).toEqual([{kind: 'text', line: 'x'.repeat(100)}]);
  });
});
