import type {AgentApi} from '../agent/agent-api.js';
import {createAgent} from '../agent/create-agent.js';
import {modelClientForConfig} from '../agent/llm/client-for-config.js';
import type {ModelClient} from '../agent/model-client.js';
import {llmConfigured, selectedLlm} from '../config/selected-llm.js';
import type {Config} from '../config/types.js';
import {isUserError} from '../lib/errors.js';
import type {LiveSession} from '../runtime/live-session.js';
import type {EventStream} from '../session/event-stream.js';

/**
 * Makes the agent of one session: it records into the session's stream and runs its actions in
 * the session's runtime (the session screen and headless runs both pass their LiveSession).
 * Undefined: no agent (no LLM configured); the screen then says how to configure one.
 */
export type AgentFactory = (stream: EventStream<Record<string, unknown>>, runtime: LiveSession) => AgentApi | undefined;

/**
 * The agent factory the CLI passes to the session screen and to headless runs; undefined when no
 * LLM is configured. The LLM client is made here, before any screen: settings that are there but
 * wrong (an unknown provider, a model that needs a key it lacks while a base_url is set) are the
 * user's mistake, reported with the key to fix; a config with no key anywhere (not in [llm], not in
 * LLM_API_KEY, not in the provider's own variable such as OPENAI_API_KEY) simply has no agent.
 */
export function agentFactoryFor(config: Config, env: Record<string, string | undefined> = process.env): AgentFactory | undefined {
  let model: ModelClient;
  try {
    model = modelClientForConfig(config, {env});
  } catch (error) {
    if (isUserError(error) && !llmConfigured(selectedLlm(config))) return undefined;
    throw error;
  }
  return (stream, runtime) =>
    createAgent({config, stream, model, runtime: {run: (action, options) => runtime.runAgentAction(action, options)}});
}
