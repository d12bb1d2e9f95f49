import type {Config} from './types.js';

function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Each `llm_config = "x"` without an [llm.x] group, as `{section, name}`; groups that inherit it are
 * not repeated. Such an agent gets [llm], as in OpenHands 0.15: loadConfig warns about each.
 */
export function danglingLlmReferences(config: Config): Array<{section: string; name: string}> {
  const found: Array<{section: string; name: string}> = [];
  const check = (section: string, name: string | undefined): void => {
    if (name !== undefined && own(config.llms, name) === undefined) found.push({section, name});
  };
  check('agent', config.agent.llm_config);
  for (const [agent, values] of Object.entries(config.agents)) {
    if (values.llm_config !== config.agent.llm_config) check(`agent.${agent}`, values.llm_config);
  }
  return found;
}
