import type {Config} from '../config/types.js';
import type {EventStream} from '../session/event-stream.js';
import type {AgentApi} from './agent-api.js';
import {AgentController} from './agent-controller.js';
import type {AgentRuntime} from './agent-runtime.js';
import type {ModelClient} from './model-client.js';
import {readRepoInstructions} from './repo-instructions.js';

export interface CreateAgentOptions {
  config: Config;
  /** The session's events: the agent records everything there, and rebuilds its context from it. */
  stream: EventStream<Record<string, unknown>>;
  /** Where actions run: the screen's LiveSession (runAgentAction), or clientAgentRuntime for headless runs. */
  runtime: AgentRuntime;
  /** The LLM client; undefined when no LLM is configured (then there is no agent). */
  model: ModelClient | undefined;
  /** -i/--max-iterations; default [core] max_iterations. */
  maxIterations?: number;
  /** -b/--max-budget-per-task; default [core] max_budget_per_task. */
  maxBudgetPerTask?: number;
  /** --confirm; default [security] confirmation_mode. */
  confirmationMode?: boolean;
}

/** The session's agent, or undefined without an LLM (the caller says how to configure one: HOW_TO_CONFIGURE_LLM). */
export function createAgent(options: CreateAgentOptions): AgentApi | undefined {
  const {config, model} = options;
  if (!model) return undefined;
  return new AgentController({
    model,
    runtime: options.runtime,
    stream: options.stream,
    workspacePath: config.core.workspace_mount_path_in_sandbox,
    readInstructions: () => readRepoInstructions(config.core.workspace_base),
    maxIterations: options.maxIterations ?? config.core.max_iterations,
    maxBudgetPerTask: options.maxBudgetPerTask ?? config.core.max_budget_per_task,
    maxMessageChars: config.llm.max_message_chars,
    commandTimeout: config.sandbox.timeout,
    confirmationMode: options.confirmationMode ?? config.security.confirmation_mode,
  });
}
