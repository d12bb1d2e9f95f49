import type {LlmConfig} from '../../source/config/types.js';

/** [llm] with OpenHands 0.15's defaults (as source/config/schema.ts has them) and the given changes. */
export function llmConfig(changes: Partial<LlmConfig> = {}): LlmConfig {
  return {
    model: 'claude-3-5-sonnet-20241022',
    api_key: undefined,
    base_url: undefined,
    api_version: undefined,
    custom_llm_provider: undefined,
    num_retries: 8,
    retry_multiplier: 2,
    retry_min_wait: 15,
    retry_max_wait: 120,
    timeout: undefined,
    max_message_chars: 30000,
    temperature: 0,
    top_p: 1,
    max_input_tokens: undefined,
    max_output_tokens: undefined,
    input_cost_per_token: undefined,
    output_cost_per_token: undefined,
    drop_params: true,
    caching_prompt: true,
    ...changes,
  };
}
