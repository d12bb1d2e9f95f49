/** Values from one origin (defaults, the file, the environment), merged in that order by load.ts. */
import {SECTION_NAMES, type SectionName} from './schema.js';
import type {ConfigWarning} from './types.js';

export type Values = Record<string, unknown>;

export interface Layer {
  sections: Record<SectionName, Values>;
  /** Named [llm.<name>] / [agent.<Name>] groups: only the keys they set. */
  llms: Record<string, Values>;
  agents: Record<string, Values>;
}

export function emptyLayer(): Layer {
  const sections = Object.fromEntries(SECTION_NAMES.map((name) => [name, {}])) as Record<SectionName, Values>;
  // Group names come from the file: without a prototype, `[llm.__proto__]` is just a name.
  return {sections, llms: Object.create(null) as Record<string, Values>, agents: Object.create(null) as Record<string, Values>};
}

/** What reading one origin found wrong: errors stop loading (all are reported at once), warnings do not. */
export interface Findings {
  errors: string[];
  warnings: ConfigWarning[];
}
