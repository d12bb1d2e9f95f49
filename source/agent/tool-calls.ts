import {type Action, agentFinishAction, agentThinkAction, cmdRunAction, type FileEditAction} from '../events/actions.js';
import type {ToolCallMetadata} from '../events/event-fields.js';
import {BAD_ACTION_ERROR_ID, type ErrorObservation, errorObservation} from '../events/observations.js';
import type {ModelToolCall, ModelTurn} from './model-client.js';
import {EXECUTE_BASH, FINISH, STR_REPLACE_EDITOR, THINK} from './tools.js';

/** One tool call of an answer: the action it asks for, or the error that answers a call we cannot run. */
export type ToolCallOutcome = {kind: 'action'; action: Action} | {kind: 'invalid'; error: ErrorObservation};

export interface ToolCallOptions {
  /** Seconds a command may run when the call names no timeout ([sandbox] timeout). */
  commandTimeout: number;
}

const EDITOR_COMMANDS = ['view', 'create', 'str_replace', 'insert', 'undo_edit'];

/** A call whose arguments do not fit the tool; the message is what the model reads. */
class ArgumentError extends Error {}

/**
 * The actions an answer asks for, in order, each with its `tool_call_metadata` and the answer's text
 * as the first action's thought (as 0.15's function calling does). A call that cannot run (bad JSON,
 * an unknown tool, a missing or wrongly typed argument) becomes an error observation for that call,
 * so the model reads what was wrong as the tool's result.
 */
export function toolCallsToOutcomes(turn: ModelTurn, options: ToolCallOptions): ToolCallOutcome[] {
  const modelResponse = modelResponseOf(turn);
  let thought = turn.text;
  return turn.toolCalls.map((call) => {
    const metadata: ToolCallMetadata = {
      function_name: call.name,
      tool_call_id: call.id,
      model_response: modelResponse,
      total_calls_in_response: turn.toolCalls.length,
    };
    try {
      const action = actionOf(call, options, thought);
      thought = '';
      return {kind: 'action', action: {...action, tool_call_metadata: metadata}};
    } catch (error) {
      if (!(error instanceof ArgumentError)) throw error;
      return {kind: 'invalid', error: {...errorObservation(error.message, BAD_ACTION_ERROR_ID), tool_call_metadata: metadata}};
    }
  });
}

/** The answer as a chat-completions response (what 0.15 keeps as `model_response`): enough to rebuild the assistant message. */
export function modelResponseOf(turn: ModelTurn): Record<string, unknown> {
  return {
    id: turn.response.id,
    model: turn.response.model,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        finish_reason: turn.finishReason,
        message: {
          role: 'assistant',
          content: turn.text || null,
          tool_calls: turn.toolCalls.map((call) => ({
            id: call.id,
            type: 'function',
            function: {name: call.name, arguments: call.rawInput},
          })),
        },
      },
    ],
    usage: {
      prompt_tokens: turn.usage.inputTokens,
      completion_tokens: turn.usage.outputTokens,
      cache_read_tokens: turn.usage.cacheReadTokens,
      cache_write_tokens: turn.usage.cacheWriteTokens,
    },
  };
}

function actionOf(call: ModelToolCall, options: ToolCallOptions, thought: string): Action {
  if (call.invalid !== undefined)
    throw new ArgumentError(`The call to ${call.name} could not be used: ${call.invalid}. Fix it and call again.`);
  const args = argumentsOf(call);
  switch (call.name) {
    case EXECUTE_BASH:
      return bashAction(args, options, thought);
    case STR_REPLACE_EDITOR:
      return editAction(args, thought);
    case THINK: {
      const action = agentThinkAction(requiredString(args, 'thought', call.name));
      return thought ? {...action, args: {thought: `${thought}\n${action.args.thought}`}} : action;
    }
    case FINISH:
      return agentFinishAction(thought, optionalString(args, 'message', call.name) ?? '');
    default:
      throw new ArgumentError(
        `There is no tool named ${JSON.stringify(call.name)}. The tools are: ${[EXECUTE_BASH, STR_REPLACE_EDITOR, THINK, FINISH].join(', ')}.`,
      );
  }
}

