import {describe, expect, it} from 'vitest';
import {resolveModelSpec} from '../../../../source/agent/llm/model-spec.js';
import {UserError} from '../../../../source/lib/errors.js';

function specError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('resolveModelSpec', () => {
  it.each([
    [{model: 'openai/gpt-4o'}, {provider: 'openai', modelId: 'gpt-4o', baseURL: 'https://api.openai.com/v1', api: 'openai'}],
    [
      {model: 'anthropic/claude-3-5-sonnet-20241022'},
      {provider: 'anthropic', modelId: 'claude-3-5-sonnet-20241022', baseURL: 'https://api.anthropic.com/v1', api: 'anthropic'},
    ],
    // Bare names: the provider is guessed from the model family, as LiteLLM does.
    [
      {model: 'claude-3-5-sonnet-20241022'},
      {provider: 'anthropic', modelId: 'claude-3-5-sonnet-20241022', baseURL: 'https://api.anthropic.com/v1', api: 'anthropic'},
    ],
    [{model: 'gpt-4o'}, {provider: 'openai', modelId: 'gpt-4o', baseURL: 'https://api.openai.com/v1', api: 'openai'}],
    [{model: 'o3-mini'}, {provider: 'openai', modelId: 'o3-mini', baseURL: 'https://api.openai.com/v1', api: 'openai'}],
    // openai/<anything> at another server: an OpenAI-compatible one (chat completions).
    [
      {model: 'openai/llama3.1:8b', base_url: 'http://localhost:11434/v1/'},
      {provider: 'openai', modelId: 'llama3.1:8b', baseURL: 'http://localhost:11434/v1', api: 'openai-compatible'},
    ],
    [
      {model: 'openai/meta-llama/Llama-3.1-8B-Instruct', base_url: 'http://vllm:8000/v1'},
      {provider: 'openai', modelId: 'meta-llama/Llama-3.1-8B-Instruct', baseURL: 'http://vllm:8000/v1', api: 'openai-compatible'},
    ],
    // base_url at OpenAI itself keeps the openai package.
    [
      {model: 'openai/gpt-4o', base_url: 'https://api.openai.com/v1'},
      {provider: 'openai', modelId: 'gpt-4o', baseURL: 'https://api.openai.com/v1', api: 'openai'},
    ],
    // Anthropic's base_url may stop before /v1, as LiteLLM's api_base does.
    [
      {model: 'anthropic/claude-3-5-haiku-20241022', base_url: 'http://proxy:4000'},
      {provider: 'anthropic', modelId: 'claude-3-5-haiku-20241022', baseURL: 'http://proxy:4000/v1', api: 'anthropic'},
    ],
    [
      {model: 'ollama/qwen2.5-coder'},
      {provider: 'ollama', modelId: 'qwen2.5-coder', baseURL: 'http://localhost:11434/v1', api: 'openai-compatible'},
    ],
    [
      {model: 'openrouter/anthropic/claude-3.5-sonnet'},
      {provider: 'openrouter', modelId: 'anthropic/claude-3.5-sonnet', baseURL: 'https://openrouter.ai/api/v1', api: 'openai-compatible'},
    ],
    // custom_llm_provider says the provider; a prefix naming the same provider is dropped.
    [
      {model: 'my-model', custom_llm_provider: 'openai', base_url: 'http://127.0.0.1:9000/v1'},
      {provider: 'openai', modelId: 'my-model', baseURL: 'http://127.0.0.1:9000/v1', api: 'openai-compatible'},
    ],
    [
      {model: 'anthropic/claude-3-5-sonnet-20241022', custom_llm_provider: 'anthropic'},
      {provider: 'anthropic', modelId: 'claude-3-5-sonnet-20241022', baseURL: 'https://api.anthropic.com/v1', api: 'anthropic'},
    ],
    // A bare or slashed name no provider claims, at a base_url: the server's own model name.
    [
      {model: 'Qwen/Qwen2.5-Coder-32B', base_url: 'http://gpu:8000/v1'},
      {provider: 'openai', modelId: 'Qwen/Qwen2.5-Coder-32B', baseURL: 'http://gpu:8000/v1', api: 'openai-compatible'},
    ],
    [
      {model: 'mistral-large', base_url: 'http://gpu:8000/v1'},
      {provider: 'openai', modelId: 'mistral-large', baseURL: 'http://gpu:8000/v1', api: 'openai-compatible'},
    ],
  ])('%j', (input, expected) => {
    expect(resolveModelSpec(input)).toEqual(expected);
  });

  it('names [llm] model and the value for an unknown provider', () => {
    const error = specError(() => resolveModelSpec({model: 'bedrock/anthropic.claude-v2'}));
    expect(error.message).toBe('[llm] model "bedrock/anthropic.claude-v2": unknown provider "bedrock"');
    expect(error.hint).toMatch(/openai\/<model>" with base_url/);
  });

  it('names the group when the settings come from one', () => {
    const error = specError(() => resolveModelSpec({model: 'azure/gpt-4o'}, '[llm.cheap]'));
    expect(error.message).toBe('[llm.cheap] model "azure/gpt-4o": unknown provider "azure"');
  });

  it('names custom_llm_provider when that is the unknown one', () => {
    const error = specError(() => resolveModelSpec({model: 'gpt-4o', custom_llm_provider: 'azure'}));
    expect(error.message).toBe('[llm] custom_llm_provider "azure": unknown provider "azure"');
  });

  it('asks for a provider when a bare name cannot be guessed and there is no base_url', () => {
    const error = specError(() => resolveModelSpec({model: 'llama3'}));
    expect(error.message).toBe('[llm] model "llama3" does not say its provider');
    expect(error.hint).toMatch(/"openai\/llama3"/);
  });

  it('asks for base_url when the provider has no address of its own', () => {
    const error = specError(() => resolveModelSpec({model: 'hosted_vllm/my-model'}));
    expect(error.message).toBe('[llm] model "hosted_vllm/my-model": provider "hosted_vllm" needs [llm] base_url');
  });

  it('refuses an empty model and an empty name after the provider', () => {
    expect(specError(() => resolveModelSpec({model: ' '})).message).toBe('[llm] model is empty');
    expect(specError(() => resolveModelSpec({model: 'openai/'})).message).toBe('[llm] model "openai/" names no model after "openai/"');
  });
});
