import {describe, expect, it} from 'vitest';
import {findKeyLines, keyPath} from '../../source/config/key-lines.js';

describe('findKeyLines', () => {
  const text = [
    'TOP = 1', // 1
    '# timeout = 3', // 2
    '[core]', // 3
    '  debug = true', // 4
    'sandbox.timeout = 5', // 5 (a dotted key inside [core])
    'notes = """', // 6
    'fake = 1', // 7 (inside a multi-line string)
    '"""', // 8
    "'quoted key' = 2", // 9
    '[llm."gpt.4o"]', // 10
    'model = "x"', // 11
    '[ sandbox ]', // 12
    'args = [', // 13
    '  "a = b",', // 14
    ']', // 15
  ].join('\n');
  const lines = findKeyLines(text);

  it('finds top-level keys, tables and keys in tables', () => {
    expect(lines.get(keyPath(['TOP']))).toBe(1);
    expect(lines.get(keyPath(['core']))).toBe(3);
    expect(lines.get(keyPath(['core', 'debug']))).toBe(4);
    expect(lines.get(keyPath(['sandbox']))).toBe(12);
    expect(lines.get(keyPath(['sandbox', 'args']))).toBe(13);
  });

  it('handles dotted and quoted keys and quoted table names', () => {
    expect(lines.get(keyPath(['core', 'sandbox', 'timeout']))).toBe(5);
    expect(lines.get(keyPath(['core', 'quoted key']))).toBe(9);
    expect(lines.get(keyPath(['llm', 'gpt.4o']))).toBe(10);
    expect(lines.get(keyPath(['llm', 'gpt.4o', 'model']))).toBe(11);
    expect(lines.get(keyPath(['llm']))).toBe(10);
  });

  it('skips comments, multi-line strings and array items', () => {
    expect(lines.get(keyPath(['timeout']))).toBeUndefined();
    expect(lines.get(keyPath(['core', 'fake']))).toBeUndefined();
    expect(lines.get(keyPath(['sandbox', 'a']))).toBeUndefined();
    expect(lines.get(keyPath(['sandbox', 'a = b']))).toBeUndefined();
  });
});
