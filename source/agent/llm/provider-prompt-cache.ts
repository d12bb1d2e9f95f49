import type {ModelMessage, SystemModelMessage} from 'ai';
import type {ProviderMessage, ProviderPrompt} from './provider-model.js';
import {type ProviderPromptOptions, providerMessage, providerSystemMessage} from './provider-prompt.js';

interface Converted {
  /** What the message held when it was converted: a message given new content is converted again. */
  content: ModelMessage['content'];
  providerOptions: ModelMessage['providerOptions'];
  message: ProviderMessage;
}

/**
 * toProviderPrompt that converts each message once: the controller's MessageBuilder hands back the
 * same message objects step after step (a changed answer is a new object), so a long session's
 * step converts only its new messages. Messages are read as immutable; as a guard, one whose
 * content or providerOptions was replaced is converted again. The provider reads the prompt
 * without changing it, so the converted messages are shared between requests.
 */
export function cachedProviderPrompt(
  options: ProviderPromptOptions,
): (system: string | SystemModelMessage, messages: readonly ModelMessage[]) => ProviderPrompt {
  const converted = new WeakMap<ModelMessage, Converted>();
  return (system, messages) => {
    const prompt: ProviderPrompt = [providerSystemMessage(system)];
    for (const message of messages) {
      let entry = converted.get(message);
      if (entry === undefined || entry.content !== message.content || entry.providerOptions !== message.providerOptions) {
        entry = {content: message.content, providerOptions: message.providerOptions, message: providerMessage(message, options)};
        converted.set(message, entry);
      }
      prompt.push(entry.message);
    }
    return prompt;
  };
}
