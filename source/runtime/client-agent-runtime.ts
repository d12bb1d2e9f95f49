import type {Action} from '../events/actions.js';
import type {Observation} from '../events/observations.js';
import type {RuntimeClient} from './client.js';

/** The agent's view of a runtime (the agent layer's AgentRuntime, which this layer cannot import). */
export interface ActionRunner {
  run(action: Action, options: {signal: AbortSignal}): Promise<Observation>;
}

export interface ClientActionRunnerOptions {
  /** A command's output as it is produced (e.g. headless progress on stderr); ignored when absent. */
  onOutput?: (text: string) => void;
}

/**
 * The agent's runtime for headless runs: straight over the runtime client. Commands stream (an
 * aborted signal sends SIGINT, and the observation still comes); other actions are one request.
 */
export function clientActionRunner(client: RuntimeClient, options: ClientActionRunnerOptions = {}): ActionRunner {
  const onOutput = options.onOutput ?? (() => {});
  return {
    run: (action, {signal}) =>
      action.action === 'run' ? client.runStreaming(action, onOutput, {interrupt: signal}) : client.executeAction(action),
  };
}
