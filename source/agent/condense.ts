import type {ModelMessage} from 'ai';

export const CONDENSED_TEXT = '[output condensed]';

/** The last messages are never condensed: the model needs the turn it is in. */
const KEEP_LAST_MESSAGES = 4;

/** How many tool results of `messages` may be condensed (all but those in the latest turns). */
export function condensableResults(messages: readonly ModelMessage[]): number {
  let count = 0;
  for (const message of messages.slice(0, Math.max(0, messages.length - KEEP_LAST_MESSAGES))) {
    if (message.role === 'tool') count += message.content.filter((part) => part.type === 'tool-result').length;
  }
  return count;
}

/**
 * The number of oldest tool results to condense after `current` were not enough: half of the rest
 * (at least one more); undefined when there is nothing left to condense.
 */
export function nextCondensation(messages: readonly ModelMessage[], current: number): number | undefined {
  const available = condensableResults(messages);
  if (current >= available) return undefined;
  return current + Math.max(1, Math.ceil((available - current) / 2));
}

/**
 * `messages` with the outputs of the `count` oldest tool results replaced by a short marker. User
 * messages (the task first of all), the agent's text and its calls stay, and so do the latest turns.
 */
export function condenseMessages(messages: readonly ModelMessage[], count: number): ModelMessage[] {
  let left = Math.min(count, condensableResults(messages));
  if (left <= 0) return [...messages];
  return messages.map((message) => {
    if (message.role !== 'tool' || left <= 0) return message;
    return {
      ...message,
      content: message.content.map((part) => {
        if (part.type !== 'tool-result' || left <= 0) return part;
        left--;
        return {...part, output: {type: 'text' as const, value: CONDENSED_TEXT}};
      }),
    };
  });
}
