import type {AssistantModelMessage, ModelMessage, SystemModelMessage, ToolModelMessage, UserModelMessage} from 'ai';
import type {ProviderMessage, ProviderPrompt} from './provider-model.js';

type Content<M extends ProviderMessage['role']> = Extract<ProviderMessage, {role: M}>['content'];

export interface ProviderPromptOptions {
  /**
   * Tool-call arguments go as their JSON text rather than the object: the OpenAI-style providers
   * then only check that it parses instead of serialising the object through a slow cycle-checking
   * replacer (the same text for plain JSON objects). Anthropic sends the object itself, so not there.
   */
  toolInputAsJson: boolean;
}

const OBJECT_INPUT: ProviderPromptOptions = {toolInputAsJson: false};

/**
 * The conversation as the provider model reads it, converted as the AI SDK's streamText does but
 * without validating it first (its zod check costs more than the request itself on a long
 * session): strings become one text part, empty text parts are dropped, and every
 * `providerOptions` (Anthropic's cache marks) goes through unchanged. Only what our messages hold
 * is converted (text, tool calls, tool results); anything else is a bug and throws.
 */
export function toProviderPrompt(
  system: string | SystemModelMessage,
  messages: readonly ModelMessage[],
  options: ProviderPromptOptions = OBJECT_INPUT,
): ProviderPrompt {
  const prompt: ProviderPrompt = [providerSystemMessage(system)];
  for (const message of messages) prompt.push(providerMessage(message, options));
  return prompt;
}

export function providerSystemMessage(system: string | SystemModelMessage): ProviderMessage {
  return typeof system === 'string' ? {role: 'system', content: system} : systemMessage(system);
}

/** One message of toProviderPrompt. */
export function providerMessage(message: ModelMessage, options: ProviderPromptOptions): ProviderMessage {
  switch (message.role) {
    case 'system':
      return systemMessage(message);
    case 'user':
      return withOptions({role: 'user', content: userContent(message.content)}, message);
    case 'assistant':
      return withOptions({role: 'assistant', content: assistantContent(message.content, options)}, message);
    case 'tool':
      return withOptions({role: 'tool', content: toolContent(message.content)}, message);
  }
}

function systemMessage(message: SystemModelMessage): ProviderMessage {
  return withOptions({role: 'system', content: message.content}, message);
}

function userContent(content: UserModelMessage['content']): Content<'user'> {
  if (typeof content === 'string') return [{type: 'text', text: content}];
  const parts: Content<'user'> = [];
  for (const part of content) {
    if (part.type !== 'text') throw unsupported(part.type, 'user');
    if (part.text !== '') parts.push(withOptions({type: 'text', text: part.text}, part));
  }
  return parts;
}

function assistantContent(content: AssistantModelMessage['content'], options: ProviderPromptOptions): Content<'assistant'> {
  if (typeof content === 'string') return [{type: 'text', text: content}];
  const parts: Content<'assistant'> = [];
  for (const part of content) {
    switch (part.type) {
      case 'text':
        if (part.text !== '' || part.providerOptions !== undefined) parts.push(withOptions({type: 'text', text: part.text}, part));
        break;
      case 'tool-call':
        parts.push(
          withOptions(
            {
              type: 'tool-call',
              toolCallId: part.toolCallId,
              toolName: part.toolName,
              input: options.toolInputAsJson ? inputJson(part.input) : part.input,
            },
            part,
          ),
        );
        break;
      default:
        throw unsupported(part.type, 'assistant');
    }
  }
  return parts;
}

function toolContent(content: ToolModelMessage['content']): Content<'tool'> {
  const parts: Content<'tool'> = [];
  for (const part of content) {
    if (part.type !== 'tool-result') throw unsupported(part.type, 'tool');
    const {output} = part;
    if (output.type !== 'text' && output.type !== 'error-text' && output.type !== 'json' && output.type !== 'error-json') {
      throw unsupported(`${output.type} output`, 'tool');
    }
    parts.push(withOptions({type: 'tool-result', toolCallId: part.toolCallId, toolName: part.toolName, output}, part));
  }
  return parts;
}

/**
 * A plain object's JSON text, which both OpenAI-style providers pass through as the arguments after
 * checking it parses to an object; anything else (a string, an array, a value JSON cannot hold) goes
 * as it is, so the provider treats it as it always did.
 */
function inputJson(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  try {
    return JSON.stringify(input);
  } catch {
    return input;
  }
}

/** `target` with the source's providerOptions, when it has any (a key set to undefined would show in tests and bodies). */
function withOptions<T extends object>(target: T, source: {providerOptions?: unknown}): T {
  if (source.providerOptions !== undefined) (target as {providerOptions?: unknown}).providerOptions = source.providerOptions;
  return target;
}

function unsupported(what: string, role: string): Error {
  return new Error(`a ${what} part in a ${role} message: the prompt conversion handles only text, tool calls and tool results`);
}
