/** Writing values the way config.toml spells them, for the example file and for error messages. */
import {TomlDate} from 'smol-toml';

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

export function formatTomlKey(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

/** `asFloat` writes whole numbers as `2.0`, so a float-typed key's example reads as one. */
export function formatTomlValue(value: unknown, asFloat = false): string {
  if (typeof value === 'string') return JSON.stringify(value); // JSON string escapes are valid TOML
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return asFloat && Number.isInteger(value) ? value.toFixed(1) : String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return `[${value.map((item) => formatTomlValue(item)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${formatTomlKey(k)} = ${formatTomlValue(v)}`);
    return entries.length === 0 ? '{}' : `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** The TOML kind of a parsed value, as people call it. */
export function tomlKind(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (value instanceof TomlDate) return 'datetime';
  if (Array.isArray(value)) return 'array';
  if (value !== null && typeof value === 'object') return 'table';
  return typeof value;
}

/** `"abc" (string)`, `1.5 (float)`; long values are cut so a message stays one line. */
export function describeValue(value: unknown): string {
  const text = formatTomlValue(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${shown} (${tomlKind(value)})`;
}
