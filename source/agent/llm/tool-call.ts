import type {ModelToolCall} from '../model-client.js';
import type {ProviderToolCall} from './provider-model.js';
import type {ProviderTools} from './provider-tools.js';

/**
 * Our view of one call the provider reported: its arguments parsed and checked against the tool's
 * schema, or, when that fails (an unknown tool, bad JSON, arguments not matching), `invalid` with
 * the reason in the words the AI SDK used. `rawInput` is the arguments text as streamed, else as
 * the call carried it.
 */
export function toModelToolCall(call: ProviderToolCall, tools: ProviderTools, streamedInput: string | undefined): ModelToolCall {
  const id = call.toolCallId;
  const name = call.toolName;
  const rawInput = streamedInput ?? call.input;
  const invalid = (reason: string): ModelToolCall => ({id, name, input: undefined, rawInput, invalid: reason});
  if (!tools.checks.has(name)) {
    const names = [...tools.checks.keys()];
    return invalid(
      `Model tried to call unavailable tool '${name}'. ${names.length === 0 ? 'No tools are available.' : `Available tools: ${names.join(', ')}.`}`,
    );
  }
  let input: unknown = {};
  if (call.input.trim() !== '') {
    try {
      input = JSON.parse(call.input);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return invalid(`Invalid input for tool ${name}: JSON parsing failed: Text: ${call.input}.\nError message: ${why}`);
    }
  }
  const problems = tools.checks.get(name)?.(input);
  if (problems !== undefined) {
    return invalid(`Invalid input for tool ${name}: Type validation failed: Value: ${JSON.stringify(input)}.\nError message: ${problems}`);
  }
  return {id, name, input, rawInput};
}
