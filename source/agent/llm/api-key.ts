import {UserError} from '../../lib/errors.js';
import type {ModelSpec} from './model-spec.js';
import {providerInfo} from './providers.js';

/**
 * The key to send: [llm] api_key (which LLM_API_KEY sets), else the provider's own variable
 * (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...) as LiteLLM reads it. OpenAI and Anthropic at their own
 * hosts need one; a server at base_url may take none.
 */
export function resolveApiKey(
  llm: {api_key: string | undefined; base_url: string | undefined},
  spec: ModelSpec,
  env: Record<string, string | undefined>,
  label = '[llm]',
): string | undefined {
  if (llm.api_key) return llm.api_key;
  const info = providerInfo(spec.provider);
  const fromEnv = info?.apiKeyEnv ? env[info.apiKeyEnv] : undefined;
  if (fromEnv) return fromEnv;
  const ownHost = spec.api !== 'openai-compatible' && !llm.base_url;
  if (ownHost) {
    throw new UserError(`${label} model ${spec.provider}/${spec.modelId} needs an API key`, {
      hint: `Set ${label} api_key in config.toml, or LLM_API_KEY${info?.apiKeyEnv ? ` or ${info.apiKeyEnv}` : ''} in the environment.`,
    });
  }
  return undefined;
}
