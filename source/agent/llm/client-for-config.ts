import type {Config} from '../../config/types.js';
import type {ModelClient} from '../model-client.js';
import {createModelClient, type ModelClientOptions} from './create-model-client.js';
import {selectLlmConfig} from './select-llm-config.js';

/**
 * The agent's ModelClient from the loaded config: the [llm] group -l/--llm-config or llm_config
 * names, else [llm]. Throws a UserError saying what to set when the model or key is missing or
 * wrong: the interactive app shows it and goes on without an agent; a headless run exits with it.
 */
export function modelClientForConfig(
  config: Config,
  options: ModelClientOptions & {llmConfigName?: string; agentName?: string} = {},
): ModelClient {
  const {llm, label} = selectLlmConfig(config, options);
  return createModelClient(llm, {...options, label});
}
