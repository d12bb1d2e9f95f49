import {badRequest} from '../http/http-error.js';

export interface ActionMeta {
  id: number | undefined;
  source: string | undefined;
  /** Top-level `timeout` in seconds. */
  timeout: number | undefined;
}

export interface RunAction {
  type: 'run';
  meta: ActionMeta;
  command: string;
  blocking: boolean;
  keepPrompt: boolean;
  hidden: boolean;
}

export interface ReadAction {
  type: 'read';
  meta: ActionMeta;
  path: string;
  start: number;
  end: number;
}

export interface WriteAction {
  type: 'write';
  meta: ActionMeta;
  path: string;
  content: string;
  start: number;
  end: number;
}

export interface EditAction {
  type: 'edit';
  meta: ActionMeta;
  command: string;
  path: string;
  fileText: string | undefined;
  oldStr: string | undefined;
  newStr: string | undefined;
  insertLine: number | undefined;
  viewRange: number[] | undefined;
}

export interface UnsupportedAction {
  type: 'unsupported';
  meta: ActionMeta;
  actionType: string;
}

export type ParsedAction = RunAction | ReadAction | WriteAction | EditAction | UnsupportedAction;

type JsonObject = Record<string, unknown>;

/**
 * Validates the body of POST /execute_action (`{"action": <OpenHands 0.15 event JSON>}`) and turns
 * it into a typed action. Malformed input is a 400 naming the field; an action type this server does
 * not run is not an error here: the executor answers it with an error observation, like 0.15.
 */
export function parseExecuteRequest(body: unknown): ParsedAction {
  if (!isObject(body)) throw badRequest('The request body must be a JSON object like {"action": {...}}.');
  if (!isObject(body.action)) throw badRequest('"action" must be a JSON object (an OpenHands event).');
  return parseAction(body.action);
}

export function parseAction(action: JsonObject): ParsedAction {
  const type = action.action;
  if (typeof type !== 'string' || type === '') {
    throw badRequest(`action.action must be a non-empty string (the action type), got ${describe(type)}.`);
  }
  const args = action.args ?? {};
  if (!isObject(args)) throw badRequest(`action.args must be a JSON object, got ${describe(args)}.`);
  const meta = parseMeta(action);
  const field = new ArgReader(args);
  switch (type) {
    case 'run':
      return {
        type,
        meta,
        command: field.string('command'),
        blocking: field.optionalBoolean('blocking') ?? false,
        keepPrompt: field.optionalBoolean('keep_prompt') ?? true,
        hidden: field.optionalBoolean('hidden') ?? false,
      };
    case 'read':
      return {
        type,
        meta,
        path: field.string('path'),
        start: field.optionalInteger('start') ?? 0,
        end: field.optionalInteger('end') ?? -1,
      };
    case 'write':
      return {
        type,
        meta,
        path: field.string('path'),
        content: field.string('content'),
        start: field.optionalInteger('start') ?? 0,
        end: field.optionalInteger('end') ?? -1,
      };
    case 'edit':
      return {
        type,
        meta,
        command: field.string('command'),
        path: field.string('path'),
        fileText: field.optionalString('file_text'),
        oldStr: field.optionalString('old_str'),
        newStr: field.optionalString('new_str'),
        insertLine: field.optionalInteger('insert_line'),
        viewRange: field.optionalIntegerList('view_range'),
      };
    default:
      return {type: 'unsupported', meta, actionType: type};
  }
}

function parseMeta(action: JsonObject): ActionMeta {
  const {id, source, timeout} = action;
  if (id !== undefined && id !== null && !Number.isInteger(id)) {
    throw badRequest(`action.id must be an integer, got ${describe(id)}.`);
  }
  if (source !== undefined && source !== null && typeof source !== 'string') {
    throw badRequest(`action.source must be a string, got ${describe(source)}.`);
  }
  if (timeout !== undefined && timeout !== null && !(typeof timeout === 'number' && timeout > 0)) {
    throw badRequest(`action.timeout must be a positive number of seconds, got ${describe(timeout)}.`);
  }
  return {
    id: typeof id === 'number' ? id : undefined,
    source: typeof source === 'string' ? source : undefined,
    timeout: typeof timeout === 'number' ? timeout : undefined,
  };
}

/** Reads typed fields of `action.args`; null counts as absent, as in 0.15's dataclass defaults. */
class ArgReader {
  constructor(private readonly args: JsonObject) {}

  string(name: string): string {
    const value = this.args[name];
    if (typeof value !== 'string') throw badRequest(`action.args.${name} must be a string, got ${describe(value)}.`);
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.args[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw badRequest(`action.args.${name} must be a string, got ${describe(value)}.`);
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.args[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw badRequest(`action.args.${name} must be true or false, got ${describe(value)}.`);
    return value;
  }

  optionalInteger(name: string): number | undefined {
    const value = this.args[name];
    if (value === undefined || value === null) return undefined;
    if (!Number.isInteger(value)) throw badRequest(`action.args.${name} must be an integer, got ${describe(value)}.`);
    return value as number;
  }

  optionalIntegerList(name: string): number[] | undefined {
    const value = this.args[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((item) => Number.isInteger(item))) {
      throw badRequest(`action.args.${name} must be a list of integers, got ${describe(value)}.`);
    }
    return value as number[];
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
