import type {AgentApi} from '../agent/agent-api.js';
import {llmConfigured, selectedLlm} from '../config/selected-llm.js';
import type {Config} from '../config/types.js';
import type {LiveSession} from '../runtime/live-session.js';
import type {EventStream} from '../session/event-stream.js';

/**
 * Makes the agent of one session: it records into the session's stream and runs its actions in
 * the session's runtime (the session screen and headless runs both pass their LiveSession).
 * Undefined: no agent (no LLM configured); the screen then says how to configure one.
 */
export type AgentFactory = (stream: EventStream<Record<string, unknown>>, runtime: LiveSession) => AgentApi | undefined;

/**
 * The one place the real controller is plugged in (the CLI passes what this returns to the session
 * screen and to headless runs). Undefined when no LLM is configured.
 *
 * Until the controller lands this makes no agent at all: wire it here, e.g.
 *   return (stream, runtime) => createAgentController({config, stream, runtime: agentRuntimeOf(runtime),
 *     model: createModelClient(selectedLlm(config))});
 */
export function agentFactoryFor(config: Config): AgentFactory | undefined {
  if (!llmConfigured(selectedLlm(config))) return undefined;
  return undefined;
}
