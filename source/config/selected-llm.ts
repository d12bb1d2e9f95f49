import type {Config, LlmConfig} from './types.js';

/** The LLM settings the agent uses: the [llm.<name>] group `[agent] llm_config` names, else [llm]. */
export function selectedLlm(config: Config): LlmConfig {
  const name = config.agent.llm_config;
  return name !== undefined && Object.hasOwn(config.llms, name) ? (config.llms[name] as LlmConfig) : config.llm;
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
