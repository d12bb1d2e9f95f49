import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {renderConfigExample} from '../../source/config/example.js';
import {loadConfig} from '../../source/config/load.js';
import {CONFIG_KEYS, Computed, SECTION_NAMES} from '../../source/config/schema.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tempDirs = trackTempDirs();

describe('config.toml.example', () => {
  it('is exactly what the schema generates (regenerate: node scripts/gen-config-example.mjs)', () => {
    expect(fs.readFileSync(path.join(root, 'config.toml.example'), 'utf8')).toBe(renderConfigExample());
  });

  it('says how to regenerate it at the top', () => {
    expect(renderConfigExample().split('\n').slice(0, 5).join('\n')).toContain('node scripts/gen-config-example.mjs');
  });

  it('has the sections in OpenHands 0.15 order, each key once under its own section', () => {
    const lines = renderConfigExample().split('\n');
    const headers = lines.filter((line) => /^\[[a-z]+\]$/.test(line));
    expect(headers).toEqual(SECTION_NAMES.map((name) => `[${name}]`));
    for (const spec of CONFIG_KEYS) {
      const at = lines.flatMap((line, index) => (line.startsWith(`#${spec.key} = `) ? [index] : []));
      const owners = at.map((index) =>
        lines
          .slice(0, index)
          .filter((line) => /^\[[a-z]+\]$/.test(line))
          .at(-1),
      );
      expect(owners, spec.key).toContain(`[${spec.section}]`);
    }
  });

  it('changes nothing when used as config.toml', () => {
    const {cwd, home, write} = tempDirs();
    const defaults = loadConfig({cwd, env: {}, homeDir: home}).config;
    write('config.toml', renderConfigExample());
    const {config, warnings} = loadConfig({cwd, env: {}, homeDir: home});
    expect(warnings).toEqual([]);
    expect({...config, source: undefined}).toEqual(defaults);
  });

  it('is valid, warning-free TOML with every line uncommented, giving each default or example', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', renderConfigExample().replace(/^#(?=[a-z[])/gm, ''));
    const {config, warnings} = loadConfig({cwd, env: {}, homeDir: home});
    expect(warnings).toEqual([]);
    expect(Object.keys(config.llms)).toEqual(['cheap']);
    expect(Object.keys(config.agents)).toEqual(['CodeActAgent']);
    for (const spec of CONFIG_KEYS) {
      const shown = spec.default instanceof Computed || spec.default === undefined ? spec.example : spec.default;
      const value = (config[spec.section] as unknown as Record<string, unknown>)[spec.key];
      if (spec.path) expect(value, spec.key).toBe(path.resolve(cwd, String(shown).replace(/^~/, home)));
      else expect(value, spec.key).toEqual(shown);
    }
  });
});
