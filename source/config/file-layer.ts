/**
 * The values a parsed config.toml sets, checked against the schema. Type errors are collected, not
 * thrown one by one; unknown keys and sections only warn and never cost the keys around them.
 */
import type {TomlTable} from 'smol-toml';
import {findKeyLines, keyPath} from './key-lines.js';
import {emptyLayer, type Findings, type Layer, type Values} from './layer.js';
import {resolveConfigPath} from './resolve-paths.js';
import {
  CONFIG_KEYS,
  GROUP_SECTIONS,
  OPENHANDS_ONLY_KEYS,
  SECTION_NAMES,
  findKey,
  isSectionName,
  keyLabel,
  keysOf,
  type KeySpec,
  type SectionName,
} from './schema.js';
import {closestName, suggestKey} from './suggest.js';
import {describeValue} from './toml-value.js';
import {fromEnv, fromToml, isPlainTable} from './values.js';

export interface ConfigFile {
  /** How messages name the file. */
  label: string;
  text: string;
  /** Base of relative paths in the file. */
  dir: string;
  homeDir: string;
}

const KEYS_BY_SECTION: ReadonlyMap<string, readonly string[]> = new Map(
  SECTION_NAMES.map((section) => [section, keysOf(section).map((spec) => spec.key)]),
);

const KEY_BY_ENV_NAME: ReadonlyMap<string, KeySpec> = new Map(CONFIG_KEYS.flatMap((spec) => spec.env.map((name) => [name, spec] as const)));

const LEGACY_SANDBOX_PREFIX = 'sandbox_';

/** `[core] sandbox_timeout` is 0.15's old spelling of `[sandbox] timeout`. */
function legacySandboxKey(key: string): KeySpec | undefined {
  return key.startsWith(LEGACY_SANDBOX_PREFIX) ? findKey('sandbox', key.slice(LEGACY_SANDBOX_PREFIX.length)) : undefined;
}

export function readFileLayer(doc: TomlTable, file: ConfigFile): Findings & {layer: Layer} {
  const layer = emptyLayer();
  const findings: Findings = {errors: [], warnings: []};
  const lines = findKeyLines(file.text);

  const at = (segments: string[]): string => {
    const line = lines.get(keyPath(segments));
    return line === undefined ? `${file.label}: ` : `${file.label}:${line}: `;
  };
  const warn = (segments: string[], message: string): void => {
    findings.warnings.push({message: at(segments) + message});
  };

  const put = (target: Values, spec: KeySpec, value: unknown): void => {
    target[spec.key] = spec.path && typeof value === 'string' ? resolveConfigPath(value, file.dir, file.homeDir) : value;
  };

  /** Checks one value and stores it in `target`; `label` is how the user wrote the key. */
  const store = (target: Values, spec: KeySpec, value: unknown, segments: string[], label: string): void => {
    const converted = fromToml(spec.type, value);
    if (converted.ok) put(target, spec, converted.value);
    else findings.errors.push(`${at(segments)}${label} must be ${converted.expected}, got ${describeValue(value)}`);
  };

  const unknownKey = (section: SectionName, label: string, key: string, segments: string[]): void => {
    if (OPENHANDS_ONLY_KEYS[section].includes(key)) {
      warn(segments, `${keyLabel(label, key)} is an OpenHands 0.15 key that oh-tui does not use (ignored)`);
      return;
    }
    const suggestion = suggestKey(section, key, KEYS_BY_SECTION);
    const hint =
      suggestion === undefined
        ? ''
        : suggestion.section === section
          ? `; did you mean ${suggestion.key}?`
          : `; did you mean ${keyLabel(suggestion.section, suggestion.key)}?`;
    warn(segments, `unknown key ${keyLabel(label, key)} (ignored)${hint}`);
  };

  const readGroup = (section: SectionName, name: string, table: TomlTable): void => {
    const groups = section === 'llm' ? layer.llms : layer.agents;
    const values: Values = {};
    groups[name] = values;
    const label = `${section}.${name}`;
    for (const [key, value] of Object.entries(table)) {
      const spec = findKey(section, key);
      if (spec) store(values, spec, value, [section, name, key], keyLabel(label, key));
      else unknownKey(section, label, key, [section, name, key]);
    }
  };

  const legacy: Array<{key: string; spec: KeySpec; value: unknown}> = [];

  const readSection = (section: SectionName, table: TomlTable): void => {
    for (const [key, value] of Object.entries(table)) {
      const segments = [section, key];
      const spec = findKey(section, key);
      const legacySpec = section === 'core' ? legacySandboxKey(key) : undefined;
      if (spec) {
        store(layer.sections[section], spec, value, segments, keyLabel(section, key));
      } else if (legacySpec) {
        legacy.push({key, spec: legacySpec, value});
      } else if (GROUP_SECTIONS.includes(section) && isPlainTable(value)) {
        readGroup(section, key, value);
      } else {
        unknownKey(section, section, key, segments);
      }
    }
  };

  const flat: Array<{name: string; spec: KeySpec; value: unknown}> = [];

  for (const [name, value] of Object.entries(doc)) {
    const spec = KEY_BY_ENV_NAME.get(name);
    if (isSectionName(name)) {
      if (isPlainTable(value)) readSection(name, value);
      else findings.errors.push(`${at([name])}${name} must be a table ([${name}]), got ${describeValue(value)}`);
    } else if (spec) {
      flat.push({name, spec, value});
    } else if (isPlainTable(value)) {
      const near = closestName(name, SECTION_NAMES);
      warn([name], `unknown section [${name}] (ignored)${near ? `; did you mean [${near}]?` : ''}`);
    } else if (name === name.toUpperCase()) {
      const near = closestName(name, [...KEY_BY_ENV_NAME.keys()]);
      warn([name], `unknown key ${name} (ignored)${near ? `; did you mean ${near}?` : ''}`);
    } else {
      const suggestion = suggestKey('', name, KEYS_BY_SECTION);
      const hint = suggestion ? `; did you mean ${keyLabel(suggestion.section, suggestion.key)}?` : '';
      warn([name], `unknown key ${name} outside any section (ignored)${hint}`);
    }
  }

  // 0.15 moved these silently; an explicit [sandbox] key wins, as 0.15's [sandbox] table did.
  for (const {key, spec, value} of legacy) {
    const modern = keyLabel('sandbox', spec.key);
    if (spec.key in layer.sections.sandbox) {
      warn(['core', key], `${keyLabel('core', key)} is deprecated and ignored: ${modern} is also set`);
    } else {
      warn(['core', key], `${keyLabel('core', key)} is deprecated; move it to ${modern} (applied there)`);
      store(layer.sections.sandbox, spec, value, ['core', key], keyLabel('core', key));
    }
  }

  // Upper-case top-level keys are OpenHands 0.15's env-style file format; like variables, they
  // override the sections, and a string is read as the variable's text would be.
  for (const {name, spec, value} of flat) {
    if (value === '') continue;
    const converted = typeof value === 'string' ? fromEnv(spec.type, value) : fromToml(spec.type, value);
    if (converted.ok) put(layer.sections[spec.section], spec, converted.value);
    else {
      const label = `${name} (${keyLabel(spec.section, spec.key)})`;
      findings.errors.push(`${at([name])}${label} must be ${converted.expected}, got ${describeValue(value)}`);
    }
  }

  return {layer, ...findings};
}
