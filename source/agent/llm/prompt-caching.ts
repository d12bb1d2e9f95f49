import type {ModelMessage, SystemModelMessage} from 'ai';

const EPHEMERAL = {anthropic: {cacheControl: {type: 'ephemeral'}}} as const;

/**
 * Anthropic prompt caching: a breakpoint after the system prompt and one on the last user or tool
 * message, so the next step reads the whole prefix from the cache. The SDK puts a message's
 * cacheControl on its last content block. Other messages are passed through untouched.
 */
export function withAnthropicCacheMarks(
  system: string,
  messages: readonly ModelMessage[],
): {system: SystemModelMessage; messages: ModelMessage[]} {
  const marked = [...messages];
  for (let index = marked.length - 1; index >= 0; index -= 1) {
    const message = marked[index]!;
    if (message.role === 'user' || message.role === 'tool') {
      marked[index] = {...message, providerOptions: {...message.providerOptions, ...EPHEMERAL}} as ModelMessage;
      break;
    }
  }
  return {system: {role: 'system', content: system, providerOptions: EPHEMERAL}, messages: marked};
}
