import type {LlmConfig} from '../../config/types.js';
import {addDebugSecret, debugLine} from '../../lib/debug-log.js';
import {sleep} from '../../lib/sleep.js';
import {
  type CompleteOptions,
  ContextWindowExceededError,
  ModelCallError,
  type ModelClient,
  type ModelRequest,
  type ModelTurn,
  type ToolSpec,
} from '../model-client.js';
import {ModelCallAbortedError} from './abort-error.js';
import {resolveApiKey} from './api-key.js';
import {attemptSignal} from './attempt-signal.js';
import {retryDelayMs} from './backoff.js';
import {type ClassifiedFailure, classifyFailure} from './classify-error.js';
import {createLanguageModel} from './language-model.js';
import {resolveModelSpec} from './model-spec.js';
import {costOf, pricesFor} from './prices.js';
import {withAnthropicCacheMarks} from './prompt-caching.js';
import {cachedProviderPrompt} from './provider-prompt-cache.js';
import {type ProviderTools, toProviderTools} from './provider-tools.js';
import {scrubSecrets} from './scrub.js';
import {streamAttempt} from './stream-attempt.js';

export interface ModelClientOptions {
  /** Where the provider's own key variable (OPENAI_API_KEY, ...) is looked up; default process.env. */
  env?: Record<string, string | undefined>;
  /** How messages name the settings: `[llm]` (default) or `[llm.cheap]`. */
  label?: string;
  fetch?: typeof globalThis.fetch;
}

/** What a user can do about a status, added to the message. */
function hintFor(status: number | undefined, label: string): string {
  if (status === 401 || status === 403) return `; check ${label} api_key`;
  if (status === 404) return `; check ${label} model and base_url`;
  return '';
}

/**
 * The ModelClient for an [llm] group: resolves the provider and key once (a UserError when the
 * config is wrong), then streams each completion straight from the provider's AI SDK model
 * (stream-attempt.ts), retrying rate limits, server errors, broken connections and timeouts with
 * the [llm] backoff, and prices the usage.
 */
export function createModelClient(llm: LlmConfig, options: ModelClientOptions = {}): ModelClient {
  const label = options.label ?? '[llm]';
  const spec = resolveModelSpec(llm, label);
  const apiKey = resolveApiKey(llm, spec, options.env ?? process.env, label);
  addDebugSecret(apiKey);
  const model = createLanguageModel(spec, {apiKey, fetch: options.fetch});
  const prices = pricesFor(llm, spec.modelId);
  const name = `${spec.provider}/${spec.modelId}`;
  const scrub = (text: string) => scrubSecrets(text, [apiKey]);
  // Building the tools' argument checks takes about a millisecond; the controller passes the same list each step.
  const toolSets = new WeakMap<readonly ToolSpec[], ProviderTools>();
  const toolsFor = (specs: readonly ToolSpec[]): ProviderTools => {
    let tools = toolSets.get(specs);
    if (tools === undefined) {
      tools = toProviderTools(specs);
      toolSets.set(specs, tools);
    }
    return tools;
  };
  // A long session's prompt is mostly the same messages each step: each is converted once.
  const toPrompt = cachedProviderPrompt({toolInputAsJson: spec.api !== 'anthropic'});

  const fail = (failure: ClassifiedFailure, retries: number, brokeOff: boolean): ModelCallError => {
    const notes = [
      brokeOff && 'not retried: part of the answer had arrived',
      retries > 0 && `gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'}`,
    ];
    const tail = notes.filter(Boolean).join(', ');
    const message = `LLM call to ${name} failed: ${scrub(failure.message)}${hintFor(failure.status, label)}${tail ? ` (${tail})` : ''}`;
    return new ModelCallError(message, failure.status);
  };

  let calls = 0;

  async function complete(request: ModelRequest, {signal, onTextDelta, onRetry}: CompleteOptions): Promise<ModelTurn> {
    const tools = toolsFor(request.tools);
    const marked =
      spec.api === 'anthropic' && llm.caching_prompt
        ? withAnthropicCacheMarks(request.system, request.messages)
        : {system: request.system, messages: request.messages};
    const prompt = toPrompt(marked.system, marked.messages);
    calls += 1;
    const call = calls;
    for (let attempt = 1; ; attempt += 1) {
      if (signal.aborted) throw new ModelCallAbortedError(signal.reason);
      const startedAt = Date.now();
      debugLine('llm', `call ${call}.${attempt} to ${name}: ${request.messages.length} messages, ${request.tools.length} tools`);
      const guard = attemptSignal(signal, llm.timeout);
      const outcome = await streamAttempt({
        model,
        modelId: spec.modelId,
        prompt,
        tools,
        temperature: llm.temperature,
        topP: llm.top_p,
        maxOutputTokens: llm.max_output_tokens,
        signal: guard.signal,
        onTextDelta,
        onActivity: guard.touch,
      }).finally(guard.dispose);
      if (outcome.ok) {
        debugLine('llm', `call ${call}.${attempt} answered in ${Date.now() - startedAt} ms: ${describeTurn(outcome.turn)}`);
        return {...outcome.turn, cost: costOf(outcome.turn.usage, prices)};
      }
      const spent = Date.now() - startedAt;
      if (signal.aborted) {
        debugLine('llm', `call ${call}.${attempt} stopped after ${spent} ms`);
        throw new ModelCallAbortedError(signal.reason);
      }
      const failure: ClassifiedFailure = guard.timedOut()
        ? {kind: 'retryable', status: undefined, message: `no data for ${llm.timeout} s (${label} timeout)`, retryAfterMs: undefined}
        : classifyFailure(outcome.error);
      debugLine('llm', `call ${call}.${attempt} failed after ${spent} ms (${failure.kind}): ${scrub(failure.message)}`);
      if (failure.kind === 'context-window') throw new ContextWindowExceededError(scrub(failure.message));
      // A retry after part of the answer was shown would show it twice: such a failure ends the call.
      if (failure.kind !== 'retryable' || outcome.streamed || attempt > llm.num_retries) {
        throw fail(failure, attempt - 1, outcome.streamed);
      }
      const waitMs = retryDelayMs(llm, attempt, failure.retryAfterMs);
      onRetry?.({attempt, waitMs, reason: scrub(failure.message)});
      try {
        // onRetry may itself have stopped the call (lib sleep does not look at an already-aborted signal).
        if (signal.aborted) throw signal.reason;
        await sleep(waitMs, signal);
      } catch {
        throw new ModelCallAbortedError(signal.reason);
      }
    }
  }

  return {model: name, complete};
}

/** A turn as the debug log says it: why it ended, its tokens, its length and the tools it called. */
function describeTurn(turn: Omit<ModelTurn, 'cost'>): string {
  const tools = turn.toolCalls.map((toolCall) => toolCall.name).join(', ');
  return `${turn.finishReason}, ${turn.usage.inputTokens} tokens in, ${turn.usage.outputTokens} out, ${turn.text.length} characters of text${tools ? `, calls ${tools}` : ''}`;
}
