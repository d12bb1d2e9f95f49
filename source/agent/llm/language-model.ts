import {createAnthropic} from '@ai-sdk/anthropic';
import {createOpenAI} from '@ai-sdk/openai';
import {createOpenAICompatible} from '@ai-sdk/openai-compatible';
import type {ProviderModel} from './provider-model.js';
import type {ModelSpec} from './model-spec.js';

export interface LanguageModelOptions {
  /** Undefined for a keyless local server; kept in memory only. */
  apiKey: string | undefined;
  /** For tests that count or break requests; the global fetch otherwise. */
  fetch?: typeof globalThis.fetch;
}

/**
 * The AI SDK model for a spec. OpenAI goes through `.chat()`: the chat-completions API, never the
 * Responses API that `createOpenAI()(model)` would call. Every other OpenAI-style server goes through
 * the openai-compatible package, asked to report usage in the stream.
 */
export function createLanguageModel(spec: ModelSpec, {apiKey, fetch}: LanguageModelOptions): ProviderModel {
  switch (spec.api) {
    case 'anthropic':
      // An empty key lets a keyless proxy at base_url be used; the SDK would otherwise read the env itself.
      return createAnthropic({baseURL: spec.baseURL, apiKey: apiKey ?? '', fetch})(spec.modelId);
    case 'openai':
      return createOpenAI({baseURL: spec.baseURL, apiKey: apiKey ?? '', fetch}).chat(spec.modelId);
    case 'openai-compatible':
      return createOpenAICompatible({name: spec.provider, baseURL: spec.baseURL, apiKey, fetch, includeUsage: true}).chatModel(
        spec.modelId,
      );
  }
}