function argumentsOf(call: ModelToolCall): Record<string, unknown> {
  let input = call.input;
  if (input === undefined || input === null) {
    try {
      input = call.rawInput.trim() === '' ? {} : JSON.parse(call.rawInput);
    } catch (error) {
      throw new ArgumentError(
        `The arguments of ${call.name} are not valid JSON (${(error as Error).message}): ${call.rawInput.slice(0, 200)}`,
      );
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ArgumentError(`The arguments of ${call.name} must be a JSON object, got ${JSON.stringify(input)?.slice(0, 200)}.`);
  }
  return input as Record<string, unknown>;
}

function bashAction(args: Record<string, unknown>, options: ToolCallOptions, thought: string): Action {
  const command = requiredString(args, 'command', EXECUTE_BASH);
  const timeout = optionalNumber(args, 'timeout', EXECUTE_BASH);
  const isInput = optionalBoolean(args, 'is_input', EXECUTE_BASH) ?? false;
  const lowered = command.trim().toLowerCase();
  // Input, a poll ('') and an interrupt go to the command that runs: none is itself a blocking command.
  const toRunning = isInput || lowered === '' || lowered === 'c-c' || lowered === 'ctrl+c';
  if (timeout !== undefined && !(timeout > 0))
    throw new ArgumentError(`The timeout of ${EXECUTE_BASH} must be a positive number of seconds, got ${timeout}.`);
  const action = cmdRunAction(command, {source: 'agent', thought, ...(toRunning ? {} : {timeout: timeout ?? options.commandTimeout})});
  return isInput ? {...action, args: {...action.args, is_input: true}} : action;
}

function editAction(args: Record<string, unknown>, thought: string): FileEditAction {
  const command = requiredString(args, 'command', STR_REPLACE_EDITOR);
  if (!EDITOR_COMMANDS.includes(command)) {
    throw new ArgumentError(
      `Unknown command ${JSON.stringify(command)} for ${STR_REPLACE_EDITOR}; use one of: ${EDITOR_COMMANDS.join(', ')}.`,
    );
  }
  const path = requiredString(args, 'path', STR_REPLACE_EDITOR);
  const fileText = optionalString(args, 'file_text', STR_REPLACE_EDITOR);
  const oldStr = optionalString(args, 'old_str', STR_REPLACE_EDITOR);
  const newStr = optionalString(args, 'new_str', STR_REPLACE_EDITOR);
  const insertLine = optionalNumber(args, 'insert_line', STR_REPLACE_EDITOR);
  if (insertLine !== undefined && !Number.isInteger(insertLine))
    throw new ArgumentError(`insert_line must be an integer, got ${insertLine}.`);
  const viewRange = args.view_range ?? undefined;
  if (viewRange !== undefined && !(Array.isArray(viewRange) && viewRange.every((line) => Number.isInteger(line)))) {
    throw new ArgumentError(`view_range must be a list of two integers, got ${JSON.stringify(viewRange)}.`);
  }
  return {
    source: 'agent',
    message: command === 'view' ? `Reading file: ${path}` : `Editing file: ${path}`,
    action: 'edit',
    args: {
      path,
      command,
      file_text: fileText ?? null,
      old_str: oldStr ?? null,
      new_str: newStr ?? null,
      insert_line: insertLine ?? null,
      view_range: (viewRange as number[] | undefined) ?? null,
      thought,
      impl_source: 'oh_aci',
      confirmation_state: 'confirmed',
    },
  };
}

function requiredString(args: Record<string, unknown>, name: string, tool: string): string {
  const value = args[name];
  if (value === undefined || value === null) throw new ArgumentError(`${tool} needs the argument \`${name}\` (a string).`);
  if (typeof value !== 'string')
    throw new ArgumentError(`The argument \`${name}\` of ${tool} must be a string, got ${JSON.stringify(value)}.`);
  return value;
}

function optionalString(args: Record<string, unknown>, name: string, tool: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new ArgumentError(`The argument \`${name}\` of ${tool} must be a string, got ${JSON.stringify(value)}.`);
  return value;
}

function optionalNumber(args: Record<string, unknown>, name: string, tool: string): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  // Models often quote numbers; a numeric string is taken as the number.
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new ArgumentError(`The argument \`${name}\` of ${tool} must be a number, got ${JSON.stringify(value)}.`);
  }
  return number;
}

function optionalBoolean(args: Record<string, unknown>, name: string, tool: string): boolean | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value !== 'boolean')
    throw new ArgumentError(`The argument \`${name}\` of ${tool} must be true or false, got ${JSON.stringify(value)}.`);
  return value;
}
