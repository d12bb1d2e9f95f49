/** Which LLM settings an agent uses: its group's llm_config, else [agent]'s, naming an [llm.<name>] group. */
import type {AgentConfig, Config, LlmConfig} from './types.js';

function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function llmConfigForAgent(config: Config, agentName: string): LlmConfig {
  const agent: AgentConfig = own(config.agents, agentName) ?? config.agent;
  // Like OpenHands 0.15, a name without a group falls back to [llm]; loadConfig has warned about it.
  return (agent.llm_config !== undefined && own(config.llms, agent.llm_config)) || config.llm;
}

/** Each `llm_config = "x"` without an [llm.x] group, as `{section, name}`; groups that inherit it are not repeated. */
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
