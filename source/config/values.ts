/** Turning a value from config.toml or from an environment variable into a key's type. */
import {TomlDate, type TomlTable} from 'smol-toml';
import type {ValueType} from './schema.js';

export type Converted = {ok: true; value: unknown} | {ok: false; expected: string};

const EXPECTED: Record<ValueType, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  'string[]': 'an array of strings',
  table: 'a table of strings',
};

/** A TOML table: an object that is neither an array nor a date. */
export function isPlainTable(value: unknown): value is TomlTable {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof TomlDate);
}

function matches(type: ValueType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'table':
      return isPlainTable(value) && Object.values(value).every((item) => typeof item === 'string');
  }
}

/** A value parsed by smol-toml; no coercion, so `timeout = "60"` is a mistake the user hears about. */
export function fromToml(type: ValueType, value: unknown): Converted {
  if (!matches(type, value)) return {ok: false, expected: EXPECTED[type]};
  // Copies, so no caller can change the parsed document (or another config) through a shared object.
  if (Array.isArray(value)) return {ok: true, value: [...value]};
  if (isPlainTable(value)) return {ok: true, value: {...value}};
  return {ok: true, value};
}

const INTEGER = /^[+-]?\d+$/;

/** An environment variable's text, read as OpenHands 0.15 reads it (plus 0/1 and JSON arrays). */
export function fromEnv(type: ValueType, raw: string): Converted {
  const text = raw.trim();
  switch (type) {
    case 'string':
      return {ok: true, value: raw};
    case 'integer': {
      const value = Number(text);
      return INTEGER.test(text) && Number.isSafeInteger(value) ? {ok: true, value} : {ok: false, expected: EXPECTED.integer};
    }
    case 'number': {
      const value = Number(text);
      return text !== '' && Number.isFinite(value) ? {ok: true, value} : {ok: false, expected: EXPECTED.number};
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === '1') return {ok: true, value: true};
      if (lower === 'false' || lower === '0') return {ok: true, value: false};
      return {ok: false, expected: 'true, false, 1 or 0'};
    }
    case 'string[]': {
      const expected = {ok: false, expected: 'a JSON array of strings, e.g. ["--network=host"]'} as const;
      try {
        const value: unknown = JSON.parse(text);
        return matches('string[]', value) ? {ok: true, value} : expected;
      } catch {
        return expected;
      }
    }
    case 'table':
      return {ok: false, expected: EXPECTED.table};
  }
}
