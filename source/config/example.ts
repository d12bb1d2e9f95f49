/**
 * renderConfigExample: the text of config.toml.example, generated from the schema so the two cannot
 * drift (a unit test compares it with the checked-in file). Every setting is commented out, so the
 * example as it stands changes nothing.
 */
import {Computed, SECTION_NAMES, keysOf, type KeySpec, type SectionName} from './schema.js';
import {formatTomlValue} from './toml-value.js';

const BANNER = `# oh-tui configuration: every key, with its default.
#
# Generated from source/config/schema.ts by \`node scripts/gen-config-example.mjs\`;
# edit the schema and regenerate rather than editing this file.
#
# Everything below is commented out, so this file as it stands changes nothing. Copy it to
# ./config.toml (or \${XDG_CONFIG_HOME:-~/.config}/oh-tui/config.toml, or pass --config <file>)
# and uncomment what you want to change. A line "#key = value" shows the default, or an example
# where the default is unset or depends on the machine.
#
# Environment variables beat this file: [core] key x is X, any other [section] key x is SECTION_X
# (SANDBOX_TIMEOUT=300, LLM_MODEL=gpt-4o). Empty variables are ignored; booleans take true, false,
# 1 or 0; tables cannot come from the environment.
#
# As in OpenHands 0.15, a top-level key named like such a variable (LLM_MODEL = "gpt-4o", above
# any [section]) is read as that variable would be, and overrides the sections of this file.
#
# [llm.<name>] and [agent.<Name>] are named groups; a group takes every key it does not set from
# [llm] or [agent]. Relative paths are relative to this file's directory; ~ is your home.
# Unknown keys are reported as warnings and ignored.
`;

/** Named-group examples shown after their section's keys. */
const GROUP_EXAMPLES: Partial<Record<SectionName, string>> = {
  llm: `# A named group, chosen by llm_config in [agent] or [agent.<Name>].
#[llm.cheap]
#model = "gpt-4o-mini"
`,
  agent: `# Settings for one agent, by its name.
#[agent.CodeActAgent]
#llm_config = "cheap"
`,
};

const MAX_LINE = 100;

function shownDefault(spec: KeySpec): string {
  if (spec.default instanceof Computed) return spec.default.shown;
  if (spec.default === undefined) return 'unset';
  return formatTomlValue(spec.default, spec.type === 'number');
}

function renderKey(spec: KeySpec): string {
  const env = spec.type === 'table' ? 'none (a table comes only from this file)' : spec.env.join(', ');
  const shown = spec.default instanceof Computed || spec.default === undefined ? spec.example : spec.default;
  const meta = `# Default: ${shownDefault(spec)}. Env: ${env}`;
  const metaLines = meta.length <= MAX_LINE ? [meta] : [`# Default: ${shownDefault(spec)}`, `# Env: ${env}`];
  return [`# ${spec.description}`, ...metaLines, `#${spec.key} = ${formatTomlValue(shown, spec.type === 'number')}`, ''].join('\n');
}

export function renderConfigExample(): string {
  const sections = SECTION_NAMES.map((section) => {
    const keys = keysOf(section).map(renderKey);
    const group = GROUP_EXAMPLES[section];
    return [`[${section}]\n`, ...keys, ...(group ? [group] : [])].join('\n');
  });
  return `${[BANNER, ...sections].join('\n').trimEnd()}\n`;
}
