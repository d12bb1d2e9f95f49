/**
 * The providers a `provider/model` name may start with, as LiteLLM (and so OpenHands 0.15) spells
 * them. `openai` and `anthropic` have their own AI SDK packages; the rest speak the OpenAI
 * chat-completions protocol at a known (or configured) base URL.
 */
export type ModelApi = 'openai' | 'anthropic' | 'openai-compatible';

export interface ProviderInfo {
  api: ModelApi;
  /** Where the API lives when [llm] base_url is unset; undefined: base_url is required. */
  defaultBaseURL: string | undefined;
  /** The provider's own key variable, read when neither [llm] api_key nor LLM_API_KEY is set. */
  apiKeyEnv: string | undefined;
  /** A local server that takes no key. */
  keyless?: boolean;
}

export const PROVIDERS: Readonly<Record<string, ProviderInfo>> = {
  openai: {api: 'openai', defaultBaseURL: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY'},
  anthropic: {api: 'anthropic', defaultBaseURL: 'https://api.anthropic.com/v1', apiKeyEnv: 'ANTHROPIC_API_KEY'},
  openrouter: {api: 'openai-compatible', defaultBaseURL: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY'},
  deepseek: {api: 'openai-compatible', defaultBaseURL: 'https://api.deepseek.com/v1', apiKeyEnv: 'DEEPSEEK_API_KEY'},
  groq: {api: 'openai-compatible', defaultBaseURL: 'https://api.groq.com/openai/v1', apiKeyEnv: 'GROQ_API_KEY'},
  mistral: {api: 'openai-compatible', defaultBaseURL: 'https://api.mistral.ai/v1', apiKeyEnv: 'MISTRAL_API_KEY'},
  together_ai: {api: 'openai-compatible', defaultBaseURL: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHERAI_API_KEY'},
  ollama: {api: 'openai-compatible', defaultBaseURL: 'http://localhost:11434/v1', apiKeyEnv: undefined, keyless: true},
  ollama_chat: {api: 'openai-compatible', defaultBaseURL: 'http://localhost:11434/v1', apiKeyEnv: undefined, keyless: true},
  lm_studio: {api: 'openai-compatible', defaultBaseURL: 'http://localhost:1234/v1', apiKeyEnv: undefined, keyless: true},
  hosted_vllm: {api: 'openai-compatible', defaultBaseURL: undefined, apiKeyEnv: undefined, keyless: true},
  litellm_proxy: {api: 'openai-compatible', defaultBaseURL: undefined, apiKeyEnv: 'LITELLM_PROXY_API_KEY'},
};

export function providerInfo(name: string): ProviderInfo | undefined {
  return Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name] : undefined;
}
