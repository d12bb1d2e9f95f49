import {TomlDate} from 'smol-toml';
import {describe, expect, it} from 'vitest';
import {describeValue, formatTomlValue} from '../../source/config/toml-value.js';
import {fromEnv, fromToml} from '../../source/config/values.js';

describe('fromToml', () => {
  it('accepts values of the key type', () => {
    expect(fromToml('string', 'a')).toEqual({ok: true, value: 'a'});
    expect(fromToml('integer', 3)).toEqual({ok: true, value: 3});
    expect(fromToml('number', 3)).toEqual({ok: true, value: 3});
    expect(fromToml('number', 0.5)).toEqual({ok: true, value: 0.5});
    expect(fromToml('boolean', false)).toEqual({ok: true, value: false});
    expect(fromToml('string[]', ['a'])).toEqual({ok: true, value: ['a']});
    expect(fromToml('table', {A: 'b'})).toEqual({ok: true, value: {A: 'b'}});
  });

  it('does not coerce', () => {
    expect(fromToml('integer', '3')).toEqual({ok: false, expected: 'an integer'});
    expect(fromToml('integer', 1.5)).toEqual({ok: false, expected: 'an integer'});
    expect(fromToml('number', Number.POSITIVE_INFINITY)).toEqual({ok: false, expected: 'a number'});
    expect(fromToml('boolean', 'true')).toEqual({ok: false, expected: 'true or false'});
    expect(fromToml('string', new TomlDate('2024-01-01'))).toEqual({ok: false, expected: 'a string'});
    expect(fromToml('table', ['a'])).toEqual({ok: false, expected: 'a table of strings'});
    expect(fromToml('table', new TomlDate('2024-01-01'))).toEqual({ok: false, expected: 'a table of strings'});
  });

  it('copies arrays and tables', () => {
    const given = ['a'];
    const result = fromToml('string[]', given);
    expect(result.ok && result.value).not.toBe(given);
  });
});

describe('fromEnv', () => {
  it('parses each type from text', () => {
    expect(fromEnv('string', ' a ')).toEqual({ok: true, value: ' a '});
    expect(fromEnv('integer', ' 42 ')).toEqual({ok: true, value: 42});
    expect(fromEnv('integer', '-1')).toEqual({ok: true, value: -1});
    expect(fromEnv('number', '1e-3')).toEqual({ok: true, value: 0.001});
    expect(fromEnv('boolean', 'FALSE')).toEqual({ok: true, value: false});
    expect(fromEnv('string[]', '["a","b"]')).toEqual({ok: true, value: ['a', 'b']});
  });

  it('refuses text that is not of the type', () => {
    for (const raw of ['1.5', '0x10', '12abc', '', '99999999999999999999']) {
      expect(fromEnv('integer', raw).ok).toBe(false);
    }
    for (const raw of [' ', 'abc', 'Infinity']) expect(fromEnv('number', raw).ok).toBe(false);
    for (const raw of ['yes', 'on', '2']) expect(fromEnv('boolean', raw).ok).toBe(false);
    for (const raw of ['a b', '[1]', '{"a":"b"}']) expect(fromEnv('string[]', raw).ok).toBe(false);
    expect(fromEnv('table', 'A=1').ok).toBe(false);
  });
});

describe('formatTomlValue and describeValue', () => {
  it('writes TOML that reads back as the same value', () => {
    expect(formatTomlValue('a "q"\n')).toBe('"a \\"q\\"\\n"');
    expect(formatTomlValue(2, true)).toBe('2.0');
    expect(formatTomlValue(2)).toBe('2');
    expect(formatTomlValue([])).toBe('[]');
    expect(formatTomlValue({'a.b': 'x', c: 'y'})).toBe('{"a.b" = "x", c = "y"}');
  });

  it('names the TOML kind and cuts long values', () => {
    expect(describeValue(1.5)).toBe('1.5 (float)');
    expect(describeValue(new TomlDate('2024-01-01'))).toBe('2024-01-01 (datetime)');
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(56)}... (string)`);
  });
});
