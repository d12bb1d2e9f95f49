import type {Config, LlmConfig} from './types.js';

/**
 * The name of the [llm.<name>] group the agent uses: the one its own [agent.<Name>] table names,
 * else [agent] llm_config (which -l/--llm-config sets, on both), else none ([llm]). A name with no
 * such group falls back to [llm], as in OpenHands 0.15 (loading the config already warned).
 */
export function selectedLlmName(config: Config): string | undefined {
  const agentGroup = Object.hasOwn(config.agents, config.core.default_agent) ? config.agents[config.core.default_agent] : undefined;
  const name = agentGroup?.llm_config ?? config.agent.llm_config;
  return name !== undefined && Object.hasOwn(config.llms, name) ? name : undefined;
}

/** The LLM settings the agent uses (see selectedLlmName). */
export function selectedLlm(config: Config): LlmConfig {
  const name = selectedLlmName(config);
  return name === undefined ? config.llm : (config.llms[name] as LlmConfig);
}

/** How messages name the settings the agent uses: `[llm]` or `[llm.cheap]`. */
export function selectedLlmLabel(config: Config): string {
  const name = selectedLlmName(config);
  return name === undefined ? '[llm]' : `[llm.${name}]`;
}

/**
 * Whether an LLM is configured at all. The schema's default model has no key, so a model alone says
 * nothing: a key (config.toml or LLM_API_KEY) or a base_url (a local or proxy server) must be there.
 */
export function llmConfigured(llm: LlmConfig): boolean {
  return (llm.api_key !== undefined && llm.api_key !== '') || (llm.base_url !== undefined && llm.base_url !== '');
}

/** What to tell a user who has no LLM configured. */
export const HOW_TO_CONFIGURE_LLM =
  'set [llm] model and api_key (or base_url for a local server such as Ollama) in config.toml, ' +
  'or pass --model provider/model with the key in LLM_API_KEY (e.g. --model openai/gpt-4o)';
