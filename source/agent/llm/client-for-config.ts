import {selectedLlm, selectedLlmLabel} from '../../config/selected-llm.js';
import type {Config} from '../../config/types.js';
import type {ModelClient} from '../model-client.js';
import {createModelClient, type ModelClientOptions} from './create-model-client.js';

/**
 * The agent's ModelClient from the loaded config: the settings the agent uses (the [llm.<name>]
 * group -l/--llm-config or llm_config names, else [llm]). Throws a UserError saying what to set
 * when the model or key is missing or wrong, naming the group.
 */
export function modelClientForConfig(config: Config, options: Omit<ModelClientOptions, 'label'> = {}): ModelClient {
  return createModelClient(selectedLlm(config), {...options, label: selectedLlmLabel(config)});
}
