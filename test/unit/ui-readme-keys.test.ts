import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {SLASH_COMMANDS} from '../../source/ui/commands/slash-commands.js';
import {helpText} from '../../source/ui/docs/help-text.js';
import {README_BEGIN, README_END, readmeSection, withReadmeSection} from '../../source/ui/docs/readme-section.js';
import {BINDINGS, SCOPE_LABELS} from '../../source/ui/keys/bindings.js';
import {chordLabel} from '../../source/ui/keys/chord.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe("README.md's session screen keys", () => {
  it('are exactly what the key and command tables generate (regenerate: node scripts/gen-readme-keys.mjs)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const begin = readme.indexOf(README_BEGIN);
    const end = readme.indexOf(README_END);
    expect(begin, 'README.md lacks the session-screen-keys markers').toBeGreaterThan(-1);
    expect(readme.slice(begin, end + README_END.length)).toBe(readmeSection());
    expect(readme.slice(0, begin)).toMatch(/## Keys[\s\S]*### Session screen\s*[\s\S]*$/);
  });

  it('have a row per binding and per command', () => {
    const section = readmeSection();
    const labels = Object.values(SCOPE_LABELS);
    const keyRows = section.split('\n').filter((line) => labels.some((label) => line.startsWith(`| ${label} |`)));
    expect(keyRows).toHaveLength(BINDINGS.length);
    for (const command of SLASH_COMMANDS) expect(section).toContain(`| \`/${command.name}\` |`);
  });

  it('are put between the markers, replacing what was there', () => {
    const stale = `intro\n${README_BEGIN}\nold table\n${README_END}\noutro`;
    expect(withReadmeSection(stale)).toBe(`intro\n${readmeSection()}\noutro`);
    expect(withReadmeSection('no markers')).toBeUndefined();
  });
});

describe('/help, generated from the same tables', () => {
  it('lists every binding with its keys and description, and every command', () => {
    const text = helpText();
    for (const binding of BINDINGS) {
      expect(text).toContain(chordLabel(binding.keys[0]));
      expect(text).toContain(binding.description.replaceAll('`', ''));
    }
    for (const command of SLASH_COMMANDS) expect(text.split('\n')).toContain(`  /${command.name}`.padEnd(26) + command.description);
    expect(text).toMatch(/^ {4}Ctrl\+O +open the VS Code link/m);
    expect(text).toMatch(/^ {2}!<command> +run a shell command/m);
    expect(text).not.toContain('`');
  });

  it('puts a long key list on its own line so descriptions stay in one column', () => {
    const lines = helpText().split('\n');
    const newline = lines.findIndex((line) => line.startsWith('    Shift+Enter, Ctrl+J'));
    expect(lines[newline + 1]).toMatch(/^ {26}insert a new line/);
  });
});
