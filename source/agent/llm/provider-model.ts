import type {LanguageModel} from 'ai';

/*
 * The provider model interface (LanguageModelV3 of @ai-sdk/provider) that the @ai-sdk/openai,
 * anthropic and openai-compatible models implement, and the types of its doStream call. Read off
 * `ai`'s own LanguageModel type rather than imported from @ai-sdk/provider, which is only a
 * dependency of our dependencies.
 */

export type ProviderModel = Extract<LanguageModel, {specificationVersion: 'v3'}>;
export type ProviderCallOptions = Parameters<ProviderModel['doStream']>[0];
export type ProviderPrompt = ProviderCallOptions['prompt'];
export type ProviderMessage = ProviderPrompt[number];
export type ProviderFunctionTool = Extract<NonNullable<ProviderCallOptions['tools']>[number], {type: 'function'}>;
export type ProviderStreamPart = Awaited<ReturnType<ProviderModel['doStream']>>['stream'] extends ReadableStream<infer Part> ? Part : never;
export type ProviderUsage = Extract<ProviderStreamPart, {type: 'finish'}>['usage'];
export type ProviderToolCall = Extract<ProviderStreamPart, {type: 'tool-call'}>;
