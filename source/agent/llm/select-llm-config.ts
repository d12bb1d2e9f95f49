import type {Config, LlmConfig} from '../../config/types.js';
import {UserError} from '../../lib/errors.js';

export interface SelectedLlm {
  llm: LlmConfig;
  /** How messages name it: `[llm]` or `[llm.cheap]`. */
  label: string;
}

/**
 * The LLM settings the agent uses: the group `-l/--llm-config` names (which must exist), else the
 * one its [agent.<Name>] or [agent] llm_config names, else [llm]. A dangling llm_config falls back
 * to [llm], as in OpenHands 0.15 (loadConfig already warned about it).
 */
export function selectLlmConfig(config: Config, options: {llmConfigName?: string; agentName?: string} = {}): SelectedLlm {
  const group = (name: string): LlmConfig | undefined => (Object.hasOwn(config.llms, name) ? config.llms[name] : undefined);
  if (options.llmConfigName !== undefined) {
    const llm = group(options.llmConfigName);
    if (llm === undefined) {
      const known = Object.keys(config.llms);
      throw new UserError(`--llm-config ${JSON.stringify(options.llmConfigName)}: there is no [llm.${options.llmConfigName}] group`, {
        hint: known.length > 0 ? `Groups in the config: ${known.join(', ')}.` : 'The config has no [llm.<name>] groups.',
      });
    }
    return {llm, label: `[llm.${options.llmConfigName}]`};
  }
  const agentName = options.agentName ?? config.core.default_agent;
  const agentGroup = Object.hasOwn(config.agents, agentName) ? config.agents[agentName] : undefined;
  const name = agentGroup?.llm_config ?? config.agent.llm_config;
  const llm = name === undefined ? undefined : group(name);
  return llm === undefined ? {llm: config.llm, label: '[llm]'} : {llm, label: `[llm.${name}]`};
}
