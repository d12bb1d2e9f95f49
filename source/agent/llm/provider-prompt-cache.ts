import type {ModelMessage, SystemModelMessage} from 'ai';
import type {ProviderMessage, ProviderPrompt} from './provider-model.js';
import {type ProviderPromptOptions, providerMessage, providerSystemMessage} from './provider-prompt.js';

interface Converted {
  source: ModelMessage;
  /** What the message held when it was converted: a message given new content is converted again. */
  content: ModelMessage['content'];
  providerOptions: ModelMessage['providerOptions'];
  message: ProviderMessage;
}

/**
 * toProviderPrompt that converts each message once: the controller's MessageBuilder hands back the
 * same message objects step after step, at the same places (a changed answer is a new object), so
 * a long session's step converts only its new messages. A message is looked up where it was in the
 * last request; messages are read as immutable, but as a guard one whose content or providerOptions
 * was replaced is converted again. The provider reads the prompt without changing it, so the
 * converted messages are shared between requests.
 */
export function cachedProviderPrompt(
  options: ProviderPromptOptions,
): (system: string | SystemModelMessage, messages: readonly ModelMessage[]) => ProviderPrompt {
  let last: Converted[] = [];
  return (system, messages) => {
    const prompt: ProviderPrompt = [providerSystemMessage(system)];
    const next: Converted[] = [];
    for (let index = 0; index < messages.length; index++) {
      const message = messages[index]!;
      let entry = last[index];
      if (
        entry === undefined ||
        entry.source !== message ||
        entry.content !== message.content ||
        entry.providerOptions !== message.providerOptions
      ) {
        entry = {
          source: message,
          content: message.content,
          providerOptions: message.providerOptions,
          message: providerMessage(message, options),
        };
      }
      next.push(entry);
      prompt.push(entry.message);
    }
    last = next;
    return prompt;
  };
}
