import {UserError} from '../../lib/errors.js';
import {type ModelApi, PROVIDERS, providerInfo} from './providers.js';

/** Which provider, which model and where: what [llm] model, base_url and custom_llm_provider say. */
export interface ModelSpec {
  /** The provider as named in `provider/model` (`openai`, `anthropic`, `ollama`, ...). */
  provider: string;
  /** The model as the provider spells it (may itself hold slashes: `meta-llama/Llama-3-8B`). */
  modelId: string;
  /** The API's base URL (ends before `/chat/completions` or `/messages`). */
  baseURL: string;
  /** Which AI SDK package speaks to it. */
  api: ModelApi;
}

export interface ModelSpecInput {
  model: string;
  base_url?: string | undefined;
  custom_llm_provider?: string | undefined;
}

const OPENAI_HOST = 'api.openai.com';

/** A bare model name's provider, guessed as LiteLLM does from its own model list (the common families). */
function guessProvider(model: string): string | undefined {
  if (/^claude-/.test(model)) return 'anthropic';
  if (/^(gpt-|chatgpt-|o1|o3|o4|ft:gpt-|text-embedding-)/.test(model)) return 'openai';
  return undefined;
}

function splitModel(model: string, custom: string | undefined): {provider: string | undefined; modelId: string} {
  if (custom) {
    const prefix = `${custom}/`;
    return {provider: custom, modelId: model.startsWith(prefix) ? model.slice(prefix.length) : model};
  }
  const slash = model.indexOf('/');
  if (slash > 0) return {provider: model.slice(0, slash), modelId: model.slice(slash + 1)};
  return {provider: guessProvider(model), modelId: model};
}

function anthropicBase(url: string): string {
  // LiteLLM's anthropic api_base stops before /v1; the AI SDK's includes it. Accept both.
  return /\/v1$/.test(url) ? url : `${url}/v1`;
}

function isOpenAiHost(url: string): boolean {
  try {
    return new URL(url).hostname === OPENAI_HOST;
  } catch {
    return false;
  }
}

/**
 * Resolves [llm] model (`provider/model`, or a bare name whose provider is guessed), base_url and
 * custom_llm_provider. `openai/<anything>` with a base_url that is not OpenAI's is an
 * OpenAI-compatible server (Ollama, vLLM, a LiteLLM proxy), spoken to over chat completions.
 */
export function resolveModelSpec(llm: ModelSpecInput, label = '[llm]'): ModelSpec {
  const model = llm.model.trim();
  const baseUrl = llm.base_url?.trim().replace(/\/+$/, '') || undefined;
  if (model === '') throw new UserError(`${label} model is empty`, {hint: 'Set it, e.g. model = "openai/gpt-4o".'});
  const {provider, modelId} = splitModel(model, llm.custom_llm_provider?.trim() || undefined);
  if (provider === undefined) {
    // A bare name LiteLLM would not know: with a base_url it can only mean an OpenAI-compatible server.
    if (baseUrl) return {provider: 'openai', modelId, baseURL: baseUrl, api: 'openai-compatible'};
    throw new UserError(`${label} model ${JSON.stringify(model)} does not say its provider`, {
      hint: `Write it as provider/model, e.g. "openai/${model}" or "anthropic/${model}" (providers: ${Object.keys(PROVIDERS).join(', ')}); for an OpenAI-compatible server use "openai/<model>" with base_url.`,
    });
  }
  const info = providerInfo(provider);
  if (info === undefined) {
    // `meta-llama/Llama-3-8B` at a base_url is a model name with a slash, served over chat completions.
    if (baseUrl && !llm.custom_llm_provider) return {provider: 'openai', modelId: model, baseURL: baseUrl, api: 'openai-compatible'};
    const where = llm.custom_llm_provider ? `${label} custom_llm_provider` : `${label} model`;
    const value = llm.custom_llm_provider ? llm.custom_llm_provider : model;
    throw new UserError(`${where} ${JSON.stringify(value)}: unknown provider "${provider}"`, {
      hint: `Known providers: ${Object.keys(PROVIDERS).join(', ')}. For any OpenAI-compatible server use "openai/<model>" with base_url.`,
    });
  }
  if (modelId === '') throw new UserError(`${label} model ${JSON.stringify(model)} names no model after "${provider}/"`);
  const baseURL = baseUrl ?? info.defaultBaseURL;
  if (baseURL === undefined) {
    throw new UserError(`${label} model ${JSON.stringify(model)}: provider "${provider}" needs ${label} base_url`, {
      hint: 'Set base_url to the server, e.g. base_url = "http://localhost:8000/v1".',
    });
  }
  if (info.api === 'anthropic') return {provider, modelId, baseURL: anthropicBase(baseURL), api: 'anthropic'};
  if (info.api === 'openai' && !isOpenAiHost(baseURL)) return {provider, modelId, baseURL, api: 'openai-compatible'};
  return {provider, modelId, baseURL, api: info.api};
}
